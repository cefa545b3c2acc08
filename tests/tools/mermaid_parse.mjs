// Parse a Mermaid chart (stdin) with the real mermaid parser and print, as JSON, what it
// understood: the config its directives set, the node labels and the subgraph titles.
// Needs node, and mermaid 11 and jsdom in MERMAID_NODE_MODULES (`npm install -g mermaid jsdom`).
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
const root = process.env.MERMAID_NODE_MODULES;
const require = createRequire(join(root, "noop.js"));
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(join(root, "mermaid", "dist", "mermaid.core.mjs")).href);
let text = "";
for await (const chunk of process.stdin) text += chunk;
try {
  const result = await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db;
  const vertices = Object.fromEntries([...db.getVertices()].map(([k, v]) => [k, v.text]));
  const subgraphs = db.getSubGraphs().map((s) => ({ id: s.id, title: s.title, nodes: s.nodes }));
  console.log(JSON.stringify({ ok: true, config: result.config ?? {}, vertices, subgraphs }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String((e && e.message) || e).slice(0, 500) }));
}

"""Small parsers for the Mermaid and DOT text the chart exporter writes: every line (or
statement) must be one the exporter means to write, and they give back what a renderer
would see (nesting, labels, edges by kind) for the tests to compare with the org."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MERMAID_LINE = re.compile(
    r'^(?P<indent> *)(?:'
    r'(?P<open>subgraph (?P<sid>org|d\d+)\["(?P<slabel>[^"]*)"\])'
    r'|(?P<end>end)'
    r'|(?P<node>(?P<nid>p\d+|d\d+_empty)\["(?P<nlabel>[^"]*)"\])'
    r'|(?P<edge>(?P<a>p\d+|d\d+_empty) (?P<arrow>---|-\.-|==>|~~~) (?P<b>p\d+|d\d+_empty))'
    r'|(?P<classdef>classDef vacant stroke-dasharray: 5 5)'
    r'|(?P<deptdef>classDef (?P<dclass>dept\d+) fill:#[0-9a-f]{6},color:#000000)'
    r'|(?P<class>class (?P<members>p\d+(?:,p\d+)*) (?P<cls>vacant|dept\d+))'
    r')$'
)
MERMAID_EDGE_KINDS = {"---": "line", "-.-": "dotted", "==>": "cycle", "~~~": "invisible"}


@dataclass
class Chart:
    parent: dict[str, str] = field(default_factory=dict)  # node or group -> the group it is in
    labels: dict[str, str] = field(default_factory=dict)  # node or group -> its label (as written)
    vacant: set[str] = field(default_factory=set)
    edges: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # kind -> (from, to)
    attrs: dict[str, dict[str, str]] = field(default_factory=dict)  # DOT: node -> its attributes

    def of(self, kind: str) -> list[tuple[str, str]]:
        return self.edges.get(kind, [])


def parse_mermaid(text: str) -> Chart:
    lines = text.splitlines()
    assert lines[0] == "flowchart TB"
    chart = Chart()
    stack: list[str] = []
    for line in lines[1:]:
        m = MERMAID_LINE.match(line)
        assert m, f"not a line this exporter writes: {line!r}"
        if m["open"]:
            if stack:
                chart.parent[m["sid"]] = stack[-1]
            chart.labels[m["sid"]] = m["slabel"]
            stack.append(m["sid"])
        elif m["end"]:
            stack.pop()
        elif m["node"]:
            chart.parent[m["nid"]] = stack[-1]
            chart.labels[m["nid"]] = m["nlabel"]
        elif m["edge"]:
            for end in (m["a"], m["b"]):
                assert end in chart.labels, f"an edge to a node never declared: {line!r}"
            chart.edges.setdefault(MERMAID_EDGE_KINDS[m["arrow"]], []).append((m["a"], m["b"]))
        elif m["class"] and m["cls"] == "vacant":
            chart.vacant |= set(m["members"].split(","))
    assert stack == [], "unbalanced subgraph/end"
    return chart


def unmermaid(label: str) -> str:
    def entity(m: re.Match[str]) -> str:
        return '"' if m.group(1) == "quot" else chr(int(m.group(1)))

    assert re.search(r"#(?!quot;|\d+;)", label) is None, "a bare # would start an entity"
    assert not re.search(r"[<>&`\\%:]", label.replace("<br/>", "")), label
    return re.sub(r"#(quot|\d+);", entity, label)


DOT_TOKEN = re.compile(r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<punct>->|[{}\[\];=,])|(?P<id>[A-Za-z_][A-Za-z0-9_]*|[0-9]+(?:\.[0-9]+)?))')


def dot_tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = DOT_TOKEN.match(text, pos)
        assert m and m.end() > pos, f"unexpected DOT at {text[pos:pos + 40]!r}"
        kind = m.lastgroup
        assert kind is not None
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def undot(quoted: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), quoted[1:-1])


def _dot_attrs(tokens: list[tuple[str, str]], j: int) -> tuple[dict[str, str], int]:
    """Attributes from the `[` at j; returns them and the index of the `]`."""
    attrs: dict[str, str] = {}
    j += 1
    while tokens[j][1] != "]":
        if tokens[j + 1][1] == "=":
            attrs[tokens[j][1]] = tokens[j + 2][1]
            j += 3
        else:
            j += 1
    return attrs, j


def _edge_kind(attrs: dict[str, str]) -> str:
    if attrs.get("style") == "invis":
        return "invisible"
    if attrs.get("style") == "dashed":
        return "dotted"
    if "penwidth" in attrs:
        return "cycle"
    return "line"


def parse_dot(text: str) -> Chart:
    """Each node's cluster, labels, edges by kind, node attributes."""
    tokens = dot_tokens(text)
    assert tokens[:3] == [("id", "digraph"), ("id", "org"), ("punct", "{")]
    chart = Chart()
    stack: list[str] = []
    i = 2
    while i < len(tokens):
        kind, value = tokens[i]
        if value == "{":
            stack.append(tokens[i - 1][1] if tokens[i - 2][1] == "subgraph" else "root")
        elif value == "}":
            stack.pop()
        elif kind == "id" and value == "label" and tokens[i + 1][1] == "=":
            chart.labels[stack[-1]] = undot(tokens[i + 2][1])
            i += 2
        elif kind == "id" and tokens[i + 1][1] == "->":
            target = tokens[i + 2][1]
            attrs: dict[str, str] = {}
            j = i + 2
            if tokens[j + 1][1] == "[":
                attrs, j = _dot_attrs(tokens, j + 1)
            for end in (value, target):
                assert end in chart.labels, f"an edge to a node never declared: {value} -> {target}"
            chart.edges.setdefault(_edge_kind(attrs), []).append((value, target))
            i = j
        elif kind == "id" and tokens[i + 1][1] == "[":
            attrs, j = _dot_attrs(tokens, i + 1)
            if value == "graph":
                chart.labels[stack[-1]] = undot(attrs["label"])
            elif value not in ("node", "edge"):
                chart.parent[value] = stack[-1]
                chart.labels[value] = undot(attrs["label"])
                chart.attrs[value] = attrs
                if "dashed" in attrs.get("style", ""):
                    chart.vacant.add(value)
            i = j
        i += 1
    assert stack == [], "unbalanced braces"
    return chart

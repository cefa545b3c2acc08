"""`orgtui export`: the CSV matrix, the Markdown report, the Mermaid and DOT charts and the
JSON export, on the samples and on small orgs with names built to break each format."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from chart_text import parse_dot, parse_mermaid, unmermaid

from orgtui.cli import main
from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.coverage import duty_coverage
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position
from orgtui.core.domain.validator import Validator
from orgtui.core.export import (
    FORMATS,
    csv_matrix,
    dot_chart,
    json_export,
    markdown_report,
    mermaid_chart,
    render,
)
from orgtui.core.export.chart_model import chart_model
from orgtui.core.export.csv_matrix import FIXED_BEFORE
from orgtui.core.export.escape import markdown as escape_markdown
from orgtui.core.export.escape import spreadsheet
from orgtui.core.export.names import position_with_holders
from orgtui.core.storage.orgfile import dumps_org, load_org, to_data
from orgtui.core.text import visible

SAMPLES = Path(__file__).resolve().parents[1] / "sample_orgs"
SAMPLE_NAMES = sorted(p.name for p in SAMPLES.glob("*.toml"))
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
PRICING = "ecommerce_manager.pricing"
RETURNS = "ecommerce_manager.returns"
COMPLAINTS = "customer_service_manager.complaints"


def sample(name: str) -> Org:
    return load_org(SAMPLES / name).org


def tricky_org() -> Org:
    """Names with the characters each format gives a meaning to."""
    return Org(
        OrgInfo('Müller, "Shop" | GmbH'),
        builtin_catalog(),
        [Department("top", "Top # & <b>"), Department("sub", 'Sub "dept" \\ {x}', parent="top"),
         Department("empty", "Empty;end")],
        [Person("a", "=HYPERLINK(\"http://evil\")"), Person("b", 'Bob "Bobby" O\'Neil, Jr.'),
         Person("c", "Line\nbreak\x1b[31m")],
        [
            Position("p1", "Lead, Shop | Web", "top", "ecommerce_manager", ("a", "b"), (PRICING, RETURNS)),
            Position("p2", 'Quoted "title"\\n', "sub", None, ("c",), (PRICING,)),
            Position("p3", "`Vacant` *star* [link](x)", "sub", None, (), (COMPLAINTS,)),
        ],
    )


# -- CSV --------------------------------------------------------------------------------


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    data = text.encode("utf-8")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_csv_has_a_row_per_duty_and_a_column_per_position(name: str) -> None:
    org = sample(name)
    rows = read_csv(csv_matrix(org))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Role", "Duty ID", "Duty", "Duty (German)"] and header[-3:] == ["Owners", "Status", "Reports to"]
    assert len(header) == 4 + len(org.positions) + 3
    assert [r[1] for r in body] == list(org.catalog.duties)
    positions = list(org.positions)
    for row in body:
        marked = [positions[i] for i, cell in enumerate(row[4:-3]) if cell == "X"]
        assert all(cell in ("", "X") for cell in row[4:-3])
        assert tuple(marked) == org.owners(row[1])
        assert int(row[-3]) == len(marked)


def test_csv_status_agrees_with_the_validator_on_before_reorg() -> None:
    org = sample("before-reorg.toml")
    status = {r[1]: r[-2] for r in read_csv(csv_matrix(org))[1:]}
    findings = Validator(org).findings()
    unowned = {f.subject for f in findings if f.code == "unowned-duty"}
    split = {f.subject for f in findings if f.code == "split-duty"}
    vacant = {f.subject for f in findings if f.code == "vacant-duty"}
    assert {d for d, s in status.items() if s == "unowned"} == unowned and len(unowned) == 19
    assert {d for d, s in status.items() if s == "vacancy only"} == vacant and len(vacant) == 3
    assert {d for d, s in status.items() if s == "split"} == split - vacant
    assert Counter(status.values())["owned"] == 51 - 19 - 3 - len(split - vacant)


def test_csv_reports_to_names_the_managers_of_the_duty_s_owners() -> None:
    """The last column: whom the owning positions report to (`Title [id]`), once each."""
    org = sample("online-retailer.toml")
    rows = read_csv(csv_matrix(org))
    assert rows[0][-1] == "Reports to"
    reports_to = {r[1]: r[-1] for r in rows[1:]}
    for row in duty_coverage(org):
        managers = dict.fromkeys(m for p in row.owners if (m := org.positions[p].reports_to))
        assert reports_to[row.duty.id] == "; ".join(f"{org.positions[m].title} [{m}]" for m in managers)
    assert reports_to[PRICING] == "Managing Director [managing_director]"  # the Head of E-Commerce owns it
    assert {r[-1] for r in read_csv(csv_matrix(sample("hostile-names.toml")))[1:]} == {""}  # no reporting lines


def test_csv_status_prefers_the_more_serious_one() -> None:
    org = tricky_org()
    status = {row.duty.id: row.status for row in duty_coverage(org)}
    assert status[PRICING] == "split"  # two positions, both held
    assert status[RETURNS] == "owned"
    assert status[COMPLAINTS] == "vacancy only"
    assert status["ux_designer.mockups"] == "unowned"
    # split between two vacancies is reported as vacancy only
    two_vacant = Org(OrgInfo("x"), builtin_catalog(), [Department("d", "D")], [],
                     [Position("v1", "V1", "d", duties=(PRICING,)), Position("v2", "V2", "d", duties=(PRICING,))])
    assert {r.duty.id: r.status for r in duty_coverage(two_vacant)}[PRICING] == "vacancy only"


def test_csv_quotes_names_and_defuses_formulas() -> None:
    text = csv_matrix(tricky_org())
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")  # CRLF rows, no raw newline
    assert CONTROL.search(text.replace("\r\n", "")) is None
    header = read_csv(text)[0]
    assert header[4] == "Lead, Shop | Web [p1]"
    assert header[5] == 'Quoted "title"\\n [p2]'
    assert header[6] == "`Vacant` *star* [link](x) [p3] (vacant)"
    assert '"Lead, Shop | Web [p1]"' in text and '"Quoted ""title""\\n [p2]"' in text
    formula = Org(OrgInfo("f"), builtin_catalog(), [Department("d", "D")], [],
                  [Position("p", "=1+2", "d", duties=(PRICING,)), Position("q", "@SUM(A1)", "d")])
    header = read_csv(csv_matrix(formula))[0]
    assert header[4:6] == ["'=1+2 [p] (vacant)", "'@SUM(A1) [q] (vacant)"]


FORMULA_NAMES = {
    "equals": "=1+2",
    "space equals": " =HYPERLINK(\"http://evil\")",
    "spaces equals": "   =1+2",
    "no-break space equals": "\u00a0=1+2",
    "ideographic space equals": "\u3000=1+2",
    "fullwidth equals": "\uff1d1+2",
    "small equals": "\ufe661+2",
    "fullwidth plus": "\uff0b1",
    "fullwidth minus": "\uff0d1",
    "fullwidth at": "\uff20SUM(A1)",
    "plus": "+1",
    "minus": "-1+2",
    "at": "@SUM(A1)",
    "tab": "\t=1+2",
}


def formula_org() -> Org:
    """Every formula starter as a department, a position title and a person's name."""
    names = list(FORMULA_NAMES.values())
    return Org(
        OrgInfo("Formeln GmbH"),
        builtin_catalog(),
        [Department("d", "Müller & Söhne")],
        [Person(f"h{i}", name) for i, name in enumerate(names)],
        [Position(f"p{i}", name, "d", None, (f"h{i}",), (duty,))
         for i, (name, duty) in enumerate(zip(names, list(builtin_catalog().duties)))],
    )


@pytest.mark.parametrize("name", FORMULA_NAMES.values(), ids=FORMULA_NAMES)
def test_csv_guards_every_formula_starter(name: str) -> None:
    org = formula_org()
    header = read_csv(csv_matrix(org))[0]
    index = list(FORMULA_NAMES.values()).index(name)
    cell = header[len(FIXED_BEFORE) + index]
    assert cell.startswith(("'", "\\x09")), cell
    assert cell.lstrip("'") == visible(f"{name} [p{index}]")


@pytest.mark.parametrize("name", ["Müller", "x = 1", "E-Commerce", "Ünal", "\uff21B"])
def test_csv_leaves_ordinary_names_alone(name: str) -> None:
    assert spreadsheet(name) == name


LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# The import options docs/reports.md recommends: comma, double quote, UTF-8 (76), from line 1,
# no column formats, default language, quoted fields not forced to text, special numbers
# detected, (3 export options), and token 13 "Evaluate formulas" off.
LIBREOFFICE_FILTER = "CSV:44,34,76,1,,0,false,true,false,false,false,-1,false"
LIBREOFFICE_FILTER_EVALUATING = "CSV:44,34,76,1"  # the same charset, formulas evaluated (the default)
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def fods_cells(path: Path) -> list[list[tuple[str, bool]]]:
    """The first sheet of a flat ODS file: each cell's text and whether it is a formula."""
    import xml.etree.ElementTree as ET

    def text_of(element) -> str:
        out = [element.text or ""]
        for child in element:
            if child.tag == f"{{{TEXT}}}s":
                out.append(" " * int(child.get(f"{{{TEXT}}}c", "1")))
            else:
                out.append(text_of(child))
            out.append(child.tail or "")
        return "".join(out)

    table = ET.parse(path).getroot().find(f".//{{{TABLE}}}table")
    assert table is not None
    rows = []
    for row in table.iter(f"{{{TABLE}}}table-row"):
        cells: list[tuple[str, bool]] = []
        for cell in row.iter(f"{{{TABLE}}}table-cell"):
            repeat = int(cell.get(f"{{{TABLE}}}number-columns-repeated", "1"))
            text = "\n".join(text_of(p) for p in cell.iter(f"{{{TEXT}}}p"))
            cells += [(text, cell.get(f"{{{TABLE}}}formula") is not None)] * min(repeat, 100)
        rows.append(cells)
    return rows


def libreoffice_read(csv_path: Path, infilter: str, profile: Path) -> list[list[tuple[str, bool]]]:
    out = csv_path.parent / "converted"
    done = subprocess.run(
        [str(LIBREOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless", f"--infilter={infilter}",
         "--convert-to", "fods", "--outdir", str(out), str(csv_path)],
        capture_output=True, timeout=180, check=False, stdin=subprocess.DEVNULL,
    )
    converted = out / (csv_path.stem + ".fods")
    assert converted.exists(), done.stderr.decode(errors="replace")
    return fods_cells(converted)


@pytest.mark.skipif(LIBREOFFICE is None, reason="needs LibreOffice (apt-get install libreoffice-calc-nogui)")
@pytest.mark.parametrize("infilter", [LIBREOFFICE_FILTER, LIBREOFFICE_FILTER_EVALUATING],
                         ids=["documented options", "formulas evaluated"])
def test_libreoffice_reads_the_matrix_as_text_and_runs_no_formula(infilter: str, tmp_path: Path) -> None:
    org = formula_org()
    text = csv_matrix(org)
    path = tmp_path / "matrix.csv"
    path.write_bytes(text.encode("utf-8"))
    sheet = libreoffice_read(path, infilter, tmp_path / "profile")
    expected = read_csv(text)
    assert [(cell, False) for cell in expected[0]] == sheet[0][: len(expected[0])]  # headers: exact text
    assert not any(formula for row in sheet for _, formula in row)
    by_id = {row[1][0]: row for row in sheet[1:] if len(row) > 1}
    for row in expected[1:]:
        cells = by_id[row[1]]
        assert [t for t, _ in cells[:4]] == row[:4]  # role and duty titles, umlauts intact


# -- Markdown -----------------------------------------------------------------------------


def table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def cells(row: str) -> list[str]:
    return re.split(r"(?<!\\)\|", row)[1:-1]


def test_markdown_summary_roles_and_findings_on_before_reorg() -> None:
    org = sample("before-reorg.toml")
    report = markdown_report(org)
    for line in ("| Duties in the catalog | 51 |", "| Owned (by at least one position) | 32 |", "| Unowned | 19 |",
                 "| Split between positions | 4 |", "| Owned only by vacant positions | 3 |",
                 "| People over capacity | 1 |"):
        assert line in report
    headings = [line[3:] for line in report.splitlines() if line.startswith("## ")]
    assert headings == [r.title.replace("&", "\\&") for r in org.catalog.roles.values()] + ["Span and layers", "Findings"]
    findings = Validator(org).findings()
    bullets = [line for line in report.splitlines() if line.startswith("- **")]
    assert len(bullets) == len(findings)
    assert bullets == [f"- **{f.severity.label}** {f.code}: {escape_markdown(f.message)}" for f in findings]
    assert "“Link between marketing, sales, logistics and creative”" in bullets[0]
    assert ("| Pricing management | Preismanagement | Vertriebsleiter (Ralf Becker); Einkaufsleiterin (Monika Scholz)"
            " | **split** |") in report


def test_markdown_startup_has_no_errors_or_warnings_only_notes() -> None:
    report = markdown_report(sample("startup.toml"))
    assert "**unowned**" not in report and "**error**" not in report and "**warning**" not in report
    # five people, one holder per position: each duty rests on one person
    assert report.count("- **info** single-point-of-failure: Only ") == 51


@pytest.mark.parametrize("org", [tricky_org(), sample("hostile-names.toml")], ids=["tricky", "hostile"])
def test_markdown_tables_keep_their_shape_and_no_control_character_gets_out(org: Org) -> None:
    report = markdown_report(org)
    assert CONTROL.search(report) is None
    for row in table_rows(report):
        assert len(cells(row)) in (2, 4), row
    assert "<b>" not in report and "[link](x)" not in report  # no raw HTML, no live link


def test_markdown_escapes_names_exactly() -> None:
    report = markdown_report(tricky_org())
    assert "# Coverage report: Müller, \"Shop\" \\| GmbH" in report
    assert "Lead, Shop \\| Web (=HYPERLINK(\"http\\://evil\"), Bob \"Bobby\" O'Neil, Jr.)" in report
    assert "\\`Vacant\\` \\*star\\* \\[link\\](x) (vacant)" in report
    assert "Line\\\\x0abreak\\\\x1b\\[31m" in report  # newline and ESC shown as escapes


LINK_NAMES = {
    "url": "https://evil.example/login",
    "url in text": "Login at https://evil.example/a_b_c now",
    "ftp": "ftp://evil.example",
    "www": "www.evil.example",
    "WWW": "Visit WWW.Evil.Example",
    "address": "Anna (anna.b@evil.example)",
    "mailto": "mailto:x_y@evil.example",
    "xmpp": "xmpp:boss@evil.example",
    "markup link": "[b]Shop[/b] [link=https://example.com]click[/link]",
    "angle link": "<https://evil.example>",
}


def linky_org() -> Org:
    names = list(LINK_NAMES.values())
    return Org(
        OrgInfo(names[0]),
        builtin_catalog(),
        [Department("shop", names[3])],
        [Person(f"h{i}", name) for i, name in enumerate(names)],
        [Position(f"p{i}", name, "shop", None, (f"h{i}",), (duty,))
         for i, (name, duty) in enumerate(zip(names, list(builtin_catalog().duties)))],
    )


@pytest.mark.parametrize("name", LINK_NAMES.values(), ids=LINK_NAMES)
def test_markdown_leaves_nothing_for_gfm_to_autolink(name: str) -> None:
    shown = escape_markdown(name)
    assert re.search(r"(?<!\\)://", shown) is None
    assert re.search(r"(?i)www\.", shown) is None
    assert re.search(r"[A-Za-z0-9._+-]@", shown) is None


class RenderedText(HTMLParser):
    """The text of every heading and table cell of rendered HTML, and every link in it."""

    BLOCKS = ("h1", "h2", "td", "th", "li", "p")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[dict] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "a":
            self.links.append(dict(attrs))
        if tag in self.BLOCKS:
            self._open = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS and self._open is not None:
            self.texts.append("".join(self._open))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


CMARK_GFM = shutil.which("cmark-gfm")


@pytest.mark.skipif(CMARK_GFM is None, reason="needs cmark-gfm (apt-get install cmark-gfm)")
@pytest.mark.parametrize("org", [linky_org(), tricky_org(), sample("hostile-names.toml")],
                         ids=["links", "tricky", "hostile-names"])
def test_github_markdown_shows_every_name_as_the_text_it_is(org: Org) -> None:
    assert CMARK_GFM is not None
    done = subprocess.run(
        [CMARK_GFM, "--extension", "table", "--extension", "autolink", "--extension", "strikethrough",
         "--extension", "tagfilter"],
        input=markdown_report(org).encode(), capture_output=True, timeout=60, check=True,
    )
    rendered = RenderedText()
    rendered.feed(done.stdout.decode())
    assert rendered.links == []
    texts = rendered.texts
    assert texts[0] == f"Coverage report: {visible(org.info.name)}"
    owners = " ".join(texts)
    for pid in org.positions:
        if org.positions[pid].duties:
            assert visible(position_with_holders(org, pid)) in owners, position_with_holders(org, pid)


# -- Mermaid --------------------------------------------------------------------------------

def reporting_edges(org: Org) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(manager node, report node) of every reporting line, and of every dotted line."""
    node = {p: f"p{i}" for i, p in enumerate(org.positions, 1)}
    lines = {(node[pos.reports_to], node[p]) for p, pos in org.positions.items() if pos.reports_to}
    dotted = {(node[d], node[p]) for p, pos in org.positions.items() for d in pos.dotted_to}
    return lines, dotted


def starts_with_title(label: str, title: str, newline: str) -> bool:
    """A label's first lines are the title (wrapped at spaces into several lines)."""
    return label.replace(newline, " ").startswith(visible(title))


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_mermaid_chart_draws_the_reporting_tree_or_nests_the_departments(name: str) -> None:
    """With reporting lines: one line per manager and report, dotted lines dotted, no
    department frames. Without: departments nested as in the file, positions inside."""
    org = sample(name)
    text = mermaid_chart(org)
    assert CONTROL.search(text) is None
    chart = parse_mermaid(text)
    dept_node = {d: f"d{i}" for i, d in enumerate(org.departments, 1)}
    pos_node = {p: f"p{i}" for i, p in enumerate(org.positions, 1)}
    assert unmermaid(chart.labels["org"]) == visible(org.info.name)
    for p, pos in org.positions.items():
        assert starts_with_title(unmermaid(chart.labels[pos_node[p]]), pos.title, "<br/>")
        assert (pos_node[p] in chart.vacant) == (not pos.holders)
    if org.has_reporting_lines:
        lines, dotted = reporting_edges(org)
        assert (set(chart.of("line")), set(chart.of("dotted"))) == (lines, dotted)
        assert set(chart.parent.values()) == {"org"}
        return
    for d, dept in org.departments.items():
        assert chart.parent[dept_node[d]] == (dept_node[dept.parent] if dept.parent else "org")
        assert unmermaid(chart.labels[dept_node[d]]) == visible(dept.name)
    for p, pos in org.positions.items():
        assert chart.parent[pos_node[p]] == dept_node[pos.department]


def test_mermaid_escapes_the_tricky_names() -> None:
    text = mermaid_chart(tricky_org())
    assert 'subgraph org["Müller, #quot;Shop#quot; | GmbH"]' in text
    assert 'subgraph d1["Top #35; #38; #60;b#62;"]' in text
    assert 'p2["Quoted #quot;title#quot;#92;n<br/>Line#92;x0abreak#92;x1b[31m"]' in text
    assert 'p3["#96;Vacant#96; *star* [link](x)<br/>VACANT"]' in text
    assert 'd3_empty["(no positions)"]' in text


HOSTILE_MERMAID = {
    "directive": "Shop %%{init: {'theme':'forest'}}%% GmbH",
    "only a directive": "%%{init: {'theme':'dark'}}%%",
    "comment": "%% not a comment",
    "line break": "Line\\nbreak",
    "icon": "fa:fa-ban Sales",
}


def hostile_mermaid_org() -> Org:
    names = list(HOSTILE_MERMAID.values())
    return Org(
        OrgInfo(names[0]),
        builtin_catalog(),
        [Department(f"d{i}", name) for i, name in enumerate(names)],
        [Person("a", names[3])],
        [Position(f"p{i}", name, f"d{i}", None, ("a",) if i == 0 else (), ()) for i, name in enumerate(names)],
    )


def test_mermaid_names_cannot_be_directives_icons_or_line_breaks() -> None:
    text = mermaid_chart(hostile_mermaid_org())
    assert "%" not in text  # no directive and no comment can start anywhere
    assert "fa:fa" not in text and "\\" not in text
    labels = parse_mermaid(text).labels
    for i, name in enumerate(HOSTILE_MERMAID.values()):
        assert unmermaid(labels[f"d{i + 1}"]) == name
        assert starts_with_title(unmermaid(labels[f"p{i + 1}"]), name, "<br/>")  # long titles wrap


MERMAID_PARSER = Path(__file__).parent / "tools" / "mermaid_parse.mjs"


def mermaid_modules() -> Path | None:
    """Where mermaid and jsdom are installed for node (MERMAID_NODE_MODULES, or npm's global root)."""
    if shutil.which("node") is None:
        return None
    root = os.environ.get("MERMAID_NODE_MODULES")
    if root is None and shutil.which("npm"):
        done = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True, timeout=60, check=False)
        root = done.stdout.strip()
    if not root or not all((Path(root) / pkg / "package.json").exists() for pkg in ("mermaid", "jsdom")):
        return None
    return Path(root)


def mermaid_parse(text: str, modules: Path) -> dict:
    done = subprocess.run(
        ["node", str(MERMAID_PARSER)], input=text, capture_output=True, text=True, timeout=120, check=False,
        env=os.environ | {"MERMAID_NODE_MODULES": str(modules)},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def mermaid_shown(label: str) -> str:
    """What Mermaid draws for a parsed label: its entity placeholders decoded (as its
    decodeEntities does), then the HTML entities that gives, with <br> as a line break."""
    html_text = label.replace("\ufb02\xb0\xb0", "&#").replace("\ufb02\xb0", "&").replace("\xb6\xdf", ";")
    assert not re.search(r"\\n", html_text), "Mermaid would draw a line break here"
    return html.unescape(html_text.replace("<br>", "\n"))


@pytest.mark.skipif(mermaid_modules() is None, reason="needs node with mermaid and jsdom (npm install -g mermaid jsdom)")
@pytest.mark.parametrize("org", [hostile_mermaid_org(), tricky_org(), sample("hostile-names.toml")],
                         ids=["directives", "tricky", "hostile-names"])
def test_the_mermaid_parser_reads_every_name_as_the_text_it_is(org: Org) -> None:
    modules = mermaid_modules()
    assert modules is not None
    result = mermaid_parse(mermaid_chart(org), modules)
    assert result["ok"], result["error"]
    assert result["config"] == {}  # no name reconfigured the chart
    titles = {s["id"]: s["title"] for s in result["subgraphs"]}
    assert mermaid_shown(titles["org"]) == visible(org.info.name)
    for i, dept in enumerate(org.departments.values(), 1):
        assert mermaid_shown(titles[f"d{i}"]) == visible(dept.name)
    lines = chart_model(org).lines
    for i in range(1, len(org.positions) + 1):
        assert mermaid_shown(result["vertices"][f"p{i}"]) == "\n".join(lines[f"p{i}"])


# -- DOT ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_dot_chart_is_well_formed_and_draws_the_org(name: str) -> None:
    org = sample(name)
    text = dot_chart(org)
    assert CONTROL.search(text) is None
    chart = parse_dot(text)
    dept = {d: f"cluster_d{i}" for i, d in enumerate(org.departments, 1)}
    for i, pos in enumerate(org.positions.values(), 1):
        assert starts_with_title(chart.labels[f"p{i}"], pos.title, "\n")
        assert (f"p{i}" in chart.vacant) == (not pos.holders)
    assert chart.labels["root"] == visible(org.info.name)
    if org.has_reporting_lines:
        lines, dotted = reporting_edges(org)
        assert (set(chart.of("line")), set(chart.of("dotted"))) == (lines, dotted)
        assert set(chart.parent.values()) == {"root"}
        return
    for i, pos in enumerate(org.positions.values(), 1):
        assert chart.parent[f"p{i}"] == dept[pos.department]
    for d, department in org.departments.items():
        assert chart.labels[dept[d]] == visible(department.name)


def test_dot_escapes_quotes_and_backslashes() -> None:
    text = dot_chart(tricky_org())
    assert 'label="Müller, \\"Shop\\" | GmbH"' in text
    assert 'p2 [label="Quoted \\"title\\"\\\\n\\nLine\\\\x0abreak\\\\x1b[31m"];' in text
    assert "<" not in text.replace("<b>", "")  # the only `<` is inside a quoted name
    assert parse_dot(text).labels["p2"] == 'Quoted "title"\\n\nLine\\x0abreak\\x1b[31m'


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed (Debian: graphviz)")
@pytest.mark.parametrize("name", ["hostile-names.toml", "retailer-300.toml", "tricky"])
def test_graphviz_renders_the_chart(name: str) -> None:
    org = tricky_org() if name == "tricky" else sample(name)
    result = subprocess.run(["dot", "-Tsvg"], input=dot_chart(org).encode("utf-8"), capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    assert b"Warning" not in result.stderr and b"Error" not in result.stderr, result.stderr.decode()
    svg = result.stdout.decode("utf-8")
    clusters = 0 if org.has_reporting_lines else len(org.departments)  # reporting charts colour departments
    assert "<svg" in svg and svg.count("class=\"cluster\"") == clusters


# -- JSON -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_json_export_holds_the_whole_org_and_its_findings(name: str) -> None:
    org = sample(name)
    text = json_export(org)
    assert text.isascii()
    data = json.loads(text)
    assert set(data) == {"schema", "org", "catalog", "coverage", "load", "findings"}
    assert data["schema"] == "orgtui-export/1"
    assert data["org"] == json.loads(json.dumps(to_data(org) | {"comment": org.preamble}))
    validator = Validator(org)
    assert [(f["code"], f["subject"]) for f in data["findings"]] == [(f.code, f.subject) for f in validator.findings()]
    summary = data["coverage"]["summary"]
    assert summary["unowned"] == validator.count("unowned-duty")
    assert summary["owned"] + summary["unowned"] == summary["duties"] == len(org.catalog.duties)
    assert [d["id"] for d in data["coverage"]["duties"]] == list(org.catalog.duties)
    assert sum(len(r["duties"]) for r in data["catalog"]["roles"]) == len(org.catalog.duties)
    assert {row["person"]: row["fte"] for row in data["load"]} == {p: org.load_of(p) for p in org.people}


def test_json_export_gives_each_duty_its_german_title_and_source_sentence() -> None:
    org = sample("before-reorg.toml")
    duties = {d["id"]: d for role in json.loads(json_export(org))["catalog"]["roles"] for d in role["duties"]}
    assert duties[PRICING]["title_de"] == "Preismanagement"
    assert "Preis- und Retourenmanagement" in duties[PRICING]["source"]
    for duty_id, duty in org.catalog.duties.items():
        assert (duties[duty_id]["title_de"], duties[duty_id]["source"]) == (duty.title_de, duty.source)
        assert duty.source  # every duty of the built-in catalog names its sentence


def span_rows(report: str) -> dict[str, list[str]]:
    """The span table of a Markdown report: manager cell -> the other cells."""
    section = report.split("## Span and layers", 1)[1].split("## Findings", 1)[0]
    rows = [cells(line) for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return {row[0].strip(): [c.strip() for c in row[1:]] for row in rows[1:]}


def test_markdown_span_and_layers_summary_agrees_with_the_validator() -> None:
    """before-reorg: the Vertriebsleiter has 10 people in six positions (the vacant one
    counts as one), more than its span of control of 5; three layers, one top."""
    org = sample("before-reorg.toml")
    report = markdown_report(org)
    assert "Layers: 3 (target at most 6)." in report
    assert "Tops: Geschäftsführer (" in report
    assert "Span range: 2 to 5 direct reports per manager" in report  # span_of_control = 5
    rows = span_rows(report)
    managers = [p for p in org.positions if org.reports_of(p)]
    assert list(rows) == [escape_markdown(position_with_holders(org, p)) for p in managers]
    wide = {f.subject for f in Validator(org).findings() if f.code == "wide-manager-span"}
    narrow = {f.subject for f in Validator(org).findings() if f.code == "narrow-manager-span"}
    for p in managers:
        layer, people, positions, verdict = rows[escape_markdown(position_with_holders(org, p))]
        assert int(positions) == len(org.reports_of(p))
        assert verdict == ("**wide**" if p in wide else "**narrow**" if p in narrow else "within")
    sales = next(p for p, pos in org.positions.items() if pos.title == "Vertriebsleiter")
    assert rows[escape_markdown(position_with_holders(org, sales))] == ["2", "10", "6", "**wide**"]


def test_markdown_span_summary_flags_a_deep_tree_and_is_absent_without_reporting_lines() -> None:
    positions = [Position(f"p{i}", f"Level {i}", "d", None, (f"x{i}",), (), 1.0, f"p{i - 1}" if i else None)
                 for i in range(8)]
    people = [Person(f"x{i}", f"P{i}") for i in range(8)]
    org = Org(OrgInfo("Deep", max_layers=6), builtin_catalog(), [Department("d", "D")], people, positions)
    report = markdown_report(org)
    assert "Layers: 8 (target at most 6) — **more than the target**." in report
    assert span_rows(report)["Level 0 (P0)"] == ["1", "1", "1", "**narrow**"]
    assert "## Span and layers" not in markdown_report(sample("hostile-names.toml"))


def test_markdown_report_gives_each_duty_its_german_title_and_source_sentence() -> None:
    org = sample("before-reorg.toml")
    report = markdown_report(org)
    for duty in org.catalog.duties.values():
        row = next(r for r in table_rows(report) if cells(r)[0].strip() == escape_markdown(duty.title))
        assert cells(row)[1].strip() == escape_markdown(duty.title_de)
    source_lines = [line for line in report.splitlines() if line.startswith("- ") and not line.startswith("- **")]
    for duty in org.catalog.duties.values():
        tail = ": " + escape_markdown(duty.source)
        line = next(line for line in source_lines if line.endswith(tail))
        assert escape_markdown(duty.title) in line[len("- "):-len(tail)].split("; ")
    # one sentence that names seven duties is written once, after all seven
    assert sum("Preis- und Retourenmanagement" in line for line in source_lines) == 1


def test_json_keeps_hostile_names_exactly() -> None:
    org = sample("hostile-names.toml")
    data = json.loads(json_export(org))
    assert data["org"]["name"] == org.info.name and "\x1b" in data["org"]["name"]
    assert [p["name"] for p in data["org"]["people"]] == [p.name for p in org.people.values()]


def test_render_knows_every_format() -> None:
    org = sample("startup.toml")
    assert set(FORMATS) == {"csv", "markdown", "mermaid", "dot", "json"}
    for fmt in FORMATS:
        assert render(org, fmt)
    with pytest.raises(ValueError):
        render(org, "pdf")


# -- the command ------------------------------------------------------------------------------


def test_export_writes_to_stdout(capsysbinary) -> None:
    assert main(["export", str(SAMPLES / "startup.toml"), "--format", "csv"]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith("\ufeff".encode("utf-8")) and out.count(b"\r\n") == 52


def test_export_replaces_an_existing_output_atomically(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    out.write_text("old report\n", encoding="utf-8")
    os.chmod(out, 0o640)
    inode = out.stat().st_ino
    assert main(["export", str(SAMPLES / "startup.toml"), "--format", "markdown", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == markdown_report(sample("startup.toml"))
    assert out.stat().st_ino != inode  # a new file renamed over the old one, not rewritten in place
    assert out.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file left


def test_export_leaves_a_read_only_output_alone(tmp_path: Path, capsys) -> None:
    out = tmp_path / "report.md"
    out.write_text("keep me\n", encoding="utf-8")
    out.chmod(0o444)
    if os.access(out, os.W_OK):
        pytest.skip("running as a user who can write read-only files")
    assert main(["export", str(SAMPLES / "startup.toml"), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert "read-only" in capsys.readouterr().err


def test_export_to_a_missing_folder_fails_cleanly(tmp_path: Path, capsys) -> None:
    out = tmp_path / "no-such-folder" / "report.csv"
    assert main(["export", str(SAMPLES / "startup.toml"), "--format", "csv", "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert "the folder does not exist" in captured.err and "Traceback" not in captured.err
    assert captured.out == "" and not out.parent.exists()


def test_export_refuses_to_overwrite_the_org_file(small_org_file: Path, capsys) -> None:
    before = small_org_file.read_bytes()
    assert main(["export", str(small_org_file), "--format", "json", "-o", str(small_org_file)]) == 2
    assert small_org_file.read_bytes() == before
    assert "is the org file itself" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "no such file"),
        ('format = 1\nname = "x"\n[[departments]\n', ":3:"),  # TOML syntax error, with its line
        ('format = 1\nname = "x"\n\n[[positions]]\nid = "p"\ntitle = "P"\ndepartment = "nowhere"\n', ":5:"),
        (b"\xff\xfe not utf-8", "not valid UTF-8"),
    ],
    ids=["missing", "syntax", "reference", "encoding"],
)
def test_export_reports_bad_input_and_writes_nothing(tmp_path: Path, capsys, content, expected) -> None:
    org_file = tmp_path / "org.toml"
    if isinstance(content, bytes):
        org_file.write_bytes(content)
    elif content is not None:
        org_file.write_text(content, encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["export", str(org_file), "--format", "csv", "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert str(org_file) in captured.err and expected in captured.err
    assert not out.exists()


def test_export_as_a_process(tmp_path: Path) -> None:
    """The installed command: exit codes, stdout only on success, no traceback."""
    ok = subprocess.run([sys.executable, "-m", "orgtui", "export", str(SAMPLES / "online-retailer.toml"),
                         "--format", "mermaid"], capture_output=True, timeout=60)
    assert ok.returncode == 0 and ok.stdout.startswith(b"flowchart TB\n") and ok.stderr == b""
    bad = subprocess.run([sys.executable, "-m", "orgtui", "export", str(tmp_path / "nope.toml")],
                         capture_output=True, timeout=60)
    assert bad.returncode == 2 and bad.stdout == b"" and b"no such file" in bad.stderr


def test_every_export_of_a_round_tripped_org_is_the_same(small_org: Org, tmp_path: Path) -> None:
    path = tmp_path / "org.toml"
    path.write_text(dumps_org(small_org), encoding="utf-8")
    again = load_org(path).org
    for fmt in FORMATS:
        assert render(again, fmt) == render(small_org, fmt)

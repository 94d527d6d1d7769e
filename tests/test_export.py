"""Graph files and workbooks: shown names, no ``name`` attribute, plain values, UCINET DL."""

from __future__ import annotations

import zipfile
from pathlib import Path

import networkx as nx
import openpyxl
import pytest

import partnet as pn
from partnet.errors import ParameterError
from partnet.export import export, export_graph, network_tables, sheet_names, write_graph, write_tables
from partnet.pseudonyms import leaked_names

TINY = Path(__file__).parent / "fixtures" / "tiny"

# Roster of the tiny case: t2, t5, t8 did not consent to be named.
NAMED = {"t1": "Ottoline Prewitt", "t3": "Isolde Marchbanks", "t4": "Caspian Dunmore", "t6": "Lysander Quayle",
         "t7": "Morwenna Blatchford"}
HIDDEN = {"t2": "HDC-02", "t5": "BCC-02", "t8": "SFR-02"}
PSEUDONYMS = {"t1": "HDC-01", "t2": "HDC-02", "t3": "HDC-03", "t4": "BCC-01", "t5": "BCC-02", "t6": "BCC-03",
              "t7": "SFR-01", "t8": "SFR-02"}


@pytest.fixture(scope="module")
def case():
    return pn.load_case(TINY)


def _text(path: Path) -> str:
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    return path.read_text(encoding="utf-8")


def test_labels_follow_consent_in_named_mode(case):
    H = export_graph(case.graph())
    assert nx.get_node_attributes(H, "label") == {**NAMED, **HIDDEN}
    assert all("name" not in d for _, d in H.nodes(data=True))


def test_anonymised_labels_are_pseudonyms(case):
    H = export_graph(case.graph(), anonymise=True)
    assert nx.get_node_attributes(H, "label") == PSEUDONYMS
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
def test_graph_files_read_back(case, fmt, reader, tmp_path):
    G = case.graph(min_frequency=3)
    R = reader(write_graph(G, tmp_path / f"g.{fmt}", anonymise=True))
    assert sorted(R.nodes) == sorted(G.nodes)
    assert sorted(R.edges) == sorted(G.edges)
    assert int(R.edges["t5", "t6"]["frequency"]) == 5
    assert R.nodes["t4"]["label"] == "BCC-01" and R.nodes["t4"]["organisation"] == "Brackenford County Council"


def test_dl_reads_back_through_partnet(case, tmp_path):
    from partnet.dl import parse_dl

    path = write_graph(case.graph(), tmp_path / "tiny.dl", anonymise=True)
    problems = []
    raw = parse_dl(path.read_text(), "egov_contact", "tiny.dl", problems)
    assert problems == []
    rows = {(r["respondent"], r["alter"]): r["frequency"] for r in raw.rows}
    assert len(rows) == 17
    assert rows[("BCC-01", "SFR-01")] == "3" and rows[("SFR-01", "SFR-02")] == "5"


def test_network_tables_match_the_graph(case):
    tables = network_tables(case.graph(), anonymise=True)
    assert list(tables["nodes"]["label"]) == list(PSEUDONYMS.values())
    assert len(tables["edges"]) == 17
    m = tables["matrix"]
    assert m.shape == (8, 8) and int(m.to_numpy().sum()) == 61   # the 17 frequencies add up to 61
    assert m.loc["HDC-01", "HDC-02"] == 5 and m.loc["HDC-02", "SFR-01"] == 0


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


@pytest.mark.parametrize("fmt,message", [("gefx", "did you mean 'gexf'"), ("pdf", "one of gexf")], ids=["typo", "unknown"])
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


def test_command_line_export(tmp_path, capsys):
    from partnet.cli import main

    out = tmp_path / "tiny-anon.dl"
    assert main(["export", str(TINY), "--format", "dl", "--anonymise", "-o", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    assert out.read_text().splitlines()[2] == "HDC-01,HDC-02,HDC-03,BCC-01,BCC-02,BCC-03,SFR-01,SFR-02"
    assert main(["export", str(tmp_path / "missing"), "--format", "gexf"]) == 1
    assert "error:" in capsys.readouterr().err

"""Consent and anonymising honoured by every command: graph, export, the index, small organisations.

See docs/privacy.md. The pipeline-level checks (every output of an
anonymised report run) are in test_privacy_pipeline.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import networkx as nx
import pytest

import partnet as pn
from partnet.cli import main
from partnet.privacy import Roster, scan

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny"


def _copy(src: Path, folder: Path, name: str, *, yaml_extra: str = "") -> Path:
    target = folder / name
    shutil.copytree(src, target)
    yaml = target / "case.yaml"
    yaml.write_text(yaml.read_text().replace(f"id: {src.name}", f"id: {name}") + yaml_extra, encoding="utf-8")
    return target


def _names(case_dir: Path) -> Roster:
    return Roster(pn.load_case(case_dir).people["name"])


# --------------------------------------------------------- graph and export

def test_graph_honours_anonymise_in_case_yaml(tmp_path, capsys):
    case = _copy(TINY, tmp_path, "tiny", yaml_extra="anonymise: true\n")
    out = tmp_path / "network.html"
    assert main(["graph", str(case), "-o", str(out)]) == 0          # no --anonymise on the command line
    assert "(anonymised)" in capsys.readouterr().out
    assert scan(out, _names(case)).leaks == []
    assert pn.load_case(case).pseudonyms.of("t1") in out.read_text(encoding="utf-8")


def test_graph_without_anonymising_names_only_who_consented(tmp_path):
    out = tmp_path / "network.html"
    assert main(["graph", str(TINY), "-o", str(out)]) == 0
    found = {f.name for f in scan(out, _names(TINY)).leaks}
    people = pn.load_case(TINY).people
    assert found == set(people.loc[people["consent_named"], "name"])


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "dl", "xlsx"])
def test_export_honours_anonymise_in_case_yaml(tmp_path, fmt):
    case = _copy(TINY, tmp_path, "tiny", yaml_extra="anonymise: true\n")
    out = tmp_path / f"net.{fmt}"
    assert main(["export", str(case), "--format", fmt, "-o", str(out)]) == 0
    assert scan(out, _names(case)).leaks == []
    if fmt == "graphml":
        G = nx.read_graphml(out)
        assert sorted(G) == sorted(pn.load_case(case).people["pseudonym"])
        assert not any("consent_named" in d for _, d in G.nodes(data=True))


def test_graph_refuses_a_page_the_gate_finds_a_name_in(tmp_path, capsys, monkeypatch):
    """If the redaction ever missed a name, the gate stops the file and leaves the old one as it was."""
    import importlib

    interactive = importlib.import_module("partnet.viz.interactive")
    case = _copy(TINY, tmp_path, "tiny")
    out = tmp_path / "network.html"
    out.write_text("the previous good page", encoding="utf-8")
    monkeypatch.setattr(interactive.NetworkPage, "save", lambda self, path: (
        Path(path).write_text(self.html + "<p>Fenwick Arbogast</p>", encoding="utf-8"), Path(path))[1])
    assert main(["graph", str(case), "-o", str(out), "--anonymise"]) == 1
    err = capsys.readouterr().err
    assert "names of people were found in network.html" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "the previous good page"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".partnet-")] == []


# ------------------------------------------------------------- index text

def test_index_never_quotes_the_values_of_a_failed_case(tmp_path):
    """Not anonymised, and the misspelt value is a name of someone who did not consent: not in the index."""
    from partnet.report.pipeline import run

    broken = _copy(TINY, tmp_path / "cases", "tiny_broken")
    with open(broken / "ties.csv", "a", encoding="utf-8") as f:
        f.write("t1,Fenwik Arbogast,egov_contact,3\n")
    result = run([broken], tmp_path / "reports", progress=False)
    (failure,) = result.cases
    assert failure.stage == "data"
    page = result.index.read_text(encoding="utf-8")
    assert "ties.csv, row 19, column &#x27;alter&#x27;" in page and "[unknown-person]" in page
    assert "Fenwik" not in page and "Arbogast" not in page
    assert "run partnet validate on the case to see them" in page


# ------------------------------------------------------ small organisations

def test_small_organisations_are_warned_about(tmp_path):
    case = _copy(TINY, tmp_path, "tiny")
    yaml = case / "case.yaml"
    yaml.write_text(yaml.read_text().replace("small_organisations: keep\n", ""), encoding="utf-8")
    loaded = pn.load_case(case)
    assert [(w.code, w.value) for w in loaded.warnings] == [("small-organisation", "Saltmarsh Fire and Rescue")]
    assert "small_organisations: other" in loaded.warnings[0].expected


def test_small_organisations_shown_together_as_other(tmp_path):
    case = _copy(TINY, tmp_path, "tiny")
    yaml = case / "case.yaml"
    yaml.write_text(yaml.read_text().replace("small_organisations: keep", "small_organisations: other"),
                    encoding="utf-8")
    loaded = pn.load_case(case)
    assert loaded.warnings == []
    orgs = loaded.organisations.set_index("organisation")
    assert "Saltmarsh Fire and Rescue" not in orgs.index
    assert orgs.loc["Other organisations", ["org_type", "size", "code"]].tolist() == ["other", 650, "OTH"]
    people = loaded.people.set_index("person_id")
    assert people.loc[["t7", "t8"], "organisation"].tolist() == ["Other organisations"] * 2
    assert sorted(people.loc[["t7", "t8"], "pseudonym"]) == ["OTH-01", "OTH-02"]
    G = loaded.graph()
    assert {G.nodes[v]["organisation"] for v in ("t7", "t8")} == {"Other organisations"}


def test_an_unknown_small_organisations_option_is_refused(tmp_path):
    case = _copy(TINY, tmp_path, "tiny")
    yaml = case / "case.yaml"
    yaml.write_text(yaml.read_text().replace("small_organisations: keep", "small_organisations: othr"),
                    encoding="utf-8")
    _, problems = pn.case.check_case(case)
    (p,) = [p for p in problems if p.severity == "error"]
    assert (p.code, p.column, p.suggestion) == ("invalid-option", "small_organisations", ("other",))


# ------------------------------------------------- kept notebooks, pictures

def test_a_kept_notebook_of_an_anonymised_run_has_no_pictures(tmp_path):
    from partnet.report.pipeline import _redact_notebook

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("fig")
    cell.outputs = [nbformat.v4.new_output("display_data",
                                           data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}),
                    nbformat.v4.new_output("error", ename="RuntimeError", evalue="near Fenwick Arbogast",
                                           traceback=["RuntimeError: near Fenwick Arbogast"])]
    nb.cells = [cell]
    path = tmp_path / "kept.ipynb"
    nbformat.write(nb, path)
    case = pn.load_case(TINY)
    _redact_notebook(path, lambda text: case.pseudonyms.redact(text, True), anonymise=True)
    kept = json.loads(path.read_text(encoding="utf-8"))
    outputs = kept["cells"][0]["outputs"]
    assert outputs[0]["data"] == {"text/plain": ["[picture removed: anonymised run]"]}
    assert outputs[1]["evalue"] == f"near {case.pseudonyms.of('t2')}"
    assert scan(path, _names(TINY)).leaks == []

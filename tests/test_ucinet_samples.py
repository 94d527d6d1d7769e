"""UCINET's and Pajek's sample files as the ties of a case folder, byte for byte, against the source values.

Each test copies a real file from ``tests/fixtures/ucinet`` (where it came
from: SOURCES.md there) unchanged into a case folder as ``ties.dl``,
``ties.net`` or ``ties.paj``, writes a roster of the file's nodes and a
``case.yaml`` declaring its relations, and loads the case. The values are
checked cell by cell against the matrix as this test reads it from the
file text itself, and the measures against UCINET 6.849's own output
where it exists (``ucinet_output/*_ucinet6849.csv``: Campnet).
"""

from __future__ import annotations

import csv
import re
import shutil
import textwrap
from pathlib import Path

import numpy as np
import pytest

from partnet import load_case, metrics
from partnet.case import check_case

UCINET = Path(__file__).parent / "fixtures" / "ucinet"
OUTPUT = UCINET / "ucinet_output"


def _case(tmp_path: Path, source: str, target: str, names, *, relation: str, relations: str = "",
          responded: str = "yes", text: str | None = None) -> Path:
    """A case folder whose ties file is ``source`` copied unchanged (or ``text``, for a file made here)."""
    folder = tmp_path / re.sub(r"\W", "", Path(source).stem.lower())[:20]
    folder.mkdir()
    if text is None:
        shutil.copyfile(UCINET / source, folder / target)
        assert (folder / target).read_bytes() == (UCINET / source).read_bytes()
    else:
        (folder / target).write_text(text, encoding="utf-8")
    (folder / "case.yaml").write_text(textwrap.dedent(f"""\
        id: {folder.name}
        title: {Path(source).stem} (published sample data)
        description: A public sample network read from its own file
        relation: {relation}
        survey_date: "2026-01"
        small_organisations: keep
        """) + relations, encoding="utf-8")
    (folder / "organisations.csv").write_text("organisation,org_type,size\nSample,sample,100\n", encoding="utf-8")
    (folder / "people.csv").write_text(
        "person_id,name,organisation,role,directorate,seniority,responded,consent_named\n"
        + "".join(f"{n},{n},Sample,other,none,middle,{responded},yes\n" for n in names), encoding="utf-8")
    return folder


def _dl_matrices(path: Path, n: int, count: int) -> list[np.ndarray]:
    """The full matrices after ``DATA:`` (read here, not by partnet)."""
    numbers = [int(x) for x in re.split(r"(?i)data:", path.read_text(encoding="utf-8"))[1].split()]
    assert len(numbers) == count * n * n
    return [np.array(numbers[k * n * n:(k + 1) * n * n]).reshape(n, n) for k in range(count)]


def _dl_labels(path: Path, section: str) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip().upper() == f"{section} LABELS:")
    body = []
    for ln in lines[start + 1:]:
        if ln.strip().upper().endswith(("LABELS:", "DATA:")):
            break
        body.append(ln.strip().strip('"'))
    return [b for b in body if b]


def _matrix(G, order) -> np.ndarray:
    index = {v: i for i, v in enumerate(order)}
    out = np.zeros((len(order), len(order)), dtype=int)
    for u, v, f in G.edges(data="frequency"):
        out[index[u], index[v]] = f
        if not G.is_directed():
            out[index[v], index[u]] = f
    return out


def _ucinet(name: str) -> dict[str, dict[str, float]]:
    with open(OUTPUT / name, encoding="utf-8") as fh:
        return {row["node"]: {k: float(v) for k, v in row.items() if k != "node"} for row in csv.DictReader(fh)}


# ----------------------------------------------------------------------------- Campnet (Pajek, UCINET output)


@pytest.fixture(scope="module")
def campnet(tmp_path_factory):
    names = list(_ucinet("campnet_degree_cli_ucinet6849.csv"))
    folder = _case(tmp_path_factory.mktemp("campnet"), "Campnet.paj", "ties.paj", names, relation="campnet")
    return load_case(folder)


def test_campnet_from_its_pajek_file_has_ucinets_degrees_and_betweenness(campnet):
    G = campnet.graph()
    assert G.is_directed() and G.number_of_edges() == 54
    assert [w.code for w in campnet.warnings] == ["edge-repeats-arc", "unlisted-value"]
    table = metrics.node_table(G)
    degree = _ucinet("campnet_degree_cli_ucinet6849.csv")
    between = _ucinet("campnet_betweenness_cli_ucinet6849.csv")
    for person, row in degree.items():
        assert table.loc[person, "out_degree"] == row["Outdegree"]
        assert table.loc[person, "in_degree"] == row["Indegree"]
        assert table.loc[person, "in_degree_norm"] == pytest.approx(row["nIndegree"], abs=5e-7)
        assert table.loc[person, "betweenness"] == pytest.approx(between[person]["Betweenness"], abs=5e-4)
    # UCINET 6.849: indegree centralization 0.1246, outdegree 0 (every outdegree is 3)
    row = metrics.whole_network(G)
    assert round(row["degree_centralization_in"], 4) == 0.1246 and row["degree_centralization_out"] == 0.0


def test_campnet_eigenvector_equals_ucinets(campnet):
    # UCINET symmetrises by maximum; partnet's eigenvector is the dominant vector of the underlying graph
    eig = _ucinet("campnet_eigenvector_cli_ucinet6849.csv")
    scores = metrics.eigenvector(campnet.graph())
    assert max(abs(scores[p] - v["Eigenvector"]) for p, v in eig.items()) < 5e-6


def test_campnet_structural_holes_equal_ucinets_default_routine(campnet):
    # UCINET's Ego Networks > Structural Holes as its own code computes it (xucinet's printout of it,
    # 3 decimals; STRUCTURAL_HOLES.md): the case's node table, not only the measure function
    holes = _ucinet("campnet_structural_holes_xucinet_snapshot.csv")
    table = metrics.node_table(campnet.graph())
    for person, row in holes.items():
        for ours, theirs in (("effective_size", "EffSize"), ("efficiency", "Efficiency"),
                             ("constraint", "Constraint"), ("hierarchy", "Hierarchy")):
            # printed to 3 places: 0.4375 shows as 0.438
            assert table.loc[person, ours] == pytest.approx(row[theirs], abs=5e-4 + 1e-9), (person, ours)


# ----------------------------------------------------------------------------- Padgett (Pajek project)


def test_padgett_project_loads_as_two_undirected_relations_with_the_published_values(tmp_path):
    names = re.findall(r'^\s*\d+\s+"([^"]+)"', (UCINET / "Padgett_Florentine_Families.paj").read_text(), re.M)
    relations = ("relations:\n  Marital: {directed: false, scale: binary}\n"
                 "  Business: {directed: false, scale: binary}\n")
    case = load_case(_case(tmp_path, "Padgett_Florentine_Families.paj", "ties.paj", names, relation="Marital",
                           relations=relations))
    assert case.relations == ["Marital", "Business"]
    marriage, business = case.graph(), case.graph(relation="Business")
    assert (marriage.number_of_edges(), business.number_of_edges()) == (20, 15)
    assert metrics.betweenness(marriage, normalized=False)["Medici"] == pytest.approx(47.5)
    assert round(metrics.degree_centralization(marriage), 3) == 0.267
    assert sorted(marriage["Medici"]) == ["Acciaiuoli", "Albizzi", "Barbadori", "Ridolfi", "Salviati", "Tornabuoni"]
    assert marriage.degree("Pucci") == 0 and business.degree("Pucci") == 0


# ----------------------------------------------------------------------------- Zachary (DL, two matrices)


def test_zachary_loads_its_two_matrices_as_two_relations_cell_for_cell(tmp_path):
    path = UCINET / "Zachary_Karate_Club.dl"
    zache, zachc = _dl_matrices(path, 34, 2)
    names = [str(i) for i in range(1, 35)]
    relations = "relations:\n  ZACHE: {directed: false, scale: binary}\n  ZACHC: {directed: false, scale: count}\n"
    case = load_case(_case(tmp_path, path.name, "ties.dl", names, relation="ZACHE", relations=relations))
    E, C = case.graph(), case.graph(relation="ZACHC")
    assert E.number_of_edges() == 78 and C.number_of_edges() == 78
    assert (_matrix(E, names) == zache).all() and (_matrix(C, names) == zachc).all()
    assert C.graph["highest"] == zachc.max() == 7 and C["1"]["3"]["frequency"] == zachc[0, 2] == 5
    assert metrics.whole_network(E)["ties"] == 78


def test_zachary_asks_for_one_of_its_matrices_as_the_case_relation(tmp_path):
    names = [str(i) for i in range(1, 35)]
    _case_, problems = check_case(_case(tmp_path, "Zachary_Karate_Club.dl", "ties.dl", names, relation="zache"))
    (p,) = [p for p in problems if p.column == "relation" and p.severity == "error"]
    assert (p.code, p.value, p.expected, p.suggestion) == ("invalid-field", "zache", "ZACHE, ZACHC", ("ZACHE",))


# ----------------------------------------------------------------------------- Stokman-Ziegler (UCINET's export)


def test_stokman_ziegler_row_and_column_labels_valued_and_symmetric(tmp_path):
    path = UCINET / "Stokman_Ziegler_Corporate_Interlocks_Netherlands.dl"
    labels = _dl_labels(path, "ROW")
    assert labels == _dl_labels(path, "COLUMN") and len(labels) == 16
    (matrix,) = _dl_matrices(path, 16, 1)
    relations = "relations:\n  interlocks: {directed: false, scale: count}\n"
    case = load_case(_case(tmp_path, path.name, "ties.dl", labels, relation="interlocks", relations=relations))
    G = case.graph()
    np.fill_diagonal(matrix, 0)                                          # UCINET ignores the diagonal
    assert G.number_of_edges() == 60 and (_matrix(G, labels) == matrix).all()
    assert G.degree("NSU") == 0 and "AMRO" not in G["ABN"] and matrix[0, 1] == 0
    assert (G["ABN"]["NS"]["frequency"], G["ABN"]["NATND"]["frequency"]) == (1, 4) == (matrix[0, 3], matrix[0, 12])


# ----------------------------------------------------------------------------- Sampson (Pajek .net) and layouts


def test_sampson_net_file_loads_arcs_and_edges(tmp_path):
    names = re.findall(r'^\s*\d+\s+"([^"]+)"', (UCINET / "Sampson_Monks_N18.net").read_text(), re.M)
    G = load_case(_case(tmp_path, "Sampson_Monks_N18.net", "ties.net", names, relation="like")).graph()
    assert G.number_of_nodes() == 18 and G.number_of_edges() == 57         # 25 arcs + 16 edges both ways


def test_an_undeclared_lower_half_is_read_both_ways_with_a_warning(tmp_path):
    # No real lowerhalf file was found in a public repository: this one is made here.
    text = "dl n=3 format=lowerhalf diagonal=absent\nlabels:\nann,bob,cy\ndata:\n2\n0 1\n"
    folder = _case(tmp_path, "support.dl", "ties.dl", ["ann", "bob", "cy"], relation="support", text=text)
    case, problems = check_case(folder)
    assert case is not None and "undeclared-undirected" in [p.code for p in problems]
    assert case.graph().is_directed() and case.graph().number_of_edges() == 4
    with open(folder / "case.yaml", "a") as fh:
        fh.write("relations:\n  support: {directed: false, scale: count}\n")
    case, problems = check_case(folder)
    assert "undeclared-undirected" not in [p.code for p in problems]
    G = case.graph()
    assert not G.is_directed() and sorted(G.edges(data="frequency")) == [("ann", "bob", 2), ("bob", "cy", 1)]


def test_two_mode_data_is_refused_with_its_reason(tmp_path):
    # No real two-mode edgelist2 file was found either: made here.
    text = "dl nr=2 nc=3 format=edgelist2\nrow labels:\na b\ncol labels:\nx y z\ndata:\na x\nb z\n"
    case, problems = check_case(_case(tmp_path, "two.dl", "ties.dl", ["a", "b"], relation="x", text=text))
    assert case is None and [p.code for p in problems if p.severity == "error"] == ["unsupported-dl"]

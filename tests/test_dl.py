"""UCINET DL files: the real samples of tests/fixtures/ucinet, hand-made files for the other layouts, writing.

The real files (socnetv's and igraph's, see tests/fixtures/ucinet/SOURCES.md)
cover fullmatrix with ``labels:``, ``row labels:`` + ``column labels:``,
``labels embedded``, ``level labels:`` and wrapped rows, edgelist1 and
nodelist1. No real sample holds lowerhalf, upperhalf, ``matrix labels:``,
``diagonal absent`` or two-mode data (SOURCES.md, "Asked for but not
found"): those are the hand-made files below (``HAND_*``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from partnet.dl import format_dl, parse_dl, parse_dl_ties, read_dl, read_dl_ties, write_dl
from partnet.errors import ParameterError

UCINET = Path(__file__).parent / "fixtures" / "ucinet"
DL_FILES = sorted(p.name for p in UCINET.glob("*.dl"))

#: The documented problems of the real files: file -> [(code, line)] (everything else loads without any).
DOCUMENTED = {
    # 20 non-zero diagonal cells in NUMBER_OF_MESSAGES, ignored as UCINET ignores them
    "Freeman_EIES_networks_32actors.dl": [("diagonal-ignored", 139)],
    # values 0.1 and 0.5, and 1e-5: no scale of a case holds a fraction
    "edgelist5.dl": [("non-integer-value", 5), ("non-integer-value", 6)],
    "edgelist6.dl": [("non-integer-value", 11)],
}


def read(name: str, relation: str = "rel"):
    problems = []
    tf = read_dl_ties(UCINET / name, relation, problems)
    return tf, problems


def ties_of(tf, relation=None) -> dict:
    return {(a, b): v for a, b, v in tf.arcs(relation)}


# ---------------------------------------------------------------- every real file


@pytest.mark.parametrize("name", DL_FILES)
def test_every_real_dl_file_loads(name):
    tf, problems = read(name)
    assert tf is not None
    assert [(p.code, p.row) for p in problems] == DOCUMENTED.get(name, [])
    assert len(tf.table.rows) == len(tf.table.lines) == len(tf.values) == len(tf.from_edge) > 0
    assert all(isinstance(v, int) for v in tf.values) or name in DOCUMENTED


def test_the_real_files_are_all_covered():
    assert len(DL_FILES) == 21


# ---------------------------------------------------------------- socnetv's files, value by value


def test_zachary_two_matrices_named_by_level_labels():
    tf, _ = read("Zachary_Karate_Club.dl")
    assert tf.relations == ["ZACHE", "ZACHC"] and tf.layout == "fullmatrix"
    assert tf.nodes == [str(k) for k in range(1, 35)]  # no labels: node numbers
    zache, zachc = ties_of(tf, "ZACHE"), ties_of(tf, "ZACHC")
    assert len(zache) == len(zachc) == 156  # 78 undirected pairs, both cells as listed
    assert len({frozenset(p) for p in zache}) == 78
    assert tf.binary == {"ZACHE": True, "ZACHC": False}
    assert tf.symmetric == {"ZACHE": True, "ZACHC": True}
    assert tf.directed == {"ZACHE": True, "ZACHC": True}  # a DL matrix says nothing of direction
    assert set(zache) == set(zachc)
    # line 8, ZACHE row 1: 0 1 1 1 1 1 1 1 1 0 1 1 1 1 0 0 0 1 0 1 0 1 0 ... 0 1 0 0
    assert sorted((b for a, b in zache if a == "1"), key=int) == \
        ["2", "3", "4", "5", "6", "7", "8", "9", "11", "12", "13", "14", "18", "20", "22", "32"]
    # line 42, ZACHC row 1: 0 4 5 3 3 3 3 2 2 0 2 3 1 3 ...; line 75, ZACHC row 34: ... 4 5 0
    assert (zachc["1", "2"], zachc["1", "3"], zachc["1", "13"], zachc["34", "33"], zachc["34", "9"]) == (4, 5, 1, 5, 4)
    assert tf.table.lines[tf.arcs().index(("1", "2", 4))] == 42
    assert tf.scale("ZACHE") == "binary" and tf.scale("ZACHC") == "count"  # values 1..7


def test_stokman_ziegler_netherlands_row_and_column_labels():
    # UCINET's export style: n=16 with ROW LABELS: and COLUMN LABELS:, once refused ("names 34 nodes but n=16")
    tf, problems = read("Stokman_Ziegler_Corporate_Interlocks_Netherlands.dl", "interlocks")
    assert problems == []
    assert tf.nodes == ["ABN", "AMRO", "ENNIA", "NS", "BUHRT", "AGO", "AKZO", "NB", "SHV", "FGH", "HEINK",
                        "PHLPS", "NATND", "OGEM", "RSV", "NSU"]
    ties = ties_of(tf, "interlocks")
    assert len(ties) == 120 and tf.symmetric["interlocks"] and not tf.binary["interlocks"]
    # row ABN: 0 0 0 1 2 1 2 1 1 1 2 1 4 0 0 0
    assert {b: v for (a, b), v in ties.items() if a == "ABN"} == {
        "NS": 1, "BUHRT": 2, "AGO": 1, "AKZO": 2, "NB": 1, "SHV": 1, "FGH": 1, "HEINK": 2, "PHLPS": 1, "NATND": 4}
    assert ties["AMRO", "ENNIA"] == ties["ENNIA", "AMRO"] == 3
    assert not any("NSU" in pair for pair in ties)  # an all-zero row: an isolate, still a node
    assert tf.scale("interlocks") == "frequency"  # 1..4


def test_stokman_ziegler_west_germany():
    tf, _ = read("Stokman_Ziegler_Corporate_Interlocks_West_Germany.dl")
    ties = ties_of(tf)
    assert len(tf.nodes) == 15 and len(ties) == 134 and tf.symmetric["rel"]
    assert ties["ALINZ", "SIEMN"] == 6 and ties["VAG", "DEUBK"] == 2
    assert tf.scale("rel") == "count"


def test_thurman_two_matrices_one_directed_one_symmetric():
    tf, _ = read("Thurman_Office_Networks_Coalitions.dl")
    assert tf.relations == ["THURA", "THURM"] and len(tf.nodes) == 15
    thura, thurm = ties_of(tf, "THURA"), ties_of(tf, "THURM")
    assert len(thura) == 34 and not tf.symmetric["THURA"]
    assert len(thurm) == 66 and tf.symmetric["THURM"]
    # THURA row PETE: 1 1 1 1 0 1 1 1 0 1 1 1 1 1 1 -> everyone but himself and the PRESIDENT
    assert {b for a, b in thura if a == "PETE"} == set(tf.nodes) - {"PETE", "PRESIDENT"}
    assert ("MINNA", "AMY") in thura and ("MINNA", "LISA") in thura


def test_bernard_killworth_rows_wrapped_over_three_lines():
    tf, problems = read("Bernard_Killworth_Fraternity.dl")
    assert problems == [] and tf.relations == ["BKFRAB", "BKFRAC"] and len(tf.nodes) == 58
    bkfrab, bkfrac = ties_of(tf, "BKFRAB"), ties_of(tf, "BKFRAC")
    assert len(bkfrab) == 2 * 967 and tf.symmetric["BKFRAB"]
    assert len(bkfrac) == 3306 and not tf.symmetric["BKFRAC"]
    # row 1 is lines 8-10 (26 + 26 + 6 values): 0 0 2 1 0 0 2 ... / ... / 0 1 1 4 1 1
    assert (bkfrab["1", "3"], bkfrab["1", "4"], bkfrab["1", "7"], bkfrab["1", "56"], bkfrab["1", "58"]) == \
        (2, 1, 2, 4, 1)
    lines = dict(zip(tf.arcs(), tf.table.lines))
    assert lines["1", "3", 2] == 8 and lines["1", "56", 4] == 10
    assert max(bkfrab.values()) == 51


def test_freeman_eies_quoted_labels_and_the_diagonal():
    tf, problems = read("Freeman_EIES_networks_32actors.dl")
    assert tf.relations == ["TIME_1", "TIME_2", "NUMBER_OF_MESSAGES"]
    assert tf.nodes[:6] == ["1", "2", "3", "6", "8", "10"] and len(tf.nodes) == 32
    messages = ties_of(tf, "NUMBER_OF_MESSAGES")
    assert messages["42", "1"] == 559  # line 167: 559 132 5 ...
    assert ("42", "42") not in messages  # the diagonal (6 on line 167) is not a tie
    assert not any(a == b for a, b, _ in tf.arcs())
    [diag] = problems
    assert (diag.code, diag.severity, diag.row) == ("diagonal-ignored", "warning", 139)
    assert diag.message.startswith("20 ties of a node with itself")
    time1 = ties_of(tf, "TIME_1")
    assert (time1["1", "2"], time1["2", "1"], time1["1", "44"]) == (4, 4, 4)  # line 75: 0 4 2 ... 4 2


def test_freeman_eies_48_edge_list():
    tf, problems = read("Freeman_EIES_network_48actors_Acquaintanceship_at_time_1.dl")
    assert problems == [] and tf.layout == "edgelist1"
    assert tf.nodes == [str(k) for k in range(1, 49)]  # n=48: 14 of them isolates
    ties = ties_of(tf)
    assert len(ties) == 695 and len({x for pair in ties for x in pair}) == 34
    assert sum((b, a) in ties for a, b in ties) == 2 * 280
    assert (ties["1", "2"], ties["1", "3"], ties["46", "42"]) == (4, 2, 3)  # the first lines and the last
    assert tf.table.lines[0] == 5 and tf.table.cell_columns[0] == "value"


# ---------------------------------------------------------------- igraph's examples


def igraph_edges() -> dict[str, list[tuple[int, int]]]:
    blocks, current = {}, None
    for line in (UCINET / "igraph_read_graph_dl.out").read_text().splitlines():
        if line.startswith("Doing "):
            current = blocks[line.split()[1]] = []
        elif line.strip():
            current.append(tuple(map(int, line.split())))
    return blocks


@pytest.mark.parametrize("name", sorted(igraph_edges()))
def test_igraph_examples_equal_igraphs_own_reading(name):
    tf, _ = read(name)
    index = {v: i for i, v in enumerate(tf.nodes)}
    assert sorted((index[a], index[b]) for a, b, _ in tf.arcs()) == sorted(igraph_edges()[name])


def test_igraph_examples_values_and_labels():
    tf, _ = read("fullmatrix2.dl")
    assert tf.nodes == ["barry", "david", "lin", "pat", "russ"]
    assert read("fullmatrix3.dl")[0].arcs() == tf.arcs()  # labels over three lines
    tf4, _ = read("fullmatrix4.dl")  # row labels Larry, Lin, Pat, Russ; column labels larry, lin, pat, russ
    assert tf4.nodes == ["Larry", "david", "Lin", "Pat", "Russ"]
    assert ("Larry", "david", 1) in tf4.arcs() and ("david", "Larry", 1) in tf4.arcs()
    assert read("edgelist1.dl")[0].arcs() == [("george", "sally", 1), ("george", "jim", 1), ("sally", "jim", 1),
                                             ("jim", "george", 1), ("billy", "jim", 1)]
    assert [v for _a, _b, v in read("edgelist4.dl")[0].arcs()] == [1, -1, 1, -1, 1]  # kept; the case says no
    el5, problems = read("edgelist5.dl")
    assert el5.arcs()[:2] == [("george", "sally", 0.1), ("george", "jim", 0.5)]
    assert [(p.row, p.column, p.value, p.expected) for p in problems] == [
        (5, "value", "0.1", "a whole number"), (6, "value", "0.5", "a whole number")]
    assert read("edgelist7.dl")[0].nodes == ["1", "2", "3", "4"]
    assert read("nodelist1.dl")[0].arcs() == read("edgelist1.dl")[0].arcs()
    assert read("nodelist2.dl")[0].arcs() == read("edgelist2.dl")[0].arcs()
    big, _ = read("input.dl")  # 66 labels embedded in a one-mode edge list
    assert len(big.nodes) == 66 and len(big.arcs()) == 100 and big.arcs()[0] == ("R1", "C1", 1)


def test_read_dl_still_gives_the_raw_table():
    table = read_dl(UCINET / "Thurman_Office_Networks_Coalitions.dl", "x", [])
    assert table.columns == ["respondent", "alter", "relation", "frequency"]
    assert table.rows[0] == {"respondent": "PETE", "alter": "ANN", "relation": "THURA", "frequency": "1"}
    assert table.lines[0] == 44 and table.cell_columns[0] == "ANN"


# ---------------------------------------------------------------- hand-made: layouts no real sample has

SYMMETRIC_FULL = """dl n=4 format=fullmatrix
labels:
a b c d
data:
0 2 0 1
2 0 3 0
0 3 0 0
1 0 0 0
"""
HAND_LOWER = "dl n=4 format=lowerhalf\nlabels:\na b c d\ndata:\n0\n2 0\n0 3 0\n1 0 0 0\n"
HAND_LOWER_NO_DIAGONAL = "DL N=4\nFORMAT = LOWERHALF DIAGONAL ABSENT\nLABELS:\na,b,c,d\nDATA:\n2\n0 3\n1 0 0"
HAND_UPPER = "dl n=4 format=upperhalf diagonal=present\nlabels:\na b c d\ndata:\n0 2 0 1\n0 3 0\n0 0\n0\n"
HAND_UPPER_NO_DIAGONAL = "dl n = 4, format = uh, diagonal = absent\nlabels: a b c d\ndata:\n2 0 1\n3 0\n0\n"


@pytest.mark.parametrize("text", [HAND_LOWER, HAND_LOWER_NO_DIAGONAL, HAND_UPPER, HAND_UPPER_NO_DIAGONAL],
                         ids=["lowerhalf", "lowerhalf-diagonal-absent", "upperhalf", "upperhalf-diagonal-absent"])
def test_half_matrices_are_undirected_symmetric_matrices(text):
    problems = []
    tf = parse_dl_ties(text, "support", "ties.dl", problems)
    full = parse_dl_ties(SYMMETRIC_FULL, "support", "ties.dl", [])
    assert problems == []
    assert ties_of(tf) == ties_of(full) == {("a", "b"): 2, ("b", "a"): 2, ("b", "c"): 3, ("c", "b"): 3,
                                            ("a", "d"): 1, ("d", "a"): 1}
    assert tf.directed == {"support": False} and full.directed == {"support": True}
    assert all(tf.from_edge) and not any(full.from_edge)
    assert tf.symmetric == {"support": True} and tf.binary == {"support": False}


def test_lower_half_lines_are_its_rows():
    tf = parse_dl_ties(HAND_LOWER_NO_DIAGONAL, "r", "ties.dl", [])
    assert dict(zip(tf.arcs(), tf.table.lines)) == {("b", "a", 2): 6, ("a", "b", 2): 6, ("c", "b", 3): 7,
                                                    ("b", "c", 3): 7, ("d", "a", 1): 8, ("a", "d", 1): 8}


HAND_MATRIX_LABELS = """DL N=3 NM=2
FORMAT=FULLMATRIX
LABELS:
ann,bo,cy
MATRIX LABELS:
advice,"close friends"
DATA:
0 1 0
0 0 1
0 0 0
0 2 0
2 0 0
0 0 0
"""


def test_matrix_labels_name_the_relations():
    problems = []
    tf = parse_dl_ties(HAND_MATRIX_LABELS, "contact", "ties.dl", problems)
    assert problems == [] and tf.relations == ["advice", "close friends"]
    assert tf.arcs("advice") == [("ann", "bo", 1), ("bo", "cy", 1)]
    assert tf.arcs("close friends") == [("ann", "bo", 2), ("bo", "ann", 2)]
    assert tf.binary == {"advice": True, "close friends": False}
    assert tf.symmetric == {"advice": False, "close friends": True}
    assert tf.table.lines == [8, 9, 11, 12]


def test_several_unnamed_matrices_and_one_named_matrix():
    unnamed = HAND_MATRIX_LABELS.replace('MATRIX LABELS:\nadvice,"close friends"\n', "")
    assert parse_dl_ties(unnamed, "contact", "ties.dl", []).relations == ["contact_1", "contact_2"]
    one = "dl n=2\nmatrix labels: trust\ndata:\n0 1\n1 0\n"
    assert parse_dl_ties(one, "contact", "ties.dl", []).relations == ["trust"]
    plain = "dl n=2\ndata:\n0 1\n1 0\n"
    assert parse_dl_ties(plain, "contact", "ties.dl", []).relations == ["contact"]


def test_labels_embedded_in_every_matrix():
    text = ("dl n=2 nm=2 format=fullmatrix labels embedded\nmatrix labels: a, b\ndata:\n"
            "   x y\nx 0 1\ny 0 0\n   Y X\nx 0 0\ny 3 0\n")
    problems = []
    tf = parse_dl_ties(text, "r", "ties.dl", problems)
    # in b the columns are given as Y, X: the 3 under Y on row y is the diagonal, not a tie
    assert tf.arcs("a") == [("x", "y", 1)] and tf.arcs("b") == []
    assert [(p.code, p.row) for p in problems] == [("diagonal-ignored", 9)]
    text2 = text.replace("y 3 0", "y 0 3")
    assert parse_dl_ties(text2, "r", "ties.dl", []).arcs("b") == [("y", "x", 3)]


def test_row_labels_embedded_only():
    tf = parse_dl_ties("dl n=2 format=fullmatrix row labels embedded\ndata:\nann 0 1\nbo 0 0\n", "r", "f", [])
    assert tf.nodes == ["ann", "bo"] and tf.arcs() == [("ann", "bo", 1)]


# ---------------------------------------------------------------- hand-made: two-mode files are refused


@pytest.mark.parametrize("text", [
    "dl nr=2 nc=3\nrow labels: a b\ncolumn labels: e1 e2 e3\ndata:\n1 0 1\n0 1 1\n",
    "dl nr=2 nc=2\nrow labels: a b\ncolumn labels: e1 e2\ndata:\n1 0\n0 1\n",
    "dl nr=2 nc=2\ndata:\n1 0\n0 1\n",
    "dl nr=2 nc=3 format=edgelist2\nrow labels: a b\ncolumn labels: e1 e2 e3\ndata:\n1 1\n2 3\n",
    "dl n=3 format=edgelist2\ndata:\n1 1\n",
    "dl n=3 format=nodelist2\ndata:\n1 1 2\n",
], ids=["rectangular", "square-other-labels", "square-no-labels", "edgelist2", "edgelist2-n", "nodelist2"])
def test_two_mode_data_is_refused_not_misread(text):
    problems = []
    assert parse_dl_ties(text, "r", "ties.dl", problems) is None
    [p] = problems
    assert p.code == "unsupported-dl" and "two-mode" in p.message and p.expected.startswith("one-mode")


def test_square_nr_nc_with_the_same_labels_is_one_mode():
    problems = []
    tf = parse_dl_ties("dl nr=2 nc=2\nrow labels: a b\ncolumn labels: B A\ndata:\n0 1\n2 0\n", "r", "f", problems)
    assert tf.arcs() == [] and [p.code for p in problems] == ["diagonal-ignored"]  # columns B, A: both on the diagonal
    tf = parse_dl_ties("dl nr=2 nc=2\nrow labels: a b\ncolumn labels: B A\ndata:\n1 0\n0 2\n", "r", "f", [])
    assert tf.arcs() == [("a", "b", 1), ("b", "a", 2)]


# ---------------------------------------------------------------- hand-made: syntax


def test_keywords_spacing_commas_crlf_bom_and_no_final_newline(tmp_path):
    text = ('Dl  N =3,FORMAT= FullMatrix\r\nRow Labels :\r\n"Ada Quint",Bo\r\ncy\r\n'
            'COL LABELS:\r\n"ada quint" bo cy\r\nData :\r\n0,1,\r\n0 0 0 0 2 0 0')  # a row wrapped, no final newline
    p = tmp_path / "ties.dl"
    p.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    problems = []
    tf = read_dl_ties(p, "r", problems)
    assert problems == []
    assert tf.nodes == ["Ada Quint", "Bo", "cy"]
    assert tf.arcs() == [("Ada Quint", "Bo", 1), ("cy", "Ada Quint", 2)]


def test_whole_numbers_are_ints_and_zero_is_no_tie():
    tf = parse_dl_ties("dl n=3 format=el1\ndata:\n1 2 2.0\n2 3 0\n3 1 0.0\n", "r", "f", [])
    assert tf.arcs() == [("1", "2", 2)] and type(tf.values[0]) is int
    assert tf.table.rows[0]["frequency"] == "2"


def test_a_bad_cell_names_its_line_and_column():
    problems = []
    text = "dl n=3\nlabels: ann bo cy\ndata:\n0 1 x\n0 0 2.5\n0 0 0\n"
    tf = parse_dl_ties(text, "r", "ties.dl", problems)
    assert [(p.code, p.file, p.row, p.column, p.value) for p in problems] == [
        ("invalid-tie-value", "ties.dl", 4, "cy", "x"), ("non-integer-value", "ties.dl", 5, "cy", "2.5")]
    assert problems[1].suggestion == ("2",)
    assert tf.arcs() == [("ann", "bo", 1), ("bo", "cy", 2.5)]


def test_a_short_row_is_named_and_no_tie_is_kept():
    problems = []
    tf = parse_dl_ties("dl n=3\ndata:\n0 1 1\n1 0\n1 1 0\n", "r", "ties.dl", problems)
    [p] = problems
    assert (p.code, p.row, p.value, p.expected) == ("invalid-dl", 4, "2", "3 values on this line")
    assert "no tie of the file is read" in p.message and tf.arcs() == [] and tf.nodes == ["1", "2", "3"]


def test_a_second_matrix_without_nm_says_so():
    problems = []
    parse_dl_ties("dl n=2\ndata:\n0 1\n1 0\n0 2\n2 0\n", "r", "ties.dl", problems)
    [p] = problems
    assert p.code == "invalid-dl" and p.row == 5 and "write nm=2" in p.message


def test_column_labels_naming_other_people():
    problems = []
    text = "dl n=3\nrow labels: ann bo cy\ncolumn labels: ann bob cy\ndata:\n0 1 0\n0 0 1\n0 0 0\n"
    tf = parse_dl_ties(text, "r", "ties.dl", problems)
    [p] = problems
    assert (p.code, p.row, p.value, p.suggestion) == ("label-mismatch", 3, "bob", ("bo",))
    assert tf.arcs() == [("bo", "cy", 1)]  # the cell under "bob" names nobody


def test_edge_list_end_not_among_the_labels():
    problems = []
    text = "dl n=3 format=edgelist1\nlabels: ann bo cy\nlabels embedded:\ndata:\nann bo\nann cyy 2\n"
    tf = parse_dl_ties(text, "r", "ties.dl", problems)
    assert [(p.code, p.row, p.value, p.suggestion) for p in problems] == [("label-mismatch", 6, "cyy", ("cy",))]
    assert tf.arcs() == [("ann", "bo", 1)]


def test_duplicate_labels_and_matrix_labels():
    problems = []
    parse_dl_ties("dl n=3\nlabels: ann bo ANN\ndata:\n0 1 0\n0 0 0\n0 0 0\n", "r", "ties.dl", problems)
    assert [(p.code, p.value) for p in problems] == [("duplicate-label", "ANN")]
    problems = []
    assert parse_dl_ties("dl n=1 nm=2\nmatrix labels: a A\ndata:\n0\n0\n", "r", "f", problems) is None
    assert [p.code for p in problems] == ["duplicate-label"]


def test_self_ties_of_lists_are_the_diagonal_too():
    problems = []
    tf = parse_dl_ties("dl n=2 format=nodelist1\ndata:\n1 1 2\n2 2\n", "r", "ties.dl", problems)
    assert tf.arcs() == [("1", "2", 1)]
    assert [(p.code, p.severity, p.row) for p in problems] == [("diagonal-ignored", "warning", 3)]
    assert "the others on lines 4" in problems[0].message


@pytest.mark.parametrize("text, code, suggestion", [
    ("dl n=2 fromat=fullmatrix\ndata:\n0 1\n1 0\n", "invalid-dl", ("format",)),
    ("dl n=2 format=fulmatrix\ndata:\n0 1\n1 0\n", "unsupported-dl", ("fullmatrix",)),
    ("dl n=2 format=blockmatrix\ndata:\n0 1\n1 0\n", "unsupported-dl", ()),
    ("dl n=2 diagonal=absnt\ndata:\n1\n1\n", "invalid-dl", ("absent",)),
    ("dl n=two\ndata:\n0 1\n1 0\n", "invalid-dl", ()),
    ("dl n=2 nm=2 format=edgelist1\ndata:\n1 2\n", "unsupported-dl", ()),
    ("dl n=1 nm=2\nmatrix labels: a\ndata:\n0\n0\n", "invalid-dl", ()),
    ("dl n=2\ndata\n0 1\n1 0\n", "invalid-dl", ()),
], ids=["keyword", "format", "blockmatrix", "diagonal", "n", "nm-list", "matrix-label-count", "no-data-colon"])
def test_header_problems(text, code, suggestion):
    problems = []
    assert parse_dl_ties(text, "r", "ties.dl", problems) is None
    [p] = problems
    assert (p.code, p.suggestion) == (code, suggestion)


def test_many_bad_cells_are_listed_up_to_a_limit():
    n = 30
    text = f"dl n={n}\ndata:\n" + "\n".join(" ".join(["x"] * n) for _ in range(n)) + "\n"
    problems = []
    parse_dl_ties(text, "r", "ties.dl", problems)
    assert Counter(p.code for p in problems) == {"invalid-tie-value": 21}
    assert problems[-1].message == f"{n * n - 20} more problems like these (lines 3 to {n + 2}) are not listed"


def test_every_code_emitted_is_registered_with_its_severity():
    from partnet.errors import Reason

    for code in ("invalid-tie-value", "non-integer-value", "label-mismatch", "duplicate-label",
                 "diagonal-ignored", "invalid-pajek", "unsupported-pajek", "edge-repeats-arc"):
        assert Reason(code).severity == ("warning" if code in ("diagonal-ignored", "edge-repeats-arc") else "error")


# ---------------------------------------------------------------- writing, then reading back


def directed():
    G = nx.DiGraph()
    G.add_edge("p1", "p2", frequency=3)
    G.add_edge("p2", "p1", frequency=1)
    G.add_edge("p2", "Ada Quint", frequency=5)
    G.add_node("p4")
    return G


def undirected():
    G = nx.Graph()
    G.add_edge("p1", "p2", frequency=2)
    G.add_edge("p2", "Ada Quint", frequency=4)
    G.add_node("p4")
    return G


def arcs_of(G):
    out = {(u, v): d["frequency"] for u, v, d in G.edges(data=True)}
    if not G.is_directed():
        out |= {(v, u): f for (u, v), f in out.items()}
    return out


@pytest.mark.parametrize("layout, diagonal, graph", [
    ("fullmatrix", "present", directed), ("fullmatrix", "absent", directed), ("edgelist1", "present", directed),
    ("fullmatrix", "present", undirected), ("lowerhalf", "present", undirected),
    ("lowerhalf", "absent", undirected), ("upperhalf", "present", undirected), ("upperhalf", "absent", undirected),
])
def test_write_then_read_round_trips(layout, diagonal, graph, tmp_path):
    G = graph()
    path = write_dl(G, tmp_path / "net.dl", layout=layout, diagonal=diagonal)
    problems = []
    tf = read_dl_ties(path, "r", problems)
    assert problems == [] and tf.layout == layout
    assert tf.nodes == ["p1", "p2", "Ada Quint", "p4"]
    assert ties_of(tf) == arcs_of(G)
    assert tf.directed["r"] == (layout not in ("lowerhalf", "upperhalf"))


def test_an_undirected_graph_is_written_as_a_symmetric_full_matrix():
    assert format_dl(undirected()) == ('dl n=4 format=fullmatrix\nlabels:\np1,p2,"Ada Quint",p4\ndata:\n'
                                       "0 2 0 0\n2 0 4 0\n0 4 0 0\n0 0 0 0\n")


def test_nodelist_round_trip_and_several_relations(tmp_path):
    B = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    B.add_node("d")
    tf = parse_dl_ties(format_dl(B, layout="nodelist1"), "r", "f", [])
    assert ties_of(tf) == {("a", "b"): 1, ("b", "c"): 1, ("c", "a"): 1} and tf.nodes == ["a", "b", "c", "d"]
    text = format_dl({"advice": B, "close friends": undirected()}, weight=None)
    assert text.splitlines()[0] == "dl n=8 nm=2 format=fullmatrix"
    tf = parse_dl_ties(text, "r", "f", [])
    assert tf.relations == ["advice", "close friends"]
    assert ties_of(tf, "advice") == {("a", "b"): 1, ("b", "c"): 1, ("c", "a"): 1}
    assert len(ties_of(tf, "close friends")) == 4 and tf.binary == {"advice": True, "close friends": True}


def test_real_files_round_trip_through_the_writer():
    tf, _ = read("Thurman_Office_Networks_Coalitions.dl")
    graphs = {}
    for rel in tf.relations:
        G = nx.DiGraph()
        G.add_nodes_from(tf.nodes)
        G.add_weighted_edges_from(tf.arcs(rel), weight="frequency")
        graphs[rel] = G
    back = parse_dl_ties(format_dl(graphs), "x", "f", [])
    assert back.relations == tf.relations and back.nodes == tf.nodes
    assert all(ties_of(back, r) == ties_of(tf, r) for r in tf.relations)


@pytest.mark.parametrize("kwargs, message", [
    ({"layout": "lowerhalf"}, "symmetric matrix only"),
    ({"layout": "nodelist1"}, "binary ties only"),
    ({"layout": "blockmatrix"}, "layout must be one of"),
    ({"diagonal": "no"}, "diagonal must be one of"),
])
def test_writer_refuses_what_a_layout_cannot_hold(kwargs, message):
    with pytest.raises(ParameterError, match=message):
        format_dl(directed(), **kwargs)


def test_parse_dl_is_the_table_of_parse_dl_ties():
    tf = parse_dl_ties(HAND_MATRIX_LABELS, "r", "f", [])
    assert parse_dl(HAND_MATRIX_LABELS, "r", "f", []).rows == tf.table.rows

"""The fast paths of the ego sheets write what the plain per-person code writes, to the byte.

``write_ego_sheets`` reads the node table once for everyone
(``_measure_rows``), draws the pictures in batches whose ties share one
``tie_geometry`` call (``ego_svgs``), and formats the tie coordinates in
bulk (``_filled``). Each is checked here against the per-person function
it stands for, and the exact values a sheet shows against the node table
and the original geometry.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import partnet as pn
from partnet.metrics import node_table
from partnet.viz._shared import format_value, ordinal
from partnet.viz.arrows import tie_geometry
from partnet.viz.ego import SHEET_MEASURES, _measure_rows, _measures, ego_sheet, write_ego_sheets
from partnet.viz.egosvg import _filled, _num, ego_svg, ego_svgs
from partnet.vocabulary import label

EXAMPLES = Path(__file__).parent.parent / "data" / "examples"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def shire():
    case = pn.load_case(EXAMPLES / "shire")
    G = case.graph()
    return case, G, node_table(G)


def _key_measures(doc: str) -> list[list[str]]:
    section = doc.split("<h2>Key measures", 1)[1].split("</table>", 1)[0]
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r'<tr class="measure">(.*?)</tr>', section)]


# ----------------------------------------------------------------------------- measures


def test_a_named_persons_sheet_shows_the_node_tables_values_and_ranks(shire, tmp_path):
    case, G, table = shire
    person = "P001"                                          # Benedikt Farquharson, consent to be named
    paths = write_ego_sheets(case, G, table, tmp_path, people=[person])
    doc = paths[0].read_text(encoding="utf-8")
    assert "<h1>Benedikt Farquharson</h1>" in doc
    expected = []
    for col in [c for c in SHEET_MEASURES if c in table.columns]:
        value = table.at[person, col]
        value = None if pd.isna(value) else value.item()
        rank = ""
        if col in ("in_degree", "out_degree", "betweenness_norm", "eigenvector") and value is not None:
            column = table[col].astype(float)
            rank = f"{ordinal(int((column > value).sum()) + 1)} of {int(column.notna().sum())}"
        expected.append([label(col), format_value(value), rank])
    assert _key_measures(doc) == expected
    # the literal values, so that a change in the table's reading shows here too
    assert expected[0] == ["named by (in-degree)", "14", "5th of 80"]
    assert expected[1] == ["named (out-degree)", "6", "16th of 80"]


@pytest.mark.parametrize("name", ["shire", "metro", "coastal", "quenmere"])
def test_measure_rows_equal_the_per_person_measures(name):
    G = pn.load_case(EXAMPLES / name).graph()
    table = node_table(G)
    rows = _measure_rows(table)
    for person in table.index:
        assert rows(person) == _measures(table, person), person


def test_measure_rows_of_unusual_tables_agree_or_fall_back():
    base = pd.DataFrame({"in_degree": [3, 1, 1, 0], "out_degree": [0.5, np.nan, 2.0, 0.5],
                         "eigenvector": [0.1, 0.2, np.nan, 0.4], "coordinator": [True, False, True, False]},
                        index=["a", "b", "c", "d"])
    nullable = base.astype({"in_degree": "Int64", "out_degree": "Float64"})
    nullable.loc["c", "in_degree"] = pd.NA
    mixed = base.astype({"eigenvector": object})
    mixed.loc["b", "eigenvector"] = "n/a"
    duplicated = base.set_axis(["a", "b", "b", "d"])
    for table in (base, nullable, mixed, base.astype({"in_degree": "float32"})):
        rows = _measure_rows(table)
        for person in table.index:
            if table is mixed and person == "b":              # a word among numbers cannot be ranked, either way
                for measures in (rows, lambda p: _measures(mixed, p)):
                    with pytest.raises(TypeError):
                        measures(person)
                continue
            assert rows(person) == _measures(table, person), (table.dtypes.tolist(), person)
    with pytest.raises(KeyError):
        _measures(base, "zz")
    with pytest.raises(KeyError):
        _measure_rows(base)("zz")
    rows = _measure_rows(duplicated)
    assert rows("a") == _measures(duplicated, "a")


# ----------------------------------------------------------------------------- pictures and sheets


@pytest.mark.parametrize("anonymise", [False, True])
def test_written_sheets_equal_one_at_a_time_sheets(shire, tmp_path, anonymise):
    case, G, table = shire
    people = list(G)
    paths = write_ego_sheets(case, G, table, tmp_path, anonymise=anonymise, quotes=anonymise, people=people)
    assert len(paths) == len(people) > 64                      # more than one batch of pictures
    for person, path in zip(people, paths):
        assert path.read_text(encoding="utf-8") == ego_sheet(case, G, table, person, anonymise=anonymise,
                                                             quotes=anonymise), person


def test_undirected_written_sheets_equal_one_at_a_time_sheets(tmp_path):
    case = pn.load_case(EXAMPLES / "coastal")
    H = case.graph().to_undirected()
    table = node_table(H)
    paths = write_ego_sheets(case, H, table, tmp_path)
    respondents = [v for v in H if H.nodes[v].get("responded", True)]
    for person, path in zip(respondents, paths):
        assert path.read_text(encoding="utf-8") == ego_sheet(case, H, table, person), person


def test_batched_pictures_equal_single_pictures(shire):
    case, G, _ = shire
    people = list(G)
    for anonymise in (False, True):
        assert ego_svgs(G, people, anonymise=anonymise) == [ego_svg(G, p, anonymise=anonymise) for p in people]
    H = G.to_undirected()
    assert ego_svgs(H, people[:20], colour_by="organisation") == [ego_svg(H, p, colour_by="organisation")
                                                                   for p in people[:20]]
    lonely = pn.load_case(FIXTURES / "example").graph()
    lonely.add_node("alone", name="Al One", organisation="X", pseudonym="X-01")
    assert ego_svgs(lonely, ["alone", "p1"]) == [ego_svg(lonely, "alone"), ego_svg(lonely, "p1")]


def test_filled_numbers_are_written_as_num_writes_them():
    values = np.array([[0.0, -0.0, -0.004, 0.005, 0.015, 1.0, 10.0, 100.5],
                       [-12.30, 2.675, 1e20, -1e-9, math.inf, -math.inf, math.nan, 123.456]])
    rows = _filled(" ".join(["%s"] * 8), values)
    assert rows == [" ".join(_num(x) for x in row) for row in values]
    assert rows[0] == "0 -0 -0 0.01 0.01 1 10 100.5"
    rng = np.random.default_rng(5)
    shafts = rng.normal(0, 300, (40, 13, 2)).round(rng.integers(0, 4))
    paths = _filled("M" + " L".join(["%s %s"] * 13), shafts)
    assert paths == ["M" + " L".join(f"{_num(x)} {_num(y)}" for x, y in shaft) for shaft in shafts]


# ----------------------------------------------------------------------------- tie geometry


def _reference_tie_geometry(start, end, *, shrink_start, shrink_end, head_length, head_width, rad=0.12,
                            samples=13):
    """tie_geometry as first written: three separate bisections, every operation in the same order."""
    def point(p0, c, p2, t):
        t = t[:, None]
        return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * c + t ** 2 * p2

    def leave(p0, c, p2, centre, radius, t_near, t_far):
        near, far = t_near.astype(float).copy(), t_far.astype(float).copy()
        outside_at_far = np.hypot(*(point(p0, c, p2, far) - centre).T) >= radius
        for _ in range(32):
            mid = (near + far) / 2
            inside = np.hypot(*(point(p0, c, p2, mid) - centre).T) < radius
            near = np.where(inside, mid, near)
            far = np.where(inside, far, mid)
        return np.where(outside_at_far, (near + far) / 2, t_far)

    p0 = np.asarray(start, dtype=float).reshape(-1, 2)
    p2 = np.asarray(end, dtype=float).reshape(-1, 2)
    m = len(p0)
    shrink_start, shrink_end, head_length, head_width = (np.broadcast_to(np.asarray(a, dtype=float), (m,))
                                                         for a in (shrink_start, shrink_end, head_length, head_width))
    d = p2 - p0
    c = (p0 + p2) / 2 + rad * np.column_stack([d[:, 1], -d[:, 0]])
    zeros, ones, halves = np.zeros(m), np.ones(m), np.full(m, 0.5)
    t0 = leave(p0, c, p2, p0, shrink_start, zeros, halves)
    t_tip = np.maximum(leave(p0, c, p2, p2, shrink_end, ones, halves), t0)
    tip = point(p0, c, p2, t_tip)
    tangent = 2 * (1 - t_tip)[:, None] * (c - p0) + 2 * t_tip[:, None] * (p2 - c)
    norm = np.hypot(*tangent.T)
    norm[norm == 0] = 1.0
    u = tangent / norm[:, None]
    base = tip - u * head_length[:, None]
    side = np.column_stack([-u[:, 1], u[:, 0]]) * (head_width / 2)[:, None]
    heads = np.stack([tip, base + side, base - side], axis=1)
    t1 = leave(p0, c, p2, tip, head_length, t_tip, t0)
    steps = np.linspace(0.0, 1.0, samples)
    t = t0[:, None] + (t1 - t0)[:, None] * steps[None, :]
    tt = t[:, :, None]
    shafts = (1 - tt) ** 2 * p0[:, None, :] + 2 * (1 - tt) * tt * c[:, None, :] + tt ** 2 * p2[:, None, :]
    return shafts, heads


def test_a_known_mutual_pair_has_the_original_geometry():
    shafts, heads = tie_geometry([[0.0, 0.0], [100.0, 40.0]], [[100.0, 40.0], [0.0, 0.0]],
                                 shrink_start=[26.0, 16.0], shrink_end=[16.5, 26.5], head_length=[8.4, 3.0],
                                 head_width=[8.4, 3.0], rad=0.12)
    assert shafts[0][[0, 6, 12]].tolist() == [[25.48431128902312, 5.152657404287073],
                                              [52.91058747145232, 14.204961488555632],
                                              [78.96146033559235, 26.695773868547082]]
    assert shafts[1][[0, 6, 12]].tolist() == [[84.25347641498904, 37.16327744205178],
                                              [53.84759616505918, 28.391656375738645],
                                              [25.082898205753956, 15.517079582863929]]
    assert heads.tolist() == [[[86.21394207009493, 30.93387587851832], [76.85498513433816, 30.152898878440705],
                               [81.22334950870297, 22.978124129866334]],
                              [[22.446047090331035, 14.086339845992764], [25.79746123933504, 14.220590365007707],
                               [24.349495164521482, 16.84802147660493]]]


@pytest.mark.parametrize("rad", [0.0, 0.12, -0.3])
def test_tie_geometry_equals_the_original_bit_for_bit(rad):
    rng = np.random.default_rng(11)
    for m in (1, 2, 7, 64, 500):
        start, end = rng.normal(0, 200, (m, 2)), rng.normal(0, 200, (m, 2))
        if m > 2:
            end[0] = start[0]                                 # a loop
            end[1] = start[1] + 1.0                           # ends that overlap
        kw = dict(shrink_start=rng.uniform(0, 30, m), shrink_end=rng.uniform(0, 30, m),
                  head_length=rng.uniform(0, 20, m), head_width=rng.uniform(0, 20, m), rad=rad)
        for got, want in zip(tie_geometry(start, end, **kw), _reference_tie_geometry(start, end, **kw)):
            assert got.shape == want.shape and got.tobytes() == want.tobytes()
        kw.update(shrink_start=10.0, head_length=5.0, samples=3)
        for got, want in zip(tie_geometry(start, end, **kw), _reference_tie_geometry(start, end, **kw)):
            assert got.tobytes() == want.tobytes()

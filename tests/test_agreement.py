"""Inter-coder agreement against published worked examples and the krippendorff package."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pandas as pd
import pytest

from partnet.agreement import (
    agreement_table,
    coding_units,
    cohen_kappa,
    cohen_kappa_table,
    coincidence_matrix,
    krippendorff_alpha,
)
from partnet.errors import CodebookError, ParameterError

NA = None

# Cohen (1960), Table 1: two judges, 200 units, three categories (as proportions
# .44 .07 .09 / .05 .20 .05 / .01 .03 .06); p_o = .70, p_c = .41, kappa = .492.
COHEN_TABLE = [[88, 14, 18], [10, 40, 10], [2, 6, 12]]

# Krippendorff (2011), example C: four observers, twelve units, missing values.
KRIPP_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],
    [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],
]
# Krippendorff (2011), example A: two observers, binary data, ten units.
KRIPP_A = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]
# Krippendorff (2011), example B: two observers (Ben, Gerry), nominal data, twelve units.
KRIPP_B = [list("aabbdcccedda"), list("babbbccceddd")]


def _expand(table):
    """Two label lists whose cross-tabulation is ``table``."""
    a, b = [], []
    for i, row in enumerate(table):
        for j, n in enumerate(row):
            a += [f"c{i}"] * n
            b += [f"c{j}"] * n
    return a, b


def test_cohen_1960_table():
    # (0.70 - 0.41) / (1 - 0.41)
    assert cohen_kappa_table(COHEN_TABLE) == pytest.approx(0.29 / 0.59, abs=1e-12)
    assert round(cohen_kappa_table(COHEN_TABLE), 3) == 0.492


def test_cohen_1960_proportions_and_labels_agree():
    props = np.array(COHEN_TABLE) / 200
    assert cohen_kappa_table(props) == pytest.approx(0.29 / 0.59, abs=1e-12)
    a, b = _expand(COHEN_TABLE)
    assert cohen_kappa(a, b) == pytest.approx(0.29 / 0.59, abs=1e-12)


def test_cohen_kappa_drops_units_with_a_missing_label():
    a = [1, 1, 0, 0, 1, 0, 1, 1, None]
    b = [1, 0, 0, 0, 1, 0, 1, 1, 1]
    # 8 pairs: p_o = 7/8; a has 5 ones, b 4: p_e = 5/8*4/8 + 3/8*4/8 = 1/2
    assert cohen_kappa(a, b) == pytest.approx((7 / 8 - 0.5) / 0.5)


@pytest.mark.parametrize(
    "a, b",
    [([1, 1, 1], [1, 1, 1]), ([], [])],
    ids=["one-category", "no-units"],
)
def test_cohen_kappa_undefined_is_nan(a, b):
    assert math.isnan(cohen_kappa(a, b))


def test_cohen_kappa_errors():
    with pytest.raises(ParameterError, match="3 and 2 labels"):
        cohen_kappa([1, 2, 3], [1, 2])
    with pytest.raises(ParameterError, match="square"):
        cohen_kappa_table([[1, 2, 3], [4, 5, 6]])


@pytest.mark.parametrize(
    "level, published",
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
    ids=["nominal", "ordinal", "interval", "ratio"],
)
def test_krippendorff_2011_example_c(level, published):
    alpha = krippendorff_alpha(KRIPP_C, level)
    assert round(alpha, 3) == published
    reference = krippendorff.alpha(reliability_data=np.array(KRIPP_C, dtype=float), level_of_measurement=level)
    assert alpha == pytest.approx(reference, abs=1e-12)


def test_krippendorff_2011_example_c_coincidences():
    o = coincidence_matrix(KRIPP_C)
    # unit 12 has a single value and drops out: n = 40 pairable values
    assert o.to_numpy().sum() == pytest.approx(40)
    assert list(o.index) == [1, 2, 3, 4, 5]
    assert o.sum(axis=1).tolist() == pytest.approx([9, 13, 10, 5, 3])
    # units 3 and 4 are (3, 3, 3, 3): 4 * 3 / (4 - 1) = 4 pairs each
    assert o.loc[3, 3] == pytest.approx(8)
    # unit 6 (1, 2, 3, 4) adds 1/3, unit 8 (1, 1, 2, 1) adds 3 * 1 / 3
    assert o.loc[1, 2] == pytest.approx(4 / 3)


def test_krippendorff_2011_example_a():
    assert round(krippendorff_alpha(KRIPP_A), 3) == 0.095
    o = coincidence_matrix(KRIPP_A)
    assert o.to_numpy().tolist() == [[10, 4], [4, 2]]
    assert krippendorff_alpha(KRIPP_A) == pytest.approx(1 - 19 * 8 / (2 * 14 * 6))


def test_krippendorff_2011_example_b():
    # published: alpha = .692
    alpha = krippendorff_alpha(KRIPP_B)
    assert round(alpha, 3) == 0.692
    o = coincidence_matrix(KRIPP_B)
    assert list(o.index) == ["a", "b", "c", "d", "e"]
    # each unit adds (x, y) and (y, x): a-b once, a-d once, b-d once; diagonal 2 x agreeing units
    assert o.to_numpy().tolist() == [[2, 1, 0, 1, 0], [1, 4, 0, 1, 0], [0, 0, 6, 0, 0], [1, 1, 0, 4, 0],
                                     [0, 0, 0, 0, 2]]
    # n = 24, n_c = 4 6 6 6 2: alpha = 1 - (n - 1) * 6 / (n^2 - sum n_c^2) = 1 - 23 * 6 / 448
    assert alpha == pytest.approx(1 - 23 * 6 / 448, abs=1e-12)
    codes = {v: i for i, v in enumerate("abcde")}
    numbers = np.array([[codes[v] for v in row] for row in KRIPP_B], dtype=float)
    assert alpha == pytest.approx(krippendorff.alpha(reliability_data=numbers, level_of_measurement="nominal"),
                                  abs=1e-12)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_krippendorff_matches_package_on_random_data(level, seed):
    rng = np.random.default_rng(seed)
    data = rng.integers(1, 6, size=(4, 25)).astype(float)
    data[rng.random(data.shape) < 0.25] = np.nan
    reference = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
    assert krippendorff_alpha(data, level) == pytest.approx(reference, abs=1e-10)


def test_krippendorff_nominal_labels_as_strings():
    numbers = krippendorff_alpha(KRIPP_C)
    names = {1: "lead", 2: "vision", 3: "size", 4: "history", 5: "trust"}
    words = [[names.get(v) for v in row] for row in KRIPP_C]
    assert krippendorff_alpha(pd.DataFrame(words)) == pytest.approx(numbers)


@pytest.mark.parametrize(
    "data",
    [[[1, 1, 1], [1, 1, 1]], [[1, None, None], [None, 2, None]]],
    ids=["no-variation", "no-pairable-unit"],
)
def test_krippendorff_undefined_is_nan(data):
    assert math.isnan(krippendorff_alpha(data))


def test_krippendorff_errors():
    with pytest.raises(ParameterError, match="did you mean 'nominal'"):
        krippendorff_alpha(KRIPP_A, "nomnal")
    with pytest.raises(ParameterError, match="2 dimensions"):
        krippendorff_alpha([1, 2, 3])
    with pytest.raises(ParameterError, match="interval data must be numbers"):
        krippendorff_alpha([["a", "b"], ["a", "a"]], "interval")


@pytest.fixture
def two_coders():
    # s1..s5 coded by both; s6 only by ann (not a unit)
    rows = [
        ("s1", "leadership", "ann"), ("s1", "leadership", "bo"),
        ("s1", "vision", "ann"),
        ("s2", "vision", "ann"), ("s2", "vision", "bo"),
        ("s3", "leadership", "ann"), ("s3", "size", "bo"),
        ("s4", "size", "ann"), ("s4", "size", "bo"),
        ("s5", "leadership", "ann"), ("s5", "leadership", "bo"),
        ("s6", "size", "ann"),
    ]
    return pd.DataFrame(rows, columns=["segment_id", "code", "coder"])


def test_coding_units_definition(two_coders):
    u = coding_units(two_coders)
    assert list(u.columns) == ["ann", "bo"]
    assert sorted(u.index.get_level_values("segment_id").unique()) == ["s1", "s2", "s3", "s4", "s5"]
    assert u.loc[("leadership", "s3")].tolist() == [1, 0]
    assert u.loc[("size", "s3")].tolist() == [0, 1]
    assert u.loc[("vision", "s1")].tolist() == [1, 0]
    assert len(u) == 3 * 5


def test_agreement_table_two_coders(two_coders):
    t = agreement_table(two_coders)
    assert t.attrs["coders"] == ["ann", "bo"]
    assert list(t.index) == ["leadership", "size", "vision", "(all codes)"]
    lead = t.loc["leadership"]
    # ann: s1 s3 s5; bo: s1 s5 -> both 2, ann only 1, neither 2 (s2, s4)
    assert (lead["units"], lead["both"], lead["first_only"], lead["second_only"], lead["neither"]) == (5, 2, 1, 0, 2)
    # p_o = 4/5, p_e = 3/5*2/5 + 2/5*3/5 = 12/25
    assert lead["kappa"] == pytest.approx((4 / 5 - 12 / 25) / (1 - 12 / 25))
    assert lead["agreement"] == pytest.approx(4 / 5)
    units = coding_units(two_coders)
    for code in ["leadership", "size", "vision"]:
        block = units.loc[code]
        assert t.loc[code, "kappa"] == pytest.approx(cohen_kappa(block["ann"].tolist(), block["bo"].tolist()))
        ref = krippendorff.alpha(reliability_data=block.T.to_numpy(dtype=float, na_value=np.nan),
                                 level_of_measurement="nominal")
        assert t.loc[code, "alpha"] == pytest.approx(ref)
    pooled = t.loc["(all codes)"]
    assert pooled["units"] == 15
    assert pooled["both"] + pooled["first_only"] + pooled["second_only"] + pooled["neither"] == 15
    assert pooled["applied"] == 11  # 12 rows minus the single-coder segment s6


def test_agreement_table_three_coders_with_missing():
    rows = [
        ("s1", "a", "x"), ("s1", "a", "y"), ("s1", "a", "z"),
        ("s2", "a", "x"), ("s2", "b", "y"), ("s2", "b", "z"),
        ("s3", "b", "x"), ("s3", "b", "y"),
        ("s4", "a", "y"), ("s4", "a", "z"),
        ("s5", "b", "x"),
    ]
    seg = pd.DataFrame(rows, columns=["segment_id", "code", "coder"])
    t = agreement_table(seg)
    assert t["kappa"].isna().all()
    assert t["both"].isna().all()
    units = coding_units(seg)
    assert units.loc[("a", "s3")].tolist()[:2] == [0, 0]
    assert pd.isna(units.loc[("a", "s3"), "z"])
    for code in ["a", "b"]:
        ref = krippendorff.alpha(reliability_data=units.loc[code].T.to_numpy(dtype=float, na_value=np.nan),
                                 level_of_measurement="nominal")
        assert t.loc[code, "alpha"] == pytest.approx(ref)
    # code a: s1 (1,1,1), s2 (1,0,0), s3 (0,0,-), s4 (-,1,1); s5 has one coder only.
    # n = 10 values, ones 6, zeros 4; disagreeing ordered pairs only in s2: 4 / (3 - 1) = 2
    assert t.loc["a", "alpha"] == pytest.approx(1 - 9 * 2 / (2 * 6 * 4))
    # two of the three coders: kappa appears
    two = agreement_table(seg, coders=["x", "y"])
    assert not math.isnan(two.loc["a", "kappa"])


def test_agreement_on_another_column(two_coders):
    themes = {"leadership": "governance", "vision": "governance", "size": "stability"}
    seg = two_coders.assign(theme=two_coders["code"].map(themes))
    t = agreement_table(seg, column="theme")
    assert t.index.name == "theme"
    assert list(t.index) == ["governance", "stability", "(all codes)"]
    # governance: ann s1 s2 s3 s5, bo s1 s2 s5 -> s3 differs only
    assert t.loc["governance", "first_only"] == 1 and t.loc["governance", "both"] == 3


@pytest.mark.parametrize(
    "frame, match",
    [
        (pd.DataFrame({"segment_id": ["s1"], "code": ["a"]}), "missing: coder"),
        (pd.DataFrame({"segment_id": ["s1", "s2"], "code": ["a", "a"], "coder": ["x", "x"]}), "found 1: x"),
        (pd.DataFrame({"segment_id": ["s1"], "code": ["a"], "coder": [None]}), "found 0"),
    ],
    ids=["no-coder-column", "one-coder", "coder-all-missing"],
)
def test_agreement_needs_two_coders(frame, match):
    with pytest.raises(CodebookError, match=match):
        agreement_table(frame)


def test_unknown_coder_suggestion(two_coders):
    with pytest.raises(CodebookError, match="did you mean 'ann'"):
        agreement_table(two_coders, coders=["anne", "bo"])


def test_methods_page_states_the_unit_and_the_published_values():
    from pathlib import Path

    page = (Path(__file__).parents[1] / "docs" / "methods.md").read_text(encoding="utf-8")
    text = " ".join(page.split())
    assert "The *unit of agreement* is one segment for one code (or theme)" in text
    computed = [cohen_kappa_table(COHEN_TABLE), krippendorff_alpha(KRIPP_A), krippendorff_alpha(KRIPP_B)]
    computed += [krippendorff_alpha(KRIPP_C, level) for level in ("nominal", "ordinal", "interval", "ratio")]
    stated = "Cohen's kappa {:.3f}; Krippendorff's alphas {:.3f}, {:.3f}, and {:.3f}, {:.3f}, {:.3f}, {:.3f}"
    assert stated.format(*computed).replace("0.", ".") in text

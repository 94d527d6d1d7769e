"""Joint displays on the six-person themes fixture (hand-checked) and on the bundled cases.

The fixture's network (tests/fixtures/themes/ties.csv), directed:
p1 <-> p2, p1 <-> p3, p1 <-> p5, p3 <-> p4, p5 -> p6.
Betweenness (raw, ordered pairs): p1 13, p3 7, p5 4, others 0.
Cross-organisation brokerage: p1 6, p3 2, p5 1 (mean 1.5: brokers p1, p3).
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import partnet
from partnet import metrics, mixed, themes
from partnet.errors import ParameterError
from partnet.pseudonyms import leaked_names

HERE = Path(__file__).parent
CASES = HERE.parent / "data" / "examples"


@pytest.fixture(scope="module")
def case():
    return partnet.load_case(HERE / "fixtures" / "themes")


@pytest.fixture(scope="module")
def example():
    return partnet.load_case(HERE / "fixtures" / "example")


def test_positions(case):
    pos = mixed.positions(case)
    assert list(pos.index) == ["p1", "p2", "p3", "p4", "p5", "p6"]
    assert pos["betweenness"].tolist() == [13, 0, 7, 0, 4, 0]
    assert pos["degree"].tolist() == [6, 2, 4, 2, 3, 1]
    assert pos["cross_brokerage"].tolist() == [6, 0, 2, 0, 1, 0]
    assert pos["broker"].tolist() == [True, False, True, False, False, False]
    assert pos["brokerage_role"].tolist() == ["liaison", "none", "gatekeeper", "none", "gatekeeper", "none"]
    assert pos["senior"].tolist() == [True, False, True, False, False, False]
    assert pos["citizen_facing"].tolist() == [False, True, False, False, True, False]
    assert pos["interviewed"].tolist() == [True] * 5 + [False]
    core = metrics.core_periphery(case.graph(), seed=0).core
    assert pos["core"].tolist() == core.reindex(pos.index).tolist()
    assert pos.loc["p1", "ei"] == pytest.approx(1 / 3)


def test_positions_broker_threshold(case):
    assert mixed.positions(case, min_brokerage=1)["broker"].tolist() == [True, False, True, False, True, False]
    with pytest.raises(ParameterError, match="did you mean 'mean'"):
        mixed.positions(case, min_brokerage="meen")


def test_positions_outside_the_graph(case):
    pos = mixed.positions(case, case.graph(nonrespondents="drop"))
    assert pd.isna(pos.loc["p6", "broker"]) and pd.isna(pos.loc["p6", "degree"])
    assert pos.loc["p1", "degree"] == 6


def test_meta_matrix(case):
    m = mixed.meta_matrix(case)
    assert m["person_id"].tolist() == ["p1", "p3", "p5", "p2", "p4"]
    assert m["rank"].tolist() == [1, 2, 3, 4, 5]
    assert m["person"].tolist() == ["Ada Quintrell", "Cerys Vantongeren", "MPO-01", "NDC-02", "Dov Haraldsen"]
    assert m["betweenness"].tolist() == [13, 7, 4, 0, 0]
    assert m["core_periphery"].isin(["core", "periphery"]).all()
    assert m["segments: leadership"].tolist() == [1, 1, 1, 1, 0]
    assert m["segments: history"].tolist() == [1, 0, 1, 0, 0]
    assert m["segments: seniority"].tolist() == [0, 1, 0, 0, 0]
    assert m.loc[2, "quote: leadership"] == "Cerys pushes it at member level and NDC-02 follows."
    assert m.loc[3, "quote: network structure"] == "The partnership team does everything; Ada Quintrell chairs it."
    assert m.loc[4, "quote: leadership"] == ""
    assert m.loc[1, "seniority"] == "senior"  # the attribute, not the theme's count


def test_meta_matrix_anonymised_has_no_name(case):
    m = mixed.meta_matrix(case, anonymise=True)
    assert "person_id" not in m.columns
    # p1, p3, p5, p2, p4 (by degree); the themes key numbers ECC p4 before p3.
    assert m["person"].tolist() == ["NDC-01", "ECC-02", "MPO-01", "NDC-02", "ECC-01"]
    assert m.loc[2, "quote: leadership"] == "ECC-02 pushes it at member level and NDC-02 follows."
    assert leaked_names(m.to_csv(), case.people) == []


@pytest.mark.parametrize(
    "order_by, people, expected",
    [
        ("degree", "interviewed", ["p1", "p3", "p5", "p2", "p4"]),
        ("in_degree", "interviewed", ["p1", "p3", "p2", "p4", "p5"]),
        ("betweenness", "all", ["p1", "p3", "p5", "p2", "p4", "p6"]),
    ],
    ids=["degree", "in-degree-ties-in-roster-order", "everyone"],
)
def test_meta_matrix_order(case, order_by, people, expected):
    assert mixed.meta_matrix(case, order_by=order_by, people=people)["person_id"].tolist() == expected


def test_meta_matrix_options(case):
    m = mixed.meta_matrix(case, max_chars=30, level="dimension")
    assert [c for c in m.columns if c.startswith("segments: ")] == [
        "segments: network structure", "segments: governance", "segments: system stability"]
    assert m.loc[0, "quote: network structure"] == "Without a push from the chief\u2026"
    with pytest.raises(ParameterError, match="did you mean 'betweenness'"):
        mixed.meta_matrix(case, order_by="betweeness")
    with pytest.raises(ParameterError, match="people must be one of interviewed, all"):
        mixed.meta_matrix(case, people="some")
    assert mixed.joint_display is mixed.meta_matrix


def test_statistics_by_themes(case):
    s = mixed.statistics_by_themes(case)
    assert list(s.index) == ["network structure", "leadership", "accountability", "seniority", "embeddedness",
                             "history"]
    assert s.attrs["n"][("broker", "brokers")] == 2 and s.attrs["n"][("broker", "others")] == 3
    assert s.attrs["n"][("citizen_facing", "citizen-facing")] == 2
    lead = s.loc["leadership"]
    assert lead[("broker", "brokers", "share")] == 1.0
    assert lead[("broker", "others", "share")] == pytest.approx(2 / 3)
    assert lead[("broker", "others", "segments")] == 2
    assert lead[("citizen_facing", "citizen-facing", "people")] == 2
    assert lead[("broker", "brokers", "quote")] == (
        "Without a push from the chief executives, NDC-02's team waits. (Ada Quintrell)")
    assert lead[("broker", "others", "quote")] == "Cerys pushes it at member level and NDC-02 follows. (MPO-01)"
    hist = s.loc["history"]
    assert hist[("senior", "senior", "people")] == 1 and hist[("senior", "not senior", "people")] == 1
    assert s.loc["accountability", ("broker", "brokers", "quote")] == ""


def test_statistics_by_themes_exemplar_and_anonymise(case):
    seg = case.segments.assign(exemplar=np.where(case.segments["segment_id"] == "s5", "yes", ""))
    flagged = dataclasses.replace(case, segments=seg)
    s = mixed.statistics_by_themes(flagged, splits=("senior",), anonymise=True)
    assert list(s.columns.get_level_values("split").unique()) == ["senior"]
    assert s.loc["leadership", ("senior", "senior", "quote")] == (
        "As a councillor I want someone at the top to own this. (ECC-02)")
    assert leaked_names(s.to_csv(), case.people) == []
    with pytest.raises(ParameterError, match="did you mean 'broker'"):
        mixed.statistics_by_themes(case, splits=("brokers",))


SIZES = np.array([320, 4100, 1800], dtype=float)  # organisations.csv

#: Every indicator of the themes fixture but share_core, computed by hand from its csv files.
#: Segments count once whoever coded them (s4 is leadership for coder A and accountability for B).
THEMES_INDICATORS = {
    ("network structure", "density"): 9 / 30,
    ("network structure", "degree_centralization_in"): 9 / 25,
    # Freeman: sum(13 - b) over raw betweenness 13, 0, 7, 0, 4, 0, directed maximum (n-1)^2 (n-2) = 100
    ("network structure", "betweenness_centralization"): 54 / 100,
    ("network structure", "share_brokers"): 2 / 6,
    ("network structure", "ei_whole"): (4 - 5) / 9,
    ("network structure", "segments"): 3,                       # s1, s3, s6
    ("network structure", "share_interviewees"): 3 / 5,         # p1, p2, p4
    ("network structure", "segments: network structure"): 3,
    ("governance", "share_senior"): 2 / 6,
    ("governance", "share_middle"): 2 / 6,
    ("governance", "share_junior"): 2 / 6,
    ("governance", "share_citizen_facing"): 2 / 6,
    ("governance", "share_councillors"): 1 / 6,
    ("governance", "councillor_tie_share"): 4 / 18,
    ("governance", "segments"): 4,                              # s1, s4, s5, s8
    ("governance", "share_interviewees"): 4 / 5,                # p1, p2, p3, p5
    ("governance", "segments: leadership"): 4,
    ("governance", "segments: accountability"): 1,
    ("governance", "segments: seniority"): 1,
    ("system stability", "organisations"): 3,
    ("system stability", "org_size_cv"): SIZES.std() / SIZES.mean(),
    ("system stability", "org_size_ratio"): 4100 / 320,
    ("system stability", "segments"): 2,                        # s2, s7
    ("system stability", "share_interviewees"): 2 / 5,          # p1, p5
    ("system stability", "segments: embeddedness"): 1,
    ("system stability", "segments: history"): 2,
}


def test_indicators(case):
    G = case.graph()
    ind = mixed.indicators(case)
    whole = metrics.whole_network(G)
    assert set(ind.index) == set(THEMES_INDICATORS) | {("network structure", "share_core")}
    for key, value in THEMES_INDICATORS.items():
        assert ind[key] == pytest.approx(value), key
    assert ind[("network structure", "betweenness_centralization")] == pytest.approx(
        whole["betweenness_centralization"])
    assert ind[("network structure", "share_core")] == pytest.approx(
        metrics.core_periphery(G, seed=0).core.mean())
    assert list(ind.index.get_level_values(0).unique()) == ["network structure", "governance", "system stability"]


def test_indicators_count_the_people_in_the_graph(case):
    ind = mixed.indicators(case, case.graph(nonrespondents="drop"))
    assert ind[("governance", "share_junior")] == pytest.approx(1 / 5)
    assert ind[("network structure", "density")] == pytest.approx(8 / 20)
    assert ind[("system stability", "organisations")] == 3


def test_effectiveness_profile(case):
    p = mixed.effectiveness_profile(case)
    assert list(p.columns) == ["dimension", "evidence", "item", "value", "shown", "detail"]
    assert list(p["dimension"].unique()) == ["network structure", "governance", "system stability"]
    ind = p[p["evidence"] == "indicator"]
    assert len(ind) == len(mixed.INDICATORS)
    assert (ind["detail"].str.len() > 20).all()
    dens = ind.set_index("item").loc["density"]
    assert dens["value"] == pytest.approx(0.3) and dens["shown"] == "0.300"
    cf = ind.set_index("item").loc["share from citizen-facing directorates"]
    assert cf["shown"] == "33%"
    coded = p[p["evidence"] == "coded"].set_index("item")
    assert coded.loc["theme: leadership", "value"] == 4
    assert coded.loc["theme: leadership", "detail"] == "4 of 5 interviewees"
    quotes = p[p["evidence"] == "quote"].set_index("item")["shown"]
    assert quotes["theme: accountability"] == "Nobody at the top owns this. (NDC-02)"
    two = mixed.effectiveness_profile(case, quotes=2)
    assert (two["item"] == "theme: leadership").sum() == 3  # one count row, two quotes from two people


def test_effectiveness_profile_anonymised(case):
    p = mixed.effectiveness_profile(case, anonymise=True, quotes=3)
    assert leaked_names(p.to_csv(), case.people) == []


def test_cross_case_profile(case, example):
    x = mixed.cross_case_profile([case, example])
    assert list(x.columns) == ["themes", "example", "definition"]
    assert x.loc[("network structure", "density"), "themes"] == pytest.approx(0.3)
    assert x.loc[("network structure", "density"), "example"] == pytest.approx(3 / 12)
    assert x.loc[("governance", "segments: leadership"), "example"] == 2
    assert pd.isna(x.loc[("system stability", "segments: history"), "example"])
    assert x.loc[("governance", "share_citizen_facing"), "definition"].startswith("share of the people")
    # the themes column against the hand-computed values, not against the frame itself
    for key, value in THEMES_INDICATORS.items():
        assert x.loc[key, "themes"] == pytest.approx(value), key
    same = mixed.indicators(case)
    assert x["themes"].reindex(same.index).to_numpy() == pytest.approx(same.to_numpy(), nan_ok=True)
    with pytest.raises(ParameterError, match="given twice"):
        mixed.cross_case_profile([case, case])
    dropped = mixed.cross_case_profile([case], graphs=[case.graph(nonrespondents="drop")], definitions=False)
    assert list(dropped.columns) == ["themes"]
    assert dropped.loc[("network structure", "density"), "themes"] == pytest.approx(8 / 20)


# ----------------------------------------------------------------------------- bundled cases


@pytest.fixture(scope="module")
def bundled():
    return {cid: partnet.load_case(CASES / cid) for cid in ("shire", "metro", "coastal")}


@pytest.fixture(scope="module")
def profile(bundled):
    return mixed.cross_case_profile(list(bundled.values()))


def test_bundled_cases_produce_the_displays(bundled):
    for cid, c in bundled.items():
        interviewees = c.segments["person_id"].nunique()
        m = mixed.meta_matrix(c)
        assert len(m) == interviewees, cid
        assert m["betweenness"].is_monotonic_decreasing, cid
        n_themes = c.codebook["theme"].nunique()
        assert sum(col.startswith("quote: ") for col in m.columns) == n_themes
        s = mixed.statistics_by_themes(c)
        assert len(s) == n_themes
        for split, (yes, no) in mixed.SPLITS.items():
            assert s.attrs["n"][(split, yes)] + s.attrs["n"][(split, no)] == interviewees, (cid, split)
        p = mixed.effectiveness_profile(c)
        assert list(p["dimension"].unique()) == ["network structure", "governance", "system stability"]
        assert (p["evidence"] == "quote").sum() >= 9


def test_bundled_designed_relations(profile):
    cf = profile.loc[("governance", "share_citizen_facing")]
    assert cf["shire"] == pytest.approx(5 / 80)
    assert cf["shire"] < cf["metro"]
    cent = profile.loc[("network structure", "degree_centralization_in")]
    assert cent["shire"] > cent["metro"]
    assert cent["shire"] == pytest.approx(0.616, abs=5e-4)
    dens = profile.loc[("network structure", "density")]
    assert dens["shire"] < dens["metro"]
    # boundary spanning concentrated in the shire's partnership team
    brokers = profile.loc[("network structure", "share_brokers")]
    assert brokers["shire"] < brokers["metro"] and brokers["shire"] < brokers["coastal"]


def test_coastal_boundary_spanners_are_brokers(bundled):
    c = bundled["coastal"]
    pos = mixed.positions(c)
    ids = c.people.set_index("name")["person_id"]
    for name in ("Tamsin Kowalczyk", "Idris Nancarrow"):
        assert pos.loc[ids[name], "broker"], name
    top = pos["cross_brokerage"].idxmax()
    assert top == ids["Tamsin Kowalczyk"]


@pytest.mark.parametrize("cid", ["shire", "metro", "coastal"])
def test_bundled_anonymised_displays_leak_no_name(bundled, cid):
    c = bundled[cid]
    quotes = themes.quotes(c, anonymise=True)
    assert len(quotes) == c.segments["segment_id"].nunique()
    text = (mixed.meta_matrix(c, anonymise=True, people="all").to_csv()
            + mixed.statistics_by_themes(c, anonymise=True).to_csv()
            + mixed.effectiveness_profile(c, anonymise=True, quotes=3).to_csv()
            + quotes.to_csv())
    assert leaked_names(text, c.people) == []
    # the same displays without anonymising do name the people who consented
    named = mixed.meta_matrix(c, people="all")["person"]
    consented = c.people.loc[c.people["consent_named"], "name"]
    assert set(consented) <= set(named)


def test_bundled_shire_profile_as_printed(bundled):
    p = mixed.effectiveness_profile(bundled["shire"], anonymise=True)
    shown = p[p["evidence"] == "indicator"].set_index("item")["shown"]
    assert shown["share from citizen-facing directorates"] == "6%"  # 5 of 80
    assert shown["in-degree centralization"] == "0.616"
    assert shown["density"] == "0.063"
    coded = p[p["evidence"] == "coded"].set_index("item")
    assert coded.loc["theme: citizen-facing involvement", ["value", "detail"]].tolist() == [7, "5 of 20 interviewees"]
    assert (p.loc[p["evidence"] == "quote", "shown"].str.len() > 0).all()


@pytest.mark.parametrize("case_id", ["shire", "metro", "coastal"])
def test_profile_quotes_each_segment_once(case_id):
    import partnet as pn

    case = pn.load_case(Path(__file__).resolve().parents[1] / "data" / "examples" / case_id)
    p = mixed.effectiveness_profile(case)
    shown = p.loc[p["evidence"] == "quote", "shown"]
    assert len(shown) == 11 and shown.is_unique


def test_one_order_for_a_persons_quotes(make_case):
    # The joint displays and the drawings quote a person's segments in one
    # order: flagged exemplar, then longest, then file order.
    from partnet._coding import best_first
    from partnet.viz._shared import case_quotes

    segments = ("segment_id,person_id,code,excerpt,source,coder,exemplar\n"
                "s1,p1,lead_top,Short one.,i1,,\n"
                "s2,p1,leadership,A much longer excerpt than the first.,i1,,\n"
                "s3,p1,leadership,Flagged.,i1,,yes\n"
                "s4,p1,lead_top,Also short.,i1,,\n"
                "s4,p1,leadership,Also short.,i1,,\n")
    case = partnet.load_case(make_case("quotes", segments=segments))
    assert best_first(case.segments)["segment_id"].tolist() == ["s3", "s2", "s4", "s1"]
    assert [q["text"] for q in case_quotes(case, ["p1"], False, per_person=3)["p1"]] == [
        "Flagged.", "A much longer excerpt than the first.", "Also short."]
    assert len(case_quotes(case, ["p1"], False, per_person=math.inf)["p1"]) == 4
    m = mixed.meta_matrix(case, case.graph(), people="interviewed")
    assert m.loc[m["person"] == case.pseudonyms.shown("p1", False), "quote: leadership"].tolist() == ["Flagged."]

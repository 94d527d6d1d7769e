"""Themes on a six-person fictional case with two coders (tests/fixtures/themes).

Hand counts, theme level (segments s1..s8; B did not code s8):
network structure s1(A) s3 s6; leadership s1 s4(A) s5 s8(A); accountability s4(B);
seniority s5(A); embeddedness s7; history s2 s7(A).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import partnet
from partnet import themes
from partnet.errors import CodebookError, ParameterError
from partnet.pseudonyms import leaked_names

CASE_DIR = Path(__file__).parent / "fixtures" / "themes"
THEMES = ["network structure", "leadership", "accountability", "seniority", "embeddedness", "history"]


@pytest.fixture(scope="module")
def case():
    return partnet.load_case(CASE_DIR)


def test_frequencies_for_the_case(case):
    f = themes.frequencies(case)
    assert list(f.index) == THEMES
    assert f["segments"].tolist() == [3, 4, 1, 1, 1, 2]
    assert f["people"].tolist() == [3, 4, 1, 1, 1, 2]
    assert f["share_people"].tolist() == pytest.approx([0.6, 0.8, 0.2, 0.2, 0.2, 0.4])
    assert f["codings"].tolist() == [5, 6, 1, 1, 2, 3]


def test_frequencies_one_coder(case):
    f = themes.frequencies(case, coder="A")
    assert f["segments"].tolist() == [3, 4, 0, 1, 1, 2]
    b = themes.frequencies(case, coder="B")
    # B coded s1..s7 only: interviewees p1..p5, leadership s1 s5
    assert b.loc["leadership", "segments"] == 2 and b.loc["accountability", "segments"] == 1


@pytest.mark.parametrize(
    "level, index, segments",
    [
        ("dimension", ["network structure", "governance", "system stability"], [3, 4, 2]),
        ("code", ["structure", "central_team", "few_links", "leadership", "lead_top", "accountability",
                  "seniority", "embeddedness", "history"], [0, 2, 1, 2, 2, 1, 1, 1, 2]),
    ],
    ids=["dimension", "code"],
)
def test_frequencies_other_levels(case, level, index, segments):
    f = themes.frequencies(case, level=level)
    assert list(f.index) == index
    assert f["segments"].tolist() == segments


def test_frequencies_by_attribute(case):
    people = themes.frequencies(case, by="seniority", measure="people")
    assert list(people.columns) == ["senior", "middle", "junior"]
    assert people.loc["network structure"].tolist() == [1, 1, 1]
    assert people.loc["leadership"].tolist() == [2, 2, 0]
    assert people.loc["history"].tolist() == [1, 1, 0]
    share = themes.frequencies(case, by="seniority", measure="share")
    # interviewees: senior p1 p3, middle p2 p5, junior p4 (p6 has no segment)
    assert share.loc["network structure"].tolist() == pytest.approx([0.5, 0.5, 1.0])
    assert share.loc["leadership"].tolist() == pytest.approx([1.0, 1.0, 0.0])
    segs = themes.frequencies(case, by="org_type")
    assert list(segs.columns) == ["district council", "county council", "police"]
    assert segs.loc["leadership"].tolist() == [2, 1, 1]
    assert segs.loc["history"].tolist() == [1, 0, 1]


def test_frequencies_by_a_group_without_interviewees(case):
    share = themes.frequencies(case, by="role", measure="share")
    assert list(share.columns) == ["officer", "councillor", "partnership staff"]
    assert share["partnership staff"].isna().all()
    assert share.loc["leadership", "councillor"] == 1.0


def test_frequencies_by_person_follow_consent(case):
    named = themes.frequencies(case, by="person")
    assert list(named.columns) == ["Ada Quintrell", "NDC-02", "Cerys Vantongeren", "Dov Haraldsen", "MPO-01"]
    assert named.loc["leadership"].tolist() == [1, 1, 1, 0, 1]
    anon = themes.frequencies(case, by="person", anonymise=True)
    assert list(anon.columns) == ["NDC-01", "NDC-02", "ECC-02", "ECC-01", "MPO-01"]  # p1..p5; ECC p4 before p3
    assert themes.frequencies(case, by="person", measure="people").loc["history"].tolist() == [1, 0, 0, 0, 1]


def test_case_frequencies(case):
    example = partnet.load_case(Path(__file__).parent / "fixtures" / "example")
    t = themes.case_frequencies([case, example], measure="segments")
    assert list(t.columns) == ["themes", "example"]
    assert list(t.index) == THEMES
    assert t.loc["leadership"].tolist() == [4, 2]
    assert t["example"].isna().sum() == 5
    with pytest.raises(ParameterError, match="given twice"):
        themes.case_frequencies([case, case])


def test_cooccurrence_within_segment(case):
    m = themes.cooccurrence(case)
    assert list(m.index) == THEMES and (m.values == m.values.T).all()
    assert [m.loc[t, t] for t in THEMES] == [3, 4, 1, 1, 1, 2]
    pairs = {(a, b): m.loc[a, b] for a in THEMES for b in THEMES if a < b and m.loc[a, b]}
    assert pairs == {("leadership", "network structure"): 1, ("accountability", "leadership"): 1,
                     ("leadership", "seniority"): 1, ("embeddedness", "history"): 1}
    assert themes.cooccurrence(case, coder="A").loc["leadership", "accountability"] == 0


def test_cooccurrence_within_person(case):
    m = themes.cooccurrence(case, within="person")
    assert [m.loc[t, t] for t in THEMES] == [3, 4, 1, 1, 1, 2]
    assert m.loc["leadership", "network structure"] == 2
    assert m.loc["leadership", "history"] == 2
    assert m.loc["network structure", "history"] == 1
    assert m.loc["network structure", "embeddedness"] == 0
    assert m.loc["embeddedness", "leadership"] == 1


def test_code_tree(case):
    t = themes.code_tree(case)
    assert list(t.index) == ["structure", "central_team", "few_links", "leadership", "lead_top", "accountability",
                             "seniority", "embeddedness", "history"]
    assert t.loc["structure", ["depth", "segments", "segments_total", "people_total"]].tolist() == [0, 0, 3, 3]
    assert t.loc["few_links", "path"] == "structure > few_links"
    assert t.loc["few_links", "theme"] == "network structure"
    assert t.loc["leadership", ["segments", "segments_total", "people_total"]].tolist() == [2, 4, 4]


def test_quotes_by_theme_and_attribute(case):
    q = themes.quotes(case, theme="network structure", role="officer")
    assert q["segment_id"].tolist() == ["s1", "s3", "s6"]
    assert q["person"].tolist() == ["Ada Quintrell", "NDC-02", "Dov Haraldsen"]
    assert q.loc[0, "excerpt"] == "Without a push from the chief executives, NDC-02's team waits."
    assert q.loc[1, "excerpt"] == "The partnership team does everything; Ada Quintrell chairs it."
    assert q.loc[0, "themes"] == "network structure, leadership"
    assert q.loc[0, "codes"] == "central_team, lead_top"
    assert q.loc[0, "source"] == "interview p1"


def test_quotes_anonymised_leak_no_name(case):
    q = themes.quotes(case, anonymise=True)
    assert "person_id" not in q.columns
    assert len(q) == 8
    assert q.set_index("segment_id").loc["s8", "excerpt"] == "ECC-02 pushes it at member level and NDC-02 follows."
    text = q.to_csv()
    assert leaked_names(text, case.people) == []
    named = themes.quotes(case, person="esme  rautio")
    assert named["excerpt"].tolist() == [
        "The partnership is part of how we work now; MPO-01's team relies on it.",
        "Cerys pushes it at member level and NDC-02 follows.",
    ]
    assert set(named["person"]) == {"MPO-01"}


def test_quotes_filters(case):
    assert themes.quotes(case, theme="accountability", coder="A").empty
    assert themes.quotes(case, theme="accountability")["segment_id"].tolist() == ["s4"]
    assert themes.quotes(case, org_type="police")["segment_id"].tolist() == ["s7", "s8"]
    assert themes.quotes(case, dimension="system stability", directorate=["ICT", "citizen-facing"])[
        "segment_id"].tolist() == ["s2", "s7"]
    assert themes.quotes(case, code="lead_top", person=["p1", "Esme Rautio"])["segment_id"].tolist() == ["s1", "s8"]


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda c: themes.quotes(c, theme="leadershp"), "did you mean 'leadership'"),
        (lambda c: themes.quotes(c, rol="officer"), "did you mean 'role'"),
        (lambda c: themes.quotes(c, person="Ada Quintrel"), "did you mean 'Ada Quintrell'"),
        (lambda c: themes.frequencies(c, by="senority"), "did you mean 'seniority'"),
        (lambda c: themes.frequencies(c, level="themes"), "did you mean 'theme'"),
        (lambda c: themes.frequencies(c, by="role", measure="peeple"), "did you mean 'people'"),
        (lambda c: themes.frequencies(c, coder="C"), "coder must be one of A, B"),
        (lambda c: themes.cooccurrence(c, within="interview"), "within must be one of segment, person"),
    ],
    ids=["theme", "attribute", "person", "by", "level", "measure", "coder", "within"],
)
def test_bad_arguments(case, call, match):
    with pytest.raises(ParameterError, match=match):
        call(case)


def test_agreement_by_theme(case):
    t = themes.agreement(case, level="theme")
    assert t.attrs["coders"] == ["A", "B"]
    assert list(t.index) == THEMES + ["(all codes)"]
    # units: s1..s7 (s8 was coded by A only)
    assert set(t["units"][:-1]) == {7}
    assert t.loc["leadership", ["both", "first_only", "second_only", "neither"]].tolist() == [2, 1, 0, 4]
    assert t.loc["leadership", "kappa"] == pytest.approx(16 / 23)
    assert t.loc["network structure", "kappa"] == pytest.approx(16 / 23)
    assert t.loc["history", "kappa"] == pytest.approx(10 / 17)
    assert t.loc["accountability", "kappa"] == pytest.approx(0.0)
    assert t.loc["embeddedness", "kappa"] == pytest.approx(1.0)


def test_agreement_by_code_needs_coders(case, tmp_path):
    t = themes.agreement(case)
    assert t.loc["lead_top", ["both", "first_only", "second_only", "neither"]].tolist() == [1, 0, 0, 6]
    example = partnet.load_case(Path(__file__).parent / "fixtures" / "example")
    with pytest.raises(CodebookError, match="at least two coders"):
        themes.agreement(example)


def test_people_attributes_carry_no_names(case):
    attrs = themes.people_attributes(case)
    assert "name" not in attrs.columns and "pseudonym" not in attrs.columns
    assert attrs.loc["p6", "org_size"] == 1800
    assert leaked_names(themes.coded_segments(case, anonymise=True).to_csv(), case.people) == []
    named = themes.coded_segments(case).set_index(["segment_id", "code", "coder"])
    assert named.loc[("s3", "central_team", "A"), "person"] == "NDC-02"
    assert named.loc[("s3", "central_team", "A"), "excerpt"] == (
        "The partnership team does everything; Ada Quintrell chairs it.")
    assert named.loc[("s1", "lead_top", "A"), "excerpt"] == (
        "Without a push from the chief executives, NDC-02's team waits.")

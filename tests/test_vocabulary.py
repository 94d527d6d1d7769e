"""One vocabulary: every code name partnet shows has a plain label and a meaning, and only code names are relabelled."""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import partnet as pn
from partnet import metrics, mixed, options, themes, vocabulary
from partnet.vocabulary import CODE_NAMES, TERMS, Term, glossary, label, meaning, relabel

EXAMPLE = Path(__file__).parent / "fixtures" / "example"


@pytest.fixture(scope="module")
def example():
    case = pn.load_case(EXAMPLE)
    return case, case.graph()


def two_waves():
    before = nx.DiGraph([("a1", "a2"), ("a2", "a1"), ("a1", "b1"), ("b1", "b2"), ("b2", "a2"), ("b2", "c1")])
    after = nx.DiGraph([("a1", "a2"), ("a2", "a1"), ("b1", "b2"), ("b2", "b1"), ("c1", "a1"), ("c1", "b1")])
    for G in (before, after):
        nx.set_node_attributes(G, {v: v[0].upper() for v in G}, "organisation")
    return before, after


def check_codes(codes):
    missing = [c for c in codes if c not in TERMS]
    assert missing == []
    for code in codes:
        term = TERMS[code]
        assert term.code == code and term.label.strip() and term.meaning.strip(), code


# ------------------------------------------------------------------ coverage

@pytest.mark.parametrize("codes", [
    metrics.NODE_TABLE_COLUMNS, metrics.UNDIRECTED_NODE_TABLE_COLUMNS,
    metrics.WHOLE_NETWORK_FIELDS, metrics.UNDIRECTED_WHOLE_NETWORK_FIELDS, metrics.WAVE_CHANGE_FIELDS,
    tuple(mixed.INDICATORS), tuple(mixed.CHANGE_INDICATORS), tuple(mixed.EVIDENCE), tuple(mixed.SPLITS),
], ids=["node_table", "undirected_node_table", "whole_network", "undirected_whole_network", "wave_change",
        "indicators", "change_indicators", "evidence", "splits"])
def test_every_code_of_partnets_tables_has_a_term(codes):
    check_codes(codes)


def test_every_option_has_a_term():
    checked = [name[len("check_"):] for name, f in inspect.getmembers(options, inspect.isfunction)
               if name.startswith("check_") and name != "check_bool" and f.__module__ == options.__name__]
    assert sorted(checked) == ["anonymise", "min_frequency", "nonrespondents", "seed"]
    check_codes(checked + ["relation", "scale", "directed", "wave", "case", "cases"])


def test_the_reports_parameters_have_terms():
    from partnet.report import CaseReport, CrossCaseReport

    check_codes(list(CaseReport(EXAMPLE).parameters))
    check_codes(list(CrossCaseReport([EXAMPLE]).parameters))


def test_permutation_tests_and_their_tables_have_terms(example):
    check_codes([f.name for f in dataclasses.fields(metrics.QAPResult)])
    check_codes([f.name for f in dataclasses.fields(metrics.QAPRegressionResult) if f.name != "coefficients"])
    case, G = example
    ei = metrics.ei_index(G, "organisation", permutations=10)
    check_codes(list(ei.whole.index))
    check_codes(list(ei.groups.columns))
    check_codes(["coef", "std_coef", "t", "p_greater", "p_less", "p_two_sided"])


def test_wave_comparison_tables_have_terms():
    w = metrics.compare_waves(*two_waves(), permutations=20)
    check_codes(list(w.profiles.index) + list(w.profiles.columns) + [w.profiles.index.name])
    check_codes(list(w.node_stability.index) + list(w.node_stability.columns))
    check_codes(list(w.core.columns) + list(w.organisations.columns))


def test_joint_displays_and_theme_tables_have_terms(example):
    case, G = example
    check_codes([c for c in mixed.positions(case, G).columns])
    check_codes([c for c in mixed.meta_matrix(case, G).columns if not c.startswith(("segments: ", "quote: "))])
    by_position = mixed.statistics_by_themes(case, G)
    check_codes(list(by_position.columns.names) + list(by_position.columns.unique("split"))
                + list(by_position.columns.unique("measure")))
    check_codes(list(mixed.effectiveness_profile(case, G).columns))
    check_codes(list(mixed.cross_case_profile([case]).index.names) + ["definition"])
    check_codes(list(themes.frequencies(case).columns) + list(themes.code_tree(case).columns))
    check_codes(list(themes.quotes(case).columns))
    check_codes(["units", "applied", "agreement", "both", "first_only", "second_only", "neither", "kappa", "alpha"])
    check_codes(list(case.response_by_organisation().columns))


def test_the_attributes_of_a_person_have_terms(example):
    _, G = example
    check_codes(sorted({k for _, d in G.nodes(data=True) for k in d}))
    check_codes(sorted({k for *_, d in G.edges(data=True) for k in d}))


# ------------------------------------------------------------------ the terms

def test_terms_are_keyed_by_their_code_and_labels_name_one_thing_each():
    assert all(isinstance(t, Term) and code == t.code for code, t in TERMS.items())
    labels = [t.label for t in TERMS.values()]
    assert len(labels) == len(set(labels))


def test_no_multiword_code_is_its_own_label():
    assert [c for c, t in TERMS.items() if "_" in c and t.label == c] == []
    assert [c for c, t in TERMS.items() if "_" in t.label] == []


def test_code_names_are_the_codes_a_page_must_not_show():
    assert CODE_NAMES == {c for c, t in TERMS.items() if t.label != c}
    assert {"reciprocity_dyad", "closeness_in", "n01", "min_frequency", "anonymise", "ei"} <= CODE_NAMES
    assert not {"density", "betweenness", "organisation"} & CODE_NAMES
    # a label is never itself a code name (a page checks whole headers against CODE_NAMES)
    assert [t.label for t in TERMS.values() if t.label in CODE_NAMES] == []


def test_meanings_are_one_sentence():
    for code, term in TERMS.items():
        assert term.meaning[0].isupper() and term.meaning.endswith("."), code
        assert ". " not in term.meaning.replace("et al. ", ""), code


def test_the_profiles_labels_are_the_vocabularys():
    """effectiveness_profile prints mixed.INDICATORS' labels: the same words as every other page."""
    for key, (_, shown, _) in {**mixed.INDICATORS, **mixed.CHANGE_INDICATORS}.items():
        assert label(key) == shown, key


def test_the_drawings_labels_are_views_of_the_vocabulary():
    from partnet.viz._shared import ATTRIBUTE_LABELS, MEASURE_LABELS, attribute_label

    for code, shown in {**MEASURE_LABELS, **ATTRIBUTE_LABELS}.items():
        assert shown == label(code) == attribute_label(code)
    assert MEASURE_LABELS["in_degree"] == "named by (in-degree)"
    assert MEASURE_LABELS["consultant"] == "consultant (itinerant)"
    assert ATTRIBUTE_LABELS["org_type"] == "organisation type"


def test_label_and_meaning_of_anything_else():
    assert label("lead_top") == "lead_top" and meaning("lead_top") == ""
    assert label(3) == 3 and meaning(None) == ""


# ------------------------------------------------------------------ relabel

def test_relabel_replaces_code_names_and_leaves_the_data():
    table = pd.DataFrame({"in_degree": [3, 1], "org_type": ["police", "n"]},
                         index=pd.Index(["p1", "density"], name="person_id"))
    shown = relabel(table)
    assert list(shown.columns) == ["named by (in-degree)", "organisation type"]
    assert shown.index.name == "person (id)" and list(shown.index) == ["p1", "density"]
    assert shown.to_numpy().tolist() == table.to_numpy().tolist()
    assert list(table.columns) == ["in_degree", "org_type"]          # a copy


def test_relabel_leaves_every_data_identifier_alone(example):
    """Case ids, themes and codes, people and organisations are never relabelled, even when named like codes."""
    case, _ = example
    themes_like_codes = ["hierarchy", "constraint", "efficiency", "n", "ei", "density", "lead_top", "core"]
    for axis in ("theme", "code", "person", "organisation", "case", "role", "seniority"):
        t = pd.DataFrame({"x": range(len(themes_like_codes))}, index=pd.Index(themes_like_codes, name=axis))
        assert list(relabel(t).index) == themes_like_codes, axis
        wide = t.T.rename_axis(columns=axis)
        assert list(relabel(wide).columns) == themes_like_codes, axis
    # case ids as columns beside a code: only the unmistakable codes (underscore, digit) are relabelled
    cases = pd.DataFrame({"hierarchy": [1.0], "ei": [2.0], "shire": [3.0], "reciprocity_dyad": [4.0],
                          "definition": ["..."]})
    assert list(relabel(cases).columns) == ["hierarchy", "ei", "shire", "reciprocity (share of pairs)", "definition"]
    # person names and pseudonyms
    people = pd.DataFrame({"n": [1]}, index=pd.Index(["Ada Quintrell"], name="person"))
    assert list(relabel(people).index) == ["Ada Quintrell"]
    # the cells are the data: a value equal to a code stays
    cells = pd.DataFrame({"brokerage_role": ["consultant", "none"], "movement": ["left", "joined"]})
    assert relabel(cells).to_numpy().tolist() == cells.to_numpy().tolist()


def test_relabel_of_partnets_tables(example):
    case, G = example
    whole = relabel(metrics.whole_network(G).rename("value").to_frame())
    assert whole.index[:4].tolist() == ["people in the network", "ties", "density", "reciprocity (share of pairs)"]
    assert whole.columns.tolist() == ["value"]
    w = metrics.compare_waves(*two_waves(), permutations=20)
    change = relabel(w.change.rename("value").to_frame())
    assert change.loc["new ties", "value"] == w.change["n01"]
    profiles = relabel(w.profiles.rename(columns={"before": "2019", "after": "2021"}))
    assert profiles.index.name == "measure" and "people in the core" in profiles.index
    assert list(profiles.columns) == ["2019", "2021", "difference"]
    organisations = relabel(w.organisations)
    assert list(organisations.index.names) == ["from", "to"]
    assert organisations.index.tolist() == w.organisations.index.tolist()      # organisations are data
    assert "ties in the earlier wave" in organisations.columns
    meta = relabel(mixed.meta_matrix(case, G))
    assert {"organisation type", "main brokerage role", "core or periphery", "E-I index",
            "segments: leadership", "quote: leadership"} <= set(meta.columns)
    by_position = relabel(mixed.statistics_by_themes(case, G))
    assert "citizen-facing directorate" in by_position.columns.unique(0)
    assert by_position.index.tolist() == ["leadership"]
    profile = relabel(mixed.cross_case_profile([case]))
    assert ("governance", "share of councillors") in profile.index
    assert ("governance", "segments: leadership") in profile.index
    assert list(profile.columns) == ["example", "definition"]


def test_no_code_name_is_left_in_the_headers_of_report_tables(example):
    case, G = example
    nodes = metrics.node_table(G)
    attributes = case.people.set_index("person_id")[["organisation", "role", "seniority", "directorate"]]
    tables = [case.response_by_organisation(), metrics.whole_network(G).rename("value").to_frame(),
              metrics.ei_index(G, "organisation", permutations=10).whole.rename("value").to_frame(),
              attributes.join(nodes), themes.frequencies(case), mixed.meta_matrix(case, G),
              mixed.statistics_by_themes(case, G), mixed.shown_profile(mixed.effectiveness_profile(case, G)),
              mixed.cross_case_profile([case])]
    w = metrics.compare_waves(*two_waves(), permutations=20)
    tables += [w.change.rename("value").to_frame(), w.profiles, w.node_stability, w.core, w.organisations]
    for table in tables:
        shown = relabel(table)
        headers = [*shown.columns.names, *shown.index.names]
        for axis in (shown.columns, shown.index):
            headers += [v for level in range(axis.nlevels) for v in axis.get_level_values(level)]
        assert [h for h in headers if isinstance(h, str) and h in CODE_NAMES] == [], list(table.columns)[:5]


def test_relabel_takes_a_series():
    s = pd.Series({"n": 4.0, "transitivity": 0.5}, name="example")
    shown = relabel(s)
    assert isinstance(shown, pd.Series) and shown.name == "example"
    assert shown.index.tolist() == ["people in the network", "transitivity"]


# ------------------------------------------------------------------ glossary

def test_glossary_of_some_codes_and_of_all():
    g = glossary(["ei", "ei", "trust", "n01"])
    assert list(g.columns) == ["code", "label", "meaning"]
    assert g["code"].tolist() == ["ei", "n01"]
    assert g.loc[1, "label"] == "new ties" and g.loc[1, "meaning"] == meaning("n01")
    everything = glossary()
    assert everything["code"].tolist() == list(TERMS)


def test_shown_profile_shows_each_number_once(example):
    case, G = example
    profile = mixed.effectiveness_profile(case, G)
    shown = mixed.shown_profile(profile)
    assert list(shown.columns) == ["dimension", "evidence", "item", "shown", "detail"]
    assert shown.index.tolist() == profile.index.tolist()
    assert shown["shown"].tolist() == profile["shown"].tolist()
    assert list(relabel(shown).columns) == ["dimension", "evidence", "item", "value or quote", "detail"]
    assert list(profile.columns) == ["dimension", "evidence", "item", "value", "shown", "detail"]   # the API's
    with pytest.raises(pn.ParameterError, match="effectiveness_profile"):
        mixed.shown_profile(profile.drop(columns="detail"))


def test_the_vocabulary_imports_nothing_of_partnet():
    """A leaf: any module (drawings, report, export) may name things by it."""
    import ast

    tree = ast.parse(Path(vocabulary.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert {m for m in imported if m.split(".")[0] == "partnet"} == set()

"""One palette for every drawing: fixed org-type styles, colours then shapes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from partnet import schema
from partnet.errors import ParameterError
from partnet.viz.keypeople import key_people
from partnet.viz.palette import OKABE_ITO, ORG_TYPE_STYLE, SEQUENTIAL, Style, category_order, palette_for


def test_every_org_type_has_its_own_style():
    assert set(ORG_TYPE_STYLE) == set(schema.ORG_TYPES)
    styles = [(s.colour, s.shape) for s in ORG_TYPE_STYLE.values()]
    assert len(set(styles)) == len(styles)


def test_org_type_style_does_not_depend_on_the_case():
    shire = palette_for("org_type", ["county council", "district council", "police", "fire"])
    metro = palette_for("org_type", ["metropolitan borough", "police", "health"])
    assert shire.style("police") == metro.style("police") == Style("#CC79A7", "dot")
    assert [label for label, _ in metro.legend()] == ["metropolitan borough", "police", "health"]


def test_categories_take_okabe_ito_then_shapes():
    orgs = [f"Org {c}" for c in "JIHGFEDCBA"]
    p = palette_for("organisation", orgs)
    assert [label for label, _ in p.legend()] == sorted(orgs)
    assert [p.colour(o) for o in sorted(orgs)[:7]] == list(OKABE_ITO)
    assert [p.shape(o) for o in sorted(orgs)] == ["dot"] * 7 + ["square"] * 3
    assert p.marker("Org J") == "s" and p.marker("Org A") == "o"
    assert p.style("Org Z") == Style("#999999", "dot")  # unseen value: neutral grey


def test_known_attributes_keep_the_format_order():
    assert category_order("role", ["other", "officer", "councillor"]) == ["officer", "councillor", "other"]
    assert [label for label, _ in palette_for("responded", [True, False, np.bool_(True)]).legend()] == ["no", "yes"]


def test_measures_are_cut_into_five_classes():
    p = palette_for("betweenness", [0.0, 0.1, 0.25, 0.5, 1.0, None])
    assert p.numeric and len(p.bins) == 5
    assert [label for label, _ in p.legend()] == ["0 to 0.2", "0.2 to 0.4", "0.4 to 0.6", "0.6 to 0.8",
                                                  "0.8 to 1", "missing"]
    assert [p.colour(v) for v in (0.0, 0.25, 0.5, 1.0)] == [SEQUENTIAL[0], SEQUENTIAL[1], SEQUENTIAL[2],
                                                           SEQUENTIAL[4]]
    assert p.category(None) == "missing"
    flat = palette_for("in_degree", [3, 3])
    assert flat.legend() == [("3", Style(SEQUENTIAL[2]))]


def test_empty_values_are_an_error():
    with pytest.raises(ParameterError, match="no values"):
        palette_for("org_type", [])


def test_key_people_top_decile():
    t = pd.DataFrame({"in_degree": [10, 9, 9, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                      "gatekeeper": [0] * 19 + [2], "coordinator": [9] + [0] * 19})
    k = key_people(t)
    # top 10 % of 20 people = 2 people; the tie at 9 is included
    assert list(k.index[k.opinion_leader]) == [0, 1, 2]
    # the coordinator role stays inside one organisation: not spanning
    assert list(k.index[k.boundary_spanner]) == [19]
    assert not key_people(t, min_in_degree=11).opinion_leader.any()


def test_key_people_own_classification_wins():
    t = pd.DataFrame({"in_degree": [5, 0], "opinion_leader": [False, True], "boundary_spanner": [True, None]})
    k = key_people(t)
    assert k.opinion_leader.tolist() == [False, True] and k.boundary_spanner.tolist() == [True, False]
    with pytest.raises(ParameterError):
        key_people(t, top=0)

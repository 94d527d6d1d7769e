"""Every public measure documents its convention: an example, Notes, and where the number comes from."""

from __future__ import annotations

import inspect
import re

import pytest

import partnet.metrics as pm

FUNCTIONS = [name for name in pm.__all__ if inspect.isfunction(getattr(pm, name))]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_numpydoc_sections(name):
    doc = inspect.getdoc(getattr(pm, name))
    for section in ("Returns", "Examples", "Notes"):
        assert re.search(rf"^{section}\n-+$", doc, re.M), f"{name}: no {section} section"
    assert ">>> " in doc


@pytest.mark.parametrize("name", [n for n in FUNCTIONS if n != "clear_cache"])
def test_notes_name_a_convention_or_a_source(name):
    doc = inspect.getdoc(getattr(pm, name))
    notes = doc.split("Notes\n-----", 1)[1]
    assert re.search(r"UCINET|\b(19|20)\d{2}\b", notes), f"{name}: Notes cite no convention or source"


def test_public_names_resolve_to_their_family_modules():
    assert pm.density is pm.cohesion.density
    assert pm.brokerage is pm.brokerage_roles.brokerage
    assert pm.ei_index is pm.ei.ei_index
    assert len(set(pm.__all__)) == len(pm.__all__)


def test_methods_page_states_the_published_values_partnet_computes():
    """docs/methods.md quotes UCINET's published figures; they must be what partnet computes."""
    from pathlib import Path

    import networkx as nx

    page = (Path(__file__).parents[1] / "docs" / "methods.md").read_text(encoding="utf-8")
    text = " ".join(page.split())
    florentine = nx.florentine_families_graph()
    florentine.add_node("Pucci")
    karate = nx.karate_club_graph()
    stated = ("isolated Pucci family (16 families) has density {:.3f} and transitivity {:.3f}, "
              "the Medici a raw betweenness of {:.1f}; "
              "Zachary's (1977) karate club has {:d} ties, density {:.3f} and transitivity {:.3f}").format(
        pm.density(florentine), pm.transitivity(florentine),
        pm.betweenness(florentine, normalized=False)["Medici"],
        int(pm.whole_network(karate)["ties"]), pm.density(karate), pm.transitivity(karate))
    assert stated in text
    # ... and they are the published figures themselves, as literals (Borgatti, Everett & Johnson 2013)
    published = ("isolated Pucci family (16 families) has density 0.167 and transitivity 0.191, the Medici a raw "
                 "betweenness of 47.5; Zachary's (1977) karate club has 78 ties, density 0.139 and transitivity 0.256")
    assert stated == published
    A = pm.adjacency_matrix(karate)
    r = pm.qap_correlation(pm.adjacency_matrix(karate, weight="weight"), A @ A.T, permutations=1).statistic
    assert f"correlates r = {r:.4f} with the number of friends two members share" in text
    # the published QAP correlation (ch. 8: valued network against the row cross-product, diagonal excluded)
    assert round(r, 4) == 0.3659
    assert "correlates r = 0.3659 with the number of friends two members share" in text
    for name in ("Krackhardt, D. (1988)", "Dekker, D., Krackhardt, D. & Snijders", "Blondel, V. D.",
                 "Opsahl, T., Agneessens, F. & Skvoretz", "Borgatti, S. P., Everett, M. G. & Johnson"):
        assert name in page

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

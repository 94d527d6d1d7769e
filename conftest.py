"""Names available to every doctest (as networkx does in its conftest)."""

from pathlib import Path

import pytest

EXAMPLE_CASE = Path(__file__).parent / "tests" / "fixtures" / "example"


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace):
    doctest_namespace["EXAMPLE_CASE"] = EXAMPLE_CASE

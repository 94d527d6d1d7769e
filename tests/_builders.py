"""Plain builders shared by several test modules.

Fixtures live in ``conftest.py``; what is here is needed where a fixture
cannot reach: at import time (module constants built on top of these, as
``test_case.PEOPLE5``) or in a subprocess (``test_reproducible`` writes the
same tables from two interpreters). Test modules import from here, never
from each other.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

#: The tiny fictional case that report runs render (tests/fixtures/tiny).
TINY = Path(__file__).parent / "fixtures" / "tiny"

#: The people.csv header of the example case (tests/fixtures/example).
PEOPLE_HEADER = "person_id,name,organisation,role,directorate,seniority,responded,consent_named\n"

#: A four-person roster: p1-p3 responded, p4 did not; p2 did not consent to be named.
PEOPLE = (
    PEOPLE_HEADER
    + "p1,Ada Quintrell,Northvale District Council,officer,ICT,senior,yes,yes\n"
    + "p2,Bram Okonjo,Northvale District Council,officer,citizen-facing,middle,yes,no\n"
    + "p3,Cerys Vantongeren,Eastmarsh County Council,councillor,none,senior,yes,yes\n"
    + "p4,Dov Haraldsen,Eastmarsh County Council,officer,back-office,junior,no,yes\n"
)

#: The ties.csv header.
TIES_HEADER = "respondent,alter,relation,frequency\n"


def report_tables() -> dict:
    """Tables like a report's: text, numbers, a named index, a MultiIndex header, a Series."""
    block = pd.DataFrame({"density": [0.25, 0.5]}, index=pd.Index(["HDC", "BCC"], name="organisation"))
    wide = pd.DataFrame([[1, 2.5]], columns=pd.MultiIndex.from_tuples([("in", "degree"), ("out", "share")]))
    return {"block density": block, "quotes": pd.DataFrame({"quote": ["=1+1", "we meet monthly"]}),
            "wide": wide, "sizes": pd.Series([3, 5], name="people")}


def copy_tiny_case(folder: Path, name: str = "tiny") -> Path:
    """Copy the tiny case into ``folder/name``, its id in case.yaml renamed to ``name``; returns the copy."""
    target = Path(folder) / name
    shutil.copytree(TINY, target)
    if name != "tiny":
        yaml = target / "case.yaml"
        yaml.write_text(yaml.read_text().replace("id: tiny", f"id: {name}"))
    return target

"""Shared test fixtures: small case folders and workbooks built from the example fixture.

Plain constants and helpers that must exist at import time (or in a
subprocess) are in ``tests/_builders.py``; test modules never import each other.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from ._builders import PEOPLE, TIES_HEADER

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = FIXTURES / "example"


@pytest.fixture
def make_case(tmp_path):
    """Copy the example case into ``tmp_path/<name>``, replacing or removing files.

    ``make_case(ties="respondent,alter,...\\n...", drop=["segments.csv"])``
    returns the folder. Values may be str (written as UTF-8) or bytes.
    """

    def make(name: str = "example", drop=(), **files) -> Path:
        folder = tmp_path / name
        shutil.copytree(EXAMPLE, folder)
        for f in drop:
            (folder / f).unlink()
        for stem, content in files.items():
            target = folder / (stem if "." in stem else f"{stem}.csv")
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        if name != "example":
            yaml_path = folder / "case.yaml"
            yaml_path.write_text(yaml_path.read_text().replace("id: example", f"id: {name}"))
        return folder

    return make


def _sheet(wb, title, text):
    ws = wb.create_sheet(title)
    for line in text.strip("\n").split("\n"):
        ws.append([int(v) if v.isdigit() else (v or None) for v in line.split(",")])


def _write_workbook(path, ties_sheet="ties", ties_text=None, case_id=None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("case")
    for k, v in [("id", case_id or path.stem), ("title", "Workbook case (fictional)"), ("description", "d"),
                 ("relation", "egov_contact"), ("survey_date", "2026-03-01"), ("min_frequency", "3")]:
        ws.append([k, v])
    _sheet(wb, "organisations", "organisation,org_type,size\nNorthvale District Council,district council,320\n"
                                "Eastmarsh County Council,county council,4100")
    _sheet(wb, "People", PEOPLE)
    _sheet(wb, ties_sheet, ties_text or TIES_HEADER + "p1,p2,egov_contact,3\np1,p4,egov_contact,4\n"
                                                      "p2,Cerys Vantongeren,egov_contact,2")
    wb.save(path)
    return path


@pytest.fixture
def make_workbook():
    """Write a one-file workbook case (sheets case, organisations, People, ties) and return its path.

    ``make_workbook(path, ties_sheet="ties", ties_text=None, case_id=None)``:
    the People sheet is ``_builders.PEOPLE``; the ties sheet (named
    ``ties_sheet``) holds ``ties_text`` or three ties, p1->p2 (3), p1->p4 (4)
    and p2->Cerys Vantongeren (2), in CSV text; the case id is ``case_id`` or
    the file's stem.
    """
    return _write_workbook

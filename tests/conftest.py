"""Shared test helpers: small case folders built from the example fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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

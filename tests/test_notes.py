"""Workshop notes: the workshop page's download into the case (partnet import-notes), notes.csv's rules, the report.

Every test works on a copy of the bundled fictional case ``shire`` in
``tmp_path``; nothing is written into ``data/``. The report run that shows
the notes is the privacy corpus of ``test_privacy_pipeline.py`` (its alder
case carries workshop notes), so that no extra report is rendered here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

import partnet as pn
from partnet import mixed, schema
from partnet.case import check_case
from partnet.cli import main
from partnet.notes import import_notes, read_page_notes
from partnet.privacy import Roster, scan_text

SHIRE = Path(__file__).resolve().parents[1] / "data" / "examples" / "shire"
COLUMNS = ["target_type", "target", "note", "date", "facilitator", "tie_from", "tie_to", "view", "case", "page"]


@pytest.fixture
def shire(tmp_path) -> Path:
    """A copy of the bundled shire case before its workshop: without the notes it ships with."""
    folder = tmp_path / "cases" / "shire"
    shutil.copytree(SHIRE, folder)
    (folder / "notes.csv").unlink()
    return folder


@pytest.fixture
def case(shire):
    return pn.load_case(shire)


def guarded(value: str) -> str:
    """A cell as the workshop page writes it: a leading =, +, -, @ gets a quote mark."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def page_csv(rows, *, page="names", case_id="shire", columns=COLUMNS) -> bytes:
    """A download as the page writes it: BOM, CRLF, RFC 4180 quoting, the formula guard, case and page filled."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        row = {"case": case_id, "page": page, **row}
        writer.writerow([guarded(str(row.get(c, ""))) for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_download(folder: Path, rows, name="notes-download.csv", **kwargs) -> Path:
    path = folder / name
    path.write_bytes(page_csv(rows, **kwargs))
    return path


def cli(*args):
    return subprocess.run([sys.executable, "-m", "partnet", *map(str, args)], capture_output=True, text=True)


def notes_rows(folder: Path) -> list[dict]:
    with open(folder / "notes.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def digest(folder: Path) -> dict[str, str]:
    """Every file of a case folder but notes.csv and the import's backups, by path, as a SHA-256."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "notes.csv"
            and "before-import" not in p.parts}


def named(case, pid: str) -> str:
    return case.people.set_index("person_id").loc[pid, "name"]


# ------------------------------------------------------------------ the page's download into the case

def test_a_page_download_becomes_the_cases_notes(shire, case, tmp_path):
    hidden = case.pseudonyms.of("P003")            # Priya Castellano did not consent: the page shows her pseudonym
    assert not case.pseudonyms.consented("P003") and case.pseudonyms.consented("P001")
    rows = [
        {"target_type": "person", "target": "Benedikt Farquharson", "note": "Runs the ICT board, keen on the portal",
         "date": "2026-03-04 09:30", "facilitator": "Kim Rowe", "view": "wave w1"},
        {"target_type": "person", "target": hidden, "note": "Sees the citizen side first",
         "date": "2026-03-04 09:31", "facilitator": "Kim Rowe"},
        {"target_type": "tie", "target": f"Benedikt Farquharson \u2192 {hidden}", "note": "Talk weekly, said so",
         "date": "2026-03-04 09:32", "facilitator": "Kim Rowe"},
        {"target_type": "tie", "target": "Rosamund Achterberg -> Torquil Menzies", "note": "Only at the board",
         "date": "2026-03-04 09:33", "facilitator": "Kim Rowe"},
        {"target_type": "tie", "target": "ignored when tie_from and tie_to are given", "note": "New since spring",
         "date": "2026-03-04T09:34", "facilitator": "Kim Rowe", "tie_from": "Adaeze Okonjo",
         "tie_to": "Lachlan Pengelly"},
        {"target_type": "organisation", "target": "Hexmoor District Council", "note": "Fixed the web content system",
         "date": "2026-03-04 09:35", "facilitator": "Kim Rowe"},
        {"target_type": "network", "target": "Vellshire e-Government Partnership (fictional)",
         "note": "Two camps: county and districts", "date": "2026-03-04", "facilitator": ""},
    ]
    download = write_download(tmp_path, rows)
    assert main(["import-notes", str(download), str(shire)]) == 0
    written = notes_rows(shire)
    assert list(written[0]) == list(schema.columns("notes"))
    got = [(r["note_id"], r["target_type"], r["target"], r["alter"], r["date"]) for r in written]
    assert got == [("n1", "person", "P001", "", "2026-03-04 09:30"),
                   ("n2", "person", "P003", "", "2026-03-04 09:31"),
                   ("n3", "tie", "P001", "P003", "2026-03-04 09:32"),
                   ("n4", "tie", "P002", "P004", "2026-03-04 09:33"),
                   ("n5", "tie", "P077", "P078", "2026-03-04 09:34"),
                   ("n6", "organisation", "Hexmoor District Council", "", "2026-03-04 09:35"),
                   ("n7", "network", "", "", "2026-03-04")]
    assert [r["note"] for r in written] == [r["note"] for r in rows]
    assert [r["view"] for r in written][:2] == ["wave w1", ""] and written[0]["facilitator"] == "Kim Rowe"
    assert named(case, "P077") == "Adaeze Okonjo" and named(case, "P078") == "Lachlan Pengelly"
    loaded = pn.load_case(shire)
    assert loaded.notes["note_id"].tolist() == [f"n{i}" for i in range(1, 8)]
    assert list(loaded.notes.columns) == list(schema.columns("notes"))


def test_the_command_says_what_it_added_and_the_case_validates(shire, tmp_path, capsys):
    rows = [{"target_type": "person", "target": "Benedikt Farquharson", "note": "a", "date": "2026-03-04 09:30"},
            {"target_type": "person", "target": "Rosamund Achterberg", "note": "b", "date": "2026-03-04 09:31"},
            {"target_type": "person", "target": "Torquil Menzies", "note": "c", "date": "2026-03-04 09:32"},
            {"target_type": "tie", "tie_from": "Benedikt Farquharson", "tie_to": "Torquil Menzies", "note": "d",
             "date": "2026-03-04 09:33", "target": "Benedikt Farquharson \u2192 Torquil Menzies"},
            {"target_type": "network", "target": "", "note": "e", "date": "2026-03-04 09:34"}]
    before = digest(shire)
    first = write_download(tmp_path, rows[:2], name="first.csv")
    assert main(["import-notes", str(first), str(shire)]) == 0
    capsys.readouterr()
    assert main(["import-notes", str(write_download(tmp_path, rows)), str(shire)]) == 0
    out = capsys.readouterr().out
    assert (f"Added 3 notes to {shire / 'notes.csv'} (1 about a person, 1 about a tie, 1 about the network); "
            "2 already there, skipped") in out
    assert f"the previous notes.csv is kept as {shire / '.partnet' / 'before-import' / 'notes.1.csv'}" in out
    assert [r["note_id"] for r in notes_rows(shire)] == ["n1", "n2", "n3", "n4", "n5"]
    # only notes.csv was written: every other file of the case is byte for byte as it was
    assert digest(shire) == before
    assert (shire / ".partnet" / "before-import" / "notes.1.csv").read_text(encoding="utf-8").count("\n") == 3
    assert main(["validate", str(shire)]) == 0
    assert "workshop notes: 5 (person 3, tie 1, network 1)" in capsys.readouterr().out


def test_an_anonymised_page_names_people_by_pseudonym_only(shire, case, tmp_path):
    pseudonym = case.pseudonyms.of("P001")
    rows = [{"target_type": "person", "target": pseudonym.lower(), "note": "By pseudonym, any case",
             "date": "2026-03-04 09:30"},
            {"target_type": "tie", "target": f"{pseudonym} \u2013 {case.pseudonyms.of('P002')}",
             "note": "Undirected dash", "date": "2026-03-04 09:31"},
            {"target_type": "person", "target": "Benedikt Farquharson", "note": "A name on an anonymised page",
             "date": "2026-03-04 09:32"}]
    notes, problems = read_page_notes(write_download(tmp_path, rows, page="pseudonyms"), case)
    assert notes[["row", "target_type", "target", "alter"]].values.tolist() == [[2, "person", "P001", ""],
                                                                                [3, "tie", "P001", "P002"]]
    assert [(p.code, p.row, p.column, p.value) for p in problems] == [
        ("unknown-person", 4, "target", "Benedikt Farquharson")]
    assert "the page showed pseudonyms" in problems[0].message
    # the same name is fine on a page of names, and so is the pseudonym of someone who did not consent
    rows[1]["target"] = f"Benedikt Farquharson \u2013 {case.pseudonyms.of('P003')}"
    notes, problems = read_page_notes(write_download(tmp_path, rows, page="names"), case)
    assert problems == [] and notes["target"].tolist() == ["P001", "P001", "P001"]
    assert notes["alter"].tolist() == ["", "P003", ""]


def test_a_reimport_skips_every_note_and_writes_nothing(shire, tmp_path):
    rows = [{"target_type": "person", "target": "Benedikt Farquharson", "note": "once", "date": "2026-03-04 09:30"},
            {"target_type": "organisation", "target": "hexmoor district  council", "note": "twice",
             "date": "2026-03-04 09:31", "facilitator": "Kim"}]
    download = write_download(tmp_path, rows)
    first = import_notes(download, shire)
    assert first["added"] == ["n1", "n2"] and first["added_by_kind"] == {"person": 1, "organisation": 1}
    assert notes_rows(shire)[1]["target"] == "Hexmoor District Council"
    text = (shire / "notes.csv").read_bytes()
    again = import_notes(download, shire)
    assert (again["written"], again["added"], again["skipped"], again["replaced"]) == (False, [], 2, [])
    assert (shire / "notes.csv").read_bytes() == text
    assert not (shire / ".partnet" / "before-import").exists()
    result = cli("import-notes", download, shire)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert f"Nothing to add to {shire / 'notes.csv'}: 2 notes already there, skipped" in result.stdout


def test_a_changed_note_is_refused_unless_overwrite(shire, tmp_path):
    rows = [{"target_type": "person", "target": "Benedikt Farquharson", "note": "First words",
             "date": "2026-03-04 09:30", "facilitator": "Kim"},
            {"target_type": "network", "note": "Unchanged", "date": "2026-03-04 09:31", "facilitator": "Kim"}]
    import_notes(write_download(tmp_path, rows), shire)
    text = (shire / "notes.csv").read_bytes()
    rows[0]["note"] = "Second thoughts"
    rows.append({"target_type": "network", "note": "Brand new", "date": "2026-03-04 09:40", "facilitator": "Kim"})
    download = write_download(tmp_path, rows, name="again.csv")
    result = cli("import-notes", download, shire)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("again.csv: 1 problem; nothing was written")
    assert ("again.csv, row 2, column 'note': note n1 of the case is about the same person, at the same date and "
            "by the same facilitator, with another text ('First words'); add --overwrite to replace its text: "
            "found 'Second thoughts' [changed-note]") in result.stderr
    assert (shire / "notes.csv").read_bytes() == text           # nothing written, the new note neither
    result = cli("import-notes", download, shire, "--overwrite")
    assert result.returncode == 0, result.stderr
    assert "Added 1 note to" in result.stdout and "replaced the text of 1 note (n1); 1 already there, skipped" \
        in result.stdout
    after = notes_rows(shire)
    assert [(r["note_id"], r["note"]) for r in after] == [("n1", "Second thoughts"), ("n2", "Unchanged"),
                                                           ("n3", "Brand new")]
    assert (shire / ".partnet" / "before-import" / "notes.1.csv").read_bytes() == text


def test_notes_with_one_identity_are_matched_in_order(shire, tmp_path):
    """Two notes about one person in the same minute by one facilitator: both kept, and a re-import skips both."""
    rows = [{"target_type": "person", "target": "Benedikt Farquharson", "note": text, "date": "2026-03-04 09:30",
             "facilitator": "Kim"} for text in ("One thing", "And another")]
    download = write_download(tmp_path, rows)
    assert import_notes(download, shire)["added"] == ["n1", "n2"]
    again = import_notes(download, shire)
    assert again["skipped"] == 2 and not again["written"]


def test_every_problem_of_a_download_is_named_with_its_row_column_and_nearest(shire, case, tmp_path):
    rows = [
        {"target_type": "person", "target": "Benedikt Farquarson", "note": "typo in the name",
         "date": "2026-03-04 09:30"},
        {"target_type": "persn", "target": "Benedikt Farquharson", "note": "typo in the kind",
         "date": "2026-03-04 09:31"},
        {"target_type": "organisation", "target": "Hexmoor", "note": "half a name", "date": "2026-03-04 09:32"},
        {"target_type": "person", "target": "Benedikt Farquharson", "note": "", "date": "2026-03-04 09:33"},
        {"target_type": "person", "target": "Benedikt Farquharson", "note": "bad date", "date": "04/03/2026 9:34"},
        {"target_type": "tie", "target": "Benedikt Farquharson \u2192 Benedikt Farquharson", "note": "self",
         "date": "2026-03-04 09:35"},
        {"target_type": "tie", "target": "Benedikt Farquharson and Torquil Menzies", "note": "no arrow",
         "date": "2026-03-04 09:36"},
        {"target_type": "network", "note": "said twice", "date": "2026-03-04 09:37"},
        {"target_type": "network", "note": "said twice", "date": "2026-03-04 09:37"},
        {"target_type": "network", "note": "odd page", "date": "2026-03-04 09:38", "page": "nmaes"},
    ]
    download = write_download(tmp_path, rows)
    _, problems = read_page_notes(download, case)
    found = [(p.code, p.row, p.column, p.suggestion) for p in problems]
    assert found == [
        ("unknown-person", 2, "target", ("Benedikt Farquharson",)),
        ("invalid-choice", 3, "target_type", ("person",)),
        ("unknown-organisation", 4, "target", ("Hexmoor District Council",)),
        ("blank-value", 5, "note", ()),
        ("invalid-date", 6, "date", ()),
        ("same-person-tie", 7, "target", ()),
        ("blank-value", 8, "target", ()),
        ("duplicate-note", 10, "note", ()),
        ("invalid-choice", 11, "page", ("names",)),
    ]
    assert "the same note is on row 9" in problems[7].message
    assert all(p.file == download.name and p.severity == "error" for p in problems)
    result = cli("import-notes", download, shire)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{download.name}: 9 problems; nothing was written\n")
    assert ("notes-download.csv, row 2, column 'target': nobody on the roster is shown by this name: found "
            "'Benedikt Farquarson'") in result.stderr and "did you mean 'Benedikt Farquharson'?" in result.stderr
    assert not (shire / "notes.csv").exists()


def test_the_nearest_shown_name_is_what_the_page_shows(case, tmp_path):
    hidden = case.pseudonyms.of("P003")
    rows = [{"target_type": "person", "target": "Priya Castelano", "note": "a", "date": "2026-03-04"},
            {"target_type": "person", "target": hidden[:-1] + "9" + hidden[-1:], "note": "b", "date": "2026-03-04"}]
    _, problems = read_page_notes(write_download(tmp_path, rows, page="pseudonyms"), case)
    # an anonymised page suggests pseudonyms only, never a roster name
    assert all(not set(p.suggestion) & set(case.people["name"]) for p in problems)
    assert [p.code for p in problems] == ["unknown-person", "unknown-person"]


def test_another_cases_page_is_refused(shire, tmp_path):
    rows = [{"target_type": "network", "note": "from the wrong room", "date": "2026-03-04 09:30"}]
    download = write_download(tmp_path, rows, case_id="quenmere")
    result = cli("import-notes", download, shire)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("notes-download.csv, row 2, column 'case': the notes were taken on the workshop page of another case: "
            "found 'quenmere', expected 'shire' [other-case]") in result.stderr
    assert not (shire / "notes.csv").exists()


def test_a_hand_made_file_needs_the_first_five_columns_only(shire, case, tmp_path):
    hand = tmp_path / "hand.csv"
    hand.write_text("target_type,target,note,date,facilitator\nperson,Torquil Menzies,By hand,2026-03-04,Me\n",
                    encoding="utf-8")
    notes, problems = read_page_notes(hand, case)
    assert problems == [] and notes[["target", "note", "view"]].values.tolist() == [["P004", "By hand", ""]]
    hand.write_text("target_type,target,notes,when,facilitator\nperson,Torquil Menzies,By hand,2026-03-04,Me\n",
                    encoding="utf-8")
    _, problems = read_page_notes(hand, case)
    assert [(p.code, p.file, p.row, p.column, p.suggestion) for p in problems] == [
        ("missing-column", "hand.csv", 1, "note", ("notes",)), ("missing-column", "hand.csv", 1, "date", ())]
    result = cli("import-notes", hand, shire)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "did you mean 'notes'?" in result.stderr


def test_the_formula_guard_is_taken_off_and_nothing_else(shire, case, tmp_path):
    rows = [{"target_type": "network", "note": text, "date": f"2026-03-04 09:3{i}"}
            for i, text in enumerate(["=SUM(A1:A3) is what they want", "+1 from the county", "-ish, said the fire",
                                      "@Kim to follow up", "'quoted' is not a formula"])]
    download = write_download(tmp_path, rows)
    assert "'=SUM(A1:A3)" in download.read_text(encoding="utf-8-sig")      # as the page writes it
    import_notes(download, shire)
    assert [r["note"] for r in notes_rows(shire)] == [r["note"] for r in rows]
    assert main(["validate", str(shire)]) == 0


def test_a_case_that_does_not_load_is_reported_and_nothing_is_written(shire, tmp_path):
    (shire / "people.csv").write_text((shire / "people.csv").read_text().replace(",officer,", ",oficer,", 1))
    download = write_download(tmp_path, [{"target_type": "network", "note": "x", "date": "2026-03-04"}])
    result = cli("import-notes", download, shire)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error: case 'shire' has 1 problem" in result.stderr and "[invalid-choice]" in result.stderr
    assert not (shire / "notes.csv").exists()


def test_a_missing_download_is_a_message_not_a_traceback(shire, tmp_path):
    result = cli("import-notes", tmp_path / "nowhere.csv", shire)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "no notes at" in result.stderr


# ------------------------------------------------------------------ notes.csv in the case

NOTES_HEADER = "note_id,target_type,target,alter,note,date,facilitator,view\n"


def test_a_case_without_notes_loads_as_before_and_notes_enter_the_checksum(shire):
    before = pn.load_case(shire)
    assert before.notes.empty and list(before.notes.columns) == list(schema.columns("notes"))
    # a case without notes.csv keeps the checksum it had before notes existed (computed by partnet at 9e40f11)
    example = pn.load_case(Path(__file__).parent / "fixtures" / "example")
    assert example.checksum == "36b4c8c5efbff4b6e0425685256cba15659a36961579d05702692663256d599a"
    (shire / "notes.csv").write_text(NOTES_HEADER + "n1,network,,,Two camps,2026-03-04 09:30,,\n", encoding="utf-8")
    one = pn.load_case(shire)
    assert one.checksum != before.checksum and len(one.notes) == 1
    (shire / "notes.csv").write_text(NOTES_HEADER + "n1,network,,,Three camps,2026-03-04 09:30,,\n",
                                     encoding="utf-8")
    assert pn.load_case(shire).checksum not in (before.checksum, one.checksum)


def test_validate_catches_every_problem_of_notes_csv(shire):
    (shire / "notes.csv").write_text(
        NOTES_HEADER
        + "n1,persn,P001,,kind misspelt,2026-03-04 09:30,,\n"            # 2
        + "n2,person,P0001,,unknown person,2026-03-04 09:31,,\n"         # 3
        + "n3,organisation,Hexmoor District Counsil,,unknown org,2026-03-04 09:32,,\n"  # 4
        + "n4,tie,P001,,no alter,2026-03-04 09:33,,\n"                   # 5
        + "n5,tie,P001,P001,same person,2026-03-04 09:34,,\n"            # 6
        + "n6,person,P001,,,2026-03-04 09:35,,\n"                        # 7
        + "n6,person,P002,,id used twice,2026-03-04 09:36,,\n"           # 8
        + "n8,person,P002,,bad date,2026-03-04 9:37,,\n"                 # 9
        + "n9,network,,,twice,2026-03-04 09:38,,\n"                      # 10
        + "n10,network,,,twice,2026-03-04 09:38,,\n", encoding="utf-8")  # 11
    case, problems = check_case(shire)
    assert case is None
    found = [(p.code, p.file, p.row, p.column, p.suggestion[:1]) for p in problems if p.severity == "error"]
    assert found == [
        ("invalid-choice", "notes.csv", 2, "target_type", ("person",)),
        ("unknown-person", "notes.csv", 3, "target", ("P001",)),
        ("unknown-organisation", "notes.csv", 4, "target", ("Hexmoor District Council",)),
        ("blank-value", "notes.csv", 5, "alter", ()),
        ("same-person-tie", "notes.csv", 6, "alter", ()),
        ("blank-value", "notes.csv", 7, "note", ()),
        ("duplicate-id", "notes.csv", 8, "note_id", ()),
        ("invalid-date", "notes.csv", 9, "date", ()),
        ("duplicate-note", "notes.csv", 11, "note", ()),
    ]
    assert "first on row 7" in problems[6].message and "on row 10" in problems[8].message
    result = cli("validate", shire)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("shire: 9 problems")


def test_a_notes_sheet_of_a_workbook_reads_as_notes_csv(tmp_path, make_workbook):
    import openpyxl

    folder = tmp_path / "wb"
    folder.mkdir()
    path = make_workbook(folder / "wb.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("notes")
    ws.append(list(schema.columns("notes")))
    ws.append(["n1", "person", "Ada Quintrell", None, "From the sheet", "2026-03-04 10:00", "Kim", None])
    wb.save(path)
    case = pn.load_case(folder)
    assert case.notes[["note_id", "target", "note"]].values.tolist() == [["n1", "p1", "From the sheet"]]
    download = write_download(tmp_path, [{"target_type": "network", "note": "x", "date": "2026-03-04"}],
                              case_id="wb")
    with pytest.raises(pn.ParameterError, match="keeps its notes in the notes sheet of wb.xlsx"):
        import_notes(download, folder)


# ------------------------------------------------------------------ beside the interviews

def _roster_parts(names) -> set[str]:
    """Every roster name and name part, accents folded and case-folded: written here, not taken from partnet."""
    parts = set()
    for name in names:
        plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
        parts.add(plain)
        for word in re.split(r"[\s,]+", plain):
            parts.update(p for p in [word, *re.split(r"[-\u2010-\u2015]", word)] if len(p) >= 2)
    return parts


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u00ad", "").replace("\u200b", ""))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def test_workshop_notes_anonymised_hold_no_roster_name_and_show_the_exemplar(shire, case, tmp_path):
    rows = [
        {"target_type": "person", "target": "Adaeze Okonjo",
         "note": "Says Lachlan and PENGELLY's team fix it; Benedikt Farquharson disagreed, Farquharson's deputy too",
         "date": "2026-03-04 09:30", "facilitator": "Rosamund Achterberg"},
        {"target_type": "tie", "target": "Adaeze Okonjo \u2192 Lachlan Pengelly", "note": "okonjo rings Lachlan daily",
         "date": "2026-03-04 09:31", "facilitator": "Kim"},
        {"target_type": "organisation", "target": "Hexmoor District Council", "note": "Fixed it before Ashcombe",
         "date": "2026-03-04 09:32", "facilitator": "Kim"},
        {"target_type": "person", "target": "Wouter Chaudhry", "note": "Not interviewed, Chaudhry-ish views",
         "date": "2026-03-04 09:33", "facilitator": "Kim"},
        {"target_type": "network", "note": "Two camps", "date": "2026-03-04 09:34", "facilitator": "Kim"},
    ]
    import_notes(write_download(tmp_path, rows), shire)
    case = pn.load_case(shire)
    G = case.graph(nonrespondents="drop")
    assert "P008" not in G                                  # Wouter Chaudhry did not answer: not in this graph
    table = mixed.workshop_notes(case, G, anonymise=True, max_chars=None)
    assert list(table.columns) == ["about", "note", "in the interview", "kind", "date", "facilitator"]
    assert table["kind"].tolist() == ["person", "tie", "organisation", "person", "network"]
    ps = case.pseudonyms
    assert table["about"].tolist() == [ps.of("P077"), f"{ps.of('P077')} \u2192 {ps.of('P078')}",
                                       "Hexmoor District Council", ps.of("P008"), "the whole network"]
    parts = sorted(_roster_parts(case.people["name"]))

    def found(text: str) -> list[str]:
        text = _folded(text)
        return [part for part in parts if re.search(rf"(?<![\w-]){re.escape(part)}(?![\w])", text)]

    assert found(" ".join(map(str, table.to_numpy().ravel()))) == []
    # not vacuous: the same check finds the names in what the facilitator typed
    typed = " ".join(r["note"] + " " + r["facilitator"] for r in rows)
    assert {"lachlan", "pengelly", "farquharson", "okonjo", "chaudhry", "achterberg"} <= set(found(typed))
    assert scan_text(" ".join(map(str, table.to_numpy().ravel())), Roster(case.people["name"])) == []
    assert table.loc[0, "facilitator"] == ps.of("P002")
    assert table.loc[0, "note"].startswith(f"Says {ps.of('P078')} and {ps.of('P078')}'s team fix it;")
    # the person's exemplar, by the rule of the meta-matrix: no segment is flagged, so their longest excerpt
    mine = case.segments[case.segments["person_id"] == "P077"].drop_duplicates("segment_id")
    longest = max(mine["excerpt"], key=lambda t: len(" ".join(t.split())))
    assert table.loc[0, "in the interview"] == " ".join(ps.redact(longest, True).split())
    assert table.loc[1, "in the interview"] == table.loc[0, "in the interview"] + f" ({ps.of('P077')})"
    assert table.loc[2, "in the interview"].endswith(")") and table.loc[3, "in the interview"] == ""
    assert table.loc[4, "in the interview"] == ""


def test_workshop_notes_named_follow_consent_and_an_undirected_tie_has_a_dash(case):
    notes = pd.DataFrame({"note_id": ["n1", "n2"], "target_type": ["tie", "person"], "target": ["P001", "P003"],
                          "alter": ["P003", ""], "note": ["Benedikt met Priya", "Priya Castellano's view"],
                          "date": ["", ""], "facilitator": ["", ""], "view": ["wave w1", ""]})
    case.notes = notes
    undirected = case.graph().to_undirected()
    table = mixed.workshop_notes(case, undirected)
    hidden = case.pseudonyms.of("P003")
    assert table["about"].tolist() == [f"Benedikt Farquharson \u2013 {hidden}", hidden]
    assert table["note"].tolist() == [f"Benedikt met {hidden}", f"{hidden}'s view"]
    assert table["view"].tolist() == ["wave w1", ""]
    empty = case.notes.iloc[0:0]
    case.notes = empty
    assert mixed.workshop_notes(case).empty


def test_notes_about_small_organisations_shown_together(make_case, tmp_path):
    """With small_organisations: other, a note about one of them is about 'Other organisations', as its people are."""
    folder = make_case()
    with open(folder / "case.yaml", "a", encoding="utf-8") as f:
        f.write("small_organisations: other\n")
    (folder / "case.yaml").write_text((folder / "case.yaml").read_text().replace("small_organisations: keep\n", ""))
    (folder / "notes.csv").write_text(NOTES_HEADER + "n1,organisation,Northvale District Council,,Small,,,\n",
                                      encoding="utf-8")
    case = pn.load_case(folder)
    assert case.notes["target"].tolist() == [schema.OTHER_ORGANISATION]
    rows = [{"target_type": "organisation", "target": schema.OTHER_ORGANISATION, "note": "Both small",
             "date": "2026-03-04 10:00"}]
    result = import_notes(write_download(tmp_path, rows, case_id="example"), folder)
    assert result["added"] == ["n2"] and pn.load_case(folder).notes["target"].tolist() == [
        schema.OTHER_ORGANISATION, schema.OTHER_ORGANISATION]


def test_a_download_without_notes_adds_nothing(shire, tmp_path, capsys):
    assert main(["import-notes", str(write_download(tmp_path, [])), str(shire)]) == 0
    assert "the file holds no notes" in capsys.readouterr().out and not (shire / "notes.csv").exists()

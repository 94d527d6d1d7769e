"""Workshop notes: what a facilitator noted on the workshop page, read against the case and added to its notes.

The workshop page (``partnet graph``, ``network.html``) lets a facilitator
attach notes to a person, a tie, an organisation or the whole network and
download them as ``notes.csv``. :func:`read_page_notes` reads that
download against a case: every person, tie and organisation it names is
resolved to the case's own ids as the page showed them (roster names, or
pseudonyms on an anonymised page), and every problem of the file is
listed at once. :func:`import_notes` adds the notes to the case's own
``notes.csv`` (:attr:`partnet.Case.notes`), all or nothing, never twice;
``partnet import-notes`` is its command line. The report shows the notes
beside what people said in interview (:func:`partnet.mixed.workshop_notes`).

The page's download
-------------------
UTF-8 (a byte-order mark allowed), comma-separated, RFC 4180 quoting, a
header row ``target_type,target,note,date,facilitator,tie_from,tie_to,
view,case,page`` (:data:`partnet.schema.PAGE_NOTES_COLUMNS`; the last
five may be left out of a hand-made file):

============ ==============================================================
target_type  ``person``, ``tie``, ``organisation`` or ``network``
target       a person as the page shows them; a tie as ``A → B`` (directed)
             or ``A – B`` (undirected; `` -> `` and `` - `` are read too);
             an organisation as in organisations.csv; for the network the
             page's title (not read)
note         the note (a cell the page guarded against spreadsheets with a
             leading ``'``, as it began with ``=``, ``+``, ``-`` or ``@``,
             is read without it, in every column)
date         local time ``YYYY-MM-DD HH:MM`` (``YYYY-MM-DD`` and
             ``YYYY-MM-DDTHH:MM[:SS]`` read too; may be blank)
facilitator  who took the note (may be blank)
tie_from,    a tie's two people as the page shows them (read instead of
tie_to       ``target`` when given)
view         the view of the waves the page showed (``wave w2``)
case         the case id the page was made for: another case's is refused
page         ``names`` (people named where they consented, others by
             pseudonym) or ``pseudonyms`` (an anonymised page: everyone by
             pseudonym); blank reads either
============ ==============================================================

A person on a ``pseudonyms`` page is read by pseudonym only; on a
``names`` page by roster name (matched as every file's names are:
:func:`partnet.validate.name_key`) or by pseudonym. Pseudonyms are matched
ignoring case and spaces.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from partnet import schema
from partnet._files import backup, replace_text
from partnet._xlsx import FORMULA_STARTS
from partnet.errors import DataError, ParameterError, Problem, nearest
from partnet.readers import RawTable, parse_csv, read_text, read_workbook
from partnet.validate import (
    NOTE_DATE_FORMS,
    PersonResolver,
    check_columns,
    clean_notes,
    match_organisation,
    name_key,
    nearest_organisation,
    note_date,
)

__all__ = ["read_page_notes", "import_notes", "describe", "PAGE_NOTE_COLUMNS", "IDENTITY"]

#: The columns of :func:`read_page_notes`' table: the download's row, then the note as the case keeps it.
PAGE_NOTE_COLUMNS = ("row", "target_type", "target", "alter", "note", "date", "facilitator", "view")

#: What makes an imported note the same note as one of the case's: what it is about, when and by whom.
#: The same identity and the same text: already there; another text: a changed note (``--overwrite``).
IDENTITY = ("target_type", "target", "alter", "date", "facilitator")

#: The separators of a tie's two people in ``target``: directed first, then undirected.
_TIE_SEPARATORS = (" \u2192 ", " -> ", " \u2013 ", " - ")

def _unguarded(text: str) -> str:
    """A cell without the page's spreadsheet guard: one leading ``'`` before ``=``, ``+``, ``-``, ``@``, tab or CR."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:     # what a spreadsheet would run
        return text[1:]
    return text


def _pseudonym_key(text: str) -> str:
    return name_key(text).replace(" ", "")


class _PageNames:
    """People as a workshop page shows them: roster names (where consented) and pseudonyms."""

    def __init__(self, case):
        people = case.people
        self.by_pseudonym = {_pseudonym_key(p): pid for pid, p in zip(people["person_id"], people["pseudonym"])}
        self.names = PersonResolver(people)
        consent = dict(zip(people["person_id"], people["consent_named"].fillna(False).astype(bool)))
        self.on_names_page = [name if consent[pid] else pseudonym for pid, name, pseudonym
                              in zip(people["person_id"], people["name"], people["pseudonym"])]
        self.pseudonyms = list(people["pseudonym"])
        self.pseudonym_of = dict(zip(people["person_id"], people["pseudonym"]))

    def resolve(self, value: str, page: str | None) -> tuple[str | None, str | None, tuple[str, ...]]:
        """``(person_id, None, ())``, or ``(None, reason code, nearest shown names)``."""
        pid = self.by_pseudonym.get(_pseudonym_key(value))
        if pid is not None:
            return pid, None, ()
        shown = self.pseudonyms if page == "pseudonyms" else self.on_names_page
        if page != "pseudonyms":
            hits = self.names.by_name.get(name_key(value), [])
            if len(hits) == 1:
                return hits[0], None, ()
            if len(hits) > 1:
                return None, "ambiguous-name", tuple(self.pseudonym_of[h] for h in hits)
        return None, "unknown-person", nearest(value, shown)

    def cell(self, file: str, value: str, line: int, column: str, page: str | None,
             problems: list[Problem]) -> str | None:
        if not value:
            problems.append(Problem("blank-value", file, "a value is required: the person the note is about",
                                    row=line, column=column))
            return None
        pid, code, suggestion = self.resolve(value, page)
        if pid is not None:
            return pid
        if code == "ambiguous-name":
            problems.append(Problem(code, file, "several people of the roster have this name; the page shows them "
                                    "apart by pseudonym", row=line, column=column, value=value,
                                    expected="one of their pseudonyms", suggestion=suggestion))
        elif page == "pseudonyms":
            problems.append(Problem(code, file, "nobody of the case has this pseudonym (the page showed pseudonyms)",
                                    row=line, column=column, value=value,
                                    expected="a person's pseudonym, as the anonymised page showed it",
                                    suggestion=suggestion))
        else:
            problems.append(Problem(code, file, "nobody on the roster is shown by this name", row=line, column=column,
                                    value=value, expected="a person as the page shows them: the roster name, or "
                                                          "the pseudonym of someone not named",
                                    suggestion=suggestion))
        return None


def _organisations(case, page: str | None) -> tuple[dict[str, str], list[str]]:
    """Every name an organisation may be written by (as listed, as a named or anonymised page shows it) -> the name
    as listed; and the names to suggest for this page."""
    names = [o for o in case.organisations["organisation"] if isinstance(o, str)]
    forms: dict[str, str] = {}
    for org in names:
        for form in (org, case.pseudonyms.organisation(org, False), case.pseudonyms.organisation(org, True)):
            forms.setdefault(form, org)
    shown = names if page is None else [case.pseudonyms.organisation(o, page == "pseudonyms") for o in names]
    return forms, shown


def _tie_ends(row: dict) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """A tie's two people and the column each came from: tie_from and tie_to, else ``target`` split; None if neither."""
    a, b = row.get("tie_from", ""), row.get("tie_to", "")
    if a or b:
        return (a, "tie_from"), (b, "tie_to")
    target = row.get("target", "")
    for separator in _TIE_SEPARATORS:
        if separator in target:
            left, right = target.split(separator, 1)
            return (left.strip(), "target"), (right.strip(), "target")
    return None


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=list(PAGE_NOTE_COLUMNS))


def read_page_notes(path, case) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a workshop page's notes download against a case; every problem of the file at once.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``notes.csv`` the page downloaded (see the module's
        documentation for its columns).
    case : partnet.Case
        The case the page was made for.

    Returns
    -------
    (pandas.DataFrame, list of Problem)
        One row per note, columns :data:`PAGE_NOTE_COLUMNS`: ``row`` (its
        line in the download, the header being 1), ``target_type``,
        ``target`` (the person's person_id; a tie's first person's; the
        organisation as listed; blank for the network), ``alter`` (a
        tie's other person), ``note`` (without the page's spreadsheet
        guard), ``date`` (one form: :func:`partnet.validate.note_date`),
        ``facilitator`` and ``view``. The notes with a problem are left
        out; the problems name the file, row and column, and the nearest
        name the page shows where a name does not match.

    Notes
    -----
    Problems: a required column missing (``missing-column``, the nearest
    column named); a ``case`` other than the case's id (``other-case``);
    a ``page`` other than names or pseudonyms, a kind other than person,
    tie, organisation or network (``invalid-choice``); a person nobody is
    shown as (``unknown-person``, ``ambiguous-name``); a tie without two
    people (``blank-value``) or with one person twice
    (``same-person-tie``); an organisation not listed
    (``unknown-organisation``); an empty note (``blank-value``); a date
    that does not read (``invalid-date``); the same note twice in the
    file, same kind, target, text and date (``duplicate-note``, naming
    the first row).

    Examples
    --------
    >>> from partnet import load_case
    >>> import tempfile, pathlib
    >>> case = load_case(EXAMPLE_CASE)
    >>> download = pathlib.Path(tempfile.mkdtemp()) / "notes.csv"
    >>> _ = download.write_text(
    ...     "target_type,target,note,date,facilitator,tie_from,tie_to,view,case,page\\n"
    ...     "person,Ada Quintrell,Keen on the portal,2026-03-04 09:30,Kim,,,,example,names\\n"
    ...     "person,NDC-01,'=Sums up the budget,2026-03-04 09:31,Kim,,,,example,names\\n"
    ...     "tie,Ada Quintrell \u2192 NDC-01,Talk weekly,2026-03-04 09:32,Kim,,,,example,names\\n"
    ...     "network,Example partnership,Two camps,2026-03-04,,,,,example,names\\n"
    ...     "person,Ada Qunitrell,Late,2026-03-04 09:40,Kim,,,,example,names\\n", encoding="utf-8")
    >>> notes, problems = read_page_notes(download, case)
    >>> notes[["row", "target_type", "target", "alter", "note"]]
       row target_type target alter                note
    0    2      person     p1             Keen on the portal
    1    3      person     p2           =Sums up the budget
    2    4         tie     p1    p2             Talk weekly
    3    5     network                            Two camps
    >>> [str(p) for p in problems]  # doctest: +NORMALIZE_WHITESPACE
    ["notes.csv, row 6, column 'target': nobody on the roster is shown by this name: found 'Ada Qunitrell',
      expected a person as the page shows them: the roster name, or the pseudonym of someone not named;
      did you mean 'Ada Quintrell'? [unknown-person]"]
    """
    path = Path(path)
    file = path.name
    problems: list[Problem] = []
    text = read_text(path, problems, file, what="a workshop page's notes")
    table = parse_csv(text, file, problems) if text is not None else None
    if table is None or not check_columns(table, "notes", problems, required=schema.PAGE_NOTES_COLUMNS[0]):
        return _empty(), problems
    return _read_rows(table, case, problems), problems


def _page_of(table: RawTable, row: dict, line: int, problems: list[Problem]) -> str | None:
    value = row.get("page", "")
    if not value:
        return None
    hit = next((p for p in schema.PAGE_SHOWS if p == value.strip().casefold()), None)
    if hit is None:
        problems.append(Problem("invalid-choice", table.file, "not what a workshop page shows people by", row=line,
                                column="page", value=value, expected=", ".join(schema.PAGE_SHOWS),
                                suggestion=nearest(value, schema.PAGE_SHOWS, n=1, cutoff=0.4)))
    return hit


def _read_rows(table: RawTable, case, problems: list[Problem]) -> pd.DataFrame:
    shown = _PageNames(case)
    file = table.file
    records: list[dict] = []
    seen: dict[tuple, int] = {}
    for row, line in zip(table.rows, table.lines):
        row = {column: _unguarded(value) for column, value in row.items()}
        before = len(problems)
        made_for = row.get("case", "")
        if made_for and made_for != case.id:
            problems.append(Problem("other-case", file, "the notes were taken on the workshop page of another case",
                                    row=line, column="case", value=made_for, expected=repr(case.id)))
        page = _page_of(table, row, line, problems)
        kind = row["target_type"]
        if not kind:
            problems.append(Problem("blank-value", file, "a value is required: what the note is about", row=line,
                                    column="target_type", expected=", ".join(schema.NOTE_TARGETS)))
        else:
            kind = next((k for k in schema.NOTE_TARGETS if k == kind.casefold()), None)
            if kind is None:
                problems.append(Problem("invalid-choice", file, "not a kind of thing a note is about", row=line,
                                        column="target_type", value=row["target_type"],
                                        expected=", ".join(schema.NOTE_TARGETS),
                                        suggestion=nearest(row["target_type"], schema.NOTE_TARGETS, n=1,
                                                           cutoff=0.4)))
        target, alter = "", ""
        if kind == "person":
            target = shown.cell(file, row["target"], line, "target", page, problems)
        elif kind == "tie":
            ends = _tie_ends(row)
            if ends is None:
                problems.append(Problem("blank-value", file, "a note about a tie names its two people: tie_from and "
                                        "tie_to are blank and the target is not 'A \u2192 B'", row=line,
                                        column="target", value=row["target"] or None,
                                        expected="'A \u2192 B' (or 'A \u2013 B'), or tie_from and tie_to"))
            else:
                (a, col_a), (b, col_b) = ends
                target = shown.cell(file, a, line, col_a, page, problems)
                alter = shown.cell(file, b, line, col_b, page, problems)
                if target is not None and target == alter:
                    problems.append(Problem("same-person-tie", file, "a tie joins two people; this one names the "
                                            "same person twice", row=line, column=col_b, value=b))
        elif kind == "organisation":
            forms, suggest = _organisations(case, page)
            if not row["target"]:
                problems.append(Problem("blank-value", file, "a value is required: the organisation the note is "
                                        "about", row=line, column="target"))
            else:
                target = match_organisation(row["target"], forms)
                if target is None:
                    problems.append(Problem("unknown-organisation", file, "the organisation is not one of the case's",
                                            row=line, column="target", value=row["target"],
                                            expected="an organisation as organisations.csv lists it (or the page "
                                                     "shows it)",
                                            suggestion=nearest_organisation(row["target"], suggest)))
                else:
                    target = forms[target]
        note = row["note"]
        if not note:
            problems.append(Problem("blank-value", file, "the note is empty", row=line, column="note"))
        date = note_date(row["date"])
        if date is None:
            problems.append(Problem("invalid-date", file, "not a date the notes can hold", row=line, column="date",
                                    value=row["date"], expected=NOTE_DATE_FORMS))
        if len(problems) > before:
            continue
        key = (kind, target, alter, note, date)
        if key in seen:
            problems.append(Problem("duplicate-note", file, f"the same note is on row {seen[key]} (same kind, target, "
                                    "text and date); keep one", row=line, column="note", value=note[:60]))
            continue
        seen[key] = line
        records.append({"row": line, "target_type": kind, "target": target, "alter": alter, "note": note,
                        "date": date, "facilitator": row["facilitator"],
                        "view": row.get("view", "")})
    return pd.DataFrame.from_records(records, columns=list(PAGE_NOTE_COLUMNS))


# ------------------------------------------------------------------ into the case


def _notes_sheet(folder: Path, case_id: str) -> str | None:
    """The workbook of a case folder that holds a ``notes`` sheet, by name; None when there is none."""
    names = {"case.xlsx", f"{case_id}.xlsx".casefold()}
    for p in sorted(folder.iterdir()):
        if p.is_file() and p.name.casefold() in names and "notes" in read_workbook(p, []):
            return p.name
    return None


def _next_ids(taken, n: int) -> list[str]:
    """``n`` note ids ``n<k>`` after the highest of that form taken, none of them taken."""
    taken = set(taken)
    numbers = [int(m.group(1)) for t in taken if (m := re.fullmatch(r"n(\d+)", str(t)))]
    k = max(numbers, default=0)
    out = []
    while len(out) < n:
        k += 1
        if f"n{k}" not in taken:
            out.append(f"n{k}")
    return out


def _notes_text(table: pd.DataFrame) -> str:
    columns = list(schema.columns("notes")) + [c for c in table.columns if c not in schema.columns("notes")]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for rec in table.to_dict("records"):
        writer.writerow(["" if pd.isna(rec.get(c, "")) else rec.get(c, "") for c in columns])
    return buffer.getvalue()


def _match(imported: pd.DataFrame, existing: pd.DataFrame) -> tuple[list[int], list[tuple[int, int]], list[int]]:
    """The imported notes already in the case, those changing a note of the case, and the new ones.

    Notes are matched within one :data:`IDENTITY` (what a note is about,
    when and by whom), in file order: an imported note with the text of a
    note of the case not yet matched is already there; the rest are paired
    in order with the case's notes of that identity still unmatched
    (changed: another text), and those left over are new. Returns the
    imported notes' positions (skipped, new) and (imported, existing)
    position pairs (changed).
    """
    groups: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(*(existing[c] for c in IDENTITY))):
        groups.setdefault(tuple(key), []).append(i)
    skipped, changed, new = [], [], []
    incoming: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(*(imported[c] for c in IDENTITY))):
        incoming.setdefault(tuple(key), []).append(i)
    for key, mine in incoming.items():
        theirs = list(groups.get(key, []))
        rest = []
        for i in mine:
            same = next((j for j in theirs if existing["note"].iat[j] == imported["note"].iat[i]), None)
            if same is None:
                rest.append(i)
            else:
                theirs.remove(same)
                skipped.append(i)
        for i in rest:
            if theirs:
                changed.append((i, theirs.pop(0)))
            else:
                new.append(i)
    return sorted(skipped), sorted(changed), sorted(new)


def import_notes(path, case_dir, overwrite: bool = False) -> dict:
    """Add a workshop page's notes to a case's ``notes.csv``; all or nothing, never a note twice.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``notes.csv`` the workshop page downloaded (read by
        :func:`read_page_notes`).
    case_dir : str or pathlib.Path
        The case folder (:func:`partnet.load_case` must load it).
    overwrite : bool, default False
        Replace the text of the case's notes that an imported note changes
        (same :data:`IDENTITY`, another text); without it such a note is a
        ``changed-note`` problem and nothing is written.

    Returns
    -------
    dict
        ``notes`` (the case's ``notes.csv``), ``written`` (False when
        every note was already there), ``added`` (the new notes' ids, in
        the download's order), ``added_by_kind`` (kind -> how many of
        them), ``skipped`` (notes already in the case, text and all),
        ``replaced`` (ids of the notes whose text was replaced),
        ``backup`` (the copy of the previous ``notes.csv`` under
        ``.partnet/before-import/``, or None) and ``warnings``
        (problems of the download that stopped nothing).

    Raises
    ------
    DataError
        The case does not load (its problems), or the download has
        problems (``what="file"``: every problem of the file, changed
        notes without ``overwrite`` included); nothing is written.
    ParameterError
        No download at ``path``, or the case keeps its tables in a
        workbook with a ``notes`` sheet (add the notes there).

    Notes
    -----
    Only ``notes.csv`` is written (atomically: the old file or the new,
    never half), and the previous one is kept first. The notes of the
    case stay in their order with their ids; new notes follow with the
    next free ids (``n1``, ``n2``, ...). A note is about a person (by
    person_id), a tie (the first person in ``target``, the other in
    ``alter``), an organisation (as listed) or the network (no target).

    Examples
    --------
    >>> import shutil, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "example"
    >>> _ = shutil.copytree(EXAMPLE_CASE, folder)
    >>> download = folder.parent / "notes.csv"
    >>> _ = download.write_text(
    ...     "target_type,target,note,date,facilitator,tie_from,tie_to,view,case,page\\n"
    ...     "person,NDC-01,Sums up the budget,2026-03-04 09:31,Kim,,,,example,names\\n"
    ...     "organisation,Eastmarsh County Council,Short of staff,2026-03-04 09:35,Kim,,,,example,names\\n",
    ...     encoding="utf-8")
    >>> result = import_notes(download, folder)
    >>> describe(result)
    'Added 2 notes to .../example/notes.csv (1 about a person, 1 about an organisation)'
    >>> print((folder / "notes.csv").read_text(encoding="utf-8"), end="")
    note_id,target_type,target,alter,note,date,facilitator,view
    n1,person,p2,,Sums up the budget,2026-03-04 09:31,Kim,
    n2,organisation,Eastmarsh County Council,,Short of staff,2026-03-04 09:35,Kim,
    >>> describe(import_notes(download, folder))
    'Nothing to add to .../example/notes.csv: 2 notes already there, skipped'
    """
    from partnet.case import load_case

    path = Path(path)
    if not path.is_file():
        raise ParameterError(f"no notes at {path}: give the notes.csv the workshop page downloaded")
    case = load_case(case_dir)
    folder = Path(case.path)
    if not folder.is_dir():
        raise ParameterError(f"the case must be a folder to import notes into; {folder} is a workbook: put the "
                             "notes in its notes sheet")
    sheet = _notes_sheet(folder, case.id)
    if sheet is not None:
        raise ParameterError(f"{folder} keeps its notes in the notes sheet of {sheet}; add them there (a notes.csv "
                             "beside it would give the case its notes twice)")
    imported, problems = read_page_notes(path, case)
    if any(p.severity == "error" for p in problems):
        raise DataError(path.name, problems, what="file")
    existing = case.notes.reset_index(drop=True)
    skipped, changed, new = _match(imported, existing)
    if changed and not overwrite:
        for i, j in changed:
            problems.append(Problem(
                "changed-note", path.name,
                f"note {existing['note_id'].iat[j]} of the case is about the same {imported['target_type'].iat[i]}, "
                f"at the same date and by the same facilitator, with another text "
                f"({_short(existing['note'].iat[j])!r}); add --overwrite to replace its text",
                row=int(imported["row"].iat[i]), column="note", value=_short(imported["note"].iat[i])))
        raise DataError(path.name, problems, what="file")
    target = folder / "notes.csv"
    result = {"notes": target, "written": False, "added": [], "added_by_kind": {}, "skipped": len(skipped),
              "replaced": [], "backup": None, "warnings": [p for p in problems if p.severity != "error"]}
    if not new and not changed:
        return result
    table = existing.copy()
    for i, j in changed:
        table.loc[j, "note"] = imported["note"].iat[i]
    ids = _next_ids(table["note_id"], len(new))
    added = imported.iloc[new].drop(columns=["row"]).assign(note_id=ids)
    table = pd.concat([table, added], ignore_index=True) if len(table) else added.reset_index(drop=True)
    text = _notes_text(table)
    _check_written(text, case)
    if target.exists():
        result["backup"] = backup(folder, target)
    replace_text(target, text)
    kinds = Counter(added["target_type"])
    result.update(written=True, added=ids, replaced=[existing["note_id"].iat[j] for _, j in changed],
                  added_by_kind={k: kinds[k] for k in schema.NOTE_TARGETS if kinds[k]})
    return result


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _check_written(text: str, case) -> None:
    """The notes about to be written, checked as ``partnet validate`` will (a mistake here is partnet's)."""
    problems: list[Problem] = []
    table = parse_csv(text, "notes.csv", problems)
    if table is not None:
        named = list(case.organisations["organisation"])
        clean_notes(table, PersonResolver(case.people), named, problems)
    errors = [p for p in problems if p.severity == "error"]
    if errors:       # pragma: no cover - the notes were resolved against this case
        raise ParameterError("the notes to write would not validate; nothing was written: " + str(errors[0]))


_KIND_WORDS = {"person": ("a person", "people"), "tie": ("a tie", "ties"),
               "organisation": ("an organisation", "organisations"), "network": ("the network", "the network")}


def describe(result: dict) -> str:
    """What :func:`import_notes` did, in one sentence.

    Examples
    --------
    >>> describe({"notes": Path("notes.csv"), "written": True, "added": ["n3", "n4", "n5", "n6", "n7"],
    ...           "added_by_kind": {"person": 3, "tie": 1, "network": 1}, "skipped": 2, "replaced": []})
    'Added 5 notes to notes.csv (3 about people, 1 about a tie, 1 about the network); 2 already there, skipped'
    >>> describe({"notes": Path("notes.csv"), "written": True, "added": [], "added_by_kind": {}, "skipped": 0,
    ...           "replaced": ["n2"]})
    'Added no notes to notes.csv; replaced the text of 1 note (n2)'
    """
    where = result["notes"]
    skipped, replaced = result["skipped"], result["replaced"]
    if not result["written"]:
        if not skipped:
            return f"Nothing to add to {where}: the file holds no notes"
        return f"Nothing to add to {where}: {skipped} note{'s' if skipped != 1 else ''} already there, skipped"
    added = len(result["added"])
    kinds = ", ".join(f"{n} about {_KIND_WORDS[k][0] if n == 1 else _KIND_WORDS[k][1]}"
                      for k, n in result["added_by_kind"].items())
    text = (f"Added {added} note{'s' if added != 1 else ''} to {where} ({kinds})" if added else
            f"Added no notes to {where}")
    if replaced:
        text += (f"; replaced the text of {len(replaced)} note{'s' if len(replaced) != 1 else ''} "
                 f"({', '.join(replaced)})")
    if skipped:
        text += f"; {skipped} already there, skipped"
    return text

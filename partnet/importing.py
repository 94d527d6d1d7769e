"""Imported ties written into a case folder, safely: all or nothing, never over a researcher's file unasked.

A survey export (:mod:`partnet.survey`) or a Network Canvas export
(:mod:`partnet.netcanvas`) is read into a :class:`partnet.survey.SurveyTies`;
:func:`write_ties` turns it into the case's ``ties.csv`` and, when asked,
the ``responded`` column of ``people.csv``. ``partnet import-survey`` is
its command line.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from partnet import schema
from partnet.errors import ParameterError, Problem

__all__ = ["write_ties", "responded_changes", "problem_lines", "OTHER_TIE_SOURCES", "BACKUP_FOLDER"]

#: Files that hold a case's ties in another form: an import writing ties.csv beside one of them
#: would give the case its ties twice (``ambiguous-source``).
OTHER_TIE_SOURCES = ("ties_matrix.csv", "ties.dl", "ties.net", "ties.paj")

#: Where the previous ``people.csv`` is kept when ``responded`` is updated (inside the case folder).
BACKUP_FOLDER = Path(".partnet") / "before-import"


def responded_changes(result, case) -> list[tuple[str, str, bool, bool]]:
    """The roster people whose ``responded`` flag the import contradicts.

    Parameters
    ----------
    result : partnet.survey.SurveyTies
    case : partnet.Case
        The case the export was read against.

    Returns
    -------
    list of (person_id, name, was, now)
        ``now`` is True for people with an answer in the export
        (``result.respondents``), False for everyone else; only people
        whose flag differs are listed, in roster order.

    Examples
    --------
    >>> from partnet import load_case
    >>> from partnet.survey import SurveyTies
    >>> case = load_case(EXAMPLE_CASE)
    >>> result = SurveyTies("wide", "export.csv", "egov_contact", respondents=["p1", "p2", "p3", "p4"])
    >>> responded_changes(result, case)
    [('p4', 'Dov Haraldsen', False, True)]
    """
    answered = set(result.respondents)
    out = []
    for pid, name, was in zip(case.people["person_id"], case.people["name"], case.people["responded"]):
        now = pid in answered
        if bool(was) != now:
            out.append((pid, str(name), bool(was), now))
    return out


def _ties_text(result) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(schema.columns("ties"))
    for respondent, alter, value in result.ties:
        writer.writerow([respondent, alter, result.relation, value])
    return buffer.getvalue()


def _people_text(path: Path, flags: dict[str, bool]) -> str:
    """``people.csv`` with the ``responded`` cells of ``flags`` set; every other cell as it was written."""
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = [h.strip() for h in rows[0]]
    pid_col, flag_col = header.index("person_id"), header.index("responded")
    for row in rows[1:]:
        if len(row) > max(pid_col, flag_col) and row[pid_col].strip() in flags:
            row[flag_col] = "yes" if flags[row[pid_col].strip()] else "no"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n" if "\r\n" in text else "\n").writerows(rows)
    return buffer.getvalue()


def _replace(path: Path, text: str) -> None:
    """Write ``text`` beside ``path`` and move it in: the file is the old one or the new one, never half."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _backup(folder: Path, path: Path) -> Path:
    """Copy ``path`` under the case's :data:`BACKUP_FOLDER`, never over an earlier copy."""
    target_dir = folder / BACKUP_FOLDER
    target_dir.mkdir(parents=True, exist_ok=True)
    n = 1
    while (target := target_dir / f"{path.stem}.{n}{path.suffix}").exists():
        n += 1
    target.write_bytes(path.read_bytes())
    return target


def write_ties(result, case, *, overwrite: bool = False, set_responded: bool = False) -> dict:
    """Write imported ties as the case's ``ties.csv`` (and its ``responded`` flags when asked); all or nothing.

    Parameters
    ----------
    result : partnet.survey.SurveyTies
        What :func:`partnet.survey.read_survey` or
        :func:`partnet.netcanvas.read_network_canvas` read.
    case : partnet.Case
        The case folder the export was read against
        (:func:`partnet.case.load_roster`).
    overwrite : bool, default False
        Replace an existing ``ties.csv``.
    set_responded : bool, default False
        Set ``people.csv``'s ``responded`` to yes for everyone with an
        answer in the export and no for everyone else
        (:func:`responded_changes`); the file's other cells are kept as
        written, and the previous file is kept under
        ``.partnet/before-import/`` in the case folder.

    Returns
    -------
    dict
        ``ties`` (the path written), ``people`` (the path written, or
        None), ``backup`` (the copy of the previous ``people.csv``, or
        None), ``changes`` (:func:`responded_changes`: where the export and
        ``people.csv`` disagree), ``written`` (those of them set in
        ``people.csv``: all with ``set_responded``, else none).

    Raises
    ------
    ParameterError
        Nothing is written when: the result holds an error; ``ties.csv``
        exists and ``overwrite`` is False; the case holds its ties in
        another file (:data:`OTHER_TIE_SOURCES`, a workbook); someone who
        answered is marked ``responded`` = no in a directed relation (each
        of their ties would be a ``nonrespondent-tie``) and
        ``set_responded`` is False; the roster is a workbook and flags are
        to be set.

    Examples
    --------
    >>> import shutil, tempfile, pathlib
    >>> from partnet.case import load_roster
    >>> from partnet.survey import SurveyTies
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "example"
    >>> _ = shutil.copytree(EXAMPLE_CASE, folder)
    >>> (folder / "ties.csv").unlink()
    >>> result = SurveyTies("wide", "export.csv", "egov_contact", ties=[("p1", "p2", 4)],
    ...                     respondents=["p1", "p2", "p3"], nonrespondents=["p4"])
    >>> written = write_ties(result, load_roster(folder))
    >>> (folder / "ties.csv").read_text().splitlines()
    ['respondent,alter,relation,frequency', 'p1,p2,egov_contact,4']
    """
    folder = Path(case.path)
    if not folder.is_dir():
        raise ParameterError(f"the case must be a folder to import ties into; {folder} is a workbook: "
                             "put the ties in its ties sheet")
    if not result.ok:
        errors = sum(p.severity == "error" for p in result.problems)
        raise ParameterError(f"{result.file} has {errors} problem{'s' if errors != 1 else ''}; nothing was written")
    target = folder / "ties.csv"
    others = [name for name in OTHER_TIE_SOURCES if (folder / name).exists()]
    others += [p.name for p in folder.glob("*.xlsx") if p.stem in ("case", folder.name)]
    if others:
        raise ParameterError(f"{folder} holds its ties in {', '.join(others)}; the import writes ties.csv beside "
                             "it, which would give the case its ties twice: move that file out of the case first")
    if target.exists() and not overwrite:
        raise ParameterError(f"{target} exists; add --overwrite to replace it (the import writes the whole file)")
    changes = responded_changes(result, case)
    # someone who answered but is marked responded = no makes each of their ties of a directed
    # relation a nonrespondent-tie error: refused unless asked to set the flags
    blocking = [c for c in changes if c[3] and not c[2]] if case.relation_spec(result.relation).directed else []
    if blocking and not set_responded:
        changes = blocking
        listed = "; ".join(f"{pid} ({name}): {'yes' if was else 'no'} -> {'yes' if now else 'no'}"
                           for pid, name, was, now in changes[:10])
        more = f" and {len(changes) - 10} more" if len(changes) > 10 else ""
        raise ParameterError(f"people.csv marks people who answered as non-respondents: {listed}{more}; correct "
                             "people.csv, or add --set-responded to set responded from the export")
    people_path = folder / "people.csv"
    if not set_responded:
        changes_written: list = []
    else:
        changes_written = changes
    if changes_written and not people_path.exists():
        raise ParameterError(f"{folder} keeps its roster in a workbook; set responded there")
    ties_text = _ties_text(result)
    people_text = (_people_text(people_path, {pid: now for pid, _n, _w, now in changes_written})
                   if changes_written else None)
    backup = _backup(folder, people_path) if people_text is not None else None
    if people_text is not None:
        _replace(people_path, people_text)
    _replace(target, ties_text)
    return {"ties": target, "people": people_path if people_text is not None else None, "backup": backup,
            "changes": changes, "written": changes_written}


def problem_lines(problems: list[Problem]) -> list[str]:
    """Problems as ``partnet validate`` prints them, errors first."""
    return ([f"  error: {p}" for p in problems if p.severity == "error"]
            + [f"  warning: {p}" for p in problems if p.severity != "error"])

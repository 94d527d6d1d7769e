"""Imported ties written into a case folder, safely: all or nothing, never over a researcher's file unasked.

A survey export (:mod:`partnet.survey`) or a Network Canvas export
(:mod:`partnet.netcanvas`) is read into a :class:`partnet.survey.SurveyTies`;
:func:`write_ties` turns it into the case's ``ties.csv`` and, when asked,
the ``responded`` column of ``people.csv``. For a case with survey waves
it writes one wave's rows of ``ties.csv`` (the other waves' rows kept as
they are) and, when asked, that wave's rows of ``responses.csv``.
``partnet import-survey`` is its command line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from partnet import schema
from partnet._files import BACKUP_FOLDER, backup, replace_text
from partnet.errors import ParameterError, Problem, choice_error
from partnet.readers import parse_csv
from partnet.validate import PersonResolver, match_wave

__all__ = ["write_ties", "responded_changes", "problem_lines", "check_wave", "OTHER_TIE_SOURCES",
           "BACKUP_FOLDER"]

#: Files that hold a case's ties in another form: an import writing ties.csv beside one of them
#: would give the case its ties twice (``ambiguous-source``).
OTHER_TIE_SOURCES = ("ties_matrix.csv", "ties.dl", "ties.net", "ties.paj")


def check_wave(case, wave) -> str | None:
    """The wave an import writes: required for a case with waves, refused for one without.

    Parameters
    ----------
    case : partnet.Case
    wave : str or None
        As given (``--wave``); matched to the case's waves as ``ties.csv``'s
        wave column is (the same id, else the one equal ignoring case).

    Returns
    -------
    str or None
        The wave's id; None for a case without waves.

    Raises
    ------
    ParameterError
        A case with waves and no wave given (the message lists the waves),
        a wave the case does not declare, or a wave given for a case
        without waves.

    Examples
    --------
    >>> from partnet import load_case
    >>> check_wave(load_case(EXAMPLE_CASE), None) is None
    True
    >>> check_wave(load_case(EXAMPLE_CASE), "w1")
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: --wave: case 'example' declares no waves (case.yaml waves:); 'w1' was given
    """
    waves = list(case.waves)
    if not waves:
        if wave is not None:
            raise ParameterError(f"--wave: case {case.id!r} declares no waves (case.yaml waves:); {wave!r} was given")
        return None
    if wave is None:
        raise ParameterError(f"case {case.id!r} has survey waves ({', '.join(waves)}): say which wave the export "
                             f"is of with --wave, e.g. --wave {waves[-1]}")
    hit = match_wave(wave, waves)
    if hit is None:
        raise choice_error(wave, waves, "--wave", what="a wave of the case")
    return hit


def _wave_status(case, wave: str) -> dict[str, str]:
    """person_id -> yes, no or absent in ``wave`` (:attr:`partnet.Case.responses`)."""
    rows = case.responses[case.responses["wave"] == wave]
    return dict(zip(rows["person_id"], rows["responded"]))


def responded_changes(result, case, wave: str | None = None) -> list[tuple[str, str, bool, bool]]:
    """The roster people whose ``responded`` flag the import contradicts.

    Parameters
    ----------
    result : partnet.survey.SurveyTies
    case : partnet.Case
        The case the export was read against.
    wave : str, optional
        For a case with waves: compare with who answered this wave
        (:attr:`partnet.Case.responses`) rather than ``people.csv``.
        Someone absent from the wave counts as not having answered; if
        they have no answer in the export either, nothing changes (they
        stay absent).

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
    status = _wave_status(case, wave) if wave is not None else {}
    out = []
    for pid, name, flag in zip(case.people["person_id"], case.people["name"], case.people["responded"]):
        was = status.get(pid) == "yes" if wave is not None else bool(flag)
        now = pid in answered
        if was != now:
            out.append((pid, str(name), was, now))
    return out


class _CsvText:
    """A UTF-8 CSV file as text pieces, one per row, so that rows not changed are written back byte for byte."""

    def __init__(self, path: Path):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ParameterError(f"{path} is not UTF-8 text; save it as CSV UTF-8 and import again (the import "
                                 "keeps its rows as they are, so it must read them exactly)") from None
        self.bom = "\ufeff" if text.startswith("\ufeff") else ""
        text = text[len(self.bom):]
        self.table = parse_csv(text.replace("\r\n", "\n"), path.name, [])
        self.newline = "\r\n" if "\r\n" in text else "\n"
        lines = text.split("\n")
        pieces = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
        table = self.table
        starts = list(table.lines) if table is not None else []
        self.header = pieces[:starts[0] - 1] if starts else pieces
        # row i: from its first line to the line before the next row (blank lines after it go with it)
        self.pieces = ["".join(pieces[a - 1:b - 1]) for a, b in zip(starts, starts[1:] + [len(pieces) + 1])]
        self.delimiter = ","
        if table is not None:
            first = "".join(self.header).split("\n", 1)[0].rstrip("\r")
            for d in (",", ";", "\t"):
                cells = [c.strip() for c in next(csv.reader([first], delimiter=d), [])]
                while cells and not cells[-1]:
                    cells.pop()
                if cells == table.raw_columns:
                    self.delimiter = d
                    break

    @property
    def rows(self) -> list[dict]:
        return self.table.rows if self.table is not None else []

    def line(self, cells: list[str]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=self.delimiter, lineterminator=self.newline).writerow(cells)
        return buffer.getvalue()

    def text(self, pieces: list[str]) -> str:
        """The header and ``pieces``, each ending with a line end (a last row without one gets it)."""
        head = "".join(self.header)
        out = [head if head.endswith("\n") or not head else head + self.newline]
        out += [p if p.endswith("\n") else p + self.newline for p in pieces]
        return self.bom + "".join(out)


def _wave_ties_text(target: Path, result, wave: str, waves: list[str], overwrite: bool) -> tuple[str, int]:
    """``ties.csv`` with the rows of ``wave`` written (or replaced); every other row as it was, in order.

    The new rows take the place of the wave's old ones; a wave new to the
    file goes before the first row of a later wave, else at the end.
    Returns the text and the number of rows of the wave replaced.
    """
    old = _CsvText(target) if target.exists() else None
    if old is not None and old.table is None:
        old = None  # an empty file
    if old is not None and "wave" not in old.table.columns:
        # ties.csv without a wave column: the rows of the one wave (load_case refuses it with several)
        if old.rows and len(waves) > 1:
            raise ParameterError(f"{target} has no wave column, but the case declares the waves "
                                 f"{', '.join(waves)}: add a wave column to it first")
        if old.rows and not overwrite:
            raise ParameterError(f"{target} already holds {len(old.rows)} ties of wave {wave}; add --overwrite to "
                                 "replace them")
        replaced, old = len(old.rows), None  # all replaced: a new file, with a wave column
    else:
        replaced = 0
    if old is None:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(schema.columns("ties"))
        writer.writerows([respondent, alter, result.relation, value, wave] for respondent, alter, value in result.ties)
        return buffer.getvalue(), replaced
    kept: list[tuple[str, str | None]] = []
    at = None
    for row, piece in zip(old.rows, old.pieces):
        of = match_wave(row.get("wave", ""), waves)
        if of == wave:
            replaced += 1
            at = len(kept) if at is None else at
        else:
            kept.append((piece, of))
    if replaced and not overwrite:
        raise ParameterError(f"{target} already holds {replaced} ties of wave {wave}; add --overwrite to replace "
                             "them (the other waves' rows are kept as they are)")
    if at is None:  # before the first row of a later wave, else at the end
        later = set(waves[waves.index(wave) + 1:])
        at = next((i for i, (_, of) in enumerate(kept) if of in later), len(kept))
    new = []
    for respondent, alter, value in result.ties:
        cell = {"respondent": respondent, "alter": alter, "relation": result.relation, "frequency": str(value),
                "wave": wave}
        new.append(old.line([cell.get(c, "") for c in old.table.columns]))
    pieces = [p for p, _ in kept]
    return old.text(pieces[:at] + new + pieces[at:]), replaced


def _responses_text(path: Path, case, wave: str, flags: dict[str, bool]) -> str:
    """``responses.csv`` with ``wave``'s responses of ``flags`` set (rows added where missing); other rows as they were.

    Without a ``responses.csv`` the file is made from :attr:`partnet.Case.responses` (``people.csv``'s
    ``responded`` for every wave) with the flags set.
    """
    value = {pid: "yes" if now else "no" for pid, now in flags.items()}
    if not path.exists():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(schema.columns("responses"))
        for pid, w, responded in zip(case.responses["person_id"], case.responses["wave"], case.responses["responded"]):
            writer.writerow([pid, w, value.get(pid, responded) if w == wave else responded])
        return buffer.getvalue()
    old = _CsvText(path)
    resolver = PersonResolver(case.people)
    pieces, done = [], set()
    columns = old.table.columns if old.table is not None else list(schema.columns("responses"))
    for row, piece in zip(old.rows, old.pieces):
        pid = resolver.resolve(row.get("person_id", ""))[0]
        if pid in value and match_wave(row.get("wave", ""), case.waves) == wave and pid not in done:
            cells = next(csv.reader(io.StringIO(piece, newline=""), delimiter=old.delimiter), [])
            cells += [""] * (len(columns) - len(cells))
            cells[columns.index("responded")] = value[pid]
            piece = old.line(cells)
            done.add(pid)
        pieces.append(piece)
    for pid in value:
        if pid not in done:
            cell = {"person_id": pid, "wave": wave, "responded": value[pid]}
            pieces.append(old.line([cell.get(c, "") for c in columns]))
    if old.table is None:
        old.header = [",".join(columns) + "\n"]
    return old.text(pieces)


def _ties_text(result) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(schema.TABLES["ties"][0])  # a case without waves: no wave column, as always
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


def write_ties(result, case, *, overwrite: bool = False, set_responded: bool = False,
               wave: str | None = None) -> dict:
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
        Replace an existing ``ties.csv`` (with ``wave``: the rows of that
        wave already in it).
    set_responded : bool, default False
        Set ``people.csv``'s ``responded`` to yes for everyone with an
        answer in the export and no for everyone else
        (:func:`responded_changes`); the file's other cells are kept as
        written, and the previous file is kept under
        ``.partnet/before-import/`` in the case folder. With ``wave``:
        the wave's rows of ``responses.csv`` instead (rows added for
        people it has none for; someone absent from the wave with no
        answer stays absent), made from ``people.csv``'s ``responded``
        for every wave when the case has no ``responses.csv`` yet;
        ``people.csv`` is left alone.
    wave : str, optional
        Required for a case with waves (:func:`check_wave`), refused for
        one without: the wave the export is of. Only that wave's rows of
        ``ties.csv`` are written (the file made, with a ``wave`` column,
        when there is none); every other row is kept byte for byte and in
        its place, and the new rows take the place of the wave's old ones
        (a wave new to the file goes before the first row of a later
        wave, else at the end).

    Returns
    -------
    dict
        ``ties`` (the path written), ``people`` (the path written, or
        None), ``responses`` (``responses.csv`` when written, else None),
        ``backup`` (the copy of the previous ``people.csv`` or
        ``responses.csv``, or None), ``changes``
        (:func:`responded_changes`: where the export and ``people.csv``, or
        the wave's responses, disagree), ``written`` (those of them set:
        all with ``set_responded``, else none), ``wave`` (the wave written,
        or None) and ``replaced`` (with a wave: the rows of the wave that
        were replaced).

    Raises
    ------
    ParameterError
        Nothing is written when: the result holds an error; ``ties.csv``
        exists (with a wave: holds rows of that wave) and ``overwrite`` is
        False; the case holds its ties in another file
        (:data:`OTHER_TIE_SOURCES`, a workbook); someone who answered is
        marked ``responded`` = no in a directed relation (each of their
        ties would be a ``nonrespondent-tie``), or absent from the wave
        (an ``absent-tie``), and ``set_responded`` is False; a tie names
        someone absent from the wave; the wave is missing, unknown or
        given for a case without waves; the roster is a workbook and flags
        are to be set.

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

    With waves, one wave at a time:

    >>> with open(folder / "case.yaml", "a", encoding="utf-8") as f:
    ...     _ = f.write("waves:\\n  - {id: w1, survey_date: 2026-03}\\n  - {id: w2, survey_date: 2027-03}\\n")
    >>> _ = (folder / "ties.csv").write_text("respondent,alter,relation,frequency,wave\\np1,p2,egov_contact,4,w1\\n")
    >>> later = SurveyTies("wide", "export.csv", "egov_contact", ties=[("p2", "p1", 5)],
    ...                    respondents=["p1", "p2", "p3"], nonrespondents=["p4"])
    >>> written = write_ties(later, load_roster(folder), wave="w2")
    >>> (folder / "ties.csv").read_text().splitlines()
    ['respondent,alter,relation,frequency,wave', 'p1,p2,egov_contact,4,w1', 'p2,p1,egov_contact,5,w2']
    """
    folder = Path(case.path)
    if not folder.is_dir():
        raise ParameterError(f"the case must be a folder to import ties into; {folder} is a workbook: "
                             "put the ties in its ties sheet")
    wave = check_wave(case, wave)
    if not result.ok:
        errors = sum(p.severity == "error" for p in result.problems)
        raise ParameterError(f"{result.file} has {errors} problem{'s' if errors != 1 else ''}; nothing was written")
    target = folder / "ties.csv"
    others = [name for name in OTHER_TIE_SOURCES if (folder / name).exists()]
    others += [p.name for p in folder.glob("*.xlsx") if p.stem in ("case", folder.name)]
    if others:
        raise ParameterError(f"{folder} holds its ties in {', '.join(others)}; the import writes ties.csv beside "
                             "it, which would give the case its ties twice: move that file out of the case first")
    if wave is None and target.exists() and not overwrite:
        raise ParameterError(f"{target} exists; add --overwrite to replace it (the import writes the whole file)")
    changes = responded_changes(result, case, wave)
    directed = case.relation_spec(result.relation).directed
    status = _wave_status(case, wave) if wave is not None else {}
    # someone who answered but is marked responded = no makes each of their ties of a directed
    # relation a nonrespondent-tie error (absent from the wave: an absent-tie, whatever the direction):
    # refused unless asked to set the flags
    blocking = [c for c in changes if c[3] and not c[2] and (directed or status.get(c[0]) == "absent")]
    if blocking and not set_responded:
        changes = blocking
        shown = {pid: status.get(pid, "yes" if was else "no") for pid, _n, was, _now in changes}
        listed = "; ".join(f"{pid} ({name}): {shown[pid]} -> {'yes' if now else 'no'}"
                           for pid, name, was, now in changes[:10])
        more = f" and {len(changes) - 10} more" if len(changes) > 10 else ""
        if wave is None:
            raise ParameterError(f"people.csv marks people who answered as non-respondents: {listed}{more}; correct "
                                 "people.csv, or add --set-responded to set responded from the export")
        raise ParameterError(f"the responses of wave {wave} mark people who answered as non-respondents or absent: "
                             f"{listed}{more}; correct responses.csv, or add --set-responded to set that wave's "
                             "responses from the export")
    changes_written = changes if set_responded else []
    if wave is not None:
        after = dict(status)
        after.update({pid: "yes" if now else "no" for pid, _n, _w, now in changes_written})
        gone = list(dict.fromkeys(alter for _r, alter, _v in result.ties if after.get(alter) == "absent"))
        if gone:
            raise ParameterError(f"the export names people absent from wave {wave} (responses.csv): "
                                 f"{', '.join(gone[:10])}{' ...' if len(gone) > 10 else ''}; each tie to them would "
                                 "be an absent-tie: correct responses.csv first")
    people_path = folder / "people.csv"
    responses_path = folder / "responses.csv"
    if changes_written and not people_path.exists():
        raise ParameterError(f"{folder} keeps its roster in a workbook; set responded there")
    replaced = 0
    if wave is None:
        ties_text = _ties_text(result)
    else:
        ties_text, replaced = _wave_ties_text(target, result, wave, list(case.waves), overwrite)
    flags = {pid: now for pid, _n, _w, now in changes_written}
    people_text = responses_text = None
    if changes_written and wave is None:
        people_text = _people_text(people_path, flags)
    elif changes_written:
        responses_text = _responses_text(responses_path, case, wave, flags)
    backup_path = None
    if people_text is not None:
        backup_path = backup(folder, people_path)
        replace_text(people_path, people_text)
    if responses_text is not None:
        backup_path = backup(folder, responses_path) if responses_path.exists() else None
        replace_text(responses_path, responses_text)
    replace_text(target, ties_text)
    return {"ties": target, "people": people_path if people_text is not None else None,
            "responses": responses_path if responses_text is not None else None, "backup": backup_path,
            "changes": changes, "written": changes_written, "wave": wave, "replaced": replaced}


def problem_lines(problems: list[Problem]) -> list[str]:
    """Problems as ``partnet validate`` prints them, errors first."""
    return ([f"  error: {p}" for p in problems if p.severity == "error"]
            + [f"  warning: {p}" for p in problems if p.severity != "error"])

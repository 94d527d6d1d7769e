"""Exceptions raised by partnet: one family, a few kinds; the reason codes; the option checker.

Every error partnet raises on purpose derives from :class:`PartnetError`.
The command line catches the family and prints a clean message with a
non-zero exit status; notebooks may catch it the same way::

    PartnetError
    ├── DataError            a case's files have problems (``.problems``, each a Problem)
    ├── CodebookError        a codebook or a code -> theme mapping is inconsistent
    ├── QdaImportError       a file is not a readable REFI-QDA project or codebook
    ├── ReportError          a report run could not be started or a case failed
    │   └── NotebookFailed   a report notebook stopped with an error
    └── ParameterError       an option is not allowed (also a ValueError)
        ├── GraphError       a graph cannot be analysed or drawn as asked
        └── SynthError       the generator was given arguments that cannot make a case

Every problem found in a researcher's file is a :class:`Problem` whose
reason code is a member of :class:`Reason`, the one registry of codes;
:func:`reason_table` writes the registry as the table in
:mod:`partnet.validate`'s documentation.

An option value outside its allowed set is refused by :func:`check_choice`
(or :func:`choice_error`, where the allowed set is decided elsewhere), so
that every such message has one form, libpysal's "what was expected and
what arrived" with the nearest valid value::

    nonrespondents must be one of keep, drop, reconstruct; 'dorp' was given; did you mean 'drop'?
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

__all__ = [
    "PartnetError",
    "DataError",
    "CodebookError",
    "QdaImportError",
    "ReportError",
    "NotebookFailed",
    "ParameterError",
    "GraphError",
    "SynthError",
    "Problem",
    "Reason",
    "reason_table",
    "nearest",
    "check_choice",
    "choice_error",
]


class PartnetError(Exception):
    """Base class of every error partnet raises on purpose."""


# --------------------------------------------------------------------------- nearest valid values


def nearest(value, candidates, n: int = 3, cutoff: float = 0.6) -> tuple[str, ...]:
    """The candidates closest to ``value`` (ignoring case), best first.

    The one nearest-match rule of partnet: :func:`difflib.get_close_matches`
    on the case-folded texts. Data problems (:class:`Problem` suggestions)
    and :func:`check_choice` both use it.

    Parameters
    ----------
    value : object
        What was given (compared as text).
    candidates : iterable
        The valid values (compared as text; repeated ones count once).
    n : int, default 3
        At most this many suggestions.
    cutoff : float, default 0.6
        Similarity (0..1, difflib's ratio) a candidate needs.

    Returns
    -------
    tuple of str
        The candidates as written, best first; empty when none is close.

    Examples
    --------
    >>> nearest("Ada Qiunt", ["Ada Quint", "Bo Rell", "Adam Quince"])
    ('Ada Quint', 'Adam Quince')
    >>> nearest("DORP", ["keep", "drop", "reconstruct"], n=1)
    ('drop',)
    >>> nearest("zzz", ["officer"])
    ()
    """
    candidates = list(dict.fromkeys(str(c) for c in candidates))
    folded = {c.casefold(): c for c in candidates}
    hits = difflib.get_close_matches(str(value).casefold(), list(folded), n=n, cutoff=cutoff)
    return tuple(folded[h] for h in hits)


def _did_you_mean(suggestions) -> str:
    """``"; did you mean 'a' or 'b'?"`` (each value quoted as Python quotes it), or ``""``."""
    if not suggestions:
        return ""
    return "; did you mean " + " or ".join(repr(s) for s in suggestions) + "?"


# --------------------------------------------------------------------------- reason codes


class Reason(str, Enum):
    """The registry of reason codes: every :class:`Problem` carries one of these.

    Each member is its code (a ``str``: ``Reason.SELF_TIE == "self-tie"``)
    and carries the code's default ``severity`` (``"error"`` stops a case
    from loading, ``"warning"`` is reported and the documented repair is
    applied) and its ``rule`` in one line. Tests and programs match on the
    codes, never on message texts (as pandera's ``SchemaErrorReason``).
    A code is added here, with its severity and rule, before any
    :class:`Problem` may carry it.

    See Also
    --------
    reason_table : the registry as a table (the one in :mod:`partnet.validate`).

    Examples
    --------
    >>> Reason("self-tie").severity, Reason.SELF_TIE.rule
    ('warning', 'a person naming themselves; dropped')
    >>> Reason.UNKNOWN_PERSON == "unknown-person"
    True
    >>> "no-such-code" in Reason.codes()
    False
    """

    def __new__(cls, code: str, severity: str, rule: str):
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.severity = severity
        obj.rule = rule
        return obj

    def __str__(self) -> str:
        return self.value

    @classmethod
    def codes(cls) -> tuple[str, ...]:
        """Every code, in the order of the table."""
        return tuple(r.value for r in cls)

    # files and encodings
    MISSING_FILE = ("missing-file", "error", "organisations, people and ties are required")
    AMBIGUOUS_SOURCE = ("ambiguous-source", "error", "ties given twice (e.g. ties.csv and ties.dl)")
    EMPTY_FILE = ("empty-file", "error", "a file with no header or no bytes")
    EMPTY_TABLE = ("empty-table", "error", "organisations or people without a single row")
    ENCODING = ("encoding", "error", "neither UTF-8 nor Windows-1252, or NUL bytes (UTF-16 without BOM)")
    DECODED_CP1252 = ("decoded-cp1252", "warning", "read as Windows-1252 (exact for that encoding)")
    POSSIBLE_MOJIBAKE = ("possible-mojibake", "warning", "text already garbled by an earlier conversion")
    MISSING_COLUMN = ("missing-column", "error", "a required column is absent")
    DUPLICATE_COLUMN = ("duplicate-column", "error", "a column named twice")
    BLANK_HEADER = ("blank-header", "error", "a column with no name in the header row")
    UNREADABLE_WORKBOOK = ("unreadable-workbook", "error", "an .xlsx file that cannot be opened")
    INVALID_DL = ("invalid-dl", "error", "a UCINET DL file that does not follow the format")
    UNSUPPORTED_DL = ("unsupported-dl", "error",
                      "a DL layout partnet does not read (blockmatrix, ...), or two-mode data (nr != nc, edgelist2)")
    INVALID_PAJEK = ("invalid-pajek", "error", "a Pajek .net or .paj file that does not follow the format")
    UNSUPPORTED_PAJEK = ("unsupported-pajek", "error",
                         "a Pajek two-mode network (*Vertices n n1), hyperedges or time events")
    INVALID_TIE_VALUE = ("invalid-tie-value", "error", "a DL or Pajek cell or tie value that is not a number")
    NON_INTEGER_VALUE = ("non-integer-value", "error",
                         "a DL or Pajek tie value with a fraction (0.5, 1e-5): ties hold whole numbers")
    LABEL_MISMATCH = ("label-mismatch", "error",
                      "DL column labels, or an edge list end, naming a node not among the file's labels")
    DUPLICATE_LABEL = ("duplicate-label", "error",
                       "a node (or matrix) label given twice in a DL or Pajek file, ignoring case")
    DIAGONAL_IGNORED = ("diagonal-ignored", "warning",
                        "DL ties of a node with itself (the diagonal); ignored, as UCINET ignores them")
    EDGE_REPEATS_ARC = ("edge-repeats-arc", "warning",
                        "a Pajek edge whose pair is also an arc of the relation; read as that arc alone")
    EXTRA_FIELDS = ("extra-fields", "error", "a row longer than the header")
    # case.yaml
    INVALID_YAML = ("invalid-yaml", "error", "case.yaml cannot be parsed")
    MISSING_FIELD = ("missing-field", "error", "a required case.yaml field is absent")
    CASE_ID_MISMATCH = ("case-id-mismatch", "error", "case.yaml ``id`` differs from the folder name")
    INVALID_DATE = ("invalid-date", "error",
                    "survey_date is not YYYY-MM-DD (or YYYY-MM); a workshop note's date not YYYY-MM-DD [HH:MM]")
    INVALID_OPTION = ("invalid-option", "error", "an analysis default in case.yaml is not allowed")
    # cells
    BLANK_VALUE = ("blank-value", "error", "a required cell is empty")
    INVALID_CHOICE = ("invalid-choice", "error",
                      "a value outside the allowed list, or a misspelling of a value of an open one")
    UNLISTED_VALUE = ("unlisted-value", "warning",
                      "an org_type, role or directorate outside the documented list; kept as written")
    INVALID_NUMBER = ("invalid-number", "error", "size is not a positive whole number")
    INVALID_FREQUENCY = ("invalid-frequency", "error",
                         "a tie's value is not on its relation's scale (frequency 1..5, binary 1, count 0 or more)")
    DUPLICATE_ID = ("duplicate-id", "error", "organisation, person_id or code repeated")
    UNKNOWN_ORGANISATION = ("unknown-organisation", "error",
                            "a person's organisation, or a workshop note's, is not listed")
    UNKNOWN_PERSON = ("unknown-person", "error",
                      "a tie, segment, workshop note or REFI-QDA case names nobody on the roster")
    AMBIGUOUS_NAME = ("ambiguous-name", "error", "a name shared by several people: use person_id")
    # ties
    SELF_TIE = ("self-tie", "warning", "a person naming themselves; dropped")
    DUPLICATE_TIE = ("duplicate-tie", "warning", "the same tie twice with the same frequency; merged")
    CONFLICTING_TIE = ("conflicting-tie", "error",
                       "the same tie twice with different values (either way round in an undirected relation)")
    UNKNOWN_RELATION = ("unknown-relation", "error", "a tie's relation is not declared under relations: in case.yaml")
    UNDECLARED_UNDIRECTED = ("undeclared-undirected", "warning",
                             "a DL half matrix or Pajek *Edges relation not declared directed: false; read both ways")
    NONRESPONDENT_TIE = ("nonrespondent-tie", "error",
                         "ties reported by someone marked responded = no (in that wave, for a case with waves)")
    # survey waves
    INVALID_WAVES = ("invalid-waves", "error",
                     "case.yaml waves: not a list of {id, survey_date}, an id blank or repeated, dates out of order")
    UNDECLARED_WAVES = ("undeclared-waves", "error",
                        "a wave column with values, or responses, in a case whose case.yaml declares no waves:")
    UNKNOWN_WAVE = ("unknown-wave", "error", "a tie's or response's wave is not declared under waves: in case.yaml")
    TIES_WITHOUT_WAVE = ("ties-without-wave", "error",
                         "several waves declared but the ties carry no wave (no wave column, a matrix, DL or Pajek)")
    DUPLICATE_RESPONSE = ("duplicate-response", "error", "one person's response to one wave given twice")
    ABSENT_TIE = ("absent-tie", "error", "a tie in a wave to or from someone absent from that wave's roster")
    WAVE_WITHOUT_TIES = ("wave-without-ties", "warning", "a declared wave with no ties")
    # codebook and segments
    UNKNOWN_CODE = ("unknown-code", "error", "a segment's code, a code's parent or a mapped code not in the codebook")
    CODEBOOK_CYCLE = ("codebook-cycle", "error", "a code is its own ancestor")
    NO_THEME = ("no-theme", "error", "a code with no theme or dimension, even inherited")
    DUPLICATE_SEGMENT = ("duplicate-segment", "error",
                         "(segment_id, code, coder) repeated (merged, a warning, in a REFI-QDA import)")
    INCONSISTENT_SEGMENT = ("inconsistent-segment", "error", "one segment_id with two people or two excerpts")
    MISSING_CODEBOOK = ("missing-codebook", "error", "segments given without a codebook")
    # workshop notes (notes.csv, partnet import-notes)
    SAME_PERSON_TIE = ("same-person-tie", "error", "a workshop note about a tie whose two ends are one person")
    DUPLICATE_NOTE = ("duplicate-note", "error",
                      "the same workshop note twice (kind, target, note and date), in notes.csv or a page's download")
    OTHER_CASE = ("other-case", "error", "a workshop page's notes made for another case (its case column)")
    CHANGED_NOTE = ("changed-note", "error",
                    "an imported note with another text than the case's note of the same target, date and "
                    "facilitator (replaced only with --overwrite)")
    # roster
    DUPLICATE_NAME = ("duplicate-name", "warning", "two roster people share a name")
    MISSING_SIZE = ("missing-size", "warning", "an organisation without a size")
    NO_TIES = ("no-ties", "warning", "a ties table with a header and no rows")
    SMALL_ORGANISATION = ("small-organisation", "warning",
                          "one or two people on the roster: the code identifies them")
    PSEUDONYM_KEY = ("pseudonym-key", "error", "the case's pseudonym key is damaged or cannot be created")
    # hostile or odd files
    FILE_TOO_LARGE = ("file-too-large", "error",
                      "a file larger than partnet reads (200 MiB a table, 64 KiB case.yaml)")
    LINK_OUTSIDE_CASE = ("link-outside-case", "error",
                         "a file of the case is a symbolic link to a file outside the case folder")
    ARCHIVE_LIMIT = ("archive-limit", "error",
                     "an .xlsx or .qdpx whose ZIP members are too many, too large or too compressed")
    SHEET_LIMIT = ("sheet-limit", "error",
                   "a workbook of more than 2 million cells, or rows/columns past Excel's last")
    SHEET_TRUNCATED = ("sheet-truncated", "warning",
                       "a sheet goes on after 1,000 empty rows; the rest is not read")
    CONTROL_CHARACTERS = ("control-characters", "warning",
                          "invisible control characters (Word's line break) replaced or removed")
    YAML_ALIAS = ("yaml-alias", "error", "case.yaml uses YAML anchors or aliases (& and *)")
    INVALID_FIELD = ("invalid-field", "error", "a case.yaml field of the wrong type (a list where text is expected)")
    # REFI-QDA import (partnet.refiqda)
    AMBIGUOUS_CODE = ("ambiguous-code", "error", "a mapping names a code several codes share: write its path")
    NO_DIMENSION = ("no-dimension", "warning", "imported codes with no model dimension, mapped or inherited")
    MISSING_SOURCE = ("missing-source", "error", "a REFI-QDA source whose text is not in the archive")
    SELECTION_OUT_OF_RANGE = ("selection-out-of-range", "error",
                              "a REFI-QDA selection that does not lie inside its source's text")
    AMBIGUOUS_LINE_BREAKS = ("ambiguous-line-breaks", "warning",
                             "selections fit one- and two-character line breaks equally well")
    SKIPPED_SELECTIONS = ("skipped-selections", "warning",
                          "codings of pictures, PDF areas, audio or video skipped (text only)")
    # survey exports (partnet.survey)
    SURVEY_LAYOUT = ("survey-layout", "error",
                     "a survey export with no column naming the respondents, or no column of a roster person")
    UNKNOWN_ANSWER = ("unknown-answer", "error",
                      "a survey answer neither on the relation's scale nor in the answers file")
    DUPLICATE_ANSWER = ("duplicate-answer", "error", "an answer label given twice, with two values, in an answers file")
    DUPLICATE_RESPONDENT = ("duplicate-respondent", "error", "two answered rows of a survey export by the same person")
    # Network Canvas exports (partnet.netcanvas)
    NOT_NETWORK_CANVAS = ("not-network-canvas", "error",
                          "not a Network Canvas CSV export (a folder or .zip of its _ego, _attributeList files)")
    DUPLICATE_SESSION = ("duplicate-session", "error",
                         "two Network Canvas sessions of the same respondent, or one session exported twice")
    UNKNOWN_NODE_TYPE = ("unknown-node-type", "error",
                         "a Network Canvas node type the export does not hold, or several and none chosen")
    UNKNOWN_EDGE_TYPE = ("unknown-edge-type", "error", "a Network Canvas edge type the export does not hold")
    UNMAPPED_VALUE = ("unmapped-value", "error",
                      "a Network Canvas variable's value neither on the relation's scale nor mapped by labels=")
    ALTER_TIES_IGNORED = ("alter-ties-ignored", "warning",
                          "Network Canvas edges between alters: the respondent's view of others' ties; not read")


_SEVERITIES = ("error", "warning")


def reason_table() -> str:
    """The registry of reason codes as a reStructuredText table: code, severity, rule.

    This is the table of :mod:`partnet.validate`'s documentation (built
    from :class:`Reason` when that module is imported), so the codes, their
    severities and their rules are written down once.

    Returns
    -------
    str
        A simple table, one row per code, in the order of :class:`Reason`.

    Examples
    --------
    >>> print("\\n".join(reason_table().splitlines()[:4]))
    =========================== ======== ==================================================
    code                        severity rule
    =========================== ======== ==================================================
    missing-file                error    organisations, people and ties are required
    """
    rows = [(r.value, r.severity, r.rule) for r in Reason]
    # the last column of a simple table may run past its border: 50 keeps the table narrow
    widths = [max(27, *(len(row[0]) for row in rows)), 8, 50]
    rule = " ".join("=" * w for w in widths)

    def line(cells):
        return " ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    return "\n".join([rule, line(("code", "severity", "rule")), rule, *map(line, rows), rule])


# --------------------------------------------------------------------------- problems in files


@dataclass(frozen=True)
class Problem:
    """One problem found in a researcher's file.

    Parameters
    ----------
    code : str or Reason
        Stable reason code, e.g. ``"unknown-person"``, a member of
        :class:`Reason`; tests and programs match on it, never on the
        message text. Stored as plain text.
    file : str
        File name as the researcher knows it (``"ties.csv"``, or
        ``"case.xlsx:ties"`` for a sheet of a workbook).
    message : str
        What is wrong, in words a researcher can act on.
    row : int or None
        Line of the file (the header is line 1), or spreadsheet row.
    column : str or None
        Column name.
    value : str or None
        The value found.
    expected : str or None
        What was expected instead.
    suggestion : tuple of str
        Nearest valid values ("did you mean ..."), best first.
    severity : {"error", "warning"}, optional
        Errors stop a case from loading; warnings are reported and the
        documented repair is applied. Default: the code's severity in
        :class:`Reason`.

    Raises
    ------
    ValueError
        A code that is not in :class:`Reason`, or a severity other than
        error or warning (a mistake in partnet, not in the data).

    Examples
    --------
    >>> p = Problem("invalid-choice", "people.csv", "not an allowed role",
    ...             row=4, column="role", value="oficer",
    ...             expected="officer, councillor, partnership staff, other",
    ...             suggestion=("officer",))
    >>> print(p)
    people.csv, row 4, column 'role': not an allowed role: found 'oficer',
    expected officer, councillor, partnership staff, other; did you mean 'officer'? [invalid-choice]
    >>> Problem("self-tie", "ties.csv", "a person names themselves", row=3).severity
    'warning'
    >>> Problem("no-such-code", "ties.csv", "?")
    Traceback (most recent call last):
    ...
    ValueError: 'no-such-code' is not a reason code of partnet.errors.Reason; add it there
    (with its severity and rule) first
    """

    code: str
    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    expected: str | None = None
    suggestion: tuple[str, ...] = field(default_factory=tuple)
    severity: str | None = None

    def __post_init__(self):
        try:
            reason = Reason(self.code)
        except ValueError:
            raise ValueError(f"{self.code!r} is not a reason code of partnet.errors.Reason; add it there "
                             "(with its severity and rule) first") from None
        object.__setattr__(self, "code", reason.value)
        if self.severity is None:
            object.__setattr__(self, "severity", reason.severity)
        elif self.severity not in _SEVERITIES:
            raise ValueError(f"severity must be one of {', '.join(_SEVERITIES)}; {self.severity!r} was given")

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        text = f"{where}: {self.message}"
        if self.value is not None:
            text += f": found {self.value!r}"
        if self.expected is not None:
            text += f", expected {self.expected}" if self.value is not None else f": expected {self.expected}"
        text += _did_you_mean(self.suggestion)
        return f"{text} [{self.code}]"

    def as_dict(self) -> dict:
        """The problem as a plain record (for a problem table)."""
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "expected": self.expected,
            "suggestion": ", ".join(self.suggestion),
            "message": self.message,
        }


# --------------------------------------------------------------------------- the family


class DataError(PartnetError):
    """A case's files (or a file handed to an import) have problems; ``problems`` lists every one of them.

    Parameters
    ----------
    case : str
        The case (or, with ``what="file"``, the file) the problems are in.
    problems : list of Problem
        Every problem found, errors and warnings.
    what : str, default "case"
        What ``case`` names, first word of the message: ``"case"``, or
        ``"file"`` for a file an import reads (a workshop page's
        ``notes.csv``: :func:`partnet.notes.import_notes`), of which
        nothing was written.

    Examples
    --------
    >>> err = DataError("shire", [Problem("empty-file", "ties.csv", "the file is empty")])
    >>> err.codes()
    ['empty-file']
    >>> print(err)
    case 'shire' has 1 problem:
      ties.csv: the file is empty [empty-file]
    >>> print(DataError("notes.csv", [Problem("empty-file", "notes.csv", "the file is empty")], what="file"))
    file 'notes.csv' has 1 problem; nothing was written:
      notes.csv: the file is empty [empty-file]
    """

    def __init__(self, case: str, problems: list[Problem], *, what: str = "case"):
        self.case = case
        self.what = what
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        n = len(errors)
        nothing = "; nothing was written" if what == "file" else ""
        lines = [f"{what} {case!r} has {n} problem{'s' if n != 1 else ''}{nothing}:"]
        lines += [f"  {p}" for p in errors]
        super().__init__("\n".join(lines))

    def codes(self) -> list[str]:
        """Reason codes of the errors, in the order found."""
        return [p.code for p in self.problems if p.severity == "error"]

    def table(self):
        """Every problem (errors and warnings) as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame([p.as_dict() for p in self.problems])


class ParameterError(PartnetError, ValueError):
    """An analysis option is not allowed (an unknown relation, a bad threshold).

    Also a :class:`ValueError`, so code written for the standard library's
    conventions catches it too.
    """


class GraphError(ParameterError):
    """The graph cannot be analysed or drawn as asked.

    Raised for a graph with no nodes, a multigraph, an object that is not a
    networkx graph, nodes without the partition attribute, or ties without
    the weight attribute asked for, by the measures of
    :mod:`partnet.metrics` and by the drawings of :mod:`partnet.viz` alike.
    The message says what was expected and what arrived.

    A :class:`ParameterError` (the graph is an argument like any other), so
    ``except ParameterError`` catches it too.

    Examples
    --------
    >>> import networkx as nx
    >>> from partnet.metrics import density
    >>> density(nx.DiGraph())
    Traceback (most recent call last):
    ...
    partnet.errors.GraphError: the graph has no nodes; a measure needs at least one person
    """


class SynthError(ParameterError):
    """The generator (:mod:`partnet.synth`) was given arguments that cannot make a case.

    A :class:`ParameterError`, so a negative seed is refused by the same
    kind of error in the generator as in a report.
    """


class CodebookError(PartnetError):
    """A codebook or a mapping of codes to themes is inconsistent."""


class QdaImportError(PartnetError):
    """A file is not a readable REFI-QDA project or codebook."""


class ReportError(PartnetError):
    """A report run could not be started or one of its cases failed."""


class NotebookFailed(ReportError):
    """A notebook stopped with an error; the executed notebook was still written.

    Attributes
    ----------
    path : pathlib.Path
        The executed notebook, outputs and traceback included.
    cell : int or None
        Index of the cell that failed (None when the kernel died or timed out).
    ename, evalue : str
        The exception's class name and message.

    Examples
    --------
    >>> err = NotebookFailed("out.ipynb", 2, "ParameterError", "seed must be a whole number 0 or more")
    >>> print(err)
    cell 2 failed: ParameterError: seed must be a whole number 0 or more
    """

    def __init__(self, path, cell: int | None, ename: str, evalue: str):
        self.path, self.cell, self.ename, self.evalue = Path(path), cell, ename, evalue
        where = f"cell {cell}" if cell is not None else "the notebook"
        super().__init__(f"{where} failed: {ename}: {evalue}")


# --------------------------------------------------------------------------- the option checker

#: How many suggestions an unknown option value gets, and how close they must be.
_CHOICE_SUGGESTIONS = 1
_CHOICE_CUTOFF = 0.5
#: How many allowed values a message lists before it stops with "...".
_CHOICE_LISTED = 30


def _listing(options: list) -> str:
    if not options:
        return "none"
    shown = ", ".join(str(o) for o in options[:_CHOICE_LISTED])
    return shown + (f", ... ({len(options)} in all)" if len(options) > _CHOICE_LISTED else "")


def choice_error(value, options, name: str, *, what: str | None = None, listed: bool = True,
                 error: type[PartnetError] | None = None) -> PartnetError:
    """The error for a value that is not one of the allowed ones (returned, not raised).

    :func:`check_choice` raises it; call this directly only where the
    membership test is made elsewhere (a name resolved against a roster, an
    attribute that no node carries).

    Parameters
    ----------
    value : object
        What was given.
    options : iterable
        The allowed values, in the order to list them.
    name : str
        The option's (argument's) name.
    what : str, optional
        The allowed values in words (``"a relation of the case"``), said
        instead of "one of"; they are still listed after it unless
        ``listed`` is False.
    listed : bool, default True
        List the allowed values (the first 30). False for people and
        organisations, which may be many and are names.
    error : type, default ParameterError
        The exception class (a :class:`PartnetError`).

    Returns
    -------
    PartnetError
        With the message ``"{name} must be {what or 'one of'} {values};
        {value!r} was given; did you mean {nearest!r}?"``; the nearest
        valid value (at most one, by :func:`nearest` with cutoff 0.5) is
        left out when none is close.

    Examples
    --------
    >>> print(choice_error("p11", ["p1", "p2"], "person", what="a person in the graph", listed=False))
    person must be a person in the graph; 'p11' was given; did you mean 'p1'?
    >>> print(choice_error("advise", ["advice", "egov_contact"], "relation", what="a relation of the case"))
    relation must be a relation of the case (advice, egov_contact); 'advise' was given; did you mean 'advice'?
    """
    options = list(options)
    if what is None:
        expected = f"one of {_listing(options)}" if listed else "one of the allowed values"
    else:
        expected = what + (f" ({_listing(options)})" if listed else "")
    by_text = {}
    for o in options:
        by_text.setdefault(str(o), o)
    near = [by_text[s] for s in nearest(value, by_text, n=_CHOICE_SUGGESTIONS, cutoff=_CHOICE_CUTOFF)]
    return (error or ParameterError)(f"{name} must be {expected}; {value!r} was given{_did_you_mean(near)}")


def check_choice(value, options, name: str, *, what: str | None = None, listed: bool = True,
                 error: type[PartnetError] | None = None):
    """Return ``value`` when it is one of ``options``; else raise, naming the nearest valid value.

    The one check of an option against its allowed values: every "did you
    mean" partnet says about an option goes through here (or through
    :func:`choice_error`, which builds the message).

    Parameters
    ----------
    value : object
        What was given.
    options : iterable
        The allowed values, in the order to list them (a set or dict is
        tested by hashing, any other iterable by equality).
    name : str
        The option's (argument's) name, first word of the message.
    what : str, optional
        The allowed values in words, said instead of "one of".
    listed : bool, default True
        List the allowed values in the message (the first 30).
    error : type, default ParameterError
        The exception class to raise.

    Returns
    -------
    object
        ``value`` unchanged.

    Raises
    ------
    ParameterError
        ``value`` is not one of ``options`` (or ``error`` when given). The
        message says the option, the allowed values, what was given and the
        nearest allowed value: see :func:`choice_error`.

    Examples
    --------
    >>> check_choice("in", ("in", "out"), "direction")
    'in'
    >>> check_choice("dorp", ("keep", "drop", "reconstruct"), "nonrespondents")
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: nonrespondents must be one of keep, drop, reconstruct; 'dorp' was given;
    did you mean 'drop'?
    >>> check_choice("x", ("in", "out"), "direction")
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: direction must be one of in, out; 'x' was given
    """
    if not hasattr(options, "__contains__"):  # a generator: read it once
        options = list(options)
    try:
        if value in options:
            return value
    except TypeError:  # an unhashable value tested against a set
        pass
    raise choice_error(value, options, name, what=what, listed=listed, error=error)

"""Roster questionnaires as survey tools export them, turned into the ties of a case.

A roster question ("who do you deal with about e-government, and how
often?") comes back from a survey tool as one row per respondent and one
column per roster person. This module reads such exports against a case's
roster and relation and gives :class:`SurveyTies`: the ties, who answered,
what was matched and every problem found. ``partnet import-survey``
(:mod:`partnet.cli`) writes them as the case's ``ties.csv``.

:func:`read_survey` reads the export; :func:`read_export` shows how a
file's layout was understood (header rows, metadata columns, the person
named by each column) without a roster; :func:`answer_value` is the one
rule that turns an answer into a value of a relation's scale.

Layouts read
------------
The layout is recognised from the file itself and said in
:attr:`SurveyTies.source`. Files are read by :mod:`partnet.readers`
(size limits, UTF-8 with or without a byte-order mark, UTF-16 with one,
Windows-1252 with a warning; ``.xlsx`` within the workbook limits).

``"qualtrics"``
    A Qualtrics CSV or TSV: three header rows, the export tags
    (``StartDate``, ``Q5_1``), the question text (a matrix row's ends in
    ``" - <statement>"``) and the import ids (``{"ImportId":"QID5_1"}``).
    Recognised by the import-id row (second or third row), or by three or
    more of Qualtrics' metadata columns. Columns whose import id does not
    start with ``QID`` (``StartDate`` ... ``UserLanguage``, embedded data)
    are metadata. The person of a column is the text after the last
    ``" - "`` of its question text (after the last ``"-"`` in the 2017
    "Insights" format). The respondent is named by a question, by
    ``RecipientFirstName`` and ``RecipientLastName`` of a contact list, or
    by person_ids in ``ExternalReference``.
    Exported in Qualtrics by *Data & Analysis* > *Data* > *Export &
    Import* > *Export data* > *CSV* (or *TSV*), keeping *Use choice text*
    (or *Use numeric values* when the choices are coded 1 yearly .. 5
    daily).
``"google-forms"``
    A Google Forms CSV: first column ``Timestamp``, an optional ``Email
    Address`` (or ``Email address``, ``Score``), the questions, and one
    column per row of a multiple-choice grid headed
    ``Question text [Row label]``; the person is the row label. Exported
    by *Responses* > *More* (the three dots) > *Download responses
    (.csv)*, or by *View in Sheets* and the sheet's *File* > *Download* >
    *Comma-separated values (.csv)* (the sheet "Form Responses 1").
``"microsoft-forms"``
    A Microsoft Forms workbook: the first sheet (``Form1``) with ``ID``,
    ``Start time``, ``Completion time``, ``Email``, ``Name`` and
    optionally ``Last modified time``, ``Total points``, ``Quiz feedback``,
    then one column per question; a Likert question gives one column per
    statement, headed by the statement. ``Name`` (the name Forms records
    of a signed-in respondent) or a question names the respondent. Quiz
    columns ``Points - ...`` and ``Feedback - ...`` are metadata. Exported by *Responses* > *Open in
    Excel* (save or download the workbook it opens as ``.xlsx``).
``"wide"``
    Any other table (``.csv`` or the first sheet of an ``.xlsx``): one row
    per respondent, a respondent column (its header may be blank), one
    column per roster person headed by the person's name or person_id (or
    ``Question [Person]``, as a Google sheet whose first column is not
    headed ``Timestamp``, in another language, has them).

Where the menu paths come from: Qualtrics' "Exporting Response Data"
(qualtrics.com/support/jp/survey-platform/data-and-analysis-module/data/download-data/export-data-overview:
Data & Analysis tab, Data section, Export & Import, Export data, then CSV
or TSV) and "Understanding Your Dataset" ("CSV and TSV files come with 3
rows of headers"); "numeric values" or "choice text" from Qualtrics'
"Understanding Your Response Data Set (EX)". That a TSV is UTF-16 was not
found in the pages read; the readers take UTF-16 with a byte-order mark and
UTF-8 alike. Google's and Microsoft's own help pages were not available;
the paths above follow secondary descriptions (Responses tab, the three
dots, "Download responses" in CSV, "View in Sheets" to the sheet "Form
Responses 1"; Microsoft Forms' Responses tab, "Open in Excel"), and the
layouts follow real exports (``tests/fixtures/surveys/SOURCES.md``).

A column names a person when its person text matches a name of the
roster as :func:`partnet.validate.name_key` compares names (case,
accents, spaces, apostrophes, "Surname, First"), or a person_id. The
respondent column is the column (or first name + last name pair) whose
values match the most roster people; among equals, a column headed like a
name ("Name", "Your name", "Respondent"). A column that looks like a
roster column but names nobody (another row of the same grid or matrix,
a column between roster columns, or a header close to a roster name) is
an ``unknown-person`` error with the nearest name when a roster name is
close (a misspelling), and an ``unknown-person`` warning, its answers not
read, when none is ("Someone else", "Comments"). Qualtrics' text-entry
and display-order columns (import ids ending ``TEXT`` or ``_DO``) are
never roster columns.

Answers
-------
An answer is matched ignoring case, surrounding and repeated spaces and a
final full stop (:func:`answer_value`). An answers file (``answers``, CSV
``answer,value``) is looked up first; its value is a number on the
relation's scale, a label of the table below, or blank, ``0`` or
``none`` for no tie. A blank answer is no tie. On the frequency scale
(:data:`partnet.schema.FREQUENCY_LABELS`):

===== ========= =========================================================================
value  meaning   answers read as it (besides the number itself)
===== ========= =========================================================================
5      daily     daily, every day, once a day, several times a day, more than once a day
4      weekly    weekly, every week, once a week, several times a week, a few times a week
3      monthly   monthly, every month, once a month, a few times a month, several times a month
2      quarterly quarterly, every quarter, once a quarter, every three months, every 3 months,
                 a few times a year, several times a year
1      yearly    yearly, annually, every year, once a year, once a year or less,
                 less than once a year
none   no tie    never, not at all, no contact, none, 0
===== ========= =========================================================================

Contact less often than yearly is still contact: it is the scale's lowest
value, 1. "Fortnightly" (every two weeks) lies between two values and is
deliberately not in the table: an answers file says which it is. A number
with its label ("4 - weekly", "Weekly (4)") is read when both agree. On
the binary scale yes, y, x, true, checked, ticked, ✓ and 1 are a tie and
no, n, false, unchecked and 0 are none; on the count scale a whole number
is the count (0 no tie), and never or none no tie. Any other answer is one
``unknown-answer`` error per distinct answer, listing the rows it is on,
with the nearest known answer.

Respondents and non-respondents
-------------------------------
A roster person whose row answers at least one roster column is a
respondent; a person with no row, or a row without any answer, is a
non-respondent. A person answering about themselves is dropped with a
``self-tie`` warning (a blank own cell says nothing). Two answered rows of
one person are a ``duplicate-respondent`` error; a row naming nobody on
the roster is ``unknown-person`` (or ``ambiguous-name``) with the nearest
name. Nothing is raised for a bad file: every problem, a file that cannot
be read included, is a :class:`~partnet.errors.Problem` of
:attr:`SurveyTies.problems`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from partnet import schema
from partnet.errors import Problem, check_choice, nearest
from partnet.readers import RawTable, parse_csv, read_csv, read_text, read_workbook
from partnet.validate import PersonResolver

if TYPE_CHECKING:  # pragma: no cover
    from partnet.case import Case

__all__ = ["SurveyTies", "ExportColumn", "SurveyExport", "read_survey", "read_export", "answer_value",
           "answer_key", "read_answers", "ANSWER_LABELS", "SOURCES"]

#: The layouts :func:`read_survey` recognises, as :attr:`SurveyTies.source` names them.
SOURCES = ("qualtrics", "google-forms", "microsoft-forms", "wide")

#: Answers read without an answers file, by scale: answer (as :func:`answer_value` folds it) -> value,
#: None for no tie. Numbers are read by rule, not listed.
ANSWER_LABELS: dict[str, dict[str, int | None]] = {
    "frequency": {
        **dict.fromkeys(("daily", "every day", "once a day", "several times a day", "more than once a day"), 5),
        **dict.fromkeys(("weekly", "every week", "once a week", "several times a week", "a few times a week"), 4),
        **dict.fromkeys(("monthly", "every month", "once a month", "a few times a month",
                         "several times a month"), 3),
        **dict.fromkeys(("quarterly", "every quarter", "once a quarter", "every three months", "every 3 months",
                         "a few times a year", "several times a year"), 2),
        **dict.fromkeys(("yearly", "annually", "every year", "once a year", "once a year or less",
                         "less than once a year"), 1),
        **dict.fromkeys(("never", "not at all", "no contact", "none"), None),
    },
    "binary": {
        **dict.fromkeys(("yes", "y", "x", "true", "checked", "ticked", "\u2713", "\u2714"), 1),
        **dict.fromkeys(("no", "n", "false", "unchecked"), None),
    },
    "count": dict.fromkeys(("never", "none"), None),
}

#: Export tags of Qualtrics' metadata columns (folded: case, spaces, underscores and hyphens ignored).
_QUALTRICS_METADATA = frozenset(
    "startdate enddate status ipaddress progress duration(inseconds) finished recordeddate responseid "
    "recipientlastname recipientfirstname recipientemail externalreference locationlatitude locationlongitude "
    "distributionchannel userlanguage responseset externaldatareference locationaccuracy".split())
#: Columns Google Forms fills itself.
_GOOGLE_METADATA = frozenset(("timestamp", "emailaddress", "score"))
#: Columns Microsoft Forms fills itself (the first three recognise its workbook).
_MICROSOFT_METADATA = frozenset(("id", "starttime", "completiontime", "email", "name", "lastmodifiedtime",
                                 "totalpoints", "quizfeedback"))
_MICROSOFT_KEYS = frozenset(("id", "starttime", "completiontime"))
#: First and last name columns read together as one respondent name.
_FIRST_NAMES = frozenset(("recipientfirstname", "firstname", "forename", "givenname"))
_LAST_NAMES = frozenset(("recipientlastname", "lastname", "surname", "familyname"))
#: Words of a header that names the respondent, and words that say it names something else.
_NAME_WORDS = frozenset(("name", "respondent"))
_NOT_NAME_WORDS = frozenset(("organisation", "organization", "email", "company", "agency", "department", "team",
                             "file", "user", "username", "job", "role", "title"))
_IMPORT_ID = re.compile(r"""^\s*\{.*?["']?ImportId["']?\s*:\s*["']([^"']*)["']""", re.IGNORECASE | re.DOTALL)
_GRID = re.compile(r"^(?P<question>.*?)\s*\[(?P<row>[^\[\]]*)\]\s*$", re.DOTALL)
_NUMBER_LABEL = re.compile(r"^(?P<n>\d+)\s*(?:[-:.)=]|\u2013|\u2014)\s*(?P<label>.+)$|"
                           r"^(?P<label2>.+?)\s*\(\s*(?P<n2>\d+)\s*\)$")
#: Qualtrics import ids of columns that hold no choice: text entered beside a choice, display orders.
_NOT_AN_ANSWER = re.compile(r"(TEXT|_DO)$", re.IGNORECASE)
#: A header this close to a roster name (difflib ratio) is taken for a misspelt roster column.
_NEAR_NAME = 0.75
#: Rows listed in one problem before "and N more".
_ROWS_LISTED = 10


def _fold(text: str) -> str:
    """A header as the metadata lists hold it: case, spaces, underscores and hyphens ignored."""
    return re.sub(r"[\s_\-]+", "", str(text).casefold())


def answer_key(text: str) -> str:
    """An answer as the tables hold it: case, repeated and surrounding spaces, a final full stop ignored.

    Every reader of answer labels (survey exports, Network Canvas values,
    answers files) compares labels in this form.

    Examples
    --------
    >>> answer_key("  A few times  a YEAR. ")
    'a few times a year'
    """
    text = str(text).replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    return " ".join(text.casefold().split()).rstrip(".").strip()


@dataclass
class SurveyTies:
    """The ties read from a survey export, with what was matched and what was not.

    Attributes
    ----------
    source : str
        The layout recognised: ``"qualtrics"``, ``"google-forms"``,
        ``"microsoft-forms"``, ``"wide"`` (a plain respondent x roster
        table) or ``"network-canvas"``.
    file : str
        The export's display name, as in problems.
    relation : str
        The relation the ties are of (the case's relation unless asked).
    ties : list of (str, str, int)
        ``(respondent person_id, alter person_id, value)`` in the export's
        order (respondents in row order, alters in column order); the value
        is on the relation's scale.
    respondents : list of str
        person_ids of the roster people whose row has at least one answer,
        in roster order.
    nonrespondents : list of str
        person_ids of the roster people with no row, or a row without any
        answer, in roster order.
    columns : dict of str to str
        Each roster column's header -> the person_id it was matched to.
    rows : dict of int to str
        Each respondent row's line -> the person_id it was matched to.
    answers : dict of str to int or None
        Each distinct answer label found -> the value it was read as
        (None: no tie).
    problems : list of Problem
        Everything that could not be matched, each with file, row, column,
        value and the nearest valid value; nothing may be written while one
        of them is an error.
    """

    source: str
    file: str
    relation: str
    ties: list = field(default_factory=list)
    respondents: list = field(default_factory=list)
    nonrespondents: list = field(default_factory=list)
    columns: dict = field(default_factory=dict)
    rows: dict = field(default_factory=dict)
    answers: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No error among the problems: the ties may be written."""
        return not any(p.severity == "error" for p in self.problems)


@dataclass
class ExportColumn:
    """One column of a survey export, as :func:`read_export` understood it.

    Attributes
    ----------
    index : int
        Position in the file, from 0.
    header : str
        The header as written (Qualtrics: the export tag, e.g. ``Q5_1``).
    text : str
        The text that says what the column holds: Qualtrics' question text
        (second header row), else the header.
    import_id : str or None
        Qualtrics' import id (``QID5_1``), when the file has that row.
    question : str or None
        The question the column is one row of: a Google grid's question
        text, Qualtrics' question id (``QID5``); None for a single column.
    item : str
        The part of ``text`` that may name a person: a grid's row label,
        the text after a Qualtrics matrix question's last ``" - "``, else
        the whole text.
    metadata : bool
        Filled by the tool (dates, ids, e-mail, progress), not answered.
    """

    index: int
    header: str
    text: str
    import_id: str | None = None
    question: str | None = None
    item: str = ""
    metadata: bool = False


@dataclass
class SurveyExport:
    """A survey export read as a table: its layout, columns and data rows.

    Attributes
    ----------
    source : str
        One of :data:`SOURCES`.
    file : str
        Display name, as in problems (``"survey.xlsx:Form1"`` for a sheet).
    header_rows : int
        Rows above the data (3 for a Qualtrics export, else 1).
    text_row : int
        The row holding each column's ``text`` (2 for a Qualtrics export
        with its question-text row, else 1): where problems about a
        column's person point.
    columns : list of ExportColumn
    rows : list of (int, list of str)
        Each data row's line (the first header row is 1) and its cells, in
        column order, stripped.
    problems : list of Problem
        What the readers found (encoding, size, shape).
    """

    source: str
    file: str
    header_rows: int = 1
    text_row: int = 1
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)


def read_export(path) -> SurveyExport:
    """Read a survey export and recognise its layout, without a roster.

    Parameters
    ----------
    path : str or pathlib.Path
        A ``.csv``, ``.tsv`` (or ``.txt``) or ``.xlsx`` file. Of a workbook,
        the first sheet that is a Microsoft Forms response table is read,
        else the first sheet.

    Returns
    -------
    SurveyExport
        With ``source`` ``""`` and no columns when the file cannot be read
        at all; its problems say why.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "form.csv"
    >>> _ = p.write_text('"Timestamp","Your name","Who do you deal with? [Ada Quintrell]"\\n'
    ...                  '"2026/03/02 9:14:03 AM GMT","Bram Okonjo","Weekly"\\n', encoding="utf-8")
    >>> export = read_export(p)
    >>> export.source, [c.item for c in export.columns], [c.metadata for c in export.columns]
    ('google-forms', ['Timestamp', 'Your name', 'Ada Quintrell'], [True, False, False])
    >>> export.rows
    [(2, ['2026/03/02 9:14:03 AM GMT', 'Bram Okonjo', 'Weekly'])]
    """
    path = Path(path)
    problems: list[Problem] = []
    export = _read_export(path, problems) or SurveyExport("", path.name)
    export.problems = problems
    return export


def answer_value(answer, scale: str = "frequency", answers: dict | None = None) -> tuple[bool, int | None]:
    """The value an answer stands for on a relation's scale.

    Parameters
    ----------
    answer : str
        The answer as exported (a label or a number).
    scale : {"frequency", "binary", "count"}
        The relation's scale (:data:`partnet.schema.SCALES`).
    answers : dict, optional
        An answers file's labels, folded as the tables are (see the module
        documentation), -> value or None; looked up first.

    Returns
    -------
    (bool, int or None)
        ``(True, value)`` for a known answer (value None: no tie, as for a
        blank answer); ``(False, None)`` for an answer partnet cannot read.

    Examples
    --------
    >>> answer_value(" Every Week ")
    (True, 4)
    >>> answer_value("Less than once a year"), answer_value("never"), answer_value("")
    ((True, 1), (True, None), (True, None))
    >>> answer_value("4 - weekly"), answer_value("4 - daily")
    ((True, 4), (False, None))
    >>> answer_value("Fortnightly"), answer_value("Fortnightly", answers={"fortnightly": 3})
    ((False, None), (True, 3))
    >>> answer_value("x", "binary"), answer_value("12", "count"), answer_value("0", "count")
    ((True, 1), (True, 12), (True, None))
    """
    key = answer_key(answer)
    if not key:
        return True, None
    if answers and key in answers:
        return True, answers[key]
    table = ANSWER_LABELS.get(scale, {})
    if key in table:
        return True, table[key]
    number = _whole(key)
    if number is not None:
        return _on_scale(number, scale)
    if scale == "frequency":
        m = _NUMBER_LABEL.match(key)
        if m:
            n, label = (m.group("n"), m.group("label")) if m.group("n") else (m.group("n2"), m.group("label2"))
            label = label.strip()
            if label in table and _on_scale(int(n), scale) == (True, table[label]):
                return True, table[label]
    return False, None


def read_survey(path, case: Case, *, relation: str | None = None, answers=None) -> SurveyTies:
    """Read a roster question's export (Qualtrics, Google Forms, Microsoft Forms, a plain table) as ties.

    Parameters
    ----------
    path : str or pathlib.Path
        The export: ``.csv``, ``.tsv`` or ``.xlsx`` (see the module
        documentation for the layouts and how a researcher exports each).
    case : partnet.case.Case
        A loaded case (:func:`partnet.load_case`, or
        :func:`partnet.case.load_roster` before it has ties): its roster
        names the people, its relation gives the scale of the answers.
    relation : str, optional
        The relation the question asks about; default the case's. One of
        the relations declared in ``case.yaml`` when it declares any.
    answers : str or pathlib.Path, optional
        A CSV file ``answer,value`` for answers partnet does not know
        (value blank, ``0`` or ``none``: no tie).

    Returns
    -------
    SurveyTies
        Ties, respondents and non-respondents, what each column and row
        was matched to, the answers read and every problem. Nothing may be
        written unless ``.ok``.

    Raises
    ------
    ParameterError
        ``relation`` is not a relation declared in ``case.yaml``. Problems
        of the files are never raised: they are in ``.problems``.

    Examples
    --------
    A Google Forms download of the roster question, for the example case
    (Ada Quintrell p1, Bram Okonjo p2, Cerys Vantongeren p3, Dov Haraldsen p4):

    >>> import pathlib, tempfile
    >>> from partnet import load_case
    >>> q = "How often do you deal with them about e-government?"
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Roster (Responses).csv"
    >>> _ = p.write_text(
    ...     f'"Timestamp","Your name","{q} [Ada Quintrell]","{q} [Bram Okonjo]","{q} [Cerys Vantongeren]"\\n'
    ...     '"2026/03/02 9:14:03 AM GMT","Quintrell, Ada","","Weekly","Every month"\\n'
    ...     '"2026/03/02 9:20:45 AM GMT","bram okonjo","Daily","",""\\n', encoding="utf-8")
    >>> result = read_survey(p, load_case(EXAMPLE_CASE))
    >>> result.source, result.relation, result.ok
    ('google-forms', 'egov_contact', True)
    >>> result.ties
    [('p1', 'p2', 4), ('p1', 'p3', 3), ('p2', 'p1', 5)]
    >>> result.respondents, result.nonrespondents
    (['p1', 'p2'], ['p3', 'p4'])

    A misspelt roster column and an answer partnet does not know:

    >>> _ = p.write_text(
    ...     f'"Timestamp","Your name","{q} [Ada Quintrell]","{q} [Bram Okonjo]","{q} [Cerys Vantongeran]"\\n'
    ...     '"2026/03/02 9:14:03 AM GMT","Ada Quintrell","","Fortnightly","Monthly"\\n', encoding="utf-8")
    >>> for problem in read_survey(p, load_case(EXAMPLE_CASE)).problems:
    ...     print(problem.code, problem.row, problem.value, problem.suggestion)
    unknown-person 1 Cerys Vantongeran ('Cerys Vantongeren',)
    unknown-answer 2 Fortnightly ('monthly',)
    """
    path = Path(path)
    spec = _relation_spec(case, relation)
    problems: list[Problem] = []
    extra = read_answers(Path(answers), spec.scale, problems) if answers is not None else {}
    export = _read_export(path, problems)
    if export is None:
        return SurveyTies(source="", file=path.name, relation=spec.name, problems=problems,
                          nonrespondents=list(case.people["person_id"]))
    result = SurveyTies(source=export.source, file=export.file, relation=spec.name)
    _Reading(export, case, spec, extra, problems, result).run()
    result.problems = problems
    return result


# --------------------------------------------------------------------------- reading the file


def _read_export(path: Path, problems: list[Problem]) -> SurveyExport | None:
    """The export as a :class:`SurveyExport`, or None after a problem saying why it cannot be read."""
    display = path.name
    if not path.exists():
        problems.append(Problem("missing-file", display, "there is no file at this path", value=str(path),
                                expected="a survey export (.csv, .tsv or .xlsx)"))
        return None
    if path.is_dir():
        problems.append(Problem("survey-layout", display, "this is a folder, not a survey export", value=str(path),
                                expected="a survey export (.csv, .tsv or .xlsx)"))
        return None
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        sheets = read_workbook(path, problems, display)
        table = _first_sheet(list(sheets.values()))
        if table is None:
            if not any(p.severity == "error" for p in problems):
                problems.append(Problem("empty-file", display, "the workbook has no sheet with a header row"))
            return None
        # problems of the sheets not read (a form id sheet, notes) only distract
        problems[:] = [p for p in problems if not p.file.startswith(display + ":") or p.file == table.file]
        return _layout(table)
    if suffix in (".xls", ".sav", ".qsf", ".json", ".docx", ".pdf", ".zip", ".ods", ".numbers"):
        problems.append(Problem("survey-layout", display, "partnet reads survey exports saved as CSV, TSV or Excel "
                                "workbook (.xlsx)", value=suffix, expected=".csv, .tsv or .xlsx"))
        return None
    text = read_text(path, problems, display, what="a survey export")
    if text is None:
        return None
    table = parse_csv(text, display, problems, corner_ok=True)
    if table is None:
        return None
    return _layout(table)


def _first_sheet(tables: list[RawTable]) -> RawTable | None:
    """A workbook's Microsoft Forms response sheet, else its first sheet with a header."""
    for table in tables:
        if _MICROSOFT_KEYS <= {_fold(h) for h in table.raw_columns}:
            return table
    return tables[0] if tables else None


def _cells(table: RawTable) -> list[tuple[int, list[str]]]:
    return [(line, [row.get(c, "") for c in table.columns]) for row, line in zip(table.rows, table.lines)]


def _import_id(cell: str) -> str | None:
    m = _IMPORT_ID.match(cell or "")
    return m.group(1) if m else None


def _layout(table: RawTable) -> SurveyExport:
    """Recognise the tool that wrote ``table`` and describe its columns."""
    headers = list(table.raw_columns)
    folded = [_fold(h) for h in headers]
    rows = _cells(table)
    import_row = next((i for i, (_line, cells) in enumerate(rows[:2])
                       if sum(_import_id(c) is not None for c in cells) >= max(1, len([c for c in cells if c]) // 2)),
                      None)
    if import_row is not None or len(_QUALTRICS_METADATA.intersection(folded)) >= 3:
        # the question text row: above the import ids, or (without them) a row repeating the metadata names
        text_row = import_row == 1 or (import_row is None and bool(rows) and sum(
            _fold(cell) == folded[i] for i, cell in enumerate(rows[0][1]) if folded[i] in _QUALTRICS_METADATA) >= 2)
        texts = rows[0][1] if text_row else headers
        ids = rows[import_row][1] if import_row is not None else [None] * len(headers)
        skip = import_row + 1 if import_row is not None else int(text_row)
        export = SurveyExport("qualtrics", table.file, 1 + skip, 2 if text_row else 1, rows=rows[skip:])
        for i, header in enumerate(headers):
            text = (texts[i] if i < len(texts) else "") or header
            import_id = _import_id(ids[i]) if i < len(ids) and ids[i] else None
            if import_id is not None:
                metadata = not import_id.upper().startswith("QID")
                m = re.match(r"(QID\d+)", import_id, re.IGNORECASE)
                question = m.group(1) if m else None
            else:
                metadata = folded[i] in _QUALTRICS_METADATA or folded[i].startswith("q_")
                m = re.match(r"(.+?)_\d+$", header)
                question = m.group(1) if m else None
            export.columns.append(ExportColumn(i, header, text, import_id, question, _qualtrics_item(text), metadata))
        return export
    if folded and folded[0] == "timestamp":
        export = SurveyExport("google-forms", table.file, rows=rows)
        for i, header in enumerate(headers):
            m = _GRID.match(header)
            question, item = (m.group("question").strip(), m.group("row").strip()) if m else (None, header)
            export.columns.append(ExportColumn(i, header, header, None, question, item,
                                               folded[i] in _GOOGLE_METADATA))
        return export
    microsoft = _MICROSOFT_KEYS <= set(folded)
    export = SurveyExport("microsoft-forms" if microsoft else "wide", table.file, rows=rows)
    for i, header in enumerate(headers):
        m = _GRID.match(header)  # a grid's "Question [Row]" however the table came (a Google sheet in another language)
        question, item = (m.group("question").strip(), m.group("row").strip()) if m else (None, header)
        metadata = microsoft and (folded[i] in _MICROSOFT_METADATA or
                                  header.casefold().startswith(("points - ", "feedback - ")))
        export.columns.append(ExportColumn(i, header, header, None, question, item, metadata))
    return export


def _qualtrics_item(text: str) -> str:
    """The statement of a Qualtrics matrix column: after the question text's last " - " (or "-")."""
    for sep in (" - ", "-"):
        if sep in text:
            tail = text.rsplit(sep, 1)[1].strip()
            if tail:
                return tail
    return text


def _name_candidates(column: ExportColumn) -> list[str]:
    """Texts of a column that may name a person, most specific first."""
    out = [column.item]
    for sep in (" - ", "-", "."):
        parts = column.text.split(sep)
        out += [sep.join(parts[k:]).strip() for k in range(len(parts) - 1, 0, -1)]
    out.append(column.text)
    if column.header != column.text:
        out.append(column.header)
    return [c for c in dict.fromkeys(out) if c]


# --------------------------------------------------------------------------- answers


def _whole(text: str) -> int | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def _on_scale(number: int, scale: str) -> tuple[bool, int | None]:
    if number == 0:
        return True, None
    if scale == "count":
        return (True, number) if number > 0 else (False, None)
    if scale == "binary":
        return (True, 1) if number == 1 else (False, None)
    return (True, number) if 1 <= number <= max(schema.FREQUENCY_LABELS) else (False, None)


def _scale_words(scale: str, answers_file: bool = True) -> str:
    """The answers a scale takes, in words, for a problem's ``expected``."""
    words = {"frequency": "daily, weekly, monthly, quarterly, yearly, never (or 5 .. 1, 0; more in partnet.survey's "
                          "table)",
             "binary": "yes, x, 1, true, checked (a tie); no, 0, false (none)",
             "count": "a whole number 0 or more, never, none"}[scale]
    return words + (", or an answer of an answers file (answer,value)" if answers_file else "")


def read_answers(path: Path, scale: str, problems: list[Problem]) -> dict[str, int | None]:
    """An answers file ``answer,value``: folded answer (:func:`answer_key`) -> value on ``scale`` (None: no tie).

    Parameters
    ----------
    path : pathlib.Path
        A CSV file with the columns ``answer`` and ``value``; a value is a
        number or a label of the scale, and blank, 0 or "none" for no tie.
    scale : {"frequency", "binary", "count"}
        The relation's scale.
    problems : list of Problem
        Problems found (a missing file or column, a value off the scale,
        one answer given two values) are appended here.

    Returns
    -------
    dict of str to int or None

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "answers.csv"
    >>> _ = path.write_text("answer,value\\nFortnightly,3\\nNot sure,\\n")
    >>> read_answers(path, "frequency", [])
    {'fortnightly': 3, 'not sure': None}
    """
    display = path.name
    if not path.is_file():
        problems.append(Problem("missing-file", display, "there is no answers file at this path", value=str(path),
                                expected="a CSV file with the columns answer,value"))
        return {}
    table = read_csv(path, problems, display)
    if table is None:
        return {}
    missing = [c for c in ("answer", "value") if c not in table.columns]
    for column in missing:
        problems.append(Problem("missing-column", display, "an answers file has the columns answer,value",
                                row=1, column=column, expected="answer,value"))
    if missing:
        return {}
    out: dict[str, int | None] = {}
    first: dict[str, tuple[int, str]] = {}
    for row, line in zip(table.rows, table.lines):
        label, raw = row["answer"], row["value"]
        if not label:
            problems.append(Problem("blank-value", display, "an answer is required", row=line, column="answer"))
            continue
        if answer_key(raw) in ("", "0", "none", "no tie"):
            value = None
        else:
            known, value = answer_value(raw, scale)
            if not known:
                problems.append(Problem("invalid-frequency", display, f"the value is not on the {scale} scale",
                                        row=line, column="value", value=raw,
                                        expected=_scale_words(scale, answers_file=False) + "; blank for no tie"))
                continue
        key = answer_key(label)
        if key in out and out[key] != value:
            problems.append(Problem("duplicate-answer", display,
                                    f"the answer is also on row {first[key][0]} with the value "
                                    f"{first[key][1] or 'none'}; keep one", row=line, column="answer", value=label))
            continue
        out.setdefault(key, value)
        first.setdefault(key, (line, raw))
    return out


def _relation_spec(case, relation):
    declared = case.meta.get("relations") or {}
    if relation is not None and declared:
        check_choice(relation, list(declared), "relation", what="a relation of the case")
    return case.relation_spec(relation)


def _rows_text(lines) -> str:
    lines = sorted(set(lines))
    shown = ", ".join(map(str, lines[:_ROWS_LISTED]))
    more = f" and {len(lines) - _ROWS_LISTED} more" if len(lines) > _ROWS_LISTED else ""
    return f"row{'s' if len(lines) > 1 else ''} {shown}{more}"


# --------------------------------------------------------------------------- matching to the roster


def _cell(cells: list[str], column: ExportColumn) -> str:
    return cells[column.index] if column.index < len(cells) else ""


def _name_like(header: str) -> bool:
    words = set(re.findall(r"[a-z]+", header.casefold()))
    return bool(words & _NAME_WORDS) and not words & _NOT_NAME_WORDS


class _Reading:
    """One export read against one roster: columns, respondents, answers, ties."""

    def __init__(self, export: SurveyExport, case, spec, extra, problems, result):
        self.export, self.spec, self.extra, self.problems, self.result = export, spec, extra, problems, result
        self.people = case.people
        self.resolver = PersonResolver(case.people)
        self.names = [n for n in case.people["name"].dropna() if n]
        self.file = export.file
        self.free: set[int] = set()

    def run(self) -> None:
        roster, unmatched = self._roster_columns()
        respondent = self._respondent_column(roster, unmatched)
        unmatched = [c for c in unmatched if respondent is None or c.index not in respondent[0]]
        unmatched = self._roster_like(roster, unmatched)
        self._downgrade_reader_problems(roster, respondent)
        if not roster and not unmatched:
            headers = [c.item for c in self.export.columns if not c.metadata]
            near = [n for h in headers for n in nearest(h, self.names, n=1)]
            self.problems.append(Problem(
                "survey-layout", self.file, "no column of the export names a person of the roster (people): the "
                "roster question's rows or columns must be headed by the people's names or person_ids",
                row=self.export.text_row, value=", ".join(headers[:8]) + (" ..." if len(headers) > 8 else ""),
                expected="a column per roster person", suggestion=tuple(dict.fromkeys(near))[:3]))
        if respondent is None:
            self.problems.append(Problem(
                "survey-layout", self.file, "no column says who answered: a column of the respondents' names (or "
                "person_ids), e.g. a question 'Your name', or RecipientFirstName and RecipientLastName",
                row=1, expected="a column whose values are names of the roster"))
        self._rows(roster, unmatched, respondent)

    # columns ---------------------------------------------------------------

    def _roster_columns(self):
        """(column, person_id) of every column naming a roster person; the other answerable columns."""
        matched: list[tuple[ExportColumn, str]] = []
        others: list[ExportColumn] = []
        by_person: dict[str, ExportColumn] = {}
        for column in self.export.columns:
            if column.metadata:
                continue
            if column.import_id and _NOT_AN_ANSWER.search(column.import_id):
                self.free.add(column.index)  # a text entry or display order: never a roster column
                others.append(column)
                continue
            pid = None
            for text in _name_candidates(column):
                pid, code, suggestion = self.resolver.resolve(text)
                if pid is not None:
                    break
                if code == "ambiguous-name":
                    self.problems.append(Problem(
                        "ambiguous-name", self.file, "several people of the roster have this name; head the "
                        "column with one person_id", row=self.export.text_row, column=column.header,
                        value=text, expected="one of their person_ids", suggestion=suggestion))
                    pid = ""
                    break
            if pid is None:
                others.append(column)
                continue
            if pid == "":
                continue
            if pid in by_person:
                first = by_person[pid]
                if _fold(first.header) != _fold(column.header):  # the same header twice: the reader said so
                    self.problems.append(Problem(
                        "duplicate-column", self.file, f"this column and column {first.header!r} both name "
                        f"{self._name(pid)} ({pid}); keep one", row=self.export.text_row, column=column.header,
                        value=column.item))
                self.result.columns[column.header] = pid
                continue
            by_person[pid] = column
            matched.append((column, pid))
            self.result.columns[column.header] = pid
        return matched, others

    def _respondent_column(self, roster, candidates):
        """(column indexes, header) of the column (or first + last name pair) naming the respondents."""
        rows = self.export.rows
        options: list[tuple[tuple[int, ...], str]] = [((c.index,), c.header) for c in candidates]
        options += [((c.index,), c.header) for c in self.export.columns
                    if c.metadata and _fold(c.header) in ("name", "email", "externalreference", "recipientemail")]
        first = next((c for c in self.export.columns if _fold(c.header) in _FIRST_NAMES), None)
        last = next((c for c in self.export.columns if _fold(c.header) in _LAST_NAMES), None)
        if first is not None and last is not None:
            options.append(((first.index, last.index), f"{first.header} + {last.header}"))
        best, best_score = None, None
        for indexes, header in options:
            found = 0
            for _line, cells in rows:
                value = self._joined(cells, indexes)
                if value and self.resolver.resolve(value)[0] is not None:
                    found += 1
            score = (found, _name_like(header) or len(indexes) == 2, -indexes[0])
            if (found or score[1]) and (best_score is None or score > best_score):
                best, best_score = (indexes, header), score
        return best

    def _roster_like(self, roster, others):
        """Columns that read as roster columns naming nobody: same grid or matrix, between them, or near a name."""
        questions = {c.question for c, _pid in roster if c.question}
        span = (min(c.index for c, _ in roster), max(c.index for c, _ in roster)) if roster else None
        out = []
        for column in others:
            if column.index in self.free:
                continue
            if column.question and column.question in questions:
                out.append(column)
            elif (self.export.source in ("wide", "microsoft-forms") and span and span[0] < column.index < span[1]):
                out.append(column)
            elif nearest(column.item, self.names, n=1, cutoff=_NEAR_NAME):
                out.append(column)
        for column in out:
            _pid, code, suggestion = self.resolver.resolve(column.item)
            if suggestion:  # a misspelt roster name: the researcher must say who it is
                self.problems.append(Problem(
                    code or "unknown-person", self.file, "the column reads as a roster column but names nobody on "
                    "the roster (people); correct the name in the export or the roster",
                    row=self.export.text_row, column=column.header, value=column.item,
                    expected="a name or person_id from people", suggestion=suggestion))
            else:  # "Someone else", "Comments": no roster name is close
                self.problems.append(Problem(
                    code or "unknown-person", self.file, "the column sits among the roster columns but names nobody "
                    "on the roster (people), nor anyone close; its answers are not read", row=self.export.text_row,
                    column=column.header, value=column.item, expected="a name or person_id from people",
                    severity="warning"))
        return out

    def _downgrade_reader_problems(self, roster, respondent):
        """A repeated or blank header is harmless on a column that is neither a roster nor the respondent column.

        A blank header over the respondents' names (the corner of a plain
        table) is no problem at all.
        """
        used = {_fold(c.header) for c, _pid in roster}
        if respondent is not None:
            used |= {_fold(self.export.columns[i].header) for i in respondent[0]}
        kept = []
        for p in self.problems:
            if p.code in ("duplicate-column", "blank-header") and p.severity == "error" and p.file == self.file \
                    and p.row == 1:
                if p.code == "blank-header" and "" in used:
                    continue
                if _fold(p.column or "") not in used:
                    p = replace(p, severity="warning", message=p.message + "; it is not a roster or respondent "
                                "column, so it was not read")
            kept.append(p)
        self.problems[:] = kept

    # rows ------------------------------------------------------------------

    def _joined(self, cells, indexes) -> str:
        return " ".join(cells[i] for i in indexes if i < len(cells) and cells[i]).strip()

    def _name(self, pid) -> str:
        names = self.people.loc[self.people["person_id"] == pid, "name"]
        return str(names.iloc[0]) if len(names) else pid

    def _rows(self, roster, unmatched, respondent) -> None:
        result, scale = self.result, self.spec.scale
        answered: dict[str, int] = {}
        unknown: dict[str, list] = {}
        spelling: dict[str, str] = {}
        for line, cells in self.export.rows:
            given = [(c, pid, _cell(cells, c)) for c, pid in roster if _cell(cells, c)]
            has_answer = bool(given) or any(_cell(cells, c) for c in unmatched)
            values = []
            for column, pid, text in given:
                known, value = answer_value(text, scale, self.extra)
                if not known:
                    unknown.setdefault(answer_key(text), []).append((line, column.header, text))
                    continue
                spelling.setdefault(answer_key(text), text)
                values.append((column, pid, text, value))
            if respondent is None:
                continue
            who = self._joined(cells, respondent[0])
            if not who:
                if has_answer:
                    self.problems.append(Problem("blank-value", self.file, "the row has answers but does not say "
                                                 "who answered", row=line, column=respondent[1],
                                                 expected="a name or person_id from people"))
                continue
            pid, code, suggestion = self.resolver.resolve(who)
            if pid is None:
                what = ("several people of the roster have this name; write the person_id" if code == "ambiguous-name"
                        else "the respondent is nobody on the roster (people)")
                self.problems.append(Problem(code, self.file, what, row=line, column=respondent[1], value=who,
                                             expected="a name or person_id from people", suggestion=suggestion))
                continue
            result.rows[line] = pid
            if not has_answer:
                continue
            if pid in answered:
                self.problems.append(Problem(
                    "duplicate-respondent", self.file, f"{self._name(pid)} ({pid}) also answered on row "
                    f"{answered[pid]}; keep one of the two rows", row=line, column=respondent[1], value=who))
                continue
            answered[pid] = line
            for column, alter, text, value in values:
                if value is None:
                    continue
                if alter == pid:
                    self.problems.append(Problem("self-tie", self.file, "the respondent answered about themselves; "
                                                 "the answer is ignored", row=line, column=column.header, value=text,
                                                 severity="warning"))
                    continue
                result.ties.append((pid, alter, value))
        result.answers = {spelling[k]: answer_value(spelling[k], scale, self.extra)[1] for k in spelling}
        known_labels = [*ANSWER_LABELS.get(scale, {}), *self.extra]
        for places in unknown.values():
            line, header, text = places[0]
            self.problems.append(Problem(
                "unknown-answer", self.file, f"an answer partnet cannot read as a value of '{self.spec.name}' "
                f"({scale} scale), on {_rows_text(p[0] for p in places)}; give its value in an answers file "
                "(answer,value)", row=line, column=header, value=text, expected=_scale_words(scale),
                suggestion=nearest(text, known_labels, n=1, cutoff=0.5)))
        order = list(self.people["person_id"])
        result.respondents = [p for p in order if p in answered]
        result.nonrespondents = [p for p in order if p not in answered]

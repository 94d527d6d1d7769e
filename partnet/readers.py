"""Bytes to tables: text encodings, CSV with line numbers, workbook sheets, matrices.

Everything here returns :class:`RawTable` objects of stripped strings and
appends :class:`~partnet.errors.Problem` records to a list instead of
raising, so that validation can report every problem of every file at once.

Every input may be hostile or broken, so every read is bounded: a file's
size (:data:`MAX_FILE_BYTES`), what a ZIP container (``.xlsx``, and the
``.qdpx`` of :mod:`partnet.refiqda`) may unpack (:data:`MAX_ZIP_MEMBERS`,
:data:`MAX_ZIP_MEMBER_BYTES`, :data:`MAX_ZIP_TOTAL_BYTES`,
:data:`MAX_ZIP_RATIO`) and how much of a workbook is walked
(:data:`MAX_WORKBOOK_CELLS`, :data:`MAX_SHEET_ROWS`,
:data:`MAX_SHEET_COLUMNS`, :data:`EMPTY_ROW_RUN`). Control characters are
cleaned out of every cell as it is read (:func:`clean_text`), with a
``control-characters`` warning per column.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from partnet import schema
from partnet._archive import entry_count, member_problem, size_text
from partnet.errors import Problem
from partnet.schema import FREE_TEXT_COLUMNS

__all__ = ["RawTable", "decode_bytes", "read_csv", "parse_csv", "read_workbook", "matrix_to_ties", "normalise_header",
           "read_limited", "read_text", "clean_text", "MAX_FILE_BYTES", "MAX_YAML_BYTES", "MAX_WORKBOOK_CELLS",
           "MAX_SHEET_ROWS", "MAX_SHEET_COLUMNS", "EMPTY_ROW_RUN", "MAX_ZIP_MEMBERS", "MAX_ZIP_MEMBER_BYTES",
           "MAX_ZIP_TOTAL_BYTES", "MAX_ZIP_RATIO", "ZIP_RATIO_GRACE_BYTES"]

_MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|â€[\u0080-\u00bf™œ\u009d˜“”]|Â[\u00a0-\u00bf]")

# ----------------------------------------------------------------------------- limits

#: Largest input file read (a CSV table, a DL file, an .xlsx workbook), in bytes: 200 MiB.
#: The largest table a case needs is the respondent x alter matrix of its roster
#: (``ties_matrix.csv``, about two bytes a cell): for 5,000 people, the largest case the
#: benchmarks run, that is 50 MB. 200 MiB leaves four times that, while a file of
#: gigabytes is refused before a byte of it is held in memory.
MAX_FILE_BYTES = 200 * 1024 * 1024

#: Largest ``case.yaml``, in bytes: 64 KiB. A filled case.yaml is a few lines (the one
#: ``partnet init`` writes, comments included, is under 1 KB); 64 KiB leaves room for a
#: long description and bounds what the YAML parser is handed.
MAX_YAML_BYTES = 64 * 1024

#: Most cells walked in one workbook: 2 million. openpyxl reads about 130,000 cells a
#: second, so this bounds a workbook to about 15 s. A 5,000-person roster (40,000 cells)
#: with 200,000 tie rows (800,000 cells) fits twice over; so does a full respondent x
#: alter matrix sheet of 1,400 people. Larger networks belong in CSV files.
MAX_WORKBOOK_CELLS = 2_000_000

#: Most rows of one sheet: 1,048,576, Excel's last row. A sheet claiming more was not
#: written by a spreadsheet program.
MAX_SHEET_ROWS = 1_048_576

#: Most columns of one sheet: 16,384 (column XFD), Excel's last column.
MAX_SHEET_COLUMNS = 16_384

#: A run of this many empty rows ends a sheet: 1,000. People leave a few blank rows
#: between blocks; Excel keeps formatted but empty rows down to row 1,048,576, which
#: openpyxl would otherwise walk one by one. Anything written after such a run is
#: not read, and a ``sheet-truncated`` warning gives its row.
EMPTY_ROW_RUN = 1_000

#: Most members of a ZIP container (.xlsx, .qdpx): 10,000. A workbook holds a few dozen
#: (one per sheet, comment and style); a REFI-QDA project one per source (a study of 500
#: interviews with media has about 1,000). The count is read from the archive's end
#: record before its directory is loaded: a directory of millions of entries would take
#: gigabytes of memory on its own.
MAX_ZIP_MEMBERS = 10_000

#: Largest member unpacked from a ZIP container, in bytes: 200 MiB, the same as
#: :data:`MAX_FILE_BYTES`. A worksheet of :data:`MAX_WORKBOOK_CELLS` cells is about
#: 100 MB of XML; the .qde of a large REFI-QDA project a few tens of MB. Checked from the
#: archive's directory before reading, and again while reading (a directory can lie).
MAX_ZIP_MEMBER_BYTES = MAX_FILE_BYTES

#: Most bytes unpacked from one ZIP container in all: 1 GiB, five members at their limit.
MAX_ZIP_TOTAL_BYTES = 1024 * 1024 * 1024

#: Highest compression ratio (unpacked / packed size) of a member larger than
#: :data:`ZIP_RATIO_GRACE_BYTES`: 100. Worksheet XML and interview texts pack 3 to 20
#: times; DEFLATE reaches 1,000 only on repeated bytes, what a ZIP bomb holds. 100 is the
#: limit Apache POI applies to every Office file it opens (``ZipSecureFile``).
MAX_ZIP_RATIO = 100

#: Members up to this size (1 MiB) are not held to :data:`MAX_ZIP_RATIO`: small files of
#: repeated text (an empty sheet, a style table) pack very well and cost nothing.
ZIP_RATIO_GRACE_BYTES = 1024 * 1024

#: Characters that end a line in some program but not in a table cell: Word's manual
#: line break (VT, ``\x0b``), form feed, the information separators FS, GS, RS, NEL and
#: the Unicode line and paragraph separators. A line break in free text, a space elsewhere.
_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Everything no XML 1.0 file may hold, and the line breaks above: C0 and C1 controls but
# TAB, LF, CR; DEL; lone surrogates; the non-characters U+FFFE and U+FFFF.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
_CONTROL_FREE = re.compile(f"[{_CONTROL}]")
_CONTROL_NAME = re.compile(f"[{_CONTROL}\t]")
# Excel writes a character XML cannot hold as _xHHHH_; openpyxl passes the escape through.
_XLSX_ESCAPE = re.compile("_x(00[01][0-9A-Fa-f]|007[Ff]|008[0-9A-Fa-f]|009[0-9A-Fa-f]|[Dd][89A-Fa-f][0-9A-Fa-f]{2}|"
                          "[Ff]{3}[EeFf]|2028|2029)_")


@dataclass
class RawTable:
    """A table as read from a file, before validation.

    Attributes
    ----------
    file : str
        Display name of the source (``"people.csv"`` or ``"case.xlsx:people"``).
    columns : list of str
        Normalised column names (see :func:`normalise_header`).
    rows : list of dict
        One dict per data row, column -> stripped string ('' when blank).
    lines : list of int
        Line (CSV) or row (sheet) number of each data row; the header is 1.
    raw_columns : list of str
        Column names as written in the file.
    cell_columns : list of str or None
        For ties read from a matrix: the matrix column of each tie.
    cleaned : dict
        Column -> [(row, original text), ...] of cells whose control
        characters were cleaned (see :func:`clean_text`).
    """

    file: str
    columns: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    raw_columns: list[str] = field(default_factory=list)
    cell_columns: list[str] | None = None
    cleaned: dict = field(default_factory=dict, repr=False, compare=False)


def normalise_header(name: str) -> str:
    """Normalise a column name: case, surrounding spaces, inner spaces and hyphens.

    Examples
    --------
    >>> normalise_header("  Person ID ")
    'person_id'
    >>> normalise_header("consent-named")
    'consent_named'
    """
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def clean_text(text: str, free_text: bool = False) -> str:
    """Remove control characters that break reports and graph files.

    Parameters
    ----------
    text : str
        A cell or a field as read.
    free_text : bool, default False
        True for free text (an excerpt, a description, a source), False for
        names, ids and categories.

    Returns
    -------
    str
        The text with Word's line break (``\\x0b``), form feed, the
        separators ``\\x1c``-``\\x1e``, NEL (``\\x85``) and the Unicode line
        and paragraph separators turned into a line break in free text and
        a space elsewhere; TAB kept in free text and a space elsewhere; every
        other C0 or C1 control character (but line feed and carriage
        return), DEL, lone surrogates and the non-characters U+FFFE and
        U+FFFF removed. None of these can be written to an XML file (GEXF,
        GraphML, the report) or shown.

    Examples
    --------
    >>> clean_text("We waited.\\x0bThen the chief \\x07executive came.", free_text=True)
    'We waited.\\nThen the chief executive came.'
    >>> clean_text("Ada\\x0bQuint\\tx")
    'Ada Quint x'
    """
    pattern = _CONTROL_FREE if free_text else _CONTROL_NAME

    def repl(m):
        c = m.group(0)
        if c in _LINE_BREAKS:
            return "\n" if free_text else " "
        return " " if c == "\t" else ""

    return pattern.sub(repl, text)


def _needs_cleaning(text: str, free_text: bool) -> bool:
    return (_CONTROL_FREE if free_text else _CONTROL_NAME).search(text) is not None


def _show(text: str, limit: int = 60) -> str:
    """A cell shortened around its first control character, for a problem's value."""
    m = _CONTROL_NAME.search(text)
    start = max((m.start() if m else 0) - limit // 2, 0)
    out = text[start:start + limit]
    return ("..." if start else "") + out + ("..." if start + limit < len(text) else "")


def _report_cleaned(table: RawTable, problems: list[Problem]) -> None:
    """One ``control-characters`` warning per column of ``table`` with cleaned cells."""
    for column, cells in table.cleaned.items():
        rows = [r for r, _ in cells]
        more = ""
        if len(rows) > 1:
            shown = ", ".join(map(str, rows[1:6]))
            more = f"; also on row{'s' if len(rows) > 2 else ''} {shown}" + (
                f" and {len(rows) - 6} more" if len(rows) > 6 else "")
        free = column in FREE_TEXT_COLUMNS
        problems.append(Problem(
            "control-characters", table.file,
            f"{len(rows)} cell{'s' if len(rows) != 1 else ''} held invisible control characters (such as Word's "
            f"line break) that no report or graph file can hold; they were replaced by "
            f"{'a line break' if free else 'a space'} or removed{more}",
            row=rows[0], column=column, value=_show(cells[0][1]), severity="warning"))
    table.cleaned = {}


def read_limited(path: Path, problems: list[Problem], display: str | None = None,
                 limit: int = MAX_FILE_BYTES, what: str = "a table") -> bytes | None:
    """A file's bytes, or None (with a ``file-too-large`` problem) when it holds more than ``limit``.

    At most ``limit + 1`` bytes are read, whatever the file system says
    the file's size is.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    problems : list of Problem
        Problems found are appended here.
    display : str, optional
        File name used in problems; default the file's name.
    limit : int, default :data:`MAX_FILE_BYTES`
        Most bytes accepted.
    what : str
        What the file is, for the message.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "case.yaml"
    >>> _ = p.write_bytes(b"id: x\\n" * 20)
    >>> probs = []
    >>> read_limited(p, probs, limit=100, what="case.yaml") is None, [q.code for q in probs]
    (True, ['file-too-large'])
    """
    display = display or path.name
    with open(path, "rb") as f:
        try:
            size = os.fstat(f.fileno()).st_size
        except OSError:
            size = 0
        data = f.read(limit + 1) if size <= limit else b""  # refused from its size, unread; else read capped
    if size > limit or len(data) > limit:
        problems.append(Problem(
            "file-too-large", display,
            f"the file is larger than partnet reads for {what} ({size_text(limit)}); is it the right file?",
            value=size_text(size) if size > limit else f"more than {size_text(limit)}",
            expected=f"at most {size_text(limit)}"))
        return None
    return data



def _check_zip(path: Path, display: str, problems: list[Problem]) -> bool:
    """Check every member of a ZIP container against the limits; False (with an ``archive-limit`` problem) if not."""
    count = entry_count(path)
    if count is not None and count > MAX_ZIP_MEMBERS:
        problems.append(Problem("archive-limit", display, f"the file is a ZIP archive of {count:,} members, more "
                                f"than partnet opens ({MAX_ZIP_MEMBERS:,}); is it damaged?",
                                value=f"{count:,} members", expected=f"at most {MAX_ZIP_MEMBERS:,}"))
        return False
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return True  # not a ZIP archive at all: the reader says so in its own words
    if len(infos) > MAX_ZIP_MEMBERS:
        problems.append(Problem("archive-limit", display, f"the file is a ZIP archive of {len(infos):,} members, "
                                f"more than partnet opens ({MAX_ZIP_MEMBERS:,}); is it damaged?",
                                value=f"{len(infos):,} members", expected=f"at most {MAX_ZIP_MEMBERS:,}"))
        return False
    total = 0
    for info in infos:
        why = member_problem(info, MAX_ZIP_MEMBER_BYTES, MAX_ZIP_RATIO, ZIP_RATIO_GRACE_BYTES)
        total += info.file_size
        if why is None and total > MAX_ZIP_TOTAL_BYTES:
            why = (f"its members unpack to more than {size_text(MAX_ZIP_TOTAL_BYTES)} together (at {info.filename!r}), "
                   "more than partnet unpacks from one file")
        if why is not None:
            problems.append(Problem("archive-limit", display, why + "; the file is damaged or a 'ZIP bomb': save it "
                                    "again from the spreadsheet program", value=info.filename))
            return False
    return True


def decode_bytes(data: bytes, file: str, problems: list[Problem]) -> str | None:
    """Decode a text file's bytes, refusing to guess silently.

    Parameters
    ----------
    data : bytes
        The file's content.
    file : str
        Display name, for problems.
    problems : list of Problem
        Problems found are appended here.

    Returns
    -------
    str or None
        The text with line ends normalised to ``\\n``, or None when the
        file cannot be decoded or is empty.

    Notes
    -----
    UTF-8 with or without a byte-order mark and UTF-16 with a mark are read
    as such. Bytes that are not valid UTF-8 but are valid Windows-1252 (what
    Excel's plain "CSV" writes on Windows) are decoded as Windows-1252, which
    is exact for that encoding, and a ``decoded-cp1252`` warning says so.
    Anything else is refused with ``encoding``, as is a file holding NUL
    bytes (UTF-16 without a byte-order mark, or a binary file), which no
    8-bit decoding would read correctly. Text that decodes as UTF-8
    but carries the marks of an earlier wrong decoding ("Ã©" for "é") gets
    a ``possible-mojibake`` warning naming the line.

    Examples
    --------
    >>> probs = []
    >>> decode_bytes("Zoë,Siân\\r\\n".encode("cp1252"), "people.csv", probs)
    'Zoë,Siân\\n'
    >>> [p.code for p in probs]
    ['decoded-cp1252']
    >>> probs = []
    >>> decode_bytes("name\\r\\n".encode("utf-16-le"), "people.csv", probs) is None, [p.code for p in probs]
    (True, ['encoding'])
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        encoding = "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    if not data.strip():
        problems.append(Problem("empty-file", file, "the file is empty", expected="a header row and data rows"))
        return None
    if encoding == "utf-8" and b"\x00" in data:
        at = data.index(b"\x00")
        problems.append(
            Problem(
                "encoding",
                file,
                "the file holds NUL bytes: it is UTF-16 text without a byte-order mark, or not text at all; "
                "save it as 'CSV UTF-8'",
                row=data[:at].count(b"\n") + 1,
                value="bytes " + data[max(at - 2, 0) : at + 2].hex(" "),
                expected="UTF-8 text",
            )
        )
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            line = data[: exc.start].count(b"\n") + 1
            problems.append(
                Problem(
                    "encoding",
                    file,
                    "the file is neither UTF-8 nor Windows-1252 text; save it as 'CSV UTF-8'",
                    row=line,
                    value="bytes " + data[exc.start : exc.start + 4].hex(" "),
                    expected="UTF-8 text",
                )
            )
            return None
        problems.append(
            Problem(
                "decoded-cp1252",
                file,
                "the file is not UTF-8; it was read as Windows-1252 (Excel's 'CSV' format on Windows). "
                "Check accented names, or save it as 'CSV UTF-8' to silence this",
                severity="warning",
            )
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    m = _MOJIBAKE.search(text)
    if m:
        line = text[: m.start()].count("\n") + 1
        problems.append(
            Problem(
                "possible-mojibake",
                file,
                "the text looks wrongly converted earlier (UTF-8 read as another encoding)",
                row=line,
                value=m.group(0),
                severity="warning",
            )
        )
    return text


def _sniff_delimiter(header_line: str) -> str:
    if "," in header_line:
        return ","
    for delim in (";", "\t"):
        if delim in header_line:
            return delim
    return ","


def parse_csv(text: str, file: str, problems: list[Problem], corner_ok: bool = False) -> RawTable | None:
    """Parse CSV text into a :class:`RawTable`, keeping each row's line number.

    Parameters
    ----------
    text : str
        Decoded text with ``\\n`` line ends (see :func:`decode_bytes`).
    file : str
        Display name, for problems.
    problems : list of Problem
        Problems found are appended here (``blank-header``,
        ``duplicate-column``, ``extra-fields``, ``empty-file``).
    corner_ok : bool, default False
        Allow a blank first header cell (the corner of a matrix).

    Returns
    -------
    RawTable or None
        None when there is no header row.

    Notes
    -----
    The delimiter is a comma, or a semicolon or tab when the header row
    has no comma (Excel's CSV in locales with a decimal comma). Line
    numbers count physical lines with the header as line 1, so a quoted
    cell spanning two lines moves the next row's number by two; blank
    lines are skipped but counted. Cells are stripped of surrounding
    spaces.

    Examples
    --------
    >>> t = parse_csv('Person ID,name\\np1, Ada Quint \\n\\np2,"Bo\\nRell"\\np3,Cy\\n', "people.csv", [])
    >>> t.columns, t.rows[0], t.lines
    (['person_id', 'name'], {'person_id': 'p1', 'name': 'Ada Quint'}, [2, 4, 6])
    """
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem("empty-file", file, "the file is empty"))
        return None
    raw_columns = [h.strip() for h in header]
    table = _new_table(file, raw_columns, problems, corner_ok)
    if table is None:
        return None
    last_line = reader.line_num
    for record in reader:
        start = last_line + 1
        last_line = reader.line_num
        _add_row(table, record, start, problems)
    _report_cleaned(table, problems)
    return table


def _new_table(file: str, raw_columns: list[str], problems: list[Problem], corner_ok: bool = False) -> RawTable | None:
    cleaned = {}
    for i, raw in enumerate(raw_columns):
        if _needs_cleaning(raw, False):
            cleaned.setdefault(clean_text(raw).strip() or f"column {i + 1}", []).append((1, raw))
            raw_columns[i] = clean_text(raw).strip()
    while raw_columns and not raw_columns[-1]:
        raw_columns = raw_columns[:-1]
    if not raw_columns:
        problems.append(Problem("empty-file", file, "the file has no header row", row=1))
        return None
    columns = [normalise_header(c) for c in raw_columns]
    seen: set[str] = set()
    for i, (raw, col) in enumerate(zip(raw_columns, columns)):
        if not col and not (corner_ok and i == 0):
            problems.append(Problem("blank-header", file, "a column has no name", row=1))
        elif col in seen:
            problems.append(Problem("duplicate-column", file, "the column appears twice", row=1, column=raw))
        seen.add(col)
    return RawTable(file=file, columns=columns, raw_columns=raw_columns, cleaned=cleaned)


def _add_row(table: RawTable, record: list, line: int, problems: list[Problem]) -> bool:
    """Add one record to ``table`` (False, and nothing added, for a blank record)."""
    if _CONTROL_NAME.search("".join(v for v in record if isinstance(v, str))) is None:
        values = ["" if v is None else _cell_text(v) for v in record]  # the common case: nothing to clean
    else:
        values = []
        for i, v in enumerate(record):
            text = "" if v is None else _cell_text(v, strip=False)
            if text and isinstance(v, str):
                column = table.columns[i] if i < len(table.columns) else None
                free = column in FREE_TEXT_COLUMNS
                if _needs_cleaning(text, free):
                    table.cleaned.setdefault(column or f"column {i + 1}", []).append((line, text))
                    text = clean_text(text, free)
            values.append(text.strip())
    if not any(values):
        return False
    n = len(table.columns)
    if any(values[n:]):
        problems.append(
            Problem(
                "extra-fields",
                table.file,
                f"the row has {len(values)} fields but the header has {n} columns",
                row=line,
                value=", ".join(v for v in values[n:] if v),
            )
        )
    values = (values + [""] * n)[:n]
    table.rows.append(dict(zip(table.columns, values)))
    table.lines.append(line)
    return True


def _cell_text(value, strip: bool = True) -> str:
    if isinstance(value, str):
        return value.strip() if strip else value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        if isinstance(value, _dt.datetime) and value.time() == _dt.time(0):
            value = value.date()
        return value.isoformat()
    return str(value).strip()


def read_text(path: Path, problems: list[Problem], display: str | None = None, what: str = "a table") -> str | None:
    """A text file's contents within the size limit, decoded as every text input is; None after a problem.

    :func:`read_limited` then :func:`decode_bytes`: the one way partnet
    reads a text file a researcher hands in (CSV tables, DL and Pajek
    files, survey exports).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ties.dl"
    >>> _ = p.write_bytes(b"\\xef\\xbb\\xbfdl n=2")
    >>> read_text(p, [], what="a DL file")
    'dl n=2'
    """
    display = display or path.name
    data = read_limited(path, problems, display, what=what)
    if data is None:
        return None
    return decode_bytes(data, display, problems)


def read_csv(path: Path, problems: list[Problem], display: str | None = None,
             corner_ok: bool = False) -> RawTable | None:
    """Read a CSV file (any supported encoding) into a :class:`RawTable`.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    problems : list of Problem
        Problems found are appended here.
    display : str, optional
        File name used in problems; default the file's name.
    corner_ok : bool, default False
        As for :func:`parse_csv`.

    Returns
    -------
    RawTable or None
        None when the file is empty or cannot be decoded.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ties.csv"
    >>> _ = p.write_bytes(b"\\xef\\xbb\\xbfrespondent,alter\\r\\np1,p2\\r\\n")
    >>> read_csv(p, []).rows
    [{'respondent': 'p1', 'alter': 'p2'}]
    """
    display = display or path.name
    text = read_text(path, problems, display)
    if text is None:
        return None
    return parse_csv(text, display, problems, corner_ok)


def read_workbook(path: Path, problems: list[Problem], display: str | None = None) -> dict[str, RawTable]:
    """Read every sheet of an ``.xlsx`` workbook, keyed by normalised sheet name.

    Cells become strings as a researcher would read them: whole numbers
    without ``.0``, dates as ISO dates, booleans as yes/no. Control
    characters Excel stores as ``_xHHHH_`` (Word's line break pasted into a
    cell is ``_x000B_``) are cleaned as in CSV files (:func:`clean_text`).

    Parameters
    ----------
    path : pathlib.Path
        The workbook.
    problems : list of Problem
        Problems found are appended here.
    display : str, optional
        File name used in problems; default the file's name.

    Returns
    -------
    dict of str to RawTable
        Empty when the workbook cannot be read or breaks a limit.

    Notes
    -----
    A workbook is read within limits, each breach a problem naming the
    workbook and sheet: the file's size (:data:`MAX_FILE_BYTES`) and its
    ZIP members (``archive-limit``), and the cells walked
    (:data:`MAX_WORKBOOK_CELLS`), rows (:data:`MAX_SHEET_ROWS`) and
    columns (:data:`MAX_SHEET_COLUMNS`) of its sheets (``sheet-limit``).
    The dimension a sheet declares is ignored (a 7 KB file may declare
    A1:XFD1048576); empty cells at the end of a row are dropped, and a run
    of :data:`EMPTY_ROW_RUN` empty rows ends a sheet, with a
    ``sheet-truncated`` warning when something follows it.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> wb = openpyxl.Workbook(); ws = wb.active; ws.title = "People"
    >>> ws.append(["person_id", "name"]); ws.append(["p1", "Ada Quint"])
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "case.xlsx"; wb.save(p)
    >>> t = read_workbook(p, [])["people"]
    >>> t.file, t.rows, t.lines
    ('case.xlsx:People', [{'person_id': 'p1', 'name': 'Ada Quint'}], [2])
    """
    import openpyxl

    display = display or path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.append(Problem("unreadable-workbook", display,
                                f"the workbook cannot be opened ({exc.strerror or exc})"))
        return {}
    if size > MAX_FILE_BYTES:
        problems.append(Problem("file-too-large", display, f"the file is larger than partnet reads for a workbook "
                                f"({size_text(MAX_FILE_BYTES)}); is it the right file?", value=size_text(size),
                                expected=f"at most {size_text(MAX_FILE_BYTES)}"))
        return {}
    if not _check_zip(path, display, problems):
        return {}
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        problems.append(
            Problem("unreadable-workbook", display, f"the workbook cannot be opened ({type(exc).__name__}: {exc})")
        )
        return {}
    tables: dict[str, RawTable] = {}
    budget = [MAX_WORKBOOK_CELLS]
    before = len(problems)
    try:
        for ws in wb.worksheets:
            sheet = f"{display}:{ws.title}"
            try:
                table = _read_sheet(ws, sheet, budget, problems)
            except _SheetLimit as exc:
                del problems[before:]  # the rows read so far are not used: their problems would only distract
                problems.append(Problem("sheet-limit", sheet, exc.message, row=exc.row, column=exc.column,
                                        value=exc.value, expected=exc.expected))
                return {}
            except Exception as exc:  # a damaged sheet: openpyxl and the XML parser raise many kinds
                del problems[before:]
                problems.append(Problem("unreadable-workbook", sheet, f"the sheet cannot be read "
                                        f"({type(exc).__name__}: {str(exc)[:200]})"))
                return {}
            if table is not None:
                tables[normalise_header(ws.title)] = table
    finally:
        wb.close()
    return tables


class _SheetLimit(Exception):
    def __init__(self, message, row=None, column=None, value=None, expected=None):
        super().__init__(message)
        self.message, self.row, self.column, self.value, self.expected = message, row, column, value, expected


def _xlsx_value(value):
    """A cell value with Excel's _xHHHH_ escapes of control characters undone (CR LF read as LF)."""
    if isinstance(value, str) and "_x" in value:
        value = _XLSX_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _sheet_row(record, row_no: int, budget: list[int]) -> list:
    """A sheet row within the limits: trailing empty cells dropped, Excel's escapes undone."""
    from openpyxl.utils import get_column_letter

    if row_no > MAX_SHEET_ROWS:
        raise _SheetLimit(f"the sheet goes on past row {MAX_SHEET_ROWS:,}, Excel's last row; is the workbook "
                          "damaged?", row=row_no, expected=f"at most {MAX_SHEET_ROWS:,} rows")
    budget[0] -= len(record)
    if budget[0] < 0:
        raise _SheetLimit(f"the sheets span more than {MAX_WORKBOOK_CELLS:,} cells (each row counted up to its "
                          "last cell, empty or formatted cells included), more than partnet reads from a workbook; "
                          "give large tables as CSV files, or delete what lies far to the right of or below the "
                          "tables", row=row_no,
                          expected=f"at most {MAX_WORKBOOK_CELLS:,} cells")
    n = len(record)
    while n and (record[n - 1] is None or record[n - 1] == ""):
        n -= 1
    if n > MAX_SHEET_COLUMNS:
        raise _SheetLimit(f"the row has a cell past column {get_column_letter(MAX_SHEET_COLUMNS)}, Excel's last "
                          "column; is the workbook damaged?", row=row_no, column=get_column_letter(n),
                          expected=f"at most {MAX_SHEET_COLUMNS:,} columns")
    values = list(record[:n])
    for i, v in enumerate(values):
        if v.__class__ is str and "_x" in v:
            values[i] = _xlsx_value(v)
    return values


def _blank(values: list) -> bool:
    return all(v is None or _cell_text(v) == "" for v in values)


def _read_sheet(ws, sheet: str, budget: list[int], problems: list[Problem]) -> RawTable | None:
    """One sheet of a read-only workbook, within the limits; raises _SheetLimit past one."""
    ws.reset_dimensions()  # the declared dimension is not to be trusted: walk the rows that are there
    rows = ws.iter_rows(values_only=True)
    table = None
    empty_run = 0
    for row_no, record in enumerate(rows, start=1):
        values = _sheet_row(record, row_no, budget)
        if row_no == 1:
            table = _new_table(sheet, [_cell_text(h) if h is not None else "" for h in values], problems,
                               corner_ok=normalise_header(ws.title) == "ties_matrix")
            if table is None:
                return None
            continue
        if _add_row(table, values, row_no, problems):
            empty_run = 0
            continue
        empty_run += 1
        if empty_run >= EMPTY_ROW_RUN:
            # The table has ended. Say so if anything follows, so that nothing is dropped unseen.
            for later_no, later in enumerate(rows, start=row_no + 1):
                if not _blank(_sheet_row(later, later_no, budget)):
                    problems.append(Problem(
                        "sheet-truncated", sheet,
                        f"the table ends at row {row_no - EMPTY_ROW_RUN} ({EMPTY_ROW_RUN:,} empty rows follow it); "
                        f"what is written from row {later_no} on was not read: move it up or delete it",
                        row=later_no, severity="warning"))
                    break
            break
    if table is not None:
        _report_cleaned(table, problems)
    return table


def matrix_to_ties(table: RawTable, relation: str, problems: list[Problem]) -> RawTable:
    """Turn a respondent x alter matrix into tie rows.

    The first column holds respondents (person_id or name); the header row
    holds alters; a cell holds the contact frequency (1-5). A blank cell or
    0 means no tie.

    Examples
    --------
    >>> t = parse_csv(",p1,p2\\np1,,3\\np2,0,\\n", "ties_matrix.csv", [])
    >>> matrix_to_ties(t, "egov_contact", []).rows
    [{'respondent': 'p1', 'alter': 'p2', 'relation': 'egov_contact', 'frequency': '3'}]
    """
    out = RawTable(file=table.file, columns=list(schema.TABLES["ties"][0]), cell_columns=[])
    first = table.columns[0]
    alters = list(zip(table.columns[1:], table.raw_columns[1:]))
    for row, line in zip(table.rows, table.lines):
        respondent = row[first]
        for key, alter in alters:
            value = row.get(key, "")
            if value in ("", "0"):
                continue
            out.rows.append({"respondent": respondent, "alter": alter, "relation": relation, "frequency": value})
            out.lines.append(line)
            out.cell_columns.append(alter)
    return out

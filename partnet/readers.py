"""Bytes to tables: text encodings, CSV with line numbers, workbook sheets, matrices.

Everything here returns :class:`RawTable` objects of stripped strings and
appends :class:`~partnet.errors.Problem` records to a list instead of
raising, so that validation can report every problem of every file at once.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from partnet.errors import Problem

__all__ = ["RawTable", "decode_bytes", "read_csv", "parse_csv", "read_workbook", "matrix_to_ties", "normalise_header"]

_MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|â€[\u0080-\u00bf™œ\u009d˜“”]|Â[\u00a0-\u00bf]")


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
    """

    file: str
    columns: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    raw_columns: list[str] = field(default_factory=list)
    cell_columns: list[str] | None = None


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
    return table


def _new_table(file: str, raw_columns: list[str], problems: list[Problem], corner_ok: bool = False) -> RawTable | None:
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
    return RawTable(file=file, columns=columns, raw_columns=raw_columns)


def _add_row(table: RawTable, record: list, line: int, problems: list[Problem]) -> None:
    values = ["" if v is None else _cell_text(v) for v in record]
    if not any(values):
        return
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


def _cell_text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        if isinstance(value, _dt.datetime) and value.time() == _dt.time(0):
            value = value.date()
        return value.isoformat()
    return str(value).strip()


def read_csv(path: Path, problems: list[Problem], display: str | None = None, corner_ok: bool = False) -> RawTable | None:
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
    text = decode_bytes(path.read_bytes(), display, problems)
    if text is None:
        return None
    return parse_csv(text, display, problems, corner_ok)


def read_workbook(path: Path, problems: list[Problem]) -> dict[str, RawTable]:
    """Read every sheet of an ``.xlsx`` workbook, keyed by normalised sheet name.

    Cells become strings as a researcher would read them: whole numbers
    without ``.0``, dates as ISO dates, booleans as yes/no.

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

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        problems.append(
            Problem("unreadable-workbook", path.name, f"the workbook cannot be opened ({type(exc).__name__}: {exc})")
        )
        return {}
    tables: dict[str, RawTable] = {}
    try:
        for ws in wb.worksheets:
            display = f"{path.name}:{ws.title}"
            rows = ws.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                continue
            table = _new_table(display, [_cell_text(h) if h is not None else "" for h in header], problems,
                               corner_ok=normalise_header(ws.title) == "ties_matrix")
            if table is None:
                continue
            for i, record in enumerate(rows, start=2):
                _add_row(table, list(record), i, problems)
            tables[normalise_header(ws.title)] = table
    finally:
        wb.close()
    return tables


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
    out = RawTable(file=table.file, columns=["respondent", "alter", "relation", "frequency"], cell_columns=[])
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

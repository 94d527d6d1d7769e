"""A report's ``tables.xlsx``: every table the report showed, as a workbook an analyst can use.

The sheets are the tables of the page, in its order, behind a ``Contents``
sheet (each sheet with its caption, linked to it) and followed by a
``Glossary`` sheet (code, plain label and meaning of each code the
workbook uses, from :mod:`partnet.vocabulary`: the label is the header
the report's page shows). Every table sheet is a plain table starting at A1: a bold,
wrapped header row (no blank header: an unnamed index is headed
:data:`ROW_LABEL`), an autofilter over the table, the header row frozen
(and the row-label columns, with the person and the id beside the name),
columns as wide as their content (up to :data:`MAX_WIDTH`; longer text
wraps), and numbers shown as the page shows them: whole numbers without
decimals, fractions with the table's decimals (``0.000``). The values keep
their full precision; only their display is rounded.

Every row about a person can be joined back to the data: beside the name
the report shows (``person``) stands the person's id, ``person_id`` in a
named report and ``pseudonym`` in an anonymised one
(:func:`people_with_keys`). An anonymised workbook holds no ``person_id``:
:func:`write_tables_workbook` refuses a table that has one.

As every workbook partnet writes, text that a spreadsheet would run as a
formula stays text, and the same tables give the same file, byte for byte
(:func:`partnet.export.file_date` dates it).
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import textwrap
from copy import copy
from pathlib import Path

import numpy as np
import pandas as pd

from partnet._values import plain
from partnet._xlsx import FORMULA_STARTS, dated_entry
from partnet.errors import ParameterError, PartnetError
from partnet.export import file_date, sheet_names

__all__ = ["CONTENTS", "GLOSSARY", "ROW_LABEL", "PERSON", "MIN_WIDTH", "MAX_WIDTH", "person_key",
           "people_with_keys", "number_format", "write_tables_workbook"]

#: The first sheet: every other sheet, its caption and its size, linked.
CONTENTS = "Contents"

#: The last sheet: code, plain label and meaning of the codes the workbook uses.
GLOSSARY = "Glossary"

#: The header of an unnamed index kept as the first column (``row 1``,
#: ``row 2``, ... for the levels of an unnamed MultiIndex).
ROW_LABEL = "row"

#: The column of the name a report shows for a person.
PERSON = "person"

#: Narrowest and widest column (in characters); text longer than the widest wraps.
MIN_WIDTH = 8
MAX_WIDTH = 60

#: Points per line of the header row (Calibri 11, Excel's default).
_LINE_HEIGHT = 15

_GLOSSARY_COLUMNS = ("code", "label", "meaning")
_GLOSSARY_CAPTION = "Codes used in this workbook: plain label and meaning"
#: Text longer than this is not looked up as a code.
_LONGEST_CODE = 80


def person_key(anonymise: bool) -> str:
    """The column that joins a person's row back to the data: ``person_id``, or ``pseudonym`` when anonymised.

    Examples
    --------
    >>> person_key(False), person_key(True)
    ('person_id', 'pseudonym')
    """
    return "pseudonym" if anonymise else "person_id"


def people_with_keys(df, pseudonyms, anonymise: bool) -> pd.DataFrame:
    """A table with person ids replaced by the names a report shows, and the ids kept beside them to join on.

    Parameters
    ----------
    df : pandas.DataFrame or pandas.Series
        A table whose rows are people: indexed by ``person_id`` (an index
        level of that name works too) or with a ``person_id`` column.
        Any other table is returned as it is (a Series as a frame).
    pseudonyms : partnet.pseudonyms.Pseudonyms
        The case's (``case.pseudonyms``).
    anonymise : bool
        Whether the report is anonymised.

    Returns
    -------
    pandas.DataFrame
        The index (level) ``person_id`` becomes ``person``, the name shown
        (:meth:`~partnet.pseudonyms.Pseudonyms.shown`: the pseudonym when
        anonymising or without consent), and the key column
        (:func:`person_key`) is the first column: the ``person_id``, or
        when anonymised the pseudonym. A ``person_id`` column gets
        ``person`` inserted before it (unless the table has one); when
        anonymised it is replaced by ``pseudonym``, so nothing of the
        roster's ids is left. A key column the table already has is kept
        and not added again. Values that are not ids of the roster are
        left as they are.

    Examples
    --------
    >>> import partnet as pn
    >>> p = pn.load_case(EXAMPLE_CASE).pseudonyms
    >>> t = pd.DataFrame({"in_degree": [1, 2]}, index=pd.Index(["p1", "p2"], name="person_id"))
    >>> people_with_keys(t, p, anonymise=False)        # p2 did not consent to be named
                  person_id  in_degree
    person
    Ada Quintrell        p1          1
    NDC-01               p2          2
    >>> people_with_keys(t, p, anonymise=True)
           pseudonym  in_degree
    person
    NDC-02    NDC-02          1
    NDC-01    NDC-01          2
    >>> people_with_keys(pd.DataFrame({"person_id": ["p3"], "theme": ["trust"]}), p, anonymise=True)
       person pseudonym  theme
    0  ECC-02    ECC-02  trust
    """
    if isinstance(df, pd.Series):
        df = df.to_frame()
    anonymise = bool(anonymise)
    key = person_key(anonymise)

    def known(pid) -> bool:
        return isinstance(pid, str) and pid in pseudonyms

    def shown(pid):
        return pseudonyms.shown(pid, anonymise) if known(pid) else pid

    def keyed(pid):
        return (pseudonyms.of(pid) if anonymise else pid) if known(pid) else pid

    names = list(df.index.names)
    if "person_id" in names:
        level = names.index("person_id")
        ids = list(df.index.get_level_values(level))
        df = df.copy()
        if isinstance(df.index, pd.MultiIndex):
            arrays = [list(df.index.get_level_values(i)) for i in range(len(names))]
            arrays[level] = [shown(v) for v in ids]
            df.index = pd.MultiIndex.from_arrays(arrays, names=[PERSON if i == level else n
                                                                 for i, n in enumerate(names)])
        else:
            df.index = pd.Index([shown(v) for v in ids], name=PERSON)
        if key not in df.columns:
            df.insert(0, key, [keyed(v) for v in ids])
    elif "person_id" in df.columns:
        df = df.copy()
        ids = list(df["person_id"])
        if PERSON not in df.columns:
            df.insert(list(df.columns).index("person_id"), PERSON, [shown(v) for v in ids])
        if anonymise:
            at = list(df.columns).index("person_id")
            df = df.drop(columns="person_id")
            if key not in df.columns:
                df.insert(at, key, [keyed(v) for v in ids])
    return df


def number_format(value, decimals: int = 3) -> str:
    """The number format of a cell as the report's page shows the value.

    Whole numbers (ints, and floats without a fraction) ``0``; other floats
    ``0.000`` (``decimals`` places); dates ``yyyy-mm-dd`` (with the time when
    there is one); anything else ``General``.

    Examples
    --------
    >>> [number_format(v) for v in (3, 3.0, 0.25, True, "x", _dt.date(2026, 2, 10))]
    ['0', '0', '0.000', 'General', 'General', 'yyyy-mm-dd']
    >>> number_format(0.25, decimals=1), number_format(0.25, decimals=0)
    ('0.0', '0')
    """
    if isinstance(value, bool):
        return "General"
    if isinstance(value, int):
        return "0"
    if isinstance(value, float):
        return "0" if value.is_integer() else _fraction_format(decimals)
    if isinstance(value, _dt.datetime):
        return "yyyy-mm-dd hh:mm:ss" if value.time() != _dt.time() else "yyyy-mm-dd"
    if isinstance(value, _dt.date):
        return "yyyy-mm-dd"
    return "General"


def _fraction_format(decimals: int) -> str:
    decimals = max(0, int(decimals))
    return "0." + "0" * decimals if decimals else "0"


# ---------------------------------------------------------------- a table as a grid of cells

def _cell_value(value):
    """A value openpyxl writes as the cell it stands for: numbers, text, booleans, dates or None."""
    if isinstance(value, pd.Timestamp):
        if value.tzinfo is not None:
            value = value.tz_convert("UTC").tz_localize(None)
        return value.to_pydatetime()
    value = plain(value)
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, _dt.datetime):
        return value.astimezone(_dt.UTC).replace(tzinfo=None) if value.tzinfo is not None else value
    if isinstance(value, (_dt.date, _dt.time)):
        return value
    return str(value)


def _cell_values(values) -> list:
    """:func:`_cell_value` of each value of a column (a Series or an Index); a column of numpy numbers at once."""
    dtype = values.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iub":
        return values.to_numpy().tolist()           # the Python ints and bools iterating the column gives
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        return [v if v - v == 0 else None if v != v else "inf" if v > 0 else "-inf"
                for v in values.to_numpy().tolist()]
    return [_cell_value(v) for v in values]


def _number_formats(cells: list, decimals: int) -> list[str]:
    """:func:`number_format` of each cell value of a column."""
    fraction = _fraction_format(decimals)
    formats = []
    for v in cells:
        kind = type(v)
        if kind is float:
            formats.append("0" if v.is_integer() else fraction)
        elif kind is int:
            formats.append("0")
        elif kind is str or v is None:
            formats.append("General")
        else:
            formats.append(number_format(v, decimals))
    return formats


class _Grid:
    """A table flattened for a sheet: headers, columns of cell values, their number formats, row-label columns."""

    def __init__(self, table, decimals: int = 3, keys=("person_id", "pseudonym")):
        if isinstance(table, pd.Series):
            table = table.to_frame("value" if table.name is None else table.name)
        if not isinstance(table, pd.DataFrame):
            raise ParameterError(f"a table must be a pandas DataFrame or Series; {type(table).__name__} was given")
        labels: list[tuple[str, pd.Index]] = []
        if not (isinstance(table.index, pd.RangeIndex) and table.index.name is None):
            levels = table.index.nlevels
            for i in range(levels):
                name = table.index.names[i]
                header = ROW_LABEL if levels == 1 else f"{ROW_LABEL} {i + 1}"
                labels.append((header if _blank(name) else str(name), table.index.get_level_values(i)))
        self.labels = len(labels)
        self.headers: list[str] = [h for h, _ in labels]
        self.parts: list[list[str]] = [[h] for h, _ in labels]      # header words looked up in the glossary
        series = [values for _, values in labels]
        # columns along a named axis are the data's values (roles by seniority, organisation by organisation)
        data_axis = table.columns.nlevels == 1 and not _blank(table.columns.name)
        for column, values in table.items():
            parts = [str(x) for x in column] if isinstance(column, tuple) else [str(column)]
            parts = [p for p in parts if not _blank(p)]
            self.headers.append(" / ".join(parts) if parts else f"column {len(self.headers) + 1}")
            self.parts.append([] if data_axis else parts)
            series.append(values)
        self.rows = len(table)
        self.columns: list[list] = [_cell_values(values) for values in series]
        self.formats: list[list[str]] = [_number_formats(cells, decimals) for cells in self.columns]
        # the row labels, and the person and their id beside them, stay in view when scrolling right
        frozen = self.labels
        while frozen < len(self.headers) and self.headers[frozen] in (PERSON, *keys) \
                and (self.labels == 0 or self.headers[frozen] in keys):
            frozen += 1
        self.frozen = frozen if frozen < len(self.headers) else 0

    def codes(self, skip=()) -> set[str]:
        """What the glossary may explain: the headers and the row labels, the people's names (``skip``) left out.

        Row labels are the index columns, or else a first column of unique
        texts (the ``item`` of a provenance table). Other cells are the data's
        own values (a seniority, a theme), not codes to explain.
        """
        found = {part for parts in self.parts for part in parts}
        labels = range(self.labels)
        if not self.labels and self.columns:
            first = self.columns[0]
            if all(isinstance(v, str) for v in first) and len(set(first)) == len(first):
                labels = range(1)
        for j in labels:
            if self.headers[j] not in skip:
                found.update(v for v in self.columns[j] if isinstance(v, str) and len(v) <= _LONGEST_CODE)
        return found


def _blank(name) -> bool:
    return name is None or (isinstance(name, float) and name != name) or str(name).strip() == ""


def _shown_length(value, number_format: str) -> int:
    """How many characters a cell shows: the longest line of a text, a number as formatted."""
    if value is None:
        return 0
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if isinstance(value, bool):
        return 5
    if isinstance(value, (int, float)):
        if number_format.startswith("0."):
            return len(f"{value:.{len(number_format) - 2}f}")
        if number_format == "0":
            return len(f"{value:.0f}")
        return len(str(value))
    if isinstance(value, _dt.datetime):
        return 19 if value.time() != _dt.time() else 10
    return len(str(value))


# ---------------------------------------------------------------- writing a sheet
#
# openpyxl keeps a Cell object for every value and serialises each through an
# ElementTree element, which was most of the time a workbook took (the tables of
# a case hold thousands of cells). Here each sheet's cells are written straight
# to their XML (``<sheetData>``), once, and openpyxl writes everything else (the
# column widths, frozen pane, autofilter, links, styles, workbook parts). The
# XML is the one openpyxl writes for the same cells, byte for byte: the styles
# are registered in the workbook in the order openpyxl registers them (number
# formats column by column as the cells are set, cell styles row by row as the
# sheet is saved), and the cells are bound and escaped as openpyxl and
# ElementTree do (tests/test_workbook_speed_equivalence.py compares). openpyxl's
# write-only mode was measured too: it still serialises every cell through
# ElementTree, and took about 0.1 s where this takes 0.04 s.

#: The XML after the style of a cell without a value (left out unless it has a style).
_EMPTY = ' t="n" />'


def _styles():
    from openpyxl.styles import Alignment, Border, Color, Side
    from openpyxl.styles.fonts import DEFAULT_FONT

    bold = copy(DEFAULT_FONT)               # Calibri 11, as every other cell: only bolder
    bold.b = True
    link = copy(DEFAULT_FONT)               # as Excel's Hyperlink style: underlined, the theme's link colour
    link.u = "single"
    link.color = Color(theme=10)
    return {"header_font": bold, "link_font": link,
            "header_alignment": Alignment(wrap_text=True, vertical="top"),
            "header_border": Border(bottom=Side(style="thin")),
            "wrapped": Alignment(wrap_text=True, vertical="top")}


def _text(value: str) -> str:
    """Text as the XML of an element's content (ElementTree's escaping)."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


def _attribute(value: str) -> str:
    """Text as the XML of an attribute's value (ElementTree's escaping)."""
    value = _text(value)
    for char, entity in (('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;")):
        if char in value:
            value = value.replace(char, entity)
    return value


def _number(value) -> str:
    """A number as openpyxl writes it (``openpyxl.compat.safe_string``)."""
    return "%.16g" % value if value - value == 0 else ""  # noqa: UP031  (openpyxl's)


class _Book:
    """An openpyxl workbook's style tables, filled as openpyxl fills them when cells are set one by one.

    ``font`` .. ``number_format`` add a style part to the workbook's list
    (once) and return its index, as setting ``cell.font`` and so on does;
    :meth:`style` adds a cell's whole style (``cellXfs``) as saving a cell
    does. :meth:`cell` is ``cell.value = value`` for a value of a sheet: the
    cell's XML and number format, and text a spreadsheet would run as a
    formula kept as text (:func:`partnet._xlsx.text_cells_stay_text`).
    """

    def __init__(self, wb):
        from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, BUILTIN_FORMATS_REVERSE

        self.wb = wb
        self._builtin = BUILTIN_FORMATS_REVERSE
        self._custom = BUILTIN_FORMATS_MAX_SIZE
        self._formats: dict[str, int] = {}
        self._strings: dict[str, tuple[str, int, int]] = {}
        self.styles: dict[tuple, int] = {}
        self.parts = _styles()

    def font(self, font) -> int:
        return self.wb._fonts.add(font)

    def border(self, border) -> int:
        return self.wb._borders.add(border)

    def alignment(self, alignment) -> int:
        return self.wb._alignments.add(alignment)

    def number_format(self, fmt: str) -> int:
        idx = self._formats.get(fmt)
        if idx is None:
            idx = self._builtin[fmt] if fmt in self._builtin else self.wb._number_formats.add(fmt) + self._custom
            self._formats[fmt] = idx
        return idx

    def style(self, key: tuple) -> int:
        """The ``s`` of a cell styled ``(font, border, number format, alignment, quotePrefix)``."""
        idx = self.styles.get(key)
        if idx is None:
            from openpyxl.styles.cell_style import StyleArray

            style = StyleArray()
            style.fontId, style.borderId, style.numFmtId, style.alignmentId, style.quotePrefix = key
            idx = self.styles[key] = self.wb._cell_styles.add(style)
        return idx

    def cell(self, ws, value) -> tuple[str, int, int]:
        """A cell set to ``value`` as openpyxl binds and writes it: ``(XML, number format, quotePrefix)``.

        The XML is the cell's after its ``s`` attribute: `` t="n"><v>3</v></c>``
        (:data:`_EMPTY` without a value). Text that a spreadsheet would run as
        a formula is a string cell with ``quotePrefix`` set, as
        :func:`partnet._xlsx.text_cells_stay_text` makes it.
        """
        kind = type(value)
        if kind is str:
            known = self._strings.get(value)
            if known is None:
                known = self._strings[value] = self._string(value)
            return known
        if kind is float or kind is int:
            if value - value == 0:                  # finite
                return f' t="n"><v>{"%.16g" % value}</v></c>', 0, 0  # noqa: UP031  (openpyxl's)
            return ' t="n"><v /></c>', 0, 0
        if value is None:
            return _EMPTY, 0, 0
        if kind is bool:
            return (' t="b"><v>1</v></c>' if value else ' t="b"><v>0</v></c>'), 0, 0
        # anything else (dates, times, subclasses) as openpyxl binds it, its date format registered as it does
        from openpyxl.cell.cell import Cell
        from openpyxl.utils.datetime import to_excel

        cell = Cell(ws, value=value)
        fmt = cell._style.numFmtId if cell._style else 0
        value, kind = cell._value, cell.data_type
        if kind in ("s", "f", "e"):
            xml, _, quote = self._string(value)
            return xml, fmt, quote
        if kind == "d":
            value, kind = to_excel(value, self.wb.epoch), "n"
        if value is None:
            return _EMPTY if kind == "n" else f' t="{kind}" />', fmt, 0
        text = _number(value) if isinstance(value, (int, float)) else str(value)
        return (f' t="{kind}"><v>{_text(text)}</v></c>' if text else f' t="{kind}"><v /></c>'), fmt, 0

    @staticmethod
    def _string(value: str) -> tuple[str, int, int]:
        from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
        from openpyxl.utils.exceptions import IllegalCharacterError

        value = value[:32767]                       # as openpyxl: a cell holds at most 32,767 characters
        if ILLEGAL_CHARACTERS_RE.search(value):
            raise IllegalCharacterError(f"{value} cannot be used in worksheets.")
        if value in ERROR_CODES:
            return f' t="e"><v>{_text(value)}</v></c>', 0, 0
        if not value:
            return ' t="inlineStr" />', 0, 0
        stripped = value.strip()
        space = ' xml:space="preserve"' if stripped and stripped != value else ""
        # text a spreadsheet would run as a formula: a string cell, quoted
        return f' t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>', 0, int(value.startswith(FORMULA_STARTS))


class _Sheet:
    """What a sheet's XML needs besides what openpyxl keeps: its cells (``<sheetData>``), size and links."""

    __slots__ = ("dimension", "rows", "links")

    def __init__(self, dimension: str = "A1:A1", rows: bytes = b"", links=()):
        self.dimension, self.rows, self.links = dimension, rows, list(links)


def _write_sheet(ws, grid: _Grid, book: _Book, locations=None) -> _Sheet:
    """Write a grid to an empty sheet at A1, formatted; ``locations``: links of the first column's cells.

    The column widths, header height, frozen pane and autofilter are set on
    ``ws``; the cells are returned as XML (:class:`_Sheet`), their styles
    added to the workbook.
    """
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    ncols = len(grid.headers)
    if not ncols:
        return _Sheet()
    parts = book.parts
    font, border = book.font(parts["header_font"]), book.border(parts["header_border"])
    header_style = (font, border, 0, book.alignment(parts["header_alignment"]))
    wrapped = book.alignment(parts["wrapped"])
    link = (book.font(parts["link_font"]), 0) if locations else (0, 0)
    letters = [get_column_letter(j) for j in range(1, ncols + 1)]
    header = []
    for title in grid.headers:
        xml, _, quote = book.cell(ws, title)
        header.append((header_style + (quote,), xml))
    columns = []         # each column's cells: (style key, XML after the style), set column by column as openpyxl
    header_lines = 1
    cell, number_format = book.cell, book.number_format
    for j, (title, cells, formats) in enumerate(zip(grid.headers, grid.columns, grid.formats)):
        font, border = link if j == 0 else (0, 0)
        longest = 0
        column = []                 # (XML, number format, quotePrefix, a text)
        for value, fmt in zip(cells, formats):
            kind = type(value)
            if (kind is float or kind is int) and value - value == 0:      # most cells: a finite number
                shown = len(f"{value:.0f}") if fmt == "0" else _shown_length(value, fmt)
                if shown > longest:
                    longest = shown
                column.append((f' t="n"><v>{"%.16g" % value}</v></c>',  # noqa: UP031  (openpyxl's)
                               0 if fmt == "General" else number_format(fmt), 0, False))
                continue
            if kind is str:
                if len(value) > longest:            # no line of a text is longer than the text
                    longest = max(longest, max(map(len, value.splitlines()), default=0))
            else:
                longest = max(longest, _shown_length(value, fmt))
            xml, number, quote = cell(ws, value)
            column.append((xml, number if fmt == "General" else number_format(fmt), quote, isinstance(value, str)))
        word = max((len(w) for w in title.split()), default=0)
        width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2, word + 2))
        wrap = wrapped if longest + 2 > MAX_WIDTH else 0
        columns.append([((font, border, number, wrap if text else 0, quote), xml)
                        for xml, number, quote, text in column])
        ws.column_dimensions[letters[j]].width = width
        header_lines = max(header_lines, len(textwrap.wrap(title, width=max(1, int(width) - 1))) or 1)
    if header_lines > 1:
        ws.row_dimensions[1].height = _LINE_HEIGHT * header_lines
    ws.freeze_panes = f"{letters[grid.frozen]}2"
    ws.auto_filter.ref = f"A1:{letters[-1]}{grid.rows + 1}"

    # the cells row by row, as openpyxl saves them (their styles added to the workbook in that order)
    zero = (0, 0, 0, 0, 0)
    rows = [header]
    rows.extend(zip(*columns) if grid.rows else [[]])     # openpyxl writes row 2 of an empty table: the frozen cell's
    ids, style = book.styles, book.style
    out = []
    for i, row in enumerate(rows, start=1):
        attributes = "".join(f' {k}="{_attribute(v)}"' for k, v in ws.row_dimensions[i]) \
            if i in ws.row_dimensions else ""
        out.append(f'<row r="{i}"{attributes}>')
        for letter, (key, xml) in zip(letters, row):
            if key == zero:
                if xml is not _EMPTY:               # openpyxl leaves out a cell without value or style
                    out.append(f'<c r="{letter}{i}"{xml}')
            else:
                out.append(f'<c r="{letter}{i}" s="{ids[key] if key in ids else style(key)}"{xml}')
        out.append("</row>")
    links = []
    if locations is not None:
        links = [Hyperlink(ref=f"{letters[0]}{i}", location=location) for i, location in enumerate(locations, start=2)]
    return _Sheet(f"A1:{letters[-1]}{max(grid.rows + 1, 2)}", "".join(out).encode("utf-8", "xmlcharrefreplace"), links)


def _save(wb, sheets: dict, when: _dt.datetime) -> bytes:
    """The workbook as openpyxl saves it, each sheet's cells from ``sheets`` (worksheet -> :class:`_Sheet`), dated.

    The file is the one :func:`partnet._xlsx.fixed_dates` makes of openpyxl's:
    the properties created and modified ``when``, every zip entry dated
    ``when`` (1980 at the earliest) as from Unix, each entry compressed
    once.
    """
    import zipfile

    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.writer.excel import ExcelWriter

    class Archive(zipfile.ZipFile):
        """Every entry dated ``when`` as :func:`partnet._xlsx.fixed_dates` dates them, compressed once."""

        def writestr(self, name, data, compress_type=None, compresslevel=None):
            super().writestr(dated_entry(getattr(name, "filename", name), when, compress_type=zipfile.ZIP_DEFLATED,
                                         external_attr=getattr(name, "external_attr", 0o600 << 16)), data)

        def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
            # a part from a file (openpyxl writes none today) is dated as every other, not by the file's time
            entry = zipfile.ZipInfo.from_file(filename, arcname)
            self.writestr(entry, Path(filename).read_bytes())

    class SheetWriter(WorksheetWriter):
        def __init__(self, ws, sheet: _Sheet):
            super().__init__(ws, out=io.BytesIO())
            self.sheet = sheet

        def write_dimensions(self):
            self.xf.send(SheetDimension(self.sheet.dimension).to_tree())

        def write_rows(self):                       # an empty <sheetData>, filled in below
            xf = self.xf.send(True)
            with xf.element("sheetData"):
                pass
            self.xf.send(None)
            self.ws._hyperlinks.extend(self.sheet.links)

        def read(self) -> bytes:
            data = super().read()
            for empty in (b"<sheetData></sheetData>", b"<sheetData/>", b"<sheetData />"):
                if empty in data:
                    return data.replace(empty, b"<sheetData>" + self.sheet.rows + b"</sheetData>", 1)
            raise RuntimeError("openpyxl wrote a sheet without <sheetData>")

    class Writer(ExcelWriter):
        def write_worksheet(self, ws):             # openpyxl's, with the sheet's cells written by SheetWriter
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            writer = SheetWriter(ws, sheets[ws])
            writer.write()
            ws._rels = writer._rels
            entry = zipfile.ZipInfo(ws.path[1:])
            entry.external_attr = 0o100600 << 16    # as openpyxl's entry from its temporary file (-rw-------)
            self._archive.writestr(entry, writer.read())
            self.manifest.append(ws)

    wb.properties.created = wb.properties.modified = when
    buffer = io.BytesIO()
    with Archive(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        Writer(wb, archive).write_data()
    return buffer.getvalue()


# ---------------------------------------------------------------- the glossary

def _glossary_table(glossary, codes: set[str]) -> pd.DataFrame | None:
    """The glossary's rows for the codes the workbook uses, by code; None when there is no glossary."""
    if glossary is False:
        return None
    if glossary is None:
        from partnet.vocabulary import glossary as vocabulary

        glossary = vocabulary()
    if not isinstance(glossary, pd.DataFrame):
        raise ParameterError(f"glossary must be a DataFrame with columns code, label, meaning; "
                             f"{type(glossary).__name__} was given")
    missing = [c for c in _GLOSSARY_COLUMNS if c not in glossary.columns]
    if missing:
        raise ParameterError(f"glossary must have the columns code, label, meaning; {', '.join(missing)} "
                             f"missing from {', '.join(map(str, glossary.columns))}")
    rows = glossary.loc[glossary["code"].map(lambda c: isinstance(c, str) and c in codes), list(_GLOSSARY_COLUMNS)]
    rows = rows.drop_duplicates(subset="code")
    if rows.empty:
        return None
    order = sorted(range(len(rows)), key=lambda i: (rows["code"].iloc[i].casefold(), rows["code"].iloc[i]))
    return rows.iloc[order].reset_index(drop=True)


# ---------------------------------------------------------------- the workbook

def _entries(tables) -> list[tuple[str, str, object, int]]:
    if isinstance(tables, dict):
        tables = [(name, "", table) for name, table in tables.items()]
    out = []
    for entry in tables:
        if not isinstance(entry, (tuple, list)) or len(entry) not in (3, 4):
            raise ParameterError(f"each table must be (name, caption, table) or (name, caption, table, decimals); "
                                 f"{type(entry).__name__} {str(entry)[:60]!r} was given")
        name, caption, table, *rest = entry
        decimals = rest[0] if rest else 3
        if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
            raise ParameterError(f"decimals must be a whole number, 0 or more; {decimals!r} was given for {name!r}")
        out.append((str(name), "" if caption is None else str(caption), table, decimals))
    names = [n for n, *_ in out]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ParameterError(f"two tables share a name: {', '.join(twice)}; give each table its own name")
    return out


def _id_columns(table) -> list[str]:
    if isinstance(table, pd.Series):
        table = table.to_frame()
    if not isinstance(table, pd.DataFrame):
        return []
    headers = [n for n in table.index.names if n is not None] + [
        x for c in table.columns for x in (c if isinstance(c, tuple) else (c,))]
    return [str(h) for h in headers if str(h) == "person_id"]


def write_tables_workbook(tables, path, *, date=None, glossary=None, anonymise: bool = False, redact=None) -> Path:
    """Write a report's tables as ``tables.xlsx``: a contents sheet, one formatted sheet a table, a glossary.

    Parameters
    ----------
    tables : list of (name, caption, table) or (name, caption, table, decimals)
        The tables in the order the report showed them: the table's name
        (its sheet's name, made valid by :func:`partnet.export.sheet_names`),
        its caption, a pandas DataFrame or Series as the report keeps it
        (names already shown as the report may; person tables from
        :func:`people_with_keys`), and the decimals the page shows its
        fractions with (default 3). A dict name -> table works too.
    path : str or pathlib.Path
        The ``.xlsx`` file to write (folders are created).
    date : datetime.date or str, optional
        The workbook's created and modified dates (see
        :func:`partnet.export.file_date`: ``SOURCE_DATE_EPOCH`` when set,
        else this date, such as the case's ``survey_date``, else
        2000-01-01).
    glossary : pandas.DataFrame or False, optional
        Columns ``code``, ``label``, ``meaning``. Default: partnet's
        vocabulary (:func:`partnet.vocabulary.glossary`).
        Only the codes the workbook uses as a header (or a level of one)
        or a row label are written, sorted by code; none, or
        ``False``, writes no glossary sheet.
    anonymise : bool, default False
        The report is anonymised: a table with a ``person_id`` column or
        index is refused, so no roster id reaches the file.
    redact : callable, optional
        Text -> text as the report must show it (a report's ``redact``),
        applied to the glossary's labels and meanings: they are partnet's
        words, but a word there may be a roster name (PageRank's meaning
        cites Brin & Page). The tables and captions are written as given:
        redacting them is the report's work.

    Returns
    -------
    pathlib.Path
        The workbook written.

    Raises
    ------
    ParameterError
        A table is not a DataFrame or Series, two tables share a name,
        the decimals or the glossary are not as described, ``date`` is not a
        date, or (anonymised) a table carries ``person_id``.
    PartnetError
        The file cannot be written (open in Excel, a read-only folder).

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "tables.xlsx"
    >>> t = pd.DataFrame({"density": [0.25, 1.0], "ties": [3, 4]}, index=pd.Index(["NDC", "ECC"], name="organisation"))
    >>> words = pd.DataFrame({"code": ["density", "ties"], "label": ["Density", "Ties"],
    ...                       "meaning": ["Share of possible ties present", "Ties reported"]})
    >>> wb = openpyxl.load_workbook(write_tables_workbook([("block density", "Density by organisation", t)], out,
    ...                                                   glossary=words))
    >>> wb.sheetnames
    ['Contents', 'block density', 'Glossary']
    >>> [[c.value for c in row] for row in wb["Contents"].iter_rows()]
    [['sheet', 'caption', 'rows'], ['block density', 'Density by organisation', 2],
     ['Glossary', 'Codes used in this workbook: plain label and meaning', 2]]
    >>> wb["Contents"]["A2"].hyperlink.location
    "'block density'!A1"
    >>> ws = wb["block density"]
    >>> [c.value for c in ws[1]], ws.freeze_panes, ws.auto_filter.ref
    (['organisation', 'density', 'ties'], 'B2', 'A1:C3')
    >>> [c.number_format for c in ws["B"][1:]], ws["C2"].number_format, ws["A1"].font.b
    (['0.000', '0'], '0', True)

    Notes
    -----
    Sheets: :data:`CONTENTS` (sheet, linked to it; caption; rows), then
    each table, then :data:`GLOSSARY` (code, label, meaning) when it has
    rows. Sheet names are unique without regard to case, so a table named
    "contents" gets the sheet ``contents_2``.

    A table sheet starts at A1 with its header row: bold, wrapped, a thin
    line under it; frozen, with the row-label columns (the index, kept
    when named or not a plain row number, and a ``person`` column with its
    ``person_id`` or ``pseudonym`` beside it); an autofilter covers the
    table. An unnamed index is headed ``row``; levels of MultiIndex
    columns are joined with " / ". Numbers keep their full precision and
    each is shown as the page shows it (:func:`number_format`: ``0`` for a
    whole number, ``0.000`` with the table's decimals for a fraction).
    Missing values are empty cells; infinities are
    the text ``inf``. Columns are as wide as their widest value or the
    longest word of their header, between :data:`MIN_WIDTH` and
    :data:`MAX_WIDTH` characters; a text wider than that wraps.

    As :func:`partnet.export.write_tables`: text that a spreadsheet would
    run as a formula (starting ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return) is a quoted string cell, on every sheet; the contents'
    links are hyperlinks, not ``HYPERLINK`` formulas; and the workbook's
    properties and zip entries carry :func:`partnet.export.file_date`, so
    the same tables give the same bytes.
    """
    from openpyxl import Workbook

    path = Path(path)
    anonymise = bool(anonymise)
    entries = _entries(tables)
    if anonymise:
        carrying = [name for name, _, table, _ in entries if _id_columns(table)]
        if carrying:
            raise ParameterError(
                f"an anonymised workbook holds no person_id, but {len(carrying)} table(s) carry one: "
                f"{', '.join(carrying)}; show people with their pseudonym (people_with_keys)")
    when = file_date(date)
    grids = [_Grid(table, decimals) for _, _, table, decimals in entries]
    reserved = sheet_names([CONTENTS, GLOSSARY, *(name for name, *_ in entries)])
    contents_sheet, glossary_sheet, sheets = reserved[0], reserved[1], reserved[2:]

    codes = set().union(*(grid.codes(skip=(PERSON, "person_id", "pseudonym")) for grid in grids))
    words = _glossary_table(glossary, codes)
    if words is not None and redact is not None:
        words = words.assign(**{c: words[c].map(lambda v: redact(v) if isinstance(v, str) else v)
                                for c in ("label", "meaning")})

    listed = [(sheet, caption, grid.rows) for sheet, (_, caption, _, _), grid in zip(sheets, entries, grids)]
    if words is not None:
        listed.append((glossary_sheet, _GLOSSARY_CAPTION, len(words)))
    contents = pd.DataFrame(listed, columns=["sheet", "caption", "rows"])

    wb = Workbook()
    book = _Book(wb)
    ws = wb.active
    ws.title = contents_sheet
    written = {ws: _write_sheet(ws, _Grid(contents.set_index("sheet")), book,
                                locations=["'" + sheet.replace("'", "''") + "'!A1" for sheet, *_ in listed])}
    for sheet, grid in zip(sheets, grids):
        ws = wb.create_sheet(sheet)
        written[ws] = _write_sheet(ws, grid, book)
    if words is not None:
        ws = wb.create_sheet(glossary_sheet)
        written[ws] = _write_sheet(ws, _Grid(words.set_index("code")), book)
    data = _save(wb, written, when)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise PartnetError(f"cannot write the workbook {path}: {exc.strerror or exc}") from exc
    return path

"""UCINET DL text files: read the one-mode layouts into tie rows; write them back.

The DL ("data language") format is UCINET's text format for networks. It is
described in the UCINET help, page "DL" (the DL language: ``DL``, ``N``,
``NR``, ``NC``, ``NM``, ``FORMAT``, ``DIAGONAL``, ``ROW LABELS:``,
``COLUMN LABELS:``, ``MATRIX LABELS:``, ``LABELS EMBEDDED``, ``DATA:``), and
in Borgatti, Everett & Freeman (2002), *Ucinet for Windows: Software for
Social Network Analysis* (Analytic Technologies), chapter 3 "Importing
Data" (full matrix, rectangular matrices, labels, multiple matrices,
diagonal absent, lowerhalf and upperhalf, nodelists, edgelists).

A file starts with ``dl``, gives the number of nodes (``n=``) and a layout
(``format=``, default ``fullmatrix``), may name the nodes (``labels:``, or
``row labels:`` and ``column labels:``, or ``labels embedded`` in the data)
and the matrices (``nm=`` with ``matrix labels:``, which UCINET's own export
writes as ``level labels:``), and holds the values after ``data:``.

What is read
------------
=================== ================================================================
layout              read as
=================== ================================================================
``fullmatrix``      n rows of n values (n-1 with ``diagonal absent``); ``fm``
``lowerhalf``       row i holds columns 1..i (1..i-1 with ``diagonal absent``): a
                    symmetric matrix, so every tie is an undirected edge; ``lh``
``upperhalf``       row i holds columns i..n (i+1..n with ``diagonal absent``); ``uh``
``nodelist1``       each line: a node, then the nodes it sends a tie to; ``nl1``
``edgelist1``       each line: two nodes and an optional value (missing: 1); ``el1``
``edgelist2``,      two-mode (rows and columns are different things, people and
``nodelist2``,      events): refused with ``unsupported-dl``, since the case format
``nr`` <> ``nc``    holds ties between people only
=================== ================================================================

Rules, each as UCINET reads the file:

* Keywords ignore case; ``=`` may have spaces around it or none; values
  and labels are separated by spaces, tabs, commas, ``=`` or line breaks,
  so a matrix row may be wrapped over several lines; labels with spaces are
  quoted (``"Ada Quint"``). CRLF line ends, a byte-order mark and a missing
  final newline are all read.
* Labels name the same node whatever their case (UCINET turns labels into
  capitals; partnet keeps the spelling of the row labels, or the first one
  seen in an edge or node list): ``Larry`` and ``larry`` are one node. A one-mode file may give both ``row labels:`` and
  ``column labels:`` (UCINET's export does): they must name the same n
  nodes, in any order; a column label naming nobody among the rows is a
  ``label-mismatch``. ``nr=`` and ``nc=`` are read as one-mode data only
  when they are equal and the row and column labels name the same nodes.
* ``nm=`` matrices are read as that many relations, named by ``matrix
  labels:`` (or ``level labels:``); without labels, one matrix is the
  ``relation`` given by the caller and several are ``<relation>_1``,
  ``<relation>_2``, ... With ``labels embedded`` each matrix repeats its
  column labels row.
* A value of 0 is no tie. The diagonal is ignored, as UCINET ignores it
  (a node's tie to itself is not a tie between people): non-zero diagonal
  cells, and an edge or node list naming a node with itself, are dropped
  with one ``diagonal-ignored`` warning for the file.
* Values are numbers: whole numbers are kept as ``int`` (``2.0`` is 2),
  anything else that is a number is a ``non-integer-value`` error (the
  case format holds whole numbers), and a value that is not a number is an
  ``invalid-tie-value`` error, each naming its line and the matrix column.
* When a matrix holds too few or too many values for its header, the error
  names the first line that is not one whole row, and no tie of the file is
  kept (every value after the slip would be misplaced).

Problems are collected, never raised: each has the file, the line, the
column where one applies, the value found, what was expected, the nearest
valid value where one is close, and a reason code of
:class:`partnet.errors.Reason`.

References
----------
Borgatti, S.P., Everett, M.G. and Freeman, L.C. (2002). *Ucinet for Windows:
Software for Social Network Analysis*. Harvard, MA: Analytic Technologies.
UCINET help, "DL" (the DL language), http://analytictech.com/ucinet/help/hs5000.htm.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from partnet import schema
from partnet.errors import ParameterError, Problem, nearest
from partnet.readers import RawTable, clean_text, read_text

__all__ = [
    "TieFile",
    "DL_LAYOUTS",
    "read_dl",
    "parse_dl",
    "read_dl_ties",
    "parse_dl_ties",
    "tie_value",
    "clean_control_characters",
    "trim_problems",
    "write_dl",
    "format_dl",
]

#: The layouts :func:`parse_dl_ties` reads (and :func:`format_dl` writes), by their DL names.
DL_LAYOUTS = ("fullmatrix", "lowerhalf", "upperhalf", "nodelist1", "edgelist1")

_ALIASES = {"fm": "fullmatrix", "lh": "lowerhalf", "uh": "upperhalf", "nl1": "nodelist1", "el1": "edgelist1",
            "el2": "edgelist2", "nl2": "nodelist2"}
_TWO_MODE = ("edgelist2", "nodelist2")
_OTHER_UCINET = ("blockmatrix", "nodelist1b", "edgearray", "edgelist23", "rankedlist")
_MATRIX_LAYOUTS = ("fullmatrix", "lowerhalf", "upperhalf")
_KEYS = ("n", "nr", "nc", "nm", "format", "diagonal")
_KEYWORDS = ("dl", "n", "nr", "nc", "nm", "format", "diagonal", "labels", "row", "column", "col", "matrix",
             "level", "embedded", "data")

#: At most this many problems of one code are listed for a file; one more problem counts the rest.
MAX_LISTED = 20


# --------------------------------------------------------------------------- the result


@dataclass
class TieFile:
    """The ties of a DL or Pajek file, with what a case needs to declare their relations.

    Attributes
    ----------
    file : str
        Display name, as in problems.
    layout : str
        The file's layout: a DL format (``"fullmatrix"``, ``"lowerhalf"``,
        ...) or ``"pajek"``.
    table : partnet.readers.RawTable
        Tie rows ``respondent, alter, relation, frequency`` (text, as every
        reader of partnet gives them): respondent and alter are node labels
        (matched to the roster later), or node numbers where the file has
        no labels; ``frequency`` is the value (whole numbers written
        without a decimal point). ``table.lines`` holds each tie's line and
        ``table.cell_columns`` the matrix column label of a matrix cell
        (``"value"`` for a line of an edge or node list).
    values : list of int or float
        The value of each row of ``table``, as a number.
    from_edge : list of bool
        For each row: True when it came from an undirected edge (a Pajek
        ``*Edges`` line, a cell of a DL lower or upper half), which is
        given as two rows, one each way.
    nodes : list of str
        Every node the file names or numbers, in file order, isolates
        included.
    relations : list of str
        The relations found, in file order (one per DL matrix, one per
        Pajek relation or network).
    directed : dict of str to bool
        Per relation: False when the file gives its ties as undirected
        edges only (Pajek ``*Edges``/``*Edgeslist``, a DL ``lowerhalf`` or
        ``upperhalf``), so the case can declare the relation ``directed:
        false``; True otherwise (DL full matrices and lists, Pajek arcs and
        ``*Matrix``, and a Pajek relation mixing arcs and edges).
    symmetric : dict of str to bool
        Per relation: every tie's reverse is there with the same value
        (true of an undirected relation; a directed file may hold a
        symmetric matrix too, as Zachary's does).
    binary : dict of str to bool
        Per relation: every tie's value is 1.
    title : str or None
        A Pajek ``*Network`` title (the first one).

    Examples
    --------
    >>> tf = parse_dl_ties("dl n=3 format=lowerhalf diagonal=absent\\nlabels:\\na b c\\ndata:\\n2\\n0 1\\n",
    ...                    "support", "ties.dl", [])
    >>> tf.arcs()
    [('b', 'a', 2), ('a', 'b', 2), ('c', 'b', 1), ('b', 'c', 1)]
    >>> tf.directed, tf.binary, tf.symmetric, tf.scale("support")
    ({'support': False}, {'support': False}, {'support': True}, 'frequency')
    """

    file: str
    layout: str
    table: RawTable
    values: list = field(default_factory=list)
    from_edge: list = field(default_factory=list)
    nodes: list = field(default_factory=list)
    relations: list = field(default_factory=list)
    directed: dict = field(default_factory=dict)
    symmetric: dict = field(default_factory=dict)
    binary: dict = field(default_factory=dict)
    title: str | None = None

    @classmethod
    def empty(cls, file: str, layout: str) -> TieFile:
        """A result without ties, its table holding the columns of ``ties``."""
        return cls(file=file, layout=layout,
                   table=RawTable(file=file, columns=list(schema.TABLES["ties"][0]), cell_columns=[]))

    def add(self, respondent: str, alter: str, relation: str, value, line: int, column: str,
            edge: bool = False) -> None:
        """Append one tie row (a number ``value``, shown as text in the table)."""
        self.table.rows.append({"respondent": respondent, "alter": alter, "relation": relation,
                                "frequency": _number_text(value)})
        self.table.lines.append(line)
        self.table.cell_columns.append(column)
        self.values.append(value)
        self.from_edge.append(edge)

    def clear_ties(self) -> None:
        """Drop every tie row (the file's values could not be placed)."""
        self.table.rows.clear()
        self.table.lines.clear()
        self.table.cell_columns.clear()
        self.values.clear()
        self.from_edge.clear()

    def arcs(self, relation: str | None = None) -> list[tuple[str, str, int | float]]:
        """``(respondent, alter, value)`` of every row, of one relation or all."""
        return [(r["respondent"], r["alter"], v) for r, v in zip(self.table.rows, self.values)
                if relation is None or r["relation"] == relation]

    def scale(self, relation: str) -> str | None:
        """The narrowest scale of :data:`partnet.schema.SCALES` the relation's values fit.

        ``"binary"`` when every value is 1, ``"frequency"`` when every value
        is a whole number 1..5, ``"count"`` when every value is a whole
        number 1 or more, None when some value is on no scale (a negative
        number, a fraction). A suggestion for ``case.yaml``'s
        ``relations:``; the researcher's declaration decides.
        """
        values = [v for r, v in zip(self.table.rows, self.values) if r["relation"] == relation]
        if not all(isinstance(v, int) and v >= 1 for v in values):
            return None
        if all(v == 1 for v in values):
            return "binary"
        return "frequency" if all(v <= max(schema.FREQUENCY_LABELS) for v in values) else "count"

    def finish(self) -> TieFile:
        """Work out ``binary`` and ``symmetric`` for every relation; return self."""
        cells: dict[str, dict] = {r: {} for r in self.relations}
        for row, v in zip(self.table.rows, self.values):
            cells.setdefault(row["relation"], {})[(row["respondent"], row["alter"])] = v
            if row["relation"] not in self.relations:
                self.relations.append(row["relation"])
        for rel, ties in cells.items():
            self.binary[rel] = all(v == 1 for v in ties.values())
            self.symmetric[rel] = all(ties.get((b, a)) == v for (a, b), v in ties.items())
            self.directed.setdefault(rel, True)
        return self


def _number_text(value) -> str:
    return str(value) if isinstance(value, int) else repr(value)


# --------------------------------------------------------------------------- shared checks


def tie_value(text: str, file: str, problems: list[Problem], row: int | None = None,
              column: str | None = None) -> int | float | None:
    """A tie's value as a number: int when whole, else float after a ``non-integer-value`` error.

    Parameters
    ----------
    text : str
        The value as written (``"3"``, ``"3.0"``, ``"1e-5"``).
    file : str
        Display name, for problems.
    problems : list of Problem
        Problems found are appended here.
    row : int, optional
        Line of the file.
    column : str, optional
        The matrix column (a node label) or ``"value"``.

    Returns
    -------
    int, float or None
        None (after an ``invalid-tie-value`` error) when ``text`` is not a
        finite number.

    Examples
    --------
    >>> probs = []
    >>> tie_value("2.0", "ties.dl", probs), tie_value("0.5", "ties.dl", probs, row=7, column="jim")
    (2, 0.5)
    >>> tie_value("x", "ties.dl", probs, row=8), [p.code for p in probs]
    (None, ['non-integer-value', 'invalid-tie-value'])
    """
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        problems.append(Problem("invalid-tie-value", file, "a tie's value must be a number", row=row, column=column,
                                value=text[:60], expected="a whole number (0 for no tie)"))
        return None
    if number.is_integer():
        return int(number)
    problems.append(Problem("non-integer-value", file, "a tie's value has a fraction; the case holds whole numbers "
                            "(frequency 1..5, binary 1, a count)", row=row, column=column, value=text,
                            expected="a whole number", suggestion=(str(max(1, round(number))),)))
    return number


def clean_control_characters(text: str, file: str, problems: list[Problem]) -> str:
    """The text with control characters cleaned (TAB kept: it separates values); one warning for the file.

    Labels go into reports and graph files, which cannot hold Word's line
    break or a bell: :func:`partnet.readers.clean_text` replaces or removes
    them as in CSV files, and one ``control-characters`` warning names the
    lines.

    Examples
    --------
    >>> probs = []
    >>> clean_control_characters("a\\x0bb\\tc\\n", "ties.dl", probs), [(p.code, p.row) for p in probs]
    ('a b\\tc\\n', [('control-characters', 1)])
    """
    lines = text.split("\n")
    changed = []
    for i, ln in enumerate(lines):
        cleaned = "\t".join(clean_text(part) for part in ln.split("\t"))
        if cleaned != ln:
            changed.append((i + 1, ln))
            lines[i] = cleaned
    if not changed:
        return text
    rows = [r for r, _ in changed]
    more = (f"; also on line{'s' if len(rows) > 2 else ''} " + ", ".join(map(str, rows[1:6]))
            + (f" and {len(rows) - 6} more" if len(rows) > 6 else "")) if len(rows) > 1 else ""
    problems.append(Problem("control-characters", file,
                            f"{len(rows)} line{'s' if len(rows) != 1 else ''} held invisible control characters "
                            "(such as Word's line break) that no report or graph file can hold; they were replaced "
                            f"by a space or removed{more}", row=rows[0], value=changed[0][1][:60].strip(),
                            severity="warning"))
    return "\n".join(lines)


def trim_problems(found: list[Problem], limit: int = MAX_LISTED) -> list[Problem]:
    """At most ``limit`` problems of each code, then one more saying how many were left out.

    A damaged matrix can hold thousands of bad cells; the first ones and a
    count say enough.

    Examples
    --------
    >>> many = [Problem("invalid-tie-value", "ties.dl", "not a number", row=r) for r in range(2, 40)]
    >>> out = trim_problems(many, limit=3)
    >>> len(out), out[-1].message
    (4, '35 more problems like these (lines 5 to 39) are not listed')
    """
    by_code = Counter(p.code for p in found)
    out, seen, rest = [], Counter(), {}
    for p in found:
        seen[p.code] += 1
        if seen[p.code] <= limit or by_code[p.code] == limit + 1:
            out.append(p)
        else:
            rest.setdefault(p.code, []).append(p)
    for code, left in rest.items():
        rows = [p.row for p in left if p.row is not None]
        where = f" (lines {min(rows)} to {max(rows)})" if rows else ""
        out.append(Problem(code, left[0].file, f"{len(left)} more problems like these{where} are not listed",
                           severity=left[0].severity))
    return out


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class _Tok:
    text: str
    line: int
    quoted: bool = False

    @property
    def word(self) -> str:
        """The keyword this token may be (lower case, a trailing colon dropped), or '' when quoted."""
        return "" if self.quoted else self.text.casefold().rstrip(":")

    @property
    def colon(self) -> bool:
        return not self.quoted and self.text.endswith(":")


class _Unclosed(Exception):
    """A quotation mark opened and never closed."""

    def __init__(self, text: str, line: int | None):
        super().__init__(text)
        self.text, self.line = text, line


_SEP = re.compile(r"[\s,]*")
_ITEM = re.compile(r"""(=)|"([^"]*)"|'([^']*)'(?=[\s,=]|$)|([^\s,=]+)""")


def _line_tokens(line: str, no: int) -> list[_Tok]:
    """One line's tokens: separated by white space, commas and ``=`` (kept as a token); quotes keep a label whole."""
    out, pos = [], 0
    while True:
        pos = _SEP.match(line, pos).end()
        if pos >= len(line):
            return out
        if line[pos] == '"' and '"' not in line[pos + 1:]:
            raise _Unclosed(line.strip(), no)
        m = _ITEM.match(line, pos)
        eq, dq, sq, plain = m.groups()
        if eq:
            out.append(_Tok("=", no))
        elif dq is not None or sq is not None:
            out.append(_Tok(dq if dq is not None else sq, no, quoted=True))
        else:
            out.append(_Tok(plain, no))
        pos = m.end()


# --------------------------------------------------------------------------- reading


def read_dl(path: Path, relation: str, problems: list[Problem], display: str | None = None) -> RawTable | None:
    """Read a UCINET DL file into tie rows (respondent, alter, relation, frequency).

    Parameters
    ----------
    path : pathlib.Path
        The ``.dl`` file (UTF-8 with or without BOM, or Windows-1252, as
        for CSV files: see :func:`partnet.readers.decode_bytes`).
    relation : str
        Relation name given to the ties of a file with one unnamed matrix.
    problems : list of Problem
        Problems found are appended here.
    display : str, optional
        File name used in problems; default the file's name.

    Returns
    -------
    RawTable or None
        The ``table`` of :func:`read_dl_ties`, which gives the relations,
        their direction and the nodes as well.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ties.dl"
    >>> _ = p.write_text("dl n=2 format=edgelist1\\r\\nlabels:\\r\\np1,p2\\r\\ndata:\\r\\n1 2 4\\r\\n")
    >>> read_dl(p, "egov_contact", []).rows
    [{'respondent': 'p1', 'alter': 'p2', 'relation': 'egov_contact', 'frequency': '4'}]
    """
    tf = read_dl_ties(path, relation, problems, display)
    return None if tf is None else tf.table


def read_dl_ties(path: Path, relation: str, problems: list[Problem], display: str | None = None) -> TieFile | None:
    """Read a UCINET DL file: tie rows, nodes, relations and their direction.

    Parameters
    ----------
    path : pathlib.Path
        The ``.dl`` file (UTF-8 with or without BOM, or Windows-1252).
    relation : str
        Name of the relation of a file with one matrix and no matrix label.
    problems : list of Problem
        Problems found are appended here.
    display : str, optional
        File name used in problems; default the file's name.

    Returns
    -------
    TieFile or None
        None when the file cannot be read at all (too large, not text, no
        ``dl`` header); see :func:`parse_dl_ties`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ties.dl"
    >>> text = "DL N=2 NM=2\\r\\nMATRIX LABELS:\\r\\nadvice, trust\\r\\nDATA:\\r\\n0 1\\r\\n0 0\\r\\n0 3\\r\\n3 0"
    >>> _ = p.write_bytes(b"\\xef\\xbb\\xbf" + text.encode())
    >>> tf = read_dl_ties(p, "contact", [])
    >>> tf.relations, tf.arcs("trust"), tf.binary
    (['advice', 'trust'], [('1', '2', 3), ('2', '1', 3)], {'advice': True, 'trust': False})
    """
    display = display or path.name
    text = read_text(path, problems, display, what="a DL file")
    if text is None:
        return None
    return parse_dl_ties(text, relation, display, problems)


def parse_dl(text: str, relation: str, file: str, problems: list[Problem]) -> RawTable | None:
    """Parse DL text into tie rows.

    Parameters
    ----------
    text : str
        The file's text.
    relation : str
        Relation name of a file with one unnamed matrix.
    file : str
        Display name for problems.
    problems : list of Problem
        Problems found are appended here.

    Returns
    -------
    RawTable or None
        Columns respondent, alter, relation, frequency; respondent and
        alter are the labels (matched to the roster later), or 1-based
        node numbers when the file has no labels. None when the header
        cannot be read. :func:`parse_dl_ties` gives the same rows with the
        nodes, relations and their direction.

    Examples
    --------
    >>> dl = '''dl n=3 format=fullmatrix
    ... labels:
    ... p1,p2,p3
    ... data:
    ... 0 2 0
    ... 0 0 5
    ... 1 0 0
    ... '''
    >>> [(r["respondent"], r["alter"], r["frequency"]) for r in parse_dl(dl, "egov_contact", "ties.dl", []).rows]
    [('p1', 'p2', '2'), ('p2', 'p3', '5'), ('p3', 'p1', '1')]
    >>> el = 'DL N = 3 FORMAT = EDGELIST1\\nLABELS EMBEDDED\\nDATA:\\n"Ada Quint" p2 4\\np2 p3\\n'
    >>> [(r["respondent"], r["alter"], r["frequency"]) for r in parse_dl(el, "x", "ties.dl", []).rows]
    [('Ada Quint', 'p2', '4'), ('p2', 'p3', '1')]
    """
    tf = parse_dl_ties(text, relation, file, problems)
    return None if tf is None else tf.table


def parse_dl_ties(text: str, relation: str, file: str, problems: list[Problem]) -> TieFile | None:
    """Parse DL text: every one-mode layout, one or several matrices.

    Parameters
    ----------
    text : str
        The file's text (line ends ``\\n``, ``\\r\\n`` or ``\\r``).
    relation : str
        Name of the relation of a file with one matrix and no matrix
        label; several unnamed matrices are ``<relation>_1``, ``_2``, ...
    file : str
        Display name for problems.
    problems : list of Problem
        Problems found are appended here (see the module's rules).

    Returns
    -------
    TieFile or None
        None when the header cannot be read, the layout is not read
        (``unsupported-dl``: two-mode data, ``blockmatrix``, ...) or a
        quotation mark is never closed. After an error in the data the
        result is returned with the ties that could be placed (none after a
        matrix of the wrong size).

    Examples
    --------
    Rows and columns named apart (UCINET's export), the diagonal ignored:

    >>> dl = '''DL
    ... N=3
    ... FORMAT = FULLMATRIX DIAGONAL PRESENT
    ... ROW LABELS:
    ... ABN
    ... AMRO
    ... NS
    ... COLUMN LABELS:
    ... NS AMRO ABN
    ... DATA:
    ...  0 2 0
    ...  1 9 2
    ...  0 0 0'''
    >>> probs = []
    >>> tf = parse_dl_ties(dl, "interlocks", "ties.dl", probs)
    >>> tf.nodes, tf.arcs()
    (['ABN', 'AMRO', 'NS'], [('ABN', 'AMRO', 2), ('AMRO', 'NS', 1), ('AMRO', 'ABN', 2)])
    >>> [(p.code, p.row) for p in probs]
    [('diagonal-ignored', 12)]

    A node list, labels embedded:

    >>> nl = "dl n=3 format=nodelist1 labels embedded data: ann bo cy\\nbo ann"
    >>> parse_dl_ties(nl, "advice", "ties.dl", []).arcs()
    [('ann', 'bo', 1), ('ann', 'cy', 1), ('bo', 'ann', 1)]
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = clean_control_characters(text, file, problems)
    try:
        tokens = [t for no, ln in enumerate(text.split("\n"), start=1) for t in _line_tokens(ln, no)]
    except _Unclosed as exc:
        problems.append(Problem("invalid-dl", file, "a quotation mark is opened and never closed", row=exc.line,
                                value=exc.text[:60], expected='labels quoted in pairs, e.g. "Ada Quint"'))
        return None
    found: list[Problem] = []
    tf = _Parser(tokens, relation, file, found).run()
    problems.extend(trim_problems(found))
    return tf


# --------------------------------------------------------------------------- the parser


@dataclass
class _Header:
    n: int | None = None
    nr: int | None = None
    nc: int | None = None
    nm: int = 1
    layout: str = "fullmatrix"
    diagonal: bool = True
    row_embedded: bool = False
    col_embedded: bool = False
    sections: dict = field(default_factory=dict)  # kind -> list of _Tok
    data: int = 0  # index of the first data token
    last_line: int = 1


class _Nodes:
    """Node labels in order of first appearance; one node whatever the case of its label."""

    def __init__(self):
        self.names: list[str] = []
        self._index: dict[str, str] = {}

    def __len__(self):
        return len(self.names)

    def get(self, label: str) -> str | None:
        return self._index.get(label.casefold())

    def add(self, label: str) -> str:
        key = label.casefold()
        if key not in self._index:
            self._index[key] = label
            self.names.append(label)
        return self._index[key]


class _Parser:
    def __init__(self, tokens: list[_Tok], relation: str, file: str, problems: list[Problem]):
        self.toks, self.relation, self.file, self.problems = tokens, relation, file, problems
        self.nodes = _Nodes()
        self.diagonal_cells: list[int] = []

    def problem(self, code: str, message: str, **kw) -> None:
        self.problems.append(Problem(code, self.file, message, **kw))

    # -------------------------------------------------------------- header

    def run(self) -> TieFile | None:
        h = self.header()
        if h is None:
            return None
        tf = TieFile.empty(self.file, h.layout)
        relations = self.relations(h)
        if relations is None:
            return None
        tf.relations = relations
        if h.layout in _MATRIX_LAYOUTS:
            ok = self.matrices(h, tf)
        else:
            ok = self.lists(h, tf)
        if not ok:
            return None
        tf.nodes = list(self.nodes.names)
        for rel in relations:
            tf.directed[rel] = h.layout not in ("lowerhalf", "upperhalf")
        if self.diagonal_cells:
            rows = self.diagonal_cells
            self.problem("diagonal-ignored", f"{len(rows)} tie{'s' if len(rows) != 1 else ''} of a node with "
                         "itself (the matrix diagonal) were ignored, as UCINET ignores the diagonal"
                         + (f"; the first is on this line, the others on lines {_lines(rows[1:])}"
                            if len(rows) > 1 else ""), row=rows[0])
        return tf.finish()

    def header(self) -> _Header | None:
        toks = self.toks
        h = _Header()
        data_at = next((i for i, t in enumerate(toks) if t.word == "data"
                        and (t.colon or (i + 1 < len(toks) and toks[i + 1].text == ":"))), None)
        if data_at is None:
            self.problem("invalid-dl", "no 'data:' line", expected="a DL file with a 'data:' section")
            return None
        if not toks or toks[0].word != "dl":
            self.problem("invalid-dl", "the file does not start with 'dl'", row=toks[0].line if toks else 1,
                         value=toks[0].text[:60] if toks else None, expected="dl n=...")
            return None
        h.data = data_at + (1 if toks[data_at].colon else 2)
        h.last_line = toks[data_at].line
        values: dict[str, _Tok] = {}
        section: list | None = None
        i = 1
        while i < data_at:
            t = toks[i]
            nxt = toks[i + 1] if i + 1 < data_at else None
            label_kind = self.label_keyword(i, data_at)
            if t.text == ":" and not t.quoted:
                i += 1
            elif label_kind is not None:
                kind, length = label_kind
                i += length
                if kind in ("labels embedded", "row labels embedded", "column labels embedded"):
                    h.row_embedded |= kind != "column labels embedded"
                    h.col_embedded |= kind != "row labels embedded"
                    section = None
                    continue
                if kind in h.sections:
                    self.problem("invalid-dl", f"'{kind}:' is given twice", row=t.line,
                                 expected=f"one '{kind}:' section")
                section = h.sections[kind] = []
            elif t.word in _KEYS and not t.colon and (section is None or (nxt is not None and nxt.text == "=")):
                i += 1
                if i < data_at and toks[i].text == "=" and not toks[i].quoted:
                    i += 1
                if i >= data_at:
                    self.problem("invalid-dl", f"'{t.text}' is given no value", row=t.line,
                                 expected=f"{t.word}=<value>")
                    return None
                values[t.word] = toks[i]
                section = None
                i += 1
            elif t.text == "=" and not t.quoted:
                i += 1
            elif section is not None:
                section.append(t)
                i += 1
            else:
                self.problem("invalid-dl", "not a word of the DL header", row=t.line, value=t.text[:60],
                             expected="dl, n=, nm=, format=, diagonal=, labels:, row labels:, column labels:, "
                             "matrix labels:, labels embedded, data:",
                             suggestion=nearest(t.text.casefold(), _KEYWORDS, n=1))
                return None
        return self.header_values(h, values)

    def label_keyword(self, i: int, end: int) -> tuple[str, int] | None:
        """(kind, number of tokens) when a labels keyword starts at token ``i``."""
        toks = self.toks

        def word(k):
            return toks[k].word if k < end else ""

        def plain_colon(k):
            return k < end and toks[k].colon

        first = word(i)
        if first == "labels":
            if not plain_colon(i) and word(i + 1) == "embedded":
                return "labels embedded", 2
            return "labels", 1
        if first in ("row", "column", "col", "matrix", "level") and not plain_colon(i) and word(i + 1) == "labels":
            side = {"col": "column", "level": "matrix"}.get(first, first)
            if side in ("row", "column") and not plain_colon(i + 1) and word(i + 2) == "embedded":
                return f"{side} labels embedded", 3
            return f"{side} labels", 2
        return None

    def header_values(self, h: _Header, values: dict[str, _Tok]) -> _Header | None:
        def whole(key, least):
            tok = values.get(key)
            if tok is None:
                return None
            try:
                k = int(tok.text)
            except ValueError:
                k = None
            if k is None or k < least:
                self.problem("invalid-dl", f"{key}= must be a whole number, {least} or more", row=tok.line,
                             value=tok.text[:60], expected=f"{key}=<whole number>")
                raise _Stop
            return k

        try:
            h.n, h.nr, h.nc = whole("n", 0), whole("nr", 0), whole("nc", 0)
            h.nm = whole("nm", 1) or 1
        except _Stop:
            return None
        fmt = values.get("format")
        if fmt is not None:
            name = fmt.text.casefold()
            name = _ALIASES.get(name, name)
            if name in _TWO_MODE:
                self.problem("unsupported-dl", f"format={fmt.text} holds two-mode data (rows and columns are "
                             "different things, such as people and events); a case holds ties between people",
                             row=fmt.line, value=fmt.text,
                             expected="one-mode data: n=<number of people>, format=" + " or ".join(DL_LAYOUTS))
                return None
            if name not in DL_LAYOUTS:
                self.problem("unsupported-dl", "unsupported DL format", row=fmt.line, value=fmt.text,
                             expected=", ".join(DL_LAYOUTS),
                             suggestion=() if name in _OTHER_UCINET else nearest(name, DL_LAYOUTS, n=1))
                return None
            h.layout = name
        diag = values.get("diagonal")
        if diag is not None:
            if diag.text.casefold() not in ("present", "absent"):
                self.problem("invalid-dl", "diagonal must be present or absent", row=diag.line, value=diag.text,
                             expected="present or absent",
                             suggestion=nearest(diag.text.casefold(), ("present", "absent"), n=1))
                return None
            h.diagonal = diag.text.casefold() == "present"
        if h.nr is not None or h.nc is not None:
            first = values.get("nr") or values.get("nc")
            if h.nr != h.nc or h.layout not in _MATRIX_LAYOUTS or (h.n is not None and h.n != h.nr):
                self.problem("unsupported-dl", f"nr={h.nr} and nc={h.nc} declare a two-mode (rectangular) "
                             "matrix, rows and columns being different things; a case holds ties between people",
                             row=first.line, expected="one-mode data: n=<number of people>")
                return None
            h.n = h.nr
        elif h.n is None:
            self.problem("invalid-dl", "the header does not give the number of nodes", row=1,
                         value=values["n"].text if "n" in values else None, expected="n=<whole number>")
            return None
        if h.nm > 1 and h.layout not in _MATRIX_LAYOUTS:
            self.problem("unsupported-dl", f"several matrices (nm={h.nm}) in format={h.layout}",
                         row=values["nm"].line, expected="nm=1, or several matrices as fullmatrix")
            return None
        for kind in ("labels", "row labels", "column labels"):
            labels = h.sections.get(kind)
            if labels is not None and len(labels) != h.n:
                self.problem("invalid-dl", f"the {kind} section names {len(labels)} nodes but n={h.n}",
                             row=labels[0].line if labels else None, expected=f"{h.n} labels")
                return None
        if "labels" in h.sections and ("row labels" in h.sections or "column labels" in h.sections):
            self.problem("invalid-dl", "both 'labels:' and 'row labels:' or 'column labels:'", row=1,
                         expected="labels: (the same for rows and columns), or row labels: and column labels:")
            return None
        return h

    def relations(self, h: _Header) -> list[str] | None:
        names = h.sections.get("matrix labels")
        if names is None:
            return [self.relation] if h.nm == 1 else [f"{self.relation}_{k}" for k in range(1, h.nm + 1)]
        if len(names) != h.nm:
            self.problem("invalid-dl", f"the matrix labels name {len(names)} matrices but nm={h.nm}",
                         row=names[0].line if names else None, expected=f"{h.nm} matrix label(s), or nm={len(names)}")
            return None
        out = [t.text for t in names]
        seen: dict[str, _Tok] = {}
        for t in names:
            if t.text.casefold() in seen:
                self.problem("duplicate-label", "a matrix label is given twice", row=t.line, value=t.text,
                             expected="one label a matrix")
                return None
            seen[t.text.casefold()] = t
        return out

    # -------------------------------------------------------------- labels

    def name_nodes(self, labels: list[_Tok]) -> None:
        for t in labels:
            if self.nodes.get(t.text) is not None:
                self.problem("duplicate-label", "a node label is given twice", row=t.line, value=t.text,
                             expected="one label a node (labels ignore case, as in UCINET)")
            self.nodes.add(t.text)

    def match(self, labels: list[_Tok], what: str) -> list[str | None]:
        """Each label's node; None (after a ``label-mismatch``) for a label naming no node."""
        out = []
        for t in labels:
            node = self.nodes.get(t.text)
            if node is None:
                self.problem("label-mismatch", f"the {what} label names none of the nodes of the row labels",
                             row=t.line, value=t.text, expected="the same nodes as the row labels, in any order",
                             suggestion=nearest(t.text, self.nodes.names, n=1))
            out.append(node)
        return out

    # -------------------------------------------------------------- matrices

    def row_cells(self, h: _Header, i: int) -> list[int]:
        n, diag = h.n, h.diagonal
        if h.layout == "fullmatrix":
            return [j for j in range(n) if diag or j != i]
        if h.layout == "lowerhalf":
            return list(range(i + 1 if diag else i))
        return list(range(i if diag else i + 1, n))

    def matrices(self, h: _Header, tf: TieFile) -> bool:
        data = self.toks[h.data:]
        n = h.n
        pos = 0
        blocks = []  # per matrix: (column label tokens or None, [(row label token or None, [value tokens])])
        expected_lines = []  # the number of tokens of each whole row, in order (for locating a slip)
        short = False
        for _m in range(h.nm):
            header = None
            if h.col_embedded:
                header = data[pos:pos + n]
                pos += n
                expected_lines.append(n)
                short |= len(header) < n
            rows = []
            for i in range(n):
                label = None
                if h.row_embedded:
                    label = data[pos] if pos < len(data) else None
                    pos += 1
                cells = self.row_cells(h, i)
                vals = data[pos:pos + len(cells)]
                pos += len(cells)
                if cells or h.row_embedded:
                    expected_lines.append(len(cells) + h.row_embedded)
                short |= len(vals) < len(cells) or (h.row_embedded and label is None)
                rows.append((label, vals))
            blocks.append((header, rows))
        needed = pos
        if short or len(data) != needed:
            self.size_problem(h, data, needed, expected_lines)
        # the nodes: the row labels, else the column labels, else embedded ones, else numbers
        rows_given = h.sections.get("row labels") or h.sections.get("labels")
        cols_given = h.sections.get("column labels") or h.sections.get("labels")
        first_header, first_rows = blocks[0] if blocks else (None, [])
        row_source = rows_given or ([lab for lab, _ in first_rows if lab is not None] if h.row_embedded else None)
        col_source = cols_given or (first_header if h.col_embedded else None)
        if h.nr is not None and (not row_source or not col_source
                                 or {t.text.casefold() for t in row_source}
                                 != {t.text.casefold() for t in col_source}):
            self.problem("unsupported-dl", f"nr={h.nr} and nc={h.nc} with row and column labels that do not "
                         "name the same people: a two-mode (rectangular) matrix; a case holds ties between people",
                         row=1, expected="one-mode data: n=<number of people>, or row and column labels naming "
                         "the same people")
            return False
        if row_source:
            self.name_nodes(row_source)
        elif col_source:
            self.name_nodes(col_source)
        else:
            for k in range(1, n + 1):
                self.nodes.add(str(k))
        if short or len(data) != needed:
            return True  # the values cannot be placed: no ties
        numbers = [str(k) for k in range(1, n + 1)]
        default_rows = self.match(rows_given, "row") if rows_given else None
        default_cols = self.match(cols_given, "column") if cols_given and cols_given is not rows_given else None
        for m, (header, rows) in enumerate(blocks):
            relation = tf.relations[m]
            if header is not None:
                cols = self.match(header, "column")
            elif default_cols is not None:
                cols = default_cols
            elif default_rows is not None:
                cols = default_rows
            else:
                cols = self.nodes.names if len(self.nodes) == n else numbers
            for i, (label, vals) in enumerate(rows):
                if label is not None:
                    source = self.match([label], "row")[0]
                else:
                    source = default_rows[i] if default_rows is not None else (
                        self.nodes.names[i] if len(self.nodes) == n else numbers[i])
                for j, tok in zip(self.row_cells(h, i), vals):
                    target = cols[j]
                    value = tie_value(tok.text, self.file, self.problems, row=tok.line,
                                      column=target if target is not None else str(j + 1))
                    if value is None or value == 0 or source is None or target is None:
                        continue
                    if source == target:
                        self.diagonal_cells.append(tok.line)
                        continue
                    column = target
                    if h.layout == "fullmatrix":
                        tf.add(source, target, relation, value, tok.line, column)
                    else:
                        tf.add(source, target, relation, value, tok.line, column, edge=True)
                        tf.add(target, source, relation, value, tok.line, column, edge=True)
        return True

    def size_problem(self, h: _Header, data: list[_Tok], needed: int, expected_lines: list[int]) -> None:
        counts = Counter(t.line for t in data)
        lines = sorted(counts)
        where, found_here, wanted = None, None, None
        for k, line in enumerate(lines):
            want = expected_lines[k] if k < len(expected_lines) else 0
            if counts[line] != want:
                where, found_here, wanted = line, counts[line], want
                break
        if where is None:  # the lines are right as far as they go: the data stop early
            where = lines[-1] if lines else h.last_line
        shape = {"fullmatrix": f"{h.n} rows of {h.n if h.diagonal else h.n - 1} values",
                 "lowerhalf": f"the lower half of {h.n} rows", "upperhalf": f"the upper half of {h.n} rows"}[h.layout]
        what = f"{h.nm} matrices of {shape}" if h.nm > 1 else shape
        extra = len(data) - needed
        hint = ""
        per_matrix = needed // h.nm if h.nm else needed
        if extra > 0 and per_matrix and extra % per_matrix == 0:
            hint = f"; the data hold {h.nm + extra // per_matrix} whole matrices: write nm={h.nm + extra // per_matrix}"
        detail = (f"; line {where} holds {found_here} values where a whole row holds {wanted}"
                  if found_here is not None and wanted else "")
        self.problem("invalid-dl", f"the data hold {len(data)} values and labels but the header asks for {needed} "
                     f"({what}){detail}{hint}; no tie of the file is read", row=where,
                     value=str(found_here) if found_here is not None else None,
                     expected=f"{wanted} values on this line" if wanted else f"{needed} values")

    # -------------------------------------------------------------- lists

    def lists(self, h: _Header, tf: TieFile) -> bool:
        n = h.n
        embedded = h.row_embedded or h.col_embedded
        given = h.sections.get("labels") or h.sections.get("row labels")
        if given:
            self.name_nodes(given)
            if "column labels" in h.sections:
                self.match(h.sections["column labels"], "column")
        elif not embedded:
            for k in range(1, n + 1):
                self.nodes.add(str(k))
        relation = tf.relations[0]
        by_line: dict[int, list[_Tok]] = {}
        for t in self.toks[h.data:]:
            by_line.setdefault(t.line, []).append(t)
        for line, toks in by_line.items():
            if h.layout == "edgelist1":
                if len(toks) not in (2, 3):
                    self.problem("invalid-dl", "an edge list line needs two ends and an optional value", row=line,
                                 value=" ".join(t.text for t in toks)[:60], expected="<from> <to> [value]")
                    continue
                ends = [self.end(t, h, embedded, bool(given)) for t in toks[:2]]
                value = tie_value(toks[2].text, self.file, self.problems, row=line, column="value") \
                    if len(toks) == 3 else 1
                pairs = [(ends[0], ends[1], value)]
            else:
                ego = self.end(toks[0], h, embedded, bool(given))
                pairs = [(ego, self.end(t, h, embedded, bool(given)), 1) for t in toks[1:]]
            for a, b, value in pairs:
                if a is None or b is None or value is None or value == 0:
                    continue
                if a == b:
                    self.diagonal_cells.append(line)
                    continue
                tf.add(a, b, relation, value, line, "value")
        return True

    def end(self, t: _Tok, h: _Header, embedded: bool, given: bool) -> str | None:
        """The node an edge or node list names: a label (embedded), or a number 1..n (or a label of labels:)."""
        n = h.n
        if embedded:
            node = self.nodes.get(t.text)
            if node is not None:
                return node
            if given:
                self.problem("label-mismatch", "an edge or node list names a node that is not among the labels",
                             row=t.line, value=t.text, expected="one of the labels of 'labels:'",
                             suggestion=nearest(t.text, self.nodes.names, n=1))
                return None
            if len(self.nodes) >= n:
                self.problem("invalid-dl", f"the data name more than n={n} nodes", row=t.line, value=t.text,
                             expected=f"at most {n} different labels, or n=<the number of nodes>")
                return None
            return self.nodes.add(t.text)
        try:
            k = int(t.text)
        except ValueError:
            node = self.nodes.get(t.text) if given else None
            if node is not None:
                return node
            self.problem("invalid-dl", "an edge list end is neither a node number nor a label", row=t.line,
                         value=t.text, expected=f"1..{n}" + ("" if given else ", or 'labels embedded' for labels"),
                         suggestion=nearest(t.text, self.nodes.names, n=1) if given else ())
            return None
        if not 1 <= k <= n or k > len(self.nodes):
            self.problem("invalid-dl", "a node number is out of range", row=t.line, value=t.text,
                         expected=f"1..{n}")
            return None
        return self.nodes.names[k - 1]


def _lines(rows: list[int], shown: int = 5) -> str:
    """``"4, 7, 9 and 12 more"``: the first few line numbers of a list."""
    rows = list(dict.fromkeys(rows))
    text = ", ".join(map(str, rows[:shown]))
    return text + (f" and {len(rows) - shown} more" if len(rows) > shown else "")


class _Stop(Exception):
    """A header value that stops the reading (its problem is already collected)."""


# --------------------------------------------------------------------------- writing


def _quote(label: str) -> str:
    if re.search(r'[\s,="]', label) or not label:
        return '"' + label.replace('"', "'") + '"'
    return label


def format_dl(G, *, label=None, weight: str | None = "frequency", layout: str = "fullmatrix",
              diagonal: str = "present") -> str:
    """A network as UCINET DL text, with labels; one matrix a relation.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph, or dict of str to graph
        The network; node order is ``G``'s. An undirected ``Graph`` is
        written as a symmetric matrix (UCINET's convention: a full matrix
        with both cells of every edge). A mapping relation -> graph writes
        ``nm=`` matrices named by ``matrix labels:``, over the nodes of all
        the graphs (the first graph's order, then new ones).
    label : callable or str or None
        Node label: a function of ``(node, attrs)``, a node attribute name,
        or None for the node itself.
    weight : str or None
        Edge attribute written as the value (missing -> 1); None writes a
        binary matrix.
    layout : {"fullmatrix", "lowerhalf", "upperhalf", "edgelist1", "nodelist1"}
        The DL format. The halves hold symmetric (undirected) relations
        only; ``nodelist1`` binary ones; the lists one relation.
    diagonal : {"present", "absent"}
        Whether the matrix layouts write the diagonal (always 0: self-ties
        are not written).

    Returns
    -------
    str
        The DL text, which :func:`parse_dl_ties` reads back.

    Raises
    ------
    ParameterError
        An unknown layout, or a layout that cannot hold the network (a half
        of a matrix that is not symmetric, valued ties as ``nodelist1``,
        several relations as a list).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph(); G.add_edge("p1", "p2", frequency=3); G.add_node("p 3")
    >>> print(format_dl(G))
    dl n=3 format=fullmatrix
    labels:
    p1,p2,"p 3"
    data:
    0 3 0
    0 0 0
    0 0 0
    <BLANKLINE>
    >>> H = nx.Graph(); H.add_edge("a", "b", frequency=2); H.add_edge("b", "c", frequency=1)
    >>> print(format_dl(H, layout="lowerhalf", diagonal="absent"))
    dl n=3 format=lowerhalf diagonal=absent
    labels:
    a,b,c
    data:
    2
    0 1
    <BLANKLINE>
    """
    if layout not in DL_LAYOUTS:
        raise ParameterError(f"layout must be one of {', '.join(DL_LAYOUTS)}; {layout!r} was given")
    if diagonal not in ("present", "absent"):
        raise ParameterError(f"diagonal must be one of present, absent; {diagonal!r} was given")
    graphs = dict(G) if isinstance(G, dict) else {None: G}
    if not graphs:
        raise ParameterError("format_dl needs a graph, or a mapping of relation names to graphs")
    nodes = list(dict.fromkeys(v for g in graphs.values() for v in g.nodes))
    attrs = {}
    for g in reversed(list(graphs.values())):
        for v in g.nodes:
            attrs[v] = g.nodes[v]
    if label is None:
        names = [str(v) for v in nodes]
    elif callable(label):
        names = [str(label(v, attrs[v])) for v in nodes]
    else:
        names = [str(attrs[v].get(label, v)) for v in nodes]
    index = {v: i for i, v in enumerate(nodes)}
    matrices = []
    for rel, g in graphs.items():
        matrix = [[0] * len(nodes) for _ in nodes]
        for u, v, d in g.edges(data=True):
            if u == v:
                continue
            value = (d.get(weight, 1) if weight else 1) or 0
            matrix[index[u]][index[v]] = value
            if not g.is_directed():
                matrix[index[v]][index[u]] = value
        matrices.append((rel, matrix))
    n = len(nodes)
    for rel, matrix in matrices:
        where = f" (relation {rel!r})" if rel is not None else ""
        if layout in ("lowerhalf", "upperhalf") and any(matrix[i][j] != matrix[j][i]
                                                         for i in range(n) for j in range(i)):
            raise ParameterError(f"layout={layout} holds a symmetric matrix only; the network{where} has a tie "
                                 "without its reverse or with another value: write fullmatrix")
        if layout == "nodelist1" and any(x not in (0, 1) for row in matrix for x in row):
            raise ParameterError(f"layout=nodelist1 holds binary ties only; the network{where} has valued ties: "
                                 "write edgelist1 or fullmatrix, or weight=None")
    if layout in ("edgelist1", "nodelist1") and len(matrices) > 1:
        raise ParameterError(f"layout={layout} holds one relation; write several as fullmatrix")
    head = f"dl n={n}" + (f" nm={len(matrices)}" if len(matrices) > 1 else "") + f" format={layout}"
    if layout in _MATRIX_LAYOUTS and diagonal == "absent":
        head += " diagonal=absent"
    out = [head, "labels:", ",".join(_quote(s) for s in names)]
    if isinstance(G, dict):
        out += ["matrix labels:", ",".join(_quote(str(r)) for r, _ in matrices)]
    out.append("data:")
    present = diagonal == "present"
    for _rel, matrix in matrices:
        for i, row in enumerate(matrix):
            if layout == "fullmatrix":
                cells = [x for j, x in enumerate(row) if present or j != i]
            elif layout == "lowerhalf":
                cells = row[:i + 1] if present else row[:i]
            elif layout == "upperhalf":
                cells = row[i:] if present else row[i + 1:]
            elif layout == "edgelist1":
                out += [f"{i + 1} {j + 1} {_fmt_number(x)}" for j, x in enumerate(row) if x]
                continue
            else:
                alters = [str(j + 1) for j, x in enumerate(row) if x]
                if alters:
                    out.append(f"{i + 1} " + " ".join(alters))
                continue
            if cells:
                out.append(" ".join(_fmt_number(x) for x in cells))
    return "\n".join(out) + "\n"


def _fmt_number(x) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def write_dl(G, path, *, label=None, weight: str | None = "frequency", layout: str = "fullmatrix",
             diagonal: str = "present") -> Path:
    """Write :func:`format_dl` output to ``path`` (UTF-8) and return the path.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph, or dict of str to graph
        The network (an undirected one is written as a symmetric matrix).
    path : str or path-like
        Where to write.
    label, weight, layout, diagonal
        As for :func:`format_dl`.

    Returns
    -------
    pathlib.Path
        The file written; :func:`read_dl` reads it back.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> G = nx.DiGraph(); G.add_edge("p1", "p2", frequency=3)
    >>> p = write_dl(G, pathlib.Path(tempfile.mkdtemp()) / "net.dl")
    >>> [(r["respondent"], r["alter"], r["frequency"]) for r in read_dl(p, "egov_contact", []).rows]
    [('p1', 'p2', '3')]
    """
    path = Path(path)
    path.write_text(format_dl(G, label=label, weight=weight, layout=layout, diagonal=diagonal), encoding="utf-8")
    return path

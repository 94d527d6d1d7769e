"""UCINET DL text files: read ``fullmatrix`` and ``edgelist1``, write ``fullmatrix``.

The DL ("data language") format is described in the UCINET help, "DL",
and in Borgatti, Everett & Freeman (2002), *Ucinet for Windows: Software
for Social Network Analysis*. A file starts with ``dl n=<nodes>`` and a
``format=`` keyword, may give ``labels:`` (or ``labels embedded``), and
holds the values after ``data:``.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from partnet import schema
from partnet.errors import Problem
from partnet.readers import RawTable, clean_text, decode_bytes, read_limited

__all__ = ["read_dl", "parse_dl", "write_dl", "format_dl"]

_FORMATS = {"fullmatrix": "fullmatrix", "fm": "fullmatrix", "edgelist1": "edgelist1", "el1": "edgelist1"}


class _Unclosed(Exception):
    """A quotation mark opened and never closed."""

    def __init__(self, text: str, line: int | None):
        super().__init__(text)
        self.text, self.line = text, line


def _tokens(text: str, line: int | None = None) -> list[str]:
    """Split on white space and commas, keeping quoted labels whole."""
    lexer = shlex.shlex(text.replace(",", " "), posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    try:
        return list(lexer)
    except ValueError:  # shlex: "No closing quotation"
        raise _Unclosed(text.strip(), line) from None


def read_dl(path: Path, relation: str, problems: list[Problem], display: str | None = None) -> RawTable | None:
    """Read a UCINET DL file into tie rows (respondent, alter, relation, frequency).

    Parameters
    ----------
    path : pathlib.Path
        The ``.dl`` file (UTF-8 with or without BOM, or Windows-1252, as
        for CSV files: see :func:`partnet.readers.decode_bytes`).
    relation : str
        Relation name given to every tie.
    problems : list of Problem
        Problems found are appended here.
    display : str, optional
        File name used in problems; default the file's name.

    Returns
    -------
    RawTable or None
        See :func:`parse_dl`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ties.dl"
    >>> _ = p.write_text("dl n=2 format=edgelist1\\r\\nlabels:\\r\\np1,p2\\r\\ndata:\\r\\n1 2 4\\r\\n")
    >>> read_dl(p, "egov_contact", []).rows
    [{'respondent': 'p1', 'alter': 'p2', 'relation': 'egov_contact', 'frequency': '4'}]
    """
    display = display or path.name
    data = read_limited(path, problems, display, what="a DL file")
    if data is None:
        return None
    text = decode_bytes(data, display, problems)
    if text is None:
        return None
    return parse_dl(text, relation, display, problems)


def parse_dl(text: str, relation: str, file: str, problems: list[Problem]) -> RawTable | None:
    """Parse DL text into tie rows.

    Parameters
    ----------
    text : str
        The file's text.
    relation : str
        Relation name given to every tie (DL files hold one relation).
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
        cannot be read.

    Notes
    -----
    Supported: one-mode data (``n=``), one matrix, ``format=fullmatrix``
    (``fm``) and ``format=edgelist1`` (``el1``), labels in a ``labels:``
    section or ``labels embedded`` (the first data line of a full matrix
    holds column labels and each row starts with its label; in an edge
    list the two ends are labels). In a full matrix, 0 means no tie and
    the diagonal is ignored by UCINET, so a non-zero diagonal is passed on
    as a self-tie for validation to report. In an edge list a missing value
    means 1. Two-mode (``nr=``, ``nc=``) and multi-matrix (``nm=``) files are
    refused with ``unsupported-dl``. Control characters (Word's line break,
    a bell) are cleaned out of the labels as in CSV files
    (:func:`partnet.readers.clean_text`; TAB stays a separator), with one
    ``control-characters`` warning naming the lines.

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
    text = _clean_dl(text, file, problems)
    try:
        return _parse_dl(text, relation, file, problems)
    except _Unclosed as exc:
        problems.append(Problem("invalid-dl", file, "a quotation mark is opened and never closed", row=exc.line,
                                value=exc.text[:60], expected='labels quoted in pairs, e.g. "Ada Quint"'))
        return None


def _clean_dl(text: str, file: str, problems: list[Problem]) -> str:
    """The DL text with control characters cleaned (TAB kept: it separates values); one warning for the file."""
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


def _parse_dl(text: str, relation: str, file: str, problems: list[Problem]) -> RawTable | None:
    lines = text.split("\n")
    # Find "data:" (the header may span lines; keywords are case-insensitive).
    data_at = next((i for i, ln in enumerate(lines) if re.match(r"\s*data\s*:", ln, re.I)), None)
    if data_at is None:
        problems.append(Problem("invalid-dl", file, "no 'data:' line", expected="a DL file with a 'data:' section"))
        return None
    header = " ".join(lines[:data_at])
    data_first = re.sub(r"^\s*data\s*:", "", lines[data_at], flags=re.I)
    if not re.match(r"\s*dl\b", header, re.I):
        problems.append(Problem("invalid-dl", file, "the file does not start with 'dl'", row=1, expected="dl n=..."))
        return None
    keys = {k.lower(): v for k, v in re.findall(r"\b(\w+)\s*=\s*([^\s,]+)", header)}
    if any(k in keys for k in ("nr", "nc", "nm")):
        problems.append(
            Problem("unsupported-dl", file, "two-mode or multi-matrix DL files are not supported", row=1,
                    expected="one-mode data with n=")
        )
        return None
    try:
        n = int(keys.get("n", ""))
    except ValueError:
        problems.append(Problem("invalid-dl", file, "the header does not give the number of nodes", row=1,
                                value=keys.get("n"), expected="n=<whole number>"))
        return None
    fmt = _FORMATS.get(keys.get("format", "fullmatrix").lower())
    if fmt is None:
        problems.append(Problem("unsupported-dl", file, "unsupported DL format", row=1, value=keys.get("format"),
                                expected="fullmatrix or edgelist1"))
        return None
    embedded = bool(re.search(r"labels\s+embedded", header, re.I))
    labels = None
    m = re.search(r"\b(?:row\s+)?labels\s*:(.*)$", header, re.I | re.S)
    if m:
        labels = _tokens(m.group(1))
        if len(labels) != n:
            problems.append(Problem("invalid-dl", file, f"the labels section names {len(labels)} nodes but n={n}",
                                    expected=f"{n} labels"))
            return None
    table = RawTable(file=file, columns=list(schema.columns("ties")), cell_columns=[])
    data_lines = [(data_at + 1, data_first)] + [(i + 1, ln) for i, ln in enumerate(lines) if i > data_at]
    data_lines = [(no, ln) for no, ln in data_lines if ln.strip()]

    def add(a: str, b: str, value: str, line: int, col: str) -> None:
        table.rows.append({"respondent": a, "alter": b, "relation": relation, "frequency": value})
        table.lines.append(line)
        table.cell_columns.append(col)

    if fmt == "edgelist1":
        for line, ln in data_lines:
            toks = _tokens(ln, line)
            if len(toks) not in (2, 3):
                problems.append(Problem("invalid-dl", file, "an edge list line needs two ends and an optional value",
                                        row=line, value=ln.strip()))
                continue
            a, b = toks[0], toks[1]
            if not embedded:
                a, b = _by_number(a, labels, n, file, line, problems), _by_number(b, labels, n, file, line, problems)
                if a is None or b is None:
                    continue
            add(a, b, toks[2] if len(toks) == 3 else "1", line, "value")
        return table

    # Full matrix.
    if embedded:
        if not data_lines:
            return table
        labels = _tokens(data_lines[0][1], data_lines[0][0])
        data_lines = data_lines[1:]
    if labels is None:
        labels = [str(i) for i in range(1, n + 1)]
    rows_seen = 0
    for line, ln in data_lines:
        if rows_seen >= n:
            problems.append(Problem("invalid-dl", file, f"more than n={n} matrix rows", row=line))
            break
        toks = _tokens(ln, line)
        row_label = toks.pop(0) if embedded and toks else labels[rows_seen]
        if len(toks) != n:
            problems.append(Problem("invalid-dl", file, f"a matrix row has {len(toks)} values", row=line,
                                    expected=f"{n} values"))
        for j, value in enumerate(toks[:n]):
            if value not in ("0", "0.0"):
                add(row_label, labels[j], value, line, labels[j])
        rows_seen += 1
    if rows_seen < n:
        problems.append(Problem("invalid-dl", file, f"the matrix has {rows_seen} rows", expected=f"n={n} rows"))
    return table


def _by_number(token: str, labels, n: int, file: str, line: int, problems: list[Problem]):
    try:
        k = int(token)
    except ValueError:
        if labels is not None and token in labels:
            return token
        problems.append(Problem("invalid-dl", file, "an edge list end is neither a node number nor a label",
                                row=line, value=token, expected=f"1..{n}"))
        return None
    if not 1 <= k <= n:
        problems.append(Problem("invalid-dl", file, "a node number is out of range", row=line, value=token,
                                expected=f"1..{n}"))
        return None
    return labels[k - 1] if labels is not None else token


def _quote(label: str) -> str:
    if re.search(r'[\s,"]', label) or not label:
        return '"' + label.replace('"', "'") + '"'
    return label


def format_dl(G, *, label=None, weight: str | None = "frequency") -> str:
    """A directed graph as UCINET DL text, ``format=fullmatrix`` with labels.

    Parameters
    ----------
    G : networkx.DiGraph
        The network; node order is ``G``'s.
    label : callable or str or None
        Node label: a function of ``(node, attrs)``, a node attribute name,
        or None for the node itself.
    weight : str or None
        Edge attribute written as the cell value (missing -> 1); None writes
        a binary matrix.

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
    """
    nodes = list(G.nodes)
    if label is None:
        names = [str(v) for v in nodes]
    elif callable(label):
        names = [str(label(v, G.nodes[v])) for v in nodes]
    else:
        names = [str(G.nodes[v].get(label, v)) for v in nodes]
    index = {v: i for i, v in enumerate(nodes)}
    matrix = [[0] * len(nodes) for _ in nodes]
    for u, v, d in G.edges(data=True):
        if u != v:
            matrix[index[u]][index[v]] = (d.get(weight, 1) if weight else 1) or 0
    out = [f"dl n={len(nodes)} format=fullmatrix", "labels:", ",".join(_quote(n) for n in names), "data:"]
    out += [" ".join(_fmt_number(x) for x in row) for row in matrix]
    return "\n".join(out) + "\n"


def _fmt_number(x) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def write_dl(G, path, *, label=None, weight: str | None = "frequency") -> Path:
    """Write :func:`format_dl` output to ``path`` (UTF-8) and return the path.

    Parameters
    ----------
    G : networkx.DiGraph
        The network.
    path : str or path-like
        Where to write.
    label, weight
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
    path.write_text(format_dl(G, label=label, weight=weight), encoding="utf-8")
    return path

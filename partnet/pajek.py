"""Pajek network files (``.net``) and projects (``.paj``): read into tie rows.

The format is Pajek's, described in Batagelj & Mrvar's *Pajek: Program for
Analysis and Visualization of Large Networks, Reference Manual* (University
of Ljubljana; "Data objects", networks) and on the Pajek wiki's "Pajek
format" page: a network lists its vertices after ``*Vertices n``, one line
a vertex (number, label, then optional coordinates and drawing
attributes), and its lines after ``*Arcs`` (directed, ``from to [value]``),
``*Edges`` (undirected), ``*Arcslist`` / ``*Edgeslist`` (a vertex, then
the vertices it is tied to) or ``*Matrix`` (n rows of n values, arcs). A
project file (``.paj``) holds several objects, each network after a
``*Network <title>`` line, beside partitions (``*Partition``), vectors
(``*Vector``), permutations, clusters and hierarchies, which are skipped.

Rules partnet reads by:

* Section words ignore case (``*vertices``, ``*ARCS``) and may be
  shortened as Pajek allows (``*Vertex``, ``*Arc``, ``*Edge``). Lines
  starting with ``%`` are comments; text before the first section (a
  title line) is skipped. CRLF line ends, a byte-order mark and a missing
  final newline are read.
* A vertex's label is its second field, quoted when it holds spaces
  (``1 "Ada Quint" 0.1 0.2 box``); what follows it is drawing detail and is
  ignored. A vertex without a line is named by its number. Labels name
  people, so two vertices with one label (ignoring case) are a
  ``duplicate-label`` error.
* A line's value is its third field (missing: 1); Pajek's line attributes
  after it (``c Blue``, ``w 2``, ``l "label"``) are ignored. A value of 0
  is no tie, as in a matrix. Values are whole numbers (int); a fraction is a
  ``non-integer-value`` error, anything else an ``invalid-tie-value``.
* Relations: several relations of one network are numbered, in the
  section line (``*Arcs :2 "Business"``, ``*Matrix :1 "Marital"``) or at
  the start of a line (``2: 4 7``). A relation is named by its label, else
  (one network) the ``relation`` given by the caller for lines without a
  number and ``<relation>_<k>`` for relation ``k``. In a project of several
  networks, each network's unnumbered lines are the relation named by its
  ``*Network`` title. Vertices of all networks are matched by label.
* Direction: a relation given by ``*Edges`` / ``*Edgeslist`` only is
  undirected (``TieFile.directed`` False) and each edge is two tie rows,
  one each way; one given by ``*Arcs``, ``*Arcslist`` or ``*Matrix`` is
  directed. A relation with both arcs and edges is directed, an edge
  standing for a reciprocated pair (two rows) -- except that an edge whose
  pair is also an arc of the relation (either way round) adds nothing: the
  arc gives the tie and its direction, and one ``edge-repeats-arc``
  warning counts such edges. This is how UCINET's Campnet comes back from
  socnetv's ``Campnet.paj``, which lists 9 arcs again as edges: 16 arcs +
  2 x 19 edges = 54 arcs, every out-degree 3 (see
  ``tests/fixtures/ucinet/SOURCES.md``).
* Loops (a vertex tied to itself) are passed on, for the case's
  ``self-tie`` rule; lines listed twice are passed on, for its
  ``duplicate-tie`` and ``conflicting-tie`` rules.
* Refused: two-mode networks (``*Vertices n n1``) and hypergraphs or time
  events, with ``unsupported-pajek``, since a case holds one-mode ties
  between people.

References
----------
Batagelj, V. and Mrvar, A. *Pajek: Program for Analysis and Visualization
of Large Networks. Reference Manual*. University of Ljubljana,
http://mrvar.fdv.uni-lj.si/pajek/.
de Nooy, W., Mrvar, A. and Batagelj, V. (2011). *Exploratory Social Network
Analysis with Pajek* (2nd ed.). Cambridge University Press.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from partnet.dl import TieFile, clean_control_characters, tie_value, trim_problems
from partnet.errors import Problem, nearest
from partnet.readers import read_text

__all__ = ["read_pajek", "parse_pajek"]

#: Sections of a project that are not networks; their lines (and their own ``*Vertices``) are skipped.
_SKIPPED = ("partition", "vector", "permutation", "cluster", "hierarchy")
_REFUSED = ("events", "hyperedges", "hyperarcs", "twomode")
_SECTIONS = ("network", "vertices", "arcs", "edges", "arcslist", "edgeslist", "matrix") + _SKIPPED
#: Pajek's line attributes (drawing details that may follow, or stand in for, a line's value).
_LINE_ATTRIBUTES = {"w", "c", "p", "s", "a", "ap", "l", "lp", "lr", "lphi", "lc", "la", "lw", "fos", "font",
                    "h1", "h2", "a1", "a2", "k1", "k2"}
#: Section words as Pajek also writes them.
_SHORT_FORMS = {"vertices": ("vertex", "verts"), "arcs": ("arc",), "edges": ("edge",), "arcslist": ("arclist",),
                "edgeslist": ("edgelist",), "matrix": (), "network": ("net",)}
_FIELD = re.compile(r'"([^"]*)"|(\S+)')
_RELATION_HEAD = re.compile(r'^:\s*(\d+)\s*(?:"([^"]*)"|(\S.*?))?\s*$')


def _section(word: str) -> str | None:
    """The section a ``*word`` opens, Pajek's short forms included."""
    w = word.casefold()
    for full, forms in _SHORT_FORMS.items():
        if w == full or w in forms:
            return full
    for name in _SKIPPED + _REFUSED:
        if w.startswith(name):
            return name
    return None


@dataclass
class _Block:
    kind: str
    key: int | None
    name: str | None
    line: int
    items: list = field(default_factory=list)  # (relation key, from, to, value text, line)
    values: list = field(default_factory=list)  # *Matrix: (text, line)


@dataclass
class _Net:
    title: str | None
    line: int
    n: int | None = None
    labels: dict = field(default_factory=dict)  # vertex number -> label
    lines: dict = field(default_factory=dict)  # vertex number -> line of the file
    blocks: list = field(default_factory=list)


def _fields(text: str, line: int, file: str, problems: list[Problem]) -> list[str] | None:
    out = []
    for m in _FIELD.finditer(text):
        quoted, plain = m.groups()
        if plain is not None and plain.startswith('"'):
            problems.append(Problem("invalid-pajek", file, "a quotation mark is opened and never closed", row=line,
                                    value=text.strip()[:60], expected='labels quoted in pairs, e.g. "Ada Quint"'))
            return None
        out.append(quoted if quoted is not None else plain)
    return out


def read_pajek(path: Path, relation: str, problems: list[Problem], display: str | None = None) -> TieFile | None:
    """Read a Pajek network (``.net``) or project (``.paj``) into tie rows, nodes and relations.

    Parameters
    ----------
    path : pathlib.Path
        The file (UTF-8 with or without BOM, or Windows-1252, as for CSV
        files: see :func:`partnet.readers.decode_bytes`).
    relation : str
        Name of the relation of lines without a relation number.
    problems : list of Problem
        Problems found are appended here.
    display : str, optional
        File name used in problems; default the file's name.

    Returns
    -------
    partnet.dl.TieFile or None
        See :func:`parse_pajek`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ties.net"
    >>> text = '*Vertices 3\\r\\n1 "Ada Quint"\\r\\n2 "Bo"\\r\\n3 "Cy"\\r\\n*Edges\\r\\n1 2 4\\r\\n*Arcs\\r\\n3 1'
    >>> _ = p.write_bytes(text.encode())
    >>> tf = read_pajek(p, "contact", [])
    >>> tf.arcs(), tf.directed, tf.from_edge
    ([('Ada Quint', 'Bo', 4), ('Bo', 'Ada Quint', 4), ('Cy', 'Ada Quint', 1)], {'contact': True}, [True, True, False])
    """
    display = display or path.name
    text = read_text(path, problems, display, what="a Pajek file")
    if text is None:
        return None
    return parse_pajek(text, relation, display, problems)


def parse_pajek(text: str, relation: str, file: str, problems: list[Problem]) -> TieFile | None:
    """Parse Pajek text (a ``.net`` network or a ``.paj`` project) into tie rows.

    Parameters
    ----------
    text : str
        The file's text.
    relation : str
        Name of the relation of lines without a relation number (in a
        project of several networks: of a network without a title).
    file : str
        Display name for problems.
    problems : list of Problem
        Problems found are appended here (see the module's rules).

    Returns
    -------
    partnet.dl.TieFile or None
        ``layout`` ``"pajek"``; ``table`` the tie rows (respondent, alter,
        relation, frequency), the ends being vertex labels;
        ``nodes`` every vertex's label; ``relations`` and, per relation,
        ``directed`` (False for edges only), ``symmetric`` and ``binary``;
        ``from_edge`` marks the rows that came from an edge; ``title`` the
        first ``*Network`` title. None when the file is not a Pajek network
        (no ``*Vertices``), holds a two-mode network or a hypergraph
        (``unsupported-pajek``), or a section is out of place.

    Examples
    --------
    >>> net = '''*Network Florentine families
    ... *Vertices 3
    ... 1 "Medici" 0.1 0.2
    ... 2 "Albizzi"
    ... 3 "Strozzi"
    ... *Matrix :1 "Marital"
    ... 0 1 0
    ... 1 0 1
    ... 0 1 0
    ... *Edgeslist :2 "Business"
    ... 1 2 3'''
    >>> tf = parse_pajek(net, "ties", "ties.paj", [])
    >>> tf.relations, tf.directed, tf.symmetric
    (['Marital', 'Business'], {'Marital': True, 'Business': False}, {'Marital': True, 'Business': True})
    >>> tf.arcs("Marital")
    [('Medici', 'Albizzi', 1), ('Albizzi', 'Medici', 1), ('Albizzi', 'Strozzi', 1), ('Strozzi', 'Albizzi', 1)]
    >>> tf.title, len(tf.arcs("Business"))
    ('Florentine families', 4)
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = clean_control_characters(text, file, problems)
    found: list[Problem] = []
    networks = _read_sections(text, file, found)
    tf = None if networks is None else _ties(networks, relation, file, found)
    problems.extend(trim_problems(found))
    return tf


def _read_sections(text: str, file: str, problems: list[Problem]) -> list[_Net] | None:
    """The networks of the file, their vertices and their blocks of lines, as written."""
    networks: list[_Net] = []
    net: _Net | None = None
    block: _Block | None = None
    mode: str | None = None
    failed = False

    def bad(message, line, **kw):
        problems.append(Problem("invalid-pajek", file, message, row=line, **kw))

    for no, raw in enumerate(text.split("\n"), start=1):
        s = raw.strip()
        if not s or s.startswith("%"):
            continue
        if s.startswith("*"):
            word, _, rest = s[1:].partition(" ")
            if "\t" in word:
                word, _, more = word.partition("\t")
                rest = more + " " + rest
            rest = rest.strip()
            kind = _section(word)
            block = None
            if kind == "network":
                net = _Net(title=rest.strip('"').strip() or None, line=no)
                networks.append(net)
                mode = None
            elif kind in _SKIPPED:
                mode = "skip"
            elif kind == "vertices" and mode == "skip":
                continue  # a partition's or vector's own *Vertices
            elif kind == "vertices":
                counts = rest.split()
                if net is None or net.n is not None:
                    net = _Net(title=None, line=no)
                    networks.append(net)
                if len(counts) > 1:
                    problems.append(Problem("unsupported-pajek", file, f"'*Vertices {rest}' declares a two-mode "
                                            f"network ({counts[1]} vertices of one kind, the rest of another); a "
                                            "case holds ties between people", row=no, value=s[:60],
                                            expected="*Vertices <number of people>"))
                    return None
                if not counts or not counts[0].isdigit():
                    bad("*Vertices must give the number of vertices", no, value=s[:60], expected="*Vertices <n>")
                    return None
                net.n = int(counts[0])
                mode = "vertices"
            elif kind in ("arcs", "edges", "arcslist", "edgeslist", "matrix"):
                if net is None or net.n is None:
                    bad(f"*{word} comes before *Vertices", no, value=s[:60], expected="*Vertices <n> first")
                    return None
                key, name = None, None
                if rest:
                    m = _RELATION_HEAD.match(rest)
                    if m is None:
                        bad(f"*{word} is followed by something that is not a relation", no, value=rest[:60],
                            expected=f'*{word}, or *{word} :<relation number> "<relation name>"')
                        failed = True
                    else:
                        key, name = int(m.group(1)), (m.group(2) if m.group(2) is not None else m.group(3))
                block = _Block(kind, key, name, no)
                net.blocks.append(block)
                mode = kind
            elif kind in _REFUSED:
                problems.append(Problem("unsupported-pajek", file, f"*{word}: hypergraphs, two-mode and "
                                        "time-event networks cannot be a case's ties", row=no, value=s[:60],
                                        expected="*Vertices, *Arcs, *Edges, *Arcslist, *Edgeslist or *Matrix"))
                return None
            else:
                bad("not a Pajek section", no, value=s[:60],
                    expected="*Network, *Vertices, *Arcs, *Edges, *Arcslist, *Edgeslist or *Matrix",
                    suggestion=tuple("*" + x.capitalize() for x in nearest(word.casefold(), _SECTIONS, n=1)))
                mode, failed = "skip", True
            continue
        if mode is None:
            if net is None and not networks:
                continue  # a title or note before the first section
            bad("a line outside any section", no, value=s[:60], expected="a line after *Vertices, *Arcs, ...")
            failed = True
            continue
        if mode == "skip":
            continue
        fields = _fields(s, no, file, problems)
        if fields is None:
            failed = True
            continue
        if mode == "vertices":
            failed |= not _vertex(net, fields, no, s, file, problems)
        elif mode == "matrix":
            block.values += [(f, no) for f in fields]
        else:
            failed |= not _line(net, block, fields, no, s, file, problems)
    if not networks or all(n.n is None for n in networks):
        problems.append(Problem("invalid-pajek", file, "no *Vertices line: not a Pajek network", row=1,
                                expected="*Vertices <n>, then the vertices and *Arcs or *Edges"))
        return None
    return None if failed else networks


def _vertex(net: _Net, fields: list[str], no: int, s: str, file: str, problems: list[Problem]) -> bool:
    try:
        k = int(fields[0])
    except ValueError:
        k = 0
    if not 1 <= k <= net.n:
        problems.append(Problem("invalid-pajek", file, "a vertex line must start with the vertex's number",
                                row=no, value=s[:60], expected=f"1..{net.n}, then the label"))
        return False
    if k in net.labels:
        problems.append(Problem("invalid-pajek", file, f"vertex {k} is listed twice", row=no, value=s[:60],
                                expected="one line a vertex"))
        return False
    net.labels[k] = fields[1] if len(fields) > 1 else str(k)
    net.lines[k] = no
    return True


def _number(text: str, n: int) -> int | None:
    try:
        k = int(text)
    except ValueError:
        return None
    return k if 1 <= k <= n else None


def _line(net: _Net, block: _Block, fields: list[str], no: int, s: str, file: str,
          problems: list[Problem]) -> bool:
    key = block.key
    m = re.fullmatch(r"(\d+):", fields[0])
    if m:
        key = int(m.group(1))
        fields = fields[1:]
    elif re.fullmatch(r"\d+:\d+", fields[0]):  # "2:4 7": the relation glued to the first vertex
        head, _, first = fields[0].partition(":")
        key, fields = int(head), [first] + fields[1:]
    ends = []
    listed = fields if block.kind in ("arcslist", "edgeslist") else fields[:2]
    for f in listed:
        k = _number(f, net.n)
        if k is None:
            problems.append(Problem("invalid-pajek", file, "a line must name vertices by their numbers", row=no,
                                    value=f[:60], expected=f"a vertex number 1..{net.n}"))
            return False
        ends.append(k)
    if len(ends) < 2 and block.kind in ("arcs", "edges"):
        problems.append(Problem("invalid-pajek", file, "a line needs two vertices and an optional value", row=no,
                                value=s[:60], expected="<from> <to> [value]"))
        return False
    if block.kind in ("arcslist", "edgeslist"):
        block.items += [(key, ends[0], b, "1", no) for b in ends[1:]]
        return True
    value = "1"
    if len(fields) > 2:
        third = fields[2]
        if third.casefold() in _LINE_ATTRIBUTES:
            value = "1"
        else:
            value = third
    block.items.append((key, ends[0], ends[1], value, no))
    return True


def _ties(networks: list[_Net], relation: str, file: str, problems: list[Problem]) -> TieFile:
    tf = TieFile.empty(file, "pajek")
    tf.title = next((net.title for net in networks if net.title), None)
    by_key: dict[str, str] = {}  # label folded -> label as first written
    several = len(networks) > 1
    for index, net in enumerate(networks, start=1):
        if net.n is None:
            continue
        # vertices: one node a label (ignoring case), in vertex order
        seen: dict[str, int] = {}
        names = {}
        for k in range(1, net.n + 1):
            label = net.labels.get(k, str(k))
            folded = label.casefold()
            if folded in seen:
                problems.append(Problem("duplicate-label", file, f"vertices {seen[folded]} and {k} have one label "
                                        "(ignoring case); a label names one person", row=net.lines.get(k),
                                        value=label, expected="a different label for each vertex",
                                        suggestion=()))
            seen.setdefault(folded, k)
            if folded not in by_key:
                by_key[folded] = label
                tf.nodes.append(label)
            names[k] = by_key[folded]
        base = (net.title or f"{relation}_{index}") if several else relation
        rel_names: dict[int | None, str] = {}
        for b in net.blocks:
            if b.key is not None and b.name:
                rel_names.setdefault(b.key, b.name)
        for b in net.blocks:
            for key in {b.key} | {item[0] for item in b.items}:
                rel_names.setdefault(key, base if key is None else f"{base}_{key}")
        for b in net.blocks:
            if b.kind == "matrix":
                _matrix_items(net, b, file, problems)
        # which relations have arcs, which edges; the arc pairs (for the edge-repeats-arc rule)
        arcs: dict[str, set] = {}
        kinds: dict[str, set] = {}
        for b in net.blocks:
            undirected = b.kind in ("edges", "edgeslist")
            for key in {b.key} | {item[0] for item in b.items}:
                kinds.setdefault(rel_names[key], set()).add("edge" if undirected else "arc")
            if not undirected:
                for key, u, v, text, _no in b.items:
                    if _nonzero(text):
                        arcs.setdefault(rel_names[key], set()).add((u, v))
        for rel, k in kinds.items():
            if rel not in tf.relations:
                tf.relations.append(rel)
            tf.directed[rel] = tf.directed.get(rel, False) or "arc" in k
        repeated: dict[str, list[int]] = {}
        for b in net.blocks:
            undirected = b.kind in ("edges", "edgeslist")
            for key, u, v, text, no in b.items:
                rel = rel_names[key]
                if undirected and _nonzero(text) and ({(u, v), (v, u)} & arcs.get(rel, set())):
                    repeated.setdefault(rel, []).append(no)
                    continue
                col = names[v] if b.kind == "matrix" else "value"
                value = tie_value(text, file, problems, row=no, column=col)
                if value is None or value == 0:
                    continue
                tf.add(names[u], names[v], rel, value, no, col, edge=undirected)
                if undirected and u != v:
                    tf.add(names[v], names[u], rel, value, no, col, edge=True)
        for rel, lines in repeated.items():
            problems.append(Problem("edge-repeats-arc", file, f"{len(lines)} edge line{'s' if len(lines) != 1 else ''}"
                                    f" of relation {rel!r} repeat a pair that is also an arc; each is read as that "
                                    "arc alone (the arc gives the tie and its direction), not as a reciprocated pair",
                                    row=lines[0], severity="warning"))
    return tf.finish()


def _nonzero(text: str) -> bool:
    """False for a value that reads as 0 (no tie); True otherwise (a bad value is reported later)."""
    try:
        return float(text) != 0
    except ValueError:
        return True


def _matrix_items(net: _Net, b: _Block, file: str, problems: list[Problem]) -> None:
    """A ``*Matrix`` block's values as lines ``(key, from, to, value, line)``: n rows of n, zeros included."""
    n = net.n
    if len(b.values) != n * n:
        lines: dict[int, int] = {}
        for _text, no in b.values:
            lines[no] = lines.get(no, 0) + 1
        odd = next((no for no, c in lines.items() if c != n), None)
        problems.append(Problem("invalid-pajek", file, f"*Matrix holds {len(b.values)} values; {n} vertices need "
                                f"{n} rows of {n}; no tie of this matrix is read",
                                row=odd if odd is not None else b.line,
                                value=str(lines[odd]) if odd is not None else None,
                                expected=f"{n} values a row"))
        return
    for idx, (text, no) in enumerate(b.values):
        i, j = divmod(idx, n)
        b.items.append((b.key, i + 1, j + 1, text, no))

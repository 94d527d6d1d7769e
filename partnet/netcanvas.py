"""Network Canvas interviews, read from the CSV export, as the ties of a case.

Researchers may collect the roster questionnaire with Network Canvas
(Complex Data Collective) instead of a survey tool: each interview
(a *session*) has one respondent (the *ego*) who names the people they deal
with (the *alters*, nodes of one node type) and answers questions about
each of them (the alters' variables). :func:`read_network_canvas` reads
the CSV export of any number of sessions against a case's roster and
relation and gives a :class:`partnet.survey.SurveyTies` (``source``
``"network-canvas"``), which ``partnet import-survey`` writes as the case's
``ties.csv`` (:func:`partnet.importing.write_ties`).

Exporting from Network Canvas
-----------------------------
In Interviewer, open *Manage and Export Session Data* (the *Manage or
Export Sessions* card of the start screen), select the sessions, choose
*Export Selected To File* and tick CSV (GraphML is not read here); save the
``.zip`` Interviewer writes. In Fresco, export from the interviews page of
the dashboard. Give partnet the ``.zip`` as it is, or the folder it was
unpacked into. (Network Canvas documentation, "Data Export",
https://documentation.networkcanvas.com/en/desktop/key-concepts/data-export;
ideanet's vignette "Reading Network Canvas Data",
https://cran.r-project.org/web/packages/ideanet/vignettes/nc_read.html.)

The layout read
---------------
Checked against the exporter's source, complexdatacollective/network-exporters
at commit ``709cba430fb6a8bf35971f105149d4753252df38`` (the exporter of
Interviewer 6; the commit Interviewer pins, ``468d4e50``, writes the same
files): ``src/utils/general.js`` (``getFilePrefix``, ``makeFilename``),
``src/formatters/csv/ego-list.js``, ``attribute-list.js``, ``edge-list.js``,
``csv.js``, ``src/formatters/network.js`` (``resequenceIds``,
``processEntityVariables``) and ``src/utils/reservedAttributes.js``. Per
session, named ``<caseID>_<sessionID>_`` and then:

``ego.csv``
    ``networkCanvasEgoUUID``, ``networkCanvasCaseID``,
    ``networkCanvasSessionID``, ``networkCanvasProtocolName``,
    ``sessionStart``, ``sessionFinish``, ``sessionExported``, then the ego's
    variables by name.
``attributeList_<NodeType>.csv``
    ``nodeID``, ``networkCanvasEgoUUID``, ``networkCanvasUUID``, then the
    node type's variables by name (a categorical variable as one
    ``<name>_<option>`` column of ``true``/``false`` per option, a layout
    as ``<name>_x`` and ``<name>_y``).
``edgeList_<EdgeType>.csv``
    ``edgeID``, ``from``, ``to``, ``networkCanvasEgoUUID``,
    ``networkCanvasUUID``, ``networkCanvasSourceUUID``,
    ``networkCanvasTargetUUID``, then the edge type's variables.

``nodeID``, ``edgeID``, ``from`` and ``to`` restart at 1 in every session,
so partnet never matches anything by them: rows are joined to their session
by ``networkCanvasEgoUUID`` and edges to their nodes by the two UUIDs. The
"merge sessions" export (one ``<protocol>_ego.csv`` with a row per session)
is read the same way. The newer exporter of Fresco and Interviewer 7
(complexdatacollective/network-canvas-monorepo,
``packages/network-exporters``) keeps these columns, adds ``APP_VERSION``,
``COMMIT_HASH`` and ``networkCanvasInterviewLocale`` to the ego file, keeps
spaces in type names and writes ``'`` before a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return; partnet reads columns by
name and takes that ``'`` off again.

What partnet reads
------------------
- **The respondent** of a session is the roster person its case ID names
  (Interviewer asks for the case ID when a session starts): a
  ``person_id`` or a name, matched as :class:`partnet.validate.PersonResolver`
  matches names everywhere in partnet (:func:`partnet.validate.name_key`:
  case, accents, spacing, apostrophes and "Surname, First" ignored).
  ``ego="<variable>"`` matches an ego variable instead (the respondent's
  name, asked in the interview). Sessions are read in interview order
  (``sessionStart``); a later session of a respondent already read is a
  ``duplicate-session`` error.
- **The alters** are the nodes of one node type (``node_type``; by default
  the only one the export holds), matched by their ``name`` variable
  (``name=``) the same way, and never by ``nodeID``: the same person named
  in two sessions is one person of the roster, whatever their ``nodeID``
  and UUID in each.
- **The ties** are the respondent's own nominations: ego -> each alter.
  Network Canvas keeps what ego says about their tie to an alter on the
  alter: ego is no node, an edge joins two nodes (``edge-list.js``), and
  the Data Export documentation's alter attribute list holds such
  variables (``close_friend``, ``contact_frequency``). So the tie's value
  is an alter variable (``value=``; by default the variable named after the relation,
  or ``frequency``), read on the relation's scale: a whole number, a
  frequency label (``yearly`` .. ``daily``), ``true``/``false`` on a binary
  scale, or what ``labels=`` maps it to. A binary relation without such a
  variable has a tie to every alter.
- **Edges between alters** (``edgeList``) are ego's view of ties between
  other people, not the respondent's own ties, and partnet's ties are what
  each respondent reports about themselves (``nonrespondents=`` and the
  ``responded`` flags rest on that). They are not read and an
  ``alter-ties-ignored`` warning counts them, unless the relation is
  explicitly about them: ``edge_type=`` reads that edge type's edges as the
  ties, between the two alters, of an undirected relation (Network Canvas
  edges have no direction); several sessions reporting one pair give one tie.
- **Respondents** are the matched egos with a tie read, or whose session was
  finished (``sessionFinish`` set): a finished interview naming nobody is an
  answer. Everyone else on the roster is a non-respondent.
- ``rows`` of the result stays empty: an export has one file per session,
  so there is no one line per respondent; every problem names its file and
  line.

Every problem is a :class:`partnet.errors.Problem` with its file (``x.zip:member``
inside an archive), line, column, value and the nearest valid value; the
codes are ``not-network-canvas``, ``missing-file`` (a session's ego file),
``missing-column``, ``unknown-person``, ``ambiguous-name``,
``duplicate-session``, ``unknown-node-type``, ``unknown-edge-type``,
``unmapped-value``, ``blank-value``, ``self-tie``, ``duplicate-tie``,
``conflicting-tie``, ``label-mismatch`` (an edge end that is no node of the
type), ``alter-ties-ignored``, and the reading ones of
:mod:`partnet.readers` (``archive-limit``, ``file-too-large``,
``encoding``, ...).
"""

from __future__ import annotations

import os
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from partnet import schema
from partnet._archive import entry_count, member_problem, read_member, size_text
from partnet.errors import ParameterError, Problem, check_choice, nearest
from partnet.readers import (
    MAX_ZIP_MEMBER_BYTES,
    MAX_ZIP_MEMBERS,
    MAX_ZIP_RATIO,
    MAX_ZIP_TOTAL_BYTES,
    ZIP_RATIO_GRACE_BYTES,
    RawTable,
    decode_bytes,
    normalise_header,
    parse_csv,
    read_csv,
)
from partnet.survey import SurveyTies, answer_key, answer_value, read_answers
from partnet.validate import PersonResolver

__all__ = ["read_network_canvas", "EGO_COLUMNS", "NODE_COLUMNS", "EDGE_COLUMNS", "MAX_EXPORT_FILES"]

#: The exporter's own columns of ``<caseID>_<sessionID>_ego.csv``, in its order
#: (``ego-list.js``); the ego's variables follow.
EGO_COLUMNS = ("networkCanvasEgoUUID", "networkCanvasCaseID", "networkCanvasSessionID", "networkCanvasProtocolName",
               "sessionStart", "sessionFinish", "sessionExported")
#: The exporter's own columns of ``..._attributeList_<NodeType>.csv`` (``attribute-list.js``).
NODE_COLUMNS = ("nodeID", "networkCanvasEgoUUID", "networkCanvasUUID")
#: The exporter's own columns of ``..._edgeList_<EdgeType>.csv`` (``edge-list.js``).
EDGE_COLUMNS = ("edgeID", "from", "to", "networkCanvasEgoUUID", "networkCanvasUUID", "networkCanvasSourceUUID",
                "networkCanvasTargetUUID")
#: Columns the newer exporter adds to the ego file (network-canvas-monorepo ``export-process.ts``).
_NEWER_EGO_COLUMNS = ("APP_VERSION", "COMMIT_HASH", "networkCanvasInterviewLocale", "networkCanvasFinishOutcome")

#: Most CSV files read from one export folder: 10,000, the limit of members of a ZIP archive
#: (:data:`partnet.readers.MAX_ZIP_MEMBERS`). An export has three or four files a session; 10,000
#: is some 2,500 interviews, more than any roster study holds.
MAX_EXPORT_FILES = MAX_ZIP_MEMBERS

_EGO = normalise_header("networkCanvasEgoUUID")
_CASE = normalise_header("networkCanvasCaseID")
_START = normalise_header("sessionStart")
_FINISH = normalise_header("sessionFinish")
_UUID = normalise_header("networkCanvasUUID")
_SOURCE = normalise_header("networkCanvasSourceUUID")
_TARGET = normalise_header("networkCanvasTargetUUID")
_RESERVED = {normalise_header(c) for c in (*EGO_COLUMNS, *NODE_COLUMNS, *EDGE_COLUMNS, *_NEWER_EGO_COLUMNS)}

# the file's kind and type after "<caseID>_<sessionID>"; kinds tried before "_ego" so that a node type
# called "ego" is still a node type
_KIND = re.compile(r"_(attributeList|edgeList|adjacencyMatrix)(?:_(.+))?$")
# what the newer exporter writes before a cell a spreadsheet would run as a formula
_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")
_TRUE, _FALSE = "true", "false"


@dataclass
class _File:
    """One CSV file of the export: its kind, its node or edge type (from its name) and its table."""

    display: str
    kind: str  # "ego", "node", "edge"
    type: str | None
    table: RawTable
    prefix: str  # "<caseID>_<sessionID>" (or the protocol's name in a merged export)


@dataclass
class _Session:
    """One interview: its ego row, and the rows of its nodes (of the chosen type) and edges (of the chosen type)."""

    uuid: str
    file: str
    line: int
    row: dict
    finished: bool
    person: str | None = None
    nodes: list = field(default_factory=list)  # (_File, line, row)
    edges: list = field(default_factory=list)  # (_File, line, row)


def _unguard(text: str) -> str:
    """A cell without the ``'`` the newer exporter writes before a formula's first character."""
    return _FORMULA_GUARD.sub("", text.strip())


# --------------------------------------------------------------------------- reading the files


def _classify(name: str) -> tuple[str, str | None, str] | None:
    """``(kind, type, prefix)`` from a file name, or None for a file that is not one of the export's CSV files."""
    if not name.lower().endswith(".csv"):
        return None
    stem = name[:-4]
    m = _KIND.search(stem)
    if m:
        kind = {"attributeList": "node", "edgeList": "edge"}.get(m.group(1))
        return None if kind is None else (kind, m.group(2), stem[:m.start()])
    if stem.endswith("_ego"):
        return "ego", None, stem[:-4]
    return None


def _junk(name: str) -> bool:
    """macOS's copies beside unpacked files (``__MACOSX/``, ``._name``)."""
    parts = name.replace("\\", "/").split("/")
    return "__MACOSX" in parts or parts[-1].startswith("._")


def _read_folder(folder: Path, problems: list[Problem]) -> list[tuple[str, RawTable]]:
    found = []
    root = folder.resolve()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d != "__MACOSX")
        for name in sorted(filenames):
            path = Path(dirpath) / name
            display = path.relative_to(folder).as_posix()
            if _junk(display) or _classify(name) is None:
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                problems.append(Problem("link-outside-case", display, "the file is a symbolic link to a file outside "
                                        "the export folder; it is not read", value=str(os.readlink(path))))
                continue
            found.append((display, path))
            if len(found) > MAX_EXPORT_FILES:
                problems.append(Problem("archive-limit", folder.name, f"the folder holds more than "
                                        f"{MAX_EXPORT_FILES:,} Network Canvas files, more than partnet reads from one "
                                        "export",
                                        expected=f"at most {MAX_EXPORT_FILES:,}"))
                return []
    tables = []
    for display, path in found:
        table = read_csv(path, problems, display)
        if table is not None:
            tables.append((display, table))
    return tables


def _read_zip(path: Path, problems: list[Problem]) -> list[tuple[str, RawTable]]:
    """Every export CSV of a ZIP archive, read within the limits of :mod:`partnet.readers` (none after a problem)."""
    display = path.name
    count = entry_count(path)
    if count is not None and count > MAX_ZIP_MEMBERS:
        problems.append(Problem("archive-limit", display, f"the archive has {count:,} members, more than partnet "
                                f"opens ({MAX_ZIP_MEMBERS:,}); is it damaged?", value=f"{count:,} members",
                                expected=f"at most {MAX_ZIP_MEMBERS:,}"))
        return []
    tables = []
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                problems.append(Problem("archive-limit", display, f"the archive has {len(infos):,} members, more than "
                                        f"partnet opens ({MAX_ZIP_MEMBERS:,}); is it damaged?",
                                        value=f"{len(infos):,} members", expected=f"at most {MAX_ZIP_MEMBERS:,}"))
                return []
            total = 0
            for info in sorted(infos, key=lambda i: i.filename):
                name = info.filename
                if info.is_dir() or _junk(name) or _classify(name.rsplit("/", 1)[-1]) is None:
                    continue
                member = f"{display}:{name}"
                why = member_problem(info, MAX_ZIP_MEMBER_BYTES, MAX_ZIP_RATIO, ZIP_RATIO_GRACE_BYTES)
                total += info.file_size
                if why is None and total > MAX_ZIP_TOTAL_BYTES:
                    why = (f"its members unpack to more than {size_text(MAX_ZIP_TOTAL_BYTES)} together (at {name!r}), "
                           "more than partnet unpacks from one file")
                if why is not None:
                    problems.append(Problem("archive-limit", display, why + "; the archive is damaged or a 'ZIP bomb': "
                                            "export the sessions again", value=name))
                    return []
                try:
                    data = read_member(zf, info, MAX_ZIP_MEMBER_BYTES)
                except ValueError as exc:
                    problems.append(Problem("archive-limit", display, str(exc), value=name))
                    return []
                text = decode_bytes(data, member, problems)
                table = None if text is None else parse_csv(text, member, problems)
                if table is not None:
                    tables.append((member, table))
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as exc:
        problems.append(Problem("not-network-canvas", display, f"the archive cannot be read ({exc}); export the "
                                "sessions again, or unpack it and give the folder"))
        return []
    return tables


def _export_files(path: Path, problems: list[Problem]) -> list[_File]:
    """The export's ego, node and edge files, in the order of their names."""
    if path.is_dir():
        tables = _read_folder(path, problems)
    elif path.is_file() and (path.suffix.lower() == ".zip" or zipfile.is_zipfile(path)):
        tables = _read_zip(path, problems)
    elif path.exists():
        problems.append(Problem("not-network-canvas", path.name, "Network Canvas's CSV export is a .zip archive, or "
                                "the folder it was unpacked into; this is neither", value=path.name,
                                expected="a .zip or a folder of <caseID>_<sessionID>_ego.csv, "
                                         "_attributeList_<NodeType>.csv and _edgeList_<EdgeType>.csv files"))
        return []
    else:
        problems.append(Problem("missing-file", path.name, "there is no such file or folder", value=str(path)))
        return []
    files = []
    for display, table in tables:
        kind, type_, prefix = _classify(display.rsplit("/", 1)[-1])
        files.append(_File(display, kind, type_, table, prefix))
    return files


_FILE_KINDS = {"ego": "ego", "node": "attributeList", "edge": "edgeList"}


def _has_columns(f: _File, needed: tuple[str, ...], problems: list[Problem]) -> bool:
    """A ``missing-column`` problem for each of the exporter's columns ``f`` lacks; True when it has them all."""
    ok = True
    for col in needed:
        if normalise_header(col) not in f.table.columns:
            ok = False
            problems.append(Problem("missing-column", f.display, f"a column Network Canvas writes in every "
                                    f"{_FILE_KINDS[f.kind]} file is missing; was the file edited?", row=1, column=col,
                                    expected="columns " + ", ".join(needed),
                                    suggestion=nearest(col, _variables([f]), cutoff=0.5)))
    return ok


def _raw(files: list[_File], col: str) -> str:
    """A normalised column as the first of ``files`` holding it writes it."""
    for f in files:
        if col in f.table.columns:
            return f.table.raw_columns[f.table.columns.index(col)]
    return col


# --------------------------------------------------------------------------- types and variables


def _squash(text: str) -> str:
    """A type name as the exporter writes it into a file name (``\\W`` removed), case ignored."""
    return re.sub(r"\W", "", text).casefold()


def _pick_type(asked: str | None, names: list[str], what: str, export: str, problems: list[Problem]) -> str | None:
    """The type of ``names`` that ``asked`` names (exactly, ignoring case, or as a file name writes it).

    Nothing asked: the only node type (edges are read only when asked for).
    Nothing present: None, and no problem (nobody named anyone).
    """
    code = f"unknown-{what}-type"
    if not names:
        return None
    if asked is None:
        if what != "node":
            return None
        if len(names) > 1:
            problems.append(Problem(code, export, "the export holds several node types; give node_type, the one whose "
                                    "nodes are the people of the roster", expected=", ".join(names)))
            return None
        return names[0]
    for same in (lambda t: t == asked, lambda t: t.casefold() == str(asked).casefold(),
                 lambda t: _squash(t) == _squash(str(asked))):
        hits = [t for t in names if same(t)]
        if len(hits) == 1:
            return hits[0]
    problems.append(Problem(code, export, f"the export holds no {what} type of this name", column=f"{what}_type",
                            value=str(asked), expected=", ".join(names) or f"no {what} type at all",
                            suggestion=nearest(asked, names)))
    return None


def _variables(files: list[_File]) -> list[str]:
    """The variables (columns not the exporter's own) of ``files``, as written, in first-seen order."""
    out: dict[str, str] = {}
    for f in files:
        for col, raw in zip(f.table.columns, f.table.raw_columns):
            if col and col not in _RESERVED:
                out.setdefault(col, raw)
    return list(out.values())


def _listing(values: list[str], limit: int = 30) -> str:
    shown = ", ".join(values[:limit])
    return (shown + f", ... ({len(values)} in all)" if len(values) > limit else shown) or "none"


# --------------------------------------------------------------------------- values


def _check_labels(labels, rel: schema.Relation) -> dict[str, int | None]:
    if labels is None:
        return {}
    if not isinstance(labels, dict):
        raise ParameterError(f"labels must be a mapping of written values to values of the relation; "
                             f"{type(labels).__name__} was given")
    out = {}
    for k, v in labels.items():
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0
                              or (rel.scale != "count" and v < 1)
                              or (rel.highest is not None and v > rel.highest)):
            raise ParameterError(f"labels must map to None (no tie) or a value of the {rel.scale} scale of "
                                 f"'{rel.name}'; {k!r}: {v!r} was given")
        out[answer_key(k)] = None if v == 0 else v
    return out


def _value(text: str, rel: schema.Relation, labels: dict[str, int | None]) -> tuple[bool, int | None]:
    """``(read, value)``: whether ``text`` could be read on the relation's scale, and its value (None: no tie).

    ``labels`` first, then the answer labels every import reads
    (:func:`partnet.survey.answer_value`); a blank value is no tie only for
    a binary relation (elsewhere a nominated alter without a value is
    missing data).
    """
    key = answer_key(text)
    if key in labels:
        return True, labels[key]
    if not text:
        return rel.scale == "binary", None
    return answer_value(text, rel.scale)


def _expected(rel: schema.Relation) -> str:
    if rel.scale == "frequency":
        return ("1..5 or " + ", ".join(schema.FREQUENCY_LABELS.values()) + " (frequency scale), or a value "
                "mapped by labels=")
    if rel.scale == "binary":
        return "true, false, 1 or 0 (binary scale), or a value mapped by labels="
    return "a whole number 0 or more (count scale), or a value mapped by labels="


def _cell_value(f: str, line: int, column: str, raw: str, rel, labels, answers, problems) -> tuple[bool, int | None]:
    """A value cell read on the relation's scale, with a problem when it cannot be."""
    text = _unguard(raw)
    ok, v = _value(text, rel, labels)
    if ok:
        if text:
            answers.setdefault(text, v)
        return True, v
    if not text:
        problems.append(Problem("blank-value", f, f"no value of the {rel.scale} scale for this tie; give it in "
                                "Network Canvas, or map the blank with labels={'': ...}", row=line, column=column))
        return False, None
    if re.fullmatch(r"[+-]?[\d.]+(e[+-]?\d+)?", text, flags=re.IGNORECASE):
        choices = []  # a number off the scale is not a misspelling of one on it
    elif rel.scale == "frequency":
        choices = list(schema.FREQUENCY_LABELS.values())
    else:
        choices = [_TRUE, _FALSE] if rel.scale == "binary" else []
    problems.append(Problem("unmapped-value", f, f"not a value of the {rel.scale} scale of '{rel.name}'", row=line,
                            column=column, value=text, expected=_expected(rel),
                            suggestion=nearest(text, choices, n=1, cutoff=0.5)))
    return False, None


# --------------------------------------------------------------------------- the reader


def read_network_canvas(path, case, *, relation: str | None = None, node_type: str | None = None,
                        edge_type: str | None = None, value: str | None = None, name: str = "name",
                        ego: str | None = None, labels: dict | None = None, answers=None) -> SurveyTies:
    """Read a Network Canvas CSV export against a case's roster: who answered, and the ties they reported.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.zip`` Interviewer (or Fresco) writes, or the folder it was
        unpacked into (files in sub-folders included).
    case : partnet.Case
        The case whose roster the interviews name (:func:`partnet.load_case`
        or :func:`partnet.case.load_roster`).
    relation : str, optional
        The relation the ties are of; default the case's ``relation``. Its
        scale (``case.yaml`` ``relations:``) says how values are read.
    node_type : str, optional
        The node type whose nodes are the roster people the respondent
        named (case, spaces and punctuation ignored: ``"person"`` finds
        ``Person``); default the only node type of the export.
    edge_type : str, optional
        Read the edges of this type between alters as the ties, of an
        undirected relation (see the module's documentation); default:
        every edge is left out with an ``alter-ties-ignored`` warning.
    value : str, optional
        The variable holding each tie's value: of the alters (nodes), or of
        the edges with ``edge_type``. Default: the variable named after the
        relation, else ``frequency`` on the frequency scale, else none (a
        binary relation's tie is then every alter, or every edge).
    name : str, default "name"
        The alters' variable holding each person's name (or person_id).
    ego : str, optional
        An ego variable naming the respondent; default the session's case
        ID (``networkCanvasCaseID``).
    labels : dict, optional
        Written values -> values of the relation's scale (None or 0: no
        tie), for values that are neither whole numbers on the scale nor
        answer labels (:data:`partnet.survey.ANSWER_LABELS`):
        ``{"Less_than_weekly": 2, "": None}``. Compared as
        :func:`partnet.survey.answer_key` compares answers.
    answers : str or pathlib.Path, optional
        An answers file ``answer,value`` (:func:`partnet.survey.read_answers`,
        as ``partnet import-survey --answers`` gives it); ``labels`` win
        where both map a value.

    Returns
    -------
    partnet.survey.SurveyTies
        ``source`` ``"network-canvas"``; ``ties`` in interview order
        (``sessionStart``) and, in a session, in the order of its nodes (or
        edges); ``columns`` maps each alter name as written to its
        person_id; ``rows`` stays empty (one file per session: the problems
        give file and line); ``answers`` maps each value found to the value
        read. Nothing may be written while ``result.ok`` is False.

    Raises
    ------
    ParameterError
        ``relation`` is not one of the case's declared relations;
        ``edge_type`` with a directed relation; ``labels`` that are not a
        mapping to values of the relation's scale. Everything about the
        files is a problem of the result instead.

    See Also
    --------
    partnet.importing.write_ties : writes the result as the case's ``ties.csv``.

    Examples
    --------
    One session of the example case's roster, as Interviewer exports it: the
    case ID names the respondent, the alters' variable ``egov_contact`` (an
    ordinal of values 1..5, named after the relation) holds each tie's value.

    >>> import pathlib, tempfile
    >>> from partnet import load_case
    >>> export = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (export / "p1_5b0c7a8e_ego.csv").write_text(
    ...     "networkCanvasEgoUUID,networkCanvasCaseID,networkCanvasSessionID,networkCanvasProtocolName,"
    ...     "sessionStart,sessionFinish,sessionExported\\n"
    ...     "e-1,p1,5b0c7a8e,Partnership contacts,2026-03-02T09:00:00.000Z,2026-03-02T09:21:40.000Z,"
    ...     "2026-03-03T10:00:00.000Z\\n")
    >>> _ = (export / "p1_5b0c7a8e_attributeList_Person.csv").write_text(
    ...     "nodeID,networkCanvasEgoUUID,networkCanvasUUID,name,egov_contact\\n"
    ...     '1,e-1,n-1,Bram Okonjo,4\\n2,e-1,n-2,"Vantongeren, Cerys",5\\n')
    >>> result = read_network_canvas(export, load_case(EXAMPLE_CASE))
    >>> result.ties
    [('p1', 'p2', 4), ('p1', 'p3', 5)]
    >>> result.respondents, result.nonrespondents, result.ok
    (['p1'], ['p2', 'p3', 'p4'], True)

    A name not on the roster is a problem with the nearest name:

    >>> _ = (export / "p1_5b0c7a8e_attributeList_Person.csv").write_text(
    ...     "nodeID,networkCanvasEgoUUID,networkCanvasUUID,name,egov_contact\\n1,e-1,n-1,Bram Okonjoo,4\\n")
    >>> p = read_network_canvas(export, load_case(EXAMPLE_CASE)).problems[0]
    >>> p.code, p.file, p.row, p.column, p.value, p.suggestion
    ('unknown-person', 'p1_5b0c7a8e_attributeList_Person.csv', 2, 'name', 'Bram Okonjoo', ('Bram Okonjo',))
    """
    path = Path(path)
    rel = _relation(case, relation, edge_type is not None)
    label_map = _check_labels(labels, rel)
    result = SurveyTies("network-canvas", path.name, rel.name)
    problems = result.problems
    if answers is not None:
        label_map = {**read_answers(Path(answers), rel.scale, problems), **label_map}
    export = path.name
    roster = list(case.people["person_id"])

    files = _export_files(path, problems)
    if not files:
        if not problems:
            problems.append(Problem("not-network-canvas", export, "no file of a Network Canvas CSV export is here",
                                    expected="<caseID>_<sessionID>_ego.csv, _attributeList_<NodeType>.csv and "
                                             "_edgeList_<EdgeType>.csv files (Interviewer: export to file, CSV)"))
        result.nonrespondents = roster
        return result
    egos = [f for f in files if f.kind == "ego"]
    sessions = _sessions(egos, problems)
    node_files = _typed(files, "node", (NODE_COLUMNS[1], NODE_COLUMNS[2]), problems)
    edge_files = _typed(files, "edge", (EDGE_COLUMNS[3], *EDGE_COLUMNS[5:]), problems)
    chosen_node = _pick_type(node_type, list(node_files), "node", export, problems)
    chosen_edge = _pick_type(edge_type, list(edge_files), "edge", export, problems)
    edge_mode = edge_type is not None  # the ties are edges between alters (none when the type is unknown)
    alter_files = node_files.get(chosen_node, [])
    _attach(sessions, alter_files, "nodes", problems)
    _attach(sessions, edge_files.get(chosen_edge, []), "edges", problems)
    for t, fs in edge_files.items():
        if t != chosen_edge:
            n = sum(len(f.table.rows) for f in fs)
            problems.append(Problem("alter-ties-ignored", export, f"{n} edge{'s' if n != 1 else ''} of type '{t}' "
                                    f"in {len(fs)} file{'s' if len(fs) != 1 else ''} join two alters: the respondent's "
                                    "view of ties between other people, not their own ties; not read (edge_type= "
                                    "reads them as the ties of an undirected relation)", value=t))

    # the columns read
    ego_col, ego_shown = _CASE, EGO_COLUMNS[1]
    if ego is not None:
        ego_col, ego_shown = normalise_header(ego), _raw(egos, normalise_header(ego))
        for f in egos:
            if ego_col not in f.table.columns:
                problems.append(Problem("missing-column", f.display, "no ego variable of this name", row=1,
                                        column=ego, expected="an ego variable: " + _listing(_variables([f])),
                                        suggestion=nearest(ego, _variables([f]), cutoff=0.5)))
    name_col = normalise_header(name)
    for f in alter_files:
        if name_col not in f.table.columns:
            problems.append(Problem("missing-column", f.display, "no variable of the alters' names", row=1,
                                    column=name, expected="a variable of the alters: " + _listing(_variables([f])),
                                    suggestion=nearest(name, _variables([f]), cutoff=0.5)))
    value_files = edge_files.get(chosen_edge, []) if edge_mode else alter_files
    value_col = _value_column(value, rel, value_files, chosen_edge if edge_mode else chosen_node, edge_mode,
                              problems)
    value_shown = _raw(value_files, value_col) if value_col else None

    def tie_value(f: _File, line: int, row: dict) -> tuple[bool, int | None]:
        if value_col is None:
            return True, 1
        if value_col == "" or value_col not in row:
            return False, None
        return _cell_value(f.display, line, value_shown, row[value_col], rel, label_map, result.answers, problems)

    # each session
    resolver = PersonResolver(case.people)
    first_session: dict[str, _Session] = {}
    ties: dict = {}
    answered: set[str] = set()
    for s in sessions:
        s.person = _respondent(s, ego_col, ego_shown, resolver, first_session, problems)
        people = _alters(s, name_col, resolver, result.columns, problems)
        kept = 0
        if not edge_mode:
            for (f, line, row), pid in zip(s.nodes, people):
                ok, v = tie_value(f, line, row)
                if pid is None or not ok or v is None or s.person is None:
                    continue
                if pid == s.person:
                    problems.append(Problem("self-tie", f.display, "the respondent named themselves; dropped",
                                            row=line, column=_raw([f], name_col), value=_unguard(row[name_col])))
                    continue
                _add_tie(ties, (s.person, pid), (s.person, pid), v, f.display, line, problems, merge_same=False)
                kept += 1
        else:
            by_uuid = {row[_UUID]: pid for (_f, _l, row), pid in zip(s.nodes, people)}
            for f, line, row in s.edges:
                ends = []
                for col, shown in ((_SOURCE, EDGE_COLUMNS[5]), (_TARGET, EDGE_COLUMNS[6])):
                    if row[col] not in by_uuid:
                        problems.append(Problem("label-mismatch", f.display, f"the edge's end is no '{chosen_node}' "
                                                "node of its session", row=line, column=shown, value=row[col],
                                                expected=f"the networkCanvasUUID of one of the session's "
                                                         f"'{chosen_node}' nodes"))
                    ends.append(by_uuid.get(row[col]))
                ok, v = tie_value(f, line, row)
                if None in ends or not ok or v is None:
                    continue
                if ends[0] == ends[1]:
                    problems.append(Problem("self-tie", f.display, "both ends of the edge are the same person; "
                                            "dropped", row=line, value=ends[0]))
                    continue
                _add_tie(ties, frozenset(ends), tuple(ends), v, f.display, line, problems, merge_same=True)
                kept += 1
        if s.person is not None and (kept or s.finished):
            answered.add(s.person)
    result.ties = [(a, b, v) for (a, b), v, _file, _line in ties.values()]
    result.respondents = [p for p in roster if p in answered]
    result.nonrespondents = [p for p in roster if p not in answered]
    return result


def _relation(case, relation: str | None, edges: bool) -> schema.Relation:
    """The relation read: one of the case's declared relations, undirected when edges are read."""
    name = case.meta.get("relation") if relation is None else relation
    declared = case.meta.get("relations") or {}
    if declared:
        check_choice(name, list(declared), "relation", what="a relation of the case")
    rel = case.relation_spec(name)
    if edges and rel.directed:
        raise ParameterError(f"edge_type reads Network Canvas edges, which have no direction, as the ties of an "
                             f"undirected relation; '{rel.name}' is directed: declare it 'directed: false' under "
                             "relations: in case.yaml, or leave edge_type out to read each respondent's own "
                             "nominations")
    return rel


def _sessions(egos: list[_File], problems: list[Problem]) -> list[_Session]:
    """Every session of the ego files, in interview order (one exported twice: a problem, read once).

    Sessions are ordered by ``sessionStart`` (ISO 8601 times, which sort as
    text), then by file and row; a session without a start comes last.
    """
    sessions: dict[str, _Session] = {}
    for f in egos:
        if not _has_columns(f, (EGO_COLUMNS[0], EGO_COLUMNS[1]), problems):
            continue
        for row, line in zip(f.table.rows, f.table.lines):
            uuid = row[_EGO]
            if not uuid:
                problems.append(Problem("blank-value", f.display, "a session without its ego's UUID", row=line,
                                        column=EGO_COLUMNS[0]))
            elif uuid in sessions:
                first = sessions[uuid]
                problems.append(Problem("duplicate-session", f.display, f"the session is in the export twice (first in "
                                        f"{first.file}, row {first.line}); export each session once", row=line,
                                        column=EGO_COLUMNS[0], value=uuid))
            else:
                sessions[uuid] = _Session(uuid, f.display, line, row, bool(row.get(_FINISH, "")))
    order = list(sessions.values())
    return sorted(order, key=lambda s: (not s.row.get(_START, ""), s.row.get(_START, "")))


def _typed(files: list[_File], kind: str, needed: tuple[str, ...], problems: list[Problem]) -> dict[str, list[_File]]:
    """The node (or edge) files with rows, by type, in order; the exporter's columns checked in every one."""
    out: dict[str, list[_File]] = defaultdict(list)
    for f in files:
        if f.kind == kind and _has_columns(f, needed, problems) and f.table.rows:
            out[f.type or ""].append(f)
    return dict(out)


def _attach(sessions: list[_Session], files: list[_File], attr: str, problems: list[Problem]) -> None:
    """Give each session its rows of ``files``; rows of a session without an ego file are a problem, once."""
    by_uuid = {s.uuid: s for s in sessions}
    orphans: set[str] = set()
    for f in files:
        for row, line in zip(f.table.rows, f.table.lines):
            s = by_uuid.get(row[_EGO])
            if s is not None:
                getattr(s, attr).append((f, line, row))
            elif row[_EGO] not in orphans:
                orphans.add(row[_EGO])
                problems.append(Problem("missing-file", f.display, "rows of a session whose ego file is not in the "
                                        "export: its respondent is unknown, so they are not read", row=line,
                                        column=EGO_COLUMNS[0], value=row[_EGO], expected=f"{f.prefix}_ego.csv"))


def _value_column(value, rel, files: list[_File], type_name, edges: bool, problems) -> str | None:
    """The normalised column of the ties' values; None for none (every alter is a tie), "" after a problem.

    Each file (with rows) must hold the column, asked for or found by default.
    """
    what = "edges" if edges else "alters"
    if value is None:
        columns = {c for f in files for c in f.table.columns}
        defaults = [normalise_header(c) for c in (rel.name, "frequency" if rel.scale == "frequency" else None) if c]
        found = [c for c in defaults if c in columns]
        if not found:
            if rel.scale != "binary" and files:
                problems.append(Problem("missing-column", files[0].display, f"the relation '{rel.name}' is on the "
                                        f"{rel.scale} scale: give value=, the variable of the '{type_name}' {what} "
                                        f"that holds each tie's value (or call it '{rel.name}')", row=1,
                                        expected=f"a variable of the {what}: " + _listing(_variables(files))))
                return ""
            return None
        value = _raw(files, found[0])
    col = normalise_header(value)
    for f in files:
        if col not in f.table.columns:
            problems.append(Problem("missing-column", f.display, f"no variable of the {what} of this name", row=1,
                                    column=value, expected=f"a variable of the {what}: " + _listing(_variables([f])),
                                    suggestion=nearest(value, _variables([f]), cutoff=0.5)))
    return col


def _respondent(s: _Session, col: str, shown: str, resolver: PersonResolver, first_session: dict,
                problems: list[Problem]) -> str | None:
    """The person_id of a session's respondent, or None (with a problem)."""
    if col not in s.row:
        return None  # the ego variable is missing: reported once
    written = _unguard(s.row[col])
    if not written:
        problems.append(Problem("blank-value", s.file, "the session names no respondent", row=s.line, column=shown,
                                expected="a person_id or name from people"))
        return None
    pid, code, suggestion = resolver.resolve(written)
    if pid is None:
        problems.append(_person_problem(code, s.file, s.line, shown, written, suggestion))
        return None
    if pid in first_session:
        first = first_session[pid]
        problems.append(Problem("duplicate-session", s.file, f"a second session of this respondent (the first is in "
                                f"{first.file}, row {first.line}); keep one of them and export again", row=s.line,
                                column=shown, value=written, expected="one session a respondent"))
        return None
    first_session[pid] = s
    return pid


def _alters(s: _Session, name_col: str, resolver: PersonResolver, matched: dict, problems) -> list[str | None]:
    """The person_id of each node of the session (None when not matched, with a problem)."""
    out: list[str | None] = []
    seen: set[str] = set()
    for f, line, row in s.nodes:
        shown = _raw([f], name_col)
        uuid = row[_UUID]
        if uuid and uuid in seen:
            problems.append(Problem("duplicate-session", f.display, "a node given twice in its session (is the session "
                                    "in the export twice?)", row=line, column=NODE_COLUMNS[2], value=uuid))
            out.append(None)
            continue
        seen.add(uuid)
        written = _unguard(row.get(name_col, ""))
        if name_col not in row:
            out.append(None)  # the name variable is missing: reported once for the file
        elif not written:
            problems.append(Problem("blank-value", f.display, "an alter without a name", row=line, column=shown,
                                    expected="a person_id or name from people"))
            out.append(None)
        else:
            pid, code, suggestion = resolver.resolve(written)
            if pid is None:
                problems.append(_person_problem(code, f.display, line, shown, written, suggestion))
            else:
                matched.setdefault(written, pid)
            out.append(pid)
    return out


def _person_problem(code, file, line, column, value, suggestion) -> Problem:
    if code == "ambiguous-name":
        return Problem(code, file, "several people of the roster have this name; write their person_id instead",
                       row=line, column=column, value=value, expected="one of their person_ids", suggestion=suggestion)
    return Problem(code, file, "nobody on the roster (people) has this person_id or name", row=line, column=column,
                   value=value, expected="a person_id or name from people", suggestion=suggestion)


def _add_tie(ties: dict, key, pair, v: int, file: str, line: int, problems, *, merge_same: bool) -> None:
    """Add a tie, or merge it into the same one met before (a problem unless ``merge_same`` and the same value)."""
    if key not in ties:
        ties[key] = (pair, v, file, line)
        return
    _pair, was, first_file, first_line = ties[key]
    if was != v:
        problems.append(Problem("conflicting-tie", file, f"the same tie as {first_file}, row {first_line}, with "
                                "another value", row=line, value=str(v), expected=str(was)))
    elif not merge_same:
        problems.append(Problem("duplicate-tie", file, f"the same person as {first_file}, row {first_line}, with the "
                                "same value; merged", row=line, value=str(v)))

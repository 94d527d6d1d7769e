"""Coded interviews from REFI-QDA projects (``.qdpx``) and codebooks (``.qdc``).

REFI-QDA is the exchange format that NVivo, ATLAS.ti, MAXQDA, QualCoder and
others export. A project is a ZIP archive holding one XML file (``*.qde``,
namespace ``urn:QDA-XML:project:1.0``) and the source texts; a codebook is a
bare XML file (namespace ``urn:QDA-XML:codebook:1.0``). :func:`read_qdpx`
turns a project into partnet's ``codebook`` and ``segments`` tables (the
columns of ``codebook.csv`` and ``segments.csv``); :func:`read_qdc` reads a
codebook alone.

What the import does, and the conventions it follows:

- **Codes.** The nested ``Code`` tree becomes the codebook's ``parent``
  column. A code is named by its REFI name; where two codes share a name
  (``competencies/programming`` and ``cs_as_programming/programming``) the
  shortest path suffix that tells them apart is used instead.
- **Themes and dimensions.** By default a code's theme is the name of its
  top-level ancestor (itself for a top-level code). A ``mapping`` (code ->
  theme and/or dimension) given by the researcher overrides this for a code
  and, by inheritance, for everything below it. A code with no dimension,
  mapped or inherited, gets a ``no-dimension`` warning: partnet cannot guess
  which of the model's three dimensions a tool's code belongs to.
- **Texts.** A text source is read from inline ``PlainTextContent`` or from
  ``plainTextPath``: ``internal://NAME`` (and plain relative names) inside
  the archive's ``sources/`` or ``Sources/`` folder; ``relative://`` and
  ``file://`` paths point outside the archive, so the file is looked for by
  its base name in the archive and otherwise reported. Text is UTF-8 (a
  byte-order mark is dropped); Windows-1252 is read with a warning.
- **Selections.** ``startPosition``/``endPosition`` are character offsets
  into the plain text, end exclusive. Tools disagree on whether a Windows
  line break (CR LF) counts as one character or two; an XML parser also
  turns the CR LF of inline text into LF. For each source with line breaks
  both readings are tried, and the one whose selection boundaries land on
  word boundaries most often (never inside a word, never between CR and LF,
  never past the end) is used; a tie keeps the text as stored. The reading
  chosen is the ``line_break_chars`` column of :attr:`QdaProject.sources`.
  Excerpts keep their text exactly, with line breaks written as ``\\n``.
- **Segments.** One row per ``Coding``: ``segment_id`` is the selection's
  GUID, ``coder`` the name of the coding's ``creatingUser`` (optionally
  renamed), ``source`` is ``<source name>:<start>-<end>``. A coding of a
  whole source (a ``Coding`` directly under ``TextSource``) is a segment
  holding the whole text.
- **People.** A selection belongs to the ``Case`` that lists it
  (``SelectionRef``) or its source (``SourceRef``); without cases, to its
  source, known by its name without the file extension
  (``Ada Quint.docx`` -> ``Ada Quint``). The case (or source) name is
  turned into a ``person_id`` through
  the researcher's ``cases`` mapping and/or by matching the roster
  (``person_id`` or name, ignoring case), with "did you mean" suggestions
  when nothing matches.
- **Privacy.** Nothing of the exporting machine reaches the tables: the
  project's ``basePath`` (ATLAS.ti writes the user's home directory there)
  and any path outside the archive are dropped; sources are named by their
  ``name`` or file base name only.
- **Limits.** A ``.qdpx`` may be hostile or damaged: a project file is read
  only up to :data:`MAX_QDPX_BYTES`, an archive of more than
  :data:`partnet.readers.MAX_ZIP_MEMBERS` members is refused before its
  directory is loaded, and each member that is read (the ``.qde`` and the
  source texts; media are never unpacked) is checked against
  :data:`partnet.readers.MAX_ZIP_MEMBER_BYTES` and
  :data:`partnet.readers.MAX_ZIP_RATIO` from the archive's directory,
  then read in chunks that stop at the limit whatever the directory says,
  with :data:`partnet.readers.MAX_ZIP_TOTAL_BYTES` for all members
  together. A breach is a :class:`~partnet.errors.QdaImportError` naming
  the file and the member (code ``archive-limit`` in ``err.problems``).
  A code tree nested deeper than :data:`MAX_CODE_DEPTH` levels, or two
  codes sharing a GUID (from which no tree can be rebuilt), is refused too.

Pictures, PDF selections by coordinates, audio and video are not text
segments; their codings are counted in a ``skipped-selections`` warning.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

import pandas as pd

from partnet import schema
from partnet._archive import entry_count, member_problem, read_member, size_text
from partnet.errors import CodebookError, ParameterError, Problem, QdaImportError, nearest
from partnet.readers import (
    MAX_FILE_BYTES,
    MAX_ZIP_MEMBER_BYTES,
    MAX_ZIP_MEMBERS,
    MAX_ZIP_RATIO,
    MAX_ZIP_TOTAL_BYTES,
    ZIP_RATIO_GRACE_BYTES,
)

__all__ = ["QdaProject", "read_qdpx", "read_qdc", "NS_PROJECT", "NS_CODEBOOK", "MAX_QDPX_BYTES"]

#: XML namespace of a REFI-QDA project (``.qde`` inside a ``.qdpx``).
NS_PROJECT = "urn:QDA-XML:project:1.0"
#: XML namespace of a REFI-QDA codebook (``.qdc``).
NS_CODEBOOK = "urn:QDA-XML:codebook:1.0"

#: Deepest code tree read: 100 levels. Real codebooks nest three to six levels; a
#: hostile one nested thousands deep would exhaust Python's recursion.
MAX_CODE_DEPTH = 100

#: Largest ``.qdpx`` opened, in bytes: 2 GiB. Projects may embed the interviews' audio,
#: video, PDFs and pictures, which partnet skips without unpacking, so the file may be
#: far larger than what is read (every member read has its own limits, see the module
#: notes); 2 GiB holds hours of recordings. A bare ``.qdc`` codebook is read whole and
#: held to :data:`partnet.readers.MAX_FILE_BYTES` (200 MiB).
MAX_QDPX_BYTES = 2 * 1024 * 1024 * 1024

#: Columns of the codebook and segments tables read from a project, as in a case folder.
CODEBOOK_COLUMNS = list(schema.columns("codebook"))
SEGMENT_COLUMNS = list(schema.columns("segments"))


@dataclass
class QdaProject:
    """A REFI-QDA project as partnet tables.

    Attributes
    ----------
    name, origin : str
        The project's name and the tool that wrote it.
    codebook : DataFrame
        code, theme, dimension, description, parent (theme and dimension
        already resolved for every code).
    segments : DataFrame
        segment_id, person_id, code, excerpt, source, coder; one row per
        coding of a text selection.
    codes : DataFrame
        guid, code, name, path, parent, codable: the code tree as exported.
    sources : DataFrame
        source_id (GUID), source (name), file (archive member or NA for
        inline text), characters, line_break_chars (1 or 2, see the module
        notes), selections, codings, person_id.
    cases : DataFrame
        case_id (GUID), case (name), sources, selections, person_id.
    warnings : list of Problem
        Everything noticed that did not stop the import.
    """

    name: str
    origin: str
    codebook: pd.DataFrame
    segments: pd.DataFrame
    codes: pd.DataFrame
    sources: pd.DataFrame = field(default_factory=lambda: pd.DataFrame())
    cases: pd.DataFrame = field(default_factory=lambda: pd.DataFrame())
    warnings: list[Problem] = field(default_factory=list)

    def __repr__(self) -> str:
        return (f"<QdaProject {self.name!r} from {self.origin or 'unknown tool'}: {len(self.codebook)} codes, "
                f"{self.segments['segment_id'].nunique() if len(self.segments) else 0} selections, "
                f"{len(self.segments)} codings>")

    def write(self, folder, overwrite: bool = False) -> list[Path]:
        """Write ``codebook.csv`` and ``segments.csv`` into a case folder.

        Parameters
        ----------
        folder : str or Path
            The case folder (created if missing).
        overwrite : bool
            Replace existing files; by default an existing file is an error.

        Returns
        -------
        list of Path
            The files written.

        Raises
        ------
        ParameterError
            If a file exists and ``overwrite`` is False.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> xml = '''<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
        ...   <Code guid="a" name="history" isCodable="true"/></Codes></CodeBook>'''
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "book.qdc").write_text(xml, encoding="utf-8")
        >>> book = read_qdc(folder / "book.qdc", mapping={"history": ("history", "system stability")})
        >>> [p.name for p in book.write(folder / "case")]
        ['codebook.csv', 'segments.csv']
        >>> (folder / "case" / "codebook.csv").read_text(encoding="utf-8").splitlines()
        ['code,theme,dimension,description,parent', 'history,history,system stability,,']

        Notes
        -----
        UTF-8 CSV files with the columns of the case format
        (``docs/architecture.md``), ready for :func:`partnet.load_case`.
        """
        folder = Path(folder)
        targets = [folder / "codebook.csv", folder / "segments.csv"]
        existing = [str(t) for t in targets if t.exists()]
        if existing and not overwrite:
            raise ParameterError(f"{', '.join(existing)} already exist(s); pass overwrite=True to replace")
        folder.mkdir(parents=True, exist_ok=True)
        self.codebook.to_csv(targets[0], index=False, encoding="utf-8")
        self.segments.to_csv(targets[1], index=False, encoding="utf-8")
        return targets


# ----------------------------------------------------------------------------- archive and XML


def _display(path) -> str:
    return Path(path).name


def _read_xml(data: bytes, file: str, kind: str):
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line, col = exc.position
        raise QdaImportError(f"{file}: the {kind} XML cannot be parsed (line {line}, column {col}): "
                             f"{str(exc).split(':')[0]}; is the file damaged or not a REFI-QDA export?") from None


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return "", tag


def _check_root(root, file: str, want: str, ns: str):
    got_ns, name = _local(root.tag)
    if name == "CodeBook" and want == "Project":
        raise QdaImportError(f"{file}: this is a REFI-QDA codebook (root element CodeBook), not a project; "
                             "read it with partnet.refiqda.read_qdc")
    if name != want or got_ns != ns:
        found = f"{name!r} in namespace {got_ns!r}" if got_ns else f"{name!r} without a namespace"
        raise QdaImportError(f"{file}: not a REFI-QDA {'project' if want == 'Project' else 'codebook'}: "
                             f"the root element is {found}, expected {want!r} in namespace {ns!r}")


def _archive_error(file: str, message: str, member: str | None = None) -> QdaImportError:
    """A QdaImportError for a limit of the archive, with the problem in ``err.problems``."""
    err = QdaImportError(f"{file}: {message}")
    err.problems = [Problem("archive-limit", file, message, value=member)]
    return err


class _Unpacker:
    """Reads members of one archive within the limits; counts what was unpacked."""

    def __init__(self, zf: zipfile.ZipFile, file: str):
        self.zf, self.file, self.total = zf, file, 0

    def read(self, name: str) -> bytes:
        info = self.zf.getinfo(name)
        why = member_problem(info, MAX_ZIP_MEMBER_BYTES, MAX_ZIP_RATIO, ZIP_RATIO_GRACE_BYTES)
        if why is None and self.total + info.file_size > MAX_ZIP_TOTAL_BYTES:
            why = (f"the members read unpack to more than {size_text(MAX_ZIP_TOTAL_BYTES)} together (at {name!r}), "
                   "more than partnet unpacks from one project")
        if why is not None:
            raise _archive_error(self.file, why + "; the file is damaged or a 'ZIP bomb': export the project "
                                 "again", name)
        try:
            data = read_member(self.zf, info, MAX_ZIP_MEMBER_BYTES)
        except ValueError as exc:
            raise _archive_error(self.file, f"{exc}; the file is damaged or a 'ZIP bomb': export the project "
                                 "again", name) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
            raise QdaImportError(f"{self.file}: the archive member {name!r} cannot be unpacked ({exc}); is the "
                                 "file damaged? Export the project again") from None
        self.total += len(data)
        return data


def _open_project(path) -> tuple[zipfile.ZipFile, str, str]:
    """The archive, the name of its .qde member and the folder it sits in."""
    path = Path(path)
    file = _display(path)
    if not path.is_file():
        raise QdaImportError(f"{path}: no such file (expected a REFI-QDA project, .qdpx)")
    size = path.stat().st_size
    if size > MAX_QDPX_BYTES:
        raise _archive_error(file, f"the file is {size_text(size)}, larger than partnet opens for a REFI-QDA project "
                             f"({size_text(MAX_QDPX_BYTES)}); export the project without its media files")
    if not zipfile.is_zipfile(path):
        with open(path, "rb") as f:
            head = f.read(200).lstrip()
        hint = ""
        if head.startswith(b"<") or head.startswith(b"\xef\xbb\xbf<"):
            hint = "; it looks like bare XML: a .qdc codebook is read with read_qdc"
        raise QdaImportError(f"{file}: not a REFI-QDA project: not a ZIP archive "
                             f"(a .qdpx is a ZIP holding a .qde XML file and a sources folder){hint}")
    count = entry_count(path)
    if count is not None and count > MAX_ZIP_MEMBERS:
        raise _archive_error(file, f"the archive lists {count:,} members, more than partnet opens "
                             f"({MAX_ZIP_MEMBERS:,}); is the file damaged?")
    try:
        zf = zipfile.ZipFile(path)
        names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise QdaImportError(f"{file}: the ZIP archive cannot be read: {exc}") from None
    if len(names) > MAX_ZIP_MEMBERS:
        zf.close()
        raise _archive_error(file, f"the archive lists {len(names):,} members, more than partnet opens "
                             f"({MAX_ZIP_MEMBERS:,}); is the file damaged?")
    qdes = [n for n in names if n.lower().endswith(".qde") and not n.endswith("/")
            and not n.startswith("__MACOSX/") and not PurePosixPath(n).name.startswith("._")]
    if not qdes:
        shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "") if names else "nothing"
        raise QdaImportError(f"{file}: not a REFI-QDA project: the archive holds no .qde file "
                             f"(found {shown})")
    if len(qdes) > 1:
        preferred = [n for n in qdes if PurePosixPath(n).name.lower() == "project.qde"]
        top = [n for n in qdes if "/" not in n]
        qdes = preferred[:1] if len(preferred) == 1 else (top if len(top) == 1 else qdes)
    if len(qdes) > 1:
        raise QdaImportError(f"{file}: the archive holds several .qde files ({', '.join(qdes)}); "
                             "export one project per file")
    qde = qdes[0]
    base = qde.rsplit("/", 1)[0] + "/" if "/" in qde else ""
    return zf, qde, base


# ----------------------------------------------------------------------------- codes


def _codes(codes_el, ns: str, file: str = "the project") -> list[dict]:
    """The code tree in document order: guid, name, parent guid, description, codable.

    Raises QdaImportError for a tree deeper than :data:`MAX_CODE_DEPTH` or
    two codes sharing a GUID (the tree could not be rebuilt from it).
    """
    out: list[dict] = []
    seen: dict[str, str] = {}

    def walk(el, parent, path):
        if len(path) >= MAX_CODE_DEPTH:
            raise QdaImportError(f"{file}: the code tree nests more than {MAX_CODE_DEPTH} levels deep "
                                 f"(under {'/'.join(path[:3])}/...); is the file damaged?")
        for code in el.findall(f"{{{ns}}}Code"):
            name = (code.get("name") or "").strip()
            guid = code.get("guid") or ""
            if guid in seen:
                raise QdaImportError(f"{file}: the codes {seen[guid]!r} and {name!r} share the GUID {guid!r}; "
                                     "every code needs its own (is the file damaged?)")
            seen[guid] = name
            desc = code.find(f"{{{ns}}}Description")
            rec = {"guid": code.get("guid") or "", "name": name, "parent_guid": parent,
                   "path": path + (name,), "codable": (code.get("isCodable") or "true").lower() != "false",
                   "description": (desc.text or "").strip() if desc is not None else ""}
            out.append(rec)
            walk(code, rec["guid"], rec["path"])

    if codes_el is not None:
        walk(codes_el, None, ())
    return out


def _code_keys(codes: list[dict]) -> None:
    """Give each code a unique key: its name, or the shortest path suffix that is unique."""
    for rec in codes:
        rec["key"] = None
    depth = 1
    pending = codes
    while pending:
        keys: dict[str, list[dict]] = {}
        for rec in pending:
            keys.setdefault("/".join(rec["path"][-depth:]), []).append(rec)
        taken = {r["key"] for r in codes if r["key"]}
        nxt = []
        for key, recs in keys.items():
            full = all(len(r["path"]) <= depth for r in recs)
            if (len(recs) == 1 or full) and key not in taken:
                for i, r in enumerate(recs):
                    r["key"] = key if i == 0 else f"{key} ({i + 1})"
            elif full:
                # The whole path is already another code's key (a name holding "/"): number them.
                n = 2
                for r in recs:
                    while f"{key} ({n})" in taken:
                        n += 1
                    r["key"] = f"{key} ({n})"
                    taken.add(r["key"])
                    n += 1
            else:
                nxt.extend(recs)
        pending = nxt
        depth += 1


def _norm_key(s: str) -> str:
    return re.sub(r"[\s_\-]+", "", str(s).casefold())


def _read_mapping(mapping) -> list[tuple[int, str, str, str]]:
    """Mapping rows as (row, code, theme, dimension); row is the CSV line or the position."""
    if mapping is None:
        return []
    if isinstance(mapping, (str, Path)):
        path = Path(mapping)
        if not path.is_file():
            raise CodebookError(f"{path}: no such mapping file (expected a CSV with columns code, theme, dimension)")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        frame.columns = [str(c).strip().lower() for c in frame.columns]
        first_row = 2
    elif isinstance(mapping, pd.DataFrame):
        frame = mapping.copy()
        first_row = 1
    elif isinstance(mapping, dict):
        recs = []
        for code, value in mapping.items():
            if isinstance(value, dict):
                recs.append({"code": code, "theme": value.get("theme", ""), "dimension": value.get("dimension", "")})
            elif isinstance(value, (tuple, list)) and len(value) == 2:
                recs.append({"code": code, "theme": value[0], "dimension": value[1]})
            else:
                raise CodebookError(f"mapping for code {code!r}: expected {{'theme': ..., 'dimension': ...}} or a "
                                    f"(theme, dimension) pair; {value!r} was given")
        frame = pd.DataFrame(recs, columns=["code", "theme", "dimension"])
        first_row = 1
    else:
        raise CodebookError(f"a mapping is a CSV path, a DataFrame or a dict; {type(mapping).__name__} was given")
    if "code" not in frame.columns:
        raise CodebookError(f"the mapping needs a 'code' column; it has {', '.join(map(str, frame.columns))}")
    rows = []
    for i, rec in enumerate(frame.to_dict("records")):
        def text(col, rec=rec):
            v = rec.get(col, "")
            return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v).strip()
        rows.append((first_row + i, text("code"), text("theme"), text("dimension")))
    return rows


def _dimension(value: str, row: int, problems: list[Problem]) -> str:
    if not value:
        return ""
    for d in schema.DIMENSIONS:
        if _norm_key(d) == _norm_key(value):
            return d
    problems.append(Problem("invalid-choice", "mapping", "not one of the model's three dimensions", row=row,
                            column="dimension", value=value, expected=", ".join(schema.DIMENSIONS),
                            suggestion=nearest(value, schema.DIMENSIONS, n=1, cutoff=0.4)))
    return ""


def _near_codes(key: str, codes: list[dict]) -> tuple[str, ...]:
    """Codes whose key or name is close to ``key``, as keys."""
    by_text: dict[str, list[str]] = {}
    for c in codes:
        for text in (c["key"], c["name"]):
            by_text.setdefault(text.casefold(), []).append(c["key"])
    hits = nearest(key, by_text, n=3, cutoff=0.6)
    return tuple(dict.fromkeys(k for h in hits for k in by_text[h]))[:4]


def _codebook(codes: list[dict], mapping, warnings: list[Problem]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Codebook (resolved theme and dimension) and the code table."""
    _code_keys(codes)
    by_guid = {c["guid"]: c for c in codes}
    lookup: dict[str, list[dict]] = {}
    for c in codes:
        for k in {c["key"], "/".join(c["path"]), c["name"]}:
            lookup.setdefault(k, []).append(c)
    folded: dict[str, list[dict]] = {}
    for k, recs in lookup.items():
        folded.setdefault(_norm_key(k), []).extend(r for r in recs if r not in folded.get(_norm_key(k), []))
    problems: list[Problem] = []
    own: dict[str, dict] = {}
    for row, key, theme, dim in _read_mapping(mapping):
        hits = lookup.get(key) or folded.get(_norm_key(key), [])
        hits = list({id(h): h for h in hits}.values())
        if not key:
            problems.append(Problem("blank-value", "mapping", "a code is required", row=row, column="code"))
            continue
        if not hits:
            problems.append(Problem("unknown-code", "mapping", "no code of the project has this name or path",
                                    row=row, column="code", value=key,
                                    suggestion=_near_codes(key, codes)))
            continue
        if len(hits) > 1:
            problems.append(Problem("ambiguous-code", "mapping", "several codes have this name; write its path",
                                    row=row, column="code", value=key, suggestion=tuple(h["key"] for h in hits)))
            continue
        own[hits[0]["guid"]] = {"theme": theme, "dimension": _dimension(dim, row, problems)}
    if problems:
        raise CodebookError("the code mapping has problems:\n" + "\n".join(f"  {p}" for p in problems))

    records, table = [], []
    for c in codes:
        chain, node = [], c
        while node is not None:
            chain.append(node)
            node = by_guid.get(node["parent_guid"])
        top = chain[-1]
        theme = next((own[n["guid"]]["theme"] for n in chain if own.get(n["guid"], {}).get("theme")), top["key"])
        dim = next((own[n["guid"]]["dimension"] for n in chain if own.get(n["guid"], {}).get("dimension")), "")
        parent = by_guid[c["parent_guid"]]["key"] if c["parent_guid"] in by_guid else None
        records.append({"code": c["key"], "theme": theme, "dimension": dim or pd.NA,
                        "description": c["description"], "parent": parent})
        table.append({"guid": c["guid"], "code": c["key"], "name": c["name"], "path": "/".join(c["path"]),
                      "parent": parent, "codable": c["codable"]})
    missing = [r["code"] for r in records if pd.isna(r["dimension"])]
    if missing:
        shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
        warnings.append(Problem("no-dimension", "codebook",
                                f"{len(missing)} code(s) have no model dimension (give a mapping code -> dimension, "
                                f"e.g. for the top-level codes): {shown}", severity="warning"))
    cb = pd.DataFrame(records, columns=CODEBOOK_COLUMNS).astype("string")
    return cb, pd.DataFrame(table, columns=["guid", "code", "name", "path", "parent", "codable"])


# ----------------------------------------------------------------------------- texts and offsets


def _clean_boundary(text: str, p: int) -> bool:
    if p <= 0 or p >= len(text):
        return True
    a, b = text[p - 1], text[p]
    if a == "\r" and b == "\n":
        return False
    return not (a.isalnum() and b.isalnum())


def _choose_reading(text: str, inline: bool, spans: list[tuple[int, int]]) -> tuple[int, str, bool]:
    """Pick how line breaks were counted: (chars per line break, text to slice, tie with other excerpts)."""
    if "\r\n" in text:
        readings = [(2, text), (1, text.replace("\r\n", "\n"))]
    elif inline and "\n" in text:
        readings = [(1, text), (2, text.replace("\n", "\r\n"))]
    else:
        return 1, text, False

    def score(t):
        if any(e > len(t) for _, e in spans):
            return -1
        return sum(_clean_boundary(t, s) + _clean_boundary(t, e) for s, e in spans)

    scores = [score(t) for _, t in readings]
    best = max(range(len(readings)), key=lambda i: (scores[i], -i))
    tie = scores.count(scores[best]) > 1 and any(
        readings[0][1][s:e].replace("\r\n", "\n") != readings[1][1][s:e].replace("\r\n", "\n") for s, e in spans)
    return readings[best][0], readings[best][1], tie


def _decode(data: bytes, name: str, warnings: list[Problem]) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        warnings.append(Problem("decoded-cp1252", name, "the source text is not UTF-8; it was read as Windows-1252",
                                severity="warning"))
        return data.decode("cp1252", errors="replace")


def _plain_name(value: str) -> str:
    """The last component of a path-like value, with no directories of the exporting machine."""
    value = re.sub(r"^[a-z]+://+", "", value.strip(), flags=re.I)
    return PureWindowsPath(value).name if ("\\" in value or ":" in value) else PurePosixPath(value).name


def _member(zf_index: dict[str, str], base: str, ref: str) -> str | None:
    """The archive member a plainTextPath refers to, or None."""
    ref = ref.strip().replace("\\", "/")
    scheme = ref.split("://", 1)[0].lower() if "://" in ref else ""
    rel = ref.split("://", 1)[1] if scheme else ref
    if scheme not in ("", "internal"):
        rel = _plain_name(rel)
    rel = rel.lstrip("/")
    for cand in (f"{base}sources/{rel}", f"{base}{rel}", f"sources/{rel}", rel):
        hit = zf_index.get(cand.lower())
        if hit:
            return hit
    return None


# ----------------------------------------------------------------------------- people


def _roster(people):
    if people is None:
        return None
    frame = getattr(people, "people", people)
    if not isinstance(frame, pd.DataFrame) or not {"person_id", "name"} <= set(frame.columns):
        raise ParameterError("people must be a roster DataFrame with person_id and name columns, or a loaded Case")
    from partnet.validate import PersonResolver

    return PersonResolver(frame.astype({"person_id": str}))


def _case_map(cases) -> dict[str, str]:
    if cases is None:
        return {}
    if isinstance(cases, dict):
        return {str(k).strip(): str(v).strip() for k, v in cases.items()}
    if isinstance(cases, (str, Path)):
        path = Path(cases)
        if not path.is_file():
            raise ParameterError(f"{path}: no such case mapping file (expected a CSV with columns case, person)")
        cases = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        cases.columns = [str(c).strip().lower() for c in cases.columns]
    if isinstance(cases, pd.DataFrame):
        person_col = next((c for c in ("person", "person_id", "name") if c in cases.columns), None)
        if "case" not in cases.columns or person_col is None:
            raise ParameterError("a case mapping needs the columns case and person (a person_id or roster name); "
                                 f"it has {', '.join(map(str, cases.columns))}")
        return {str(k).strip(): str(v).strip() for k, v in zip(cases["case"], cases[person_col])}
    raise ParameterError(f"cases must be a dict, a DataFrame or a CSV path; {type(cases).__name__} was given")


class _People:
    """Case or source names to person_ids, collecting problems."""

    def __init__(self, roster, case_map: dict[str, str], file: str):
        self.roster, self.map, self.file = roster, case_map, file
        self.problems: list[Problem] = []
        self.reported: set[str] = set()

    @property
    def active(self) -> bool:
        return self.roster is not None or bool(self.map)

    def resolve(self, keys: list[str], report: bool = True) -> str | None:
        """The person of a selection whose case or source is known by any of ``keys``."""
        value = next((self.map[k] for k in keys if k in self.map), None)
        via_map = value is not None
        if self.roster is None:
            return value if via_map else keys[0]
        for candidate in ([value] if via_map else keys):
            pid, code, suggestion = self.roster.resolve(candidate)
            if pid is not None:
                return pid
        value = value if via_map else keys[0]
        pid, code, suggestion = self.roster.resolve(value)
        if report and value not in self.reported:
            self.reported.add(value)
            if code == "ambiguous-name":
                what = "the case mapping gives" if via_map else "the case (or source) name is"
                msg = f"{what} a name several roster people share; map it to a person_id"
            elif via_map:
                msg = "the case mapping gives a person who is not on the roster (expected a person_id or name)"
            else:
                msg = ("the case (or source) name matches nobody on the roster (person_id or name); map it with "
                       "cases=... (a case -> person table)")
            self.problems.append(Problem(code or "unknown-person", self.file, msg, column="case", value=value,
                                         suggestion=suggestion))
        return pid


# ----------------------------------------------------------------------------- the project


def _users(root, ns: str, coders) -> dict[str, str]:
    users = {}
    for u in root.iter(f"{{{ns}}}User"):
        users[u.get("guid") or ""] = (u.get("name") or u.get("id") or u.get("guid") or "").strip()
    if coders:
        users = {g: str(coders.get(n, n)) for g, n in users.items()}
    return users


def _cases(root, ns: str) -> tuple[list[dict], dict[str, list[str]], dict[str, list[str]]]:
    cases, by_source, by_selection = [], {}, {}
    for case in root.iter(f"{{{ns}}}Case"):
        rec = {"case_id": case.get("guid") or "", "case": (case.get("name") or case.get("guid") or "").strip(),
               "sources": 0, "selections": 0}
        for ref in case.findall(f"{{{ns}}}SourceRef"):
            by_source.setdefault(ref.get("targetGUID"), []).append(rec["case"])
            rec["sources"] += 1
        for ref in case.findall(f"{{{ns}}}SelectionRef"):
            by_selection.setdefault(ref.get("targetGUID"), []).append(rec["case"])
            rec["selections"] += 1
        cases.append(rec)
    return cases, by_source, by_selection


_MEDIA = ("PictureSource", "AudioSource", "VideoSource", "PDFSource")


def read_qdpx(path, *, mapping=None, people=None, cases=None, coders=None) -> QdaProject:
    """Read a REFI-QDA project into a codebook and coded segments.

    Parameters
    ----------
    path : str or Path
        The ``.qdpx`` file (a ZIP archive with one ``*.qde`` inside, whatever
        its name).
    mapping : dict, DataFrame or CSV path, optional
        Code -> theme and/or dimension, e.g. ``{"Leadership": ("leadership",
        "governance")}`` or a table with columns code, theme, dimension. A
        code is named as in the imported codebook, by its path
        (``parent/child``) or by its name when unique. Descendants inherit.
    people : DataFrame or Case, optional
        The roster (person_id, name), to turn case names into person_ids.
    cases : dict, DataFrame or CSV path, optional
        Case (or source) name -> person (person_id, or a roster name when
        ``people`` is given); CSV columns ``case`` and ``person``.
    coders : dict, optional
        REFI user name -> coder name shown in the ``coder`` column.

    Returns
    -------
    QdaProject

    Raises
    ------
    QdaImportError
        If the file is not a REFI-QDA project (not a ZIP archive, no
        ``.qde`` inside, XML that does not parse, another root element or
        namespace), a source text is missing, a selection lies outside its
        text, a coding names an unknown code, or a case cannot be matched to
        the roster (all problems are listed; ``err.problems`` holds them);
        or if the archive breaks a limit (too large, too many members, a
        member too large or too compressed: see the module notes).
    CodebookError
        If the mapping names unknown codes or dimensions.

    Examples
    --------
    >>> import io, zipfile
    >>> qde = '''<Project xmlns="urn:QDA-XML:project:1.0" name="demo">
    ...  <Users><User guid="u1" name="ann"/></Users>
    ...  <CodeBook><Codes><Code guid="c1" name="governance" isCodable="true">
    ...    <Code guid="c2" name="leadership" isCodable="true"/></Code></Codes></CodeBook>
    ...  <Sources><TextSource guid="t1" name="Ada Quint" plainTextPath="internal://t1.txt">
    ...    <PlainTextSelection guid="s1" startPosition="5" endPosition="19">
    ...      <Coding guid="k1" creatingUser="u1"><CodeRef targetGUID="c2"/></Coding>
    ...    </PlainTextSelection></TextSource></Sources></Project>'''
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     z.writestr("project.qde", qde)
    ...     z.writestr("sources/t1.txt", "Yes, the leadership came from the top.")
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.qdpx"
    >>> _ = path.write_bytes(buf.getvalue())
    >>> p = read_qdpx(path, mapping={"governance": ("governance", "governance")})
    >>> p.segments[["segment_id", "person_id", "code", "excerpt", "coder"]]
      segment_id  person_id        code         excerpt coder
    0         s1  Ada Quint  leadership  the leadership   ann
    >>> p.codebook[["code", "theme", "dimension", "parent"]]
             code       theme   dimension      parent
    0  governance  governance  governance        <NA>
    1  leadership  governance  governance  governance

    Notes
    -----
    The conventions (code names, themes, line breaks, people, privacy) are
    set out in the module docstring.

    References
    ----------
    .. [1] REFI-QDA Standard, Project exchange format 1.5 (2019),
       https://www.qdasoftware.org
    """
    file = _display(path)
    zf, qde, base = _open_project(path)
    with zf:
        unpack = _Unpacker(zf, file)
        root = _read_xml(unpack.read(qde), f"{file}:{qde}", "project")
        _check_root(root, f"{file}:{qde}", "Project", NS_PROJECT)
        ns = NS_PROJECT
        warnings: list[Problem] = []
        codes = _codes(root.find(f"{{{ns}}}CodeBook/{{{ns}}}Codes"), ns, file)
        codebook, code_table = _codebook(codes, mapping, warnings)
        key_of = dict(zip(code_table["guid"], code_table["code"]))
        users = _users(root, ns, coders)
        case_list, case_by_source, case_by_selection = _cases(root, ns)
        who = _People(_roster(people), _case_map(cases), file)
        index = {n.lower(): n for n in zf.namelist() if not n.endswith("/")}
        problems: list[Problem] = []
        segments, sources = [], []
        skipped = 0
        sources_el = root.find(f"{{{ns}}}Sources")
        for src in list(sources_el) if sources_el is not None else []:
            kind = _local(src.tag)[1]
            text_sources = []
            if kind == "TextSource":
                text_sources = [src]
            elif kind == "PDFSource":
                text_sources = [r for r in src.findall(f"{{{ns}}}Representation")]
            if kind in _MEDIA:
                skipped += sum(len(sel.findall(f"{{{ns}}}Coding")) for sel in src
                               if _local(sel.tag)[1].endswith("Selection"))
            for ts in text_sources:
                guid = src.get("guid") or ts.get("guid") or ""
                segs, info = _text_source(ts, src, ns, unpack, index, base, file, key_of, users,
                                          case_by_source, case_by_selection, who, problems, warnings)
                segments.extend(segs)
                info["source_id"] = guid
                sources.append(info)
        problems.extend(who.problems)
    if skipped:
        warnings.append(Problem("skipped-selections", file, f"{skipped} coding(s) of pictures, PDF areas, audio or "
                                "video were skipped: partnet imports text segments only", severity="warning"))
    if problems:
        err = QdaImportError(f"{file}: {len(problems)} problem(s) importing the project:\n"
                             + "\n".join(f"  {p}" for p in problems))
        err.problems = problems
        raise err
    seg = pd.DataFrame(segments, columns=SEGMENT_COLUMNS)
    before = len(seg)
    seg = seg.drop_duplicates(subset=["segment_id", "code", "coder"]).reset_index(drop=True)
    if len(seg) < before:
        warnings.append(Problem("duplicate-segment", file, f"{before - len(seg)} repeated coding(s) of the same "
                                "selection with the same code by the same coder were merged", severity="warning"))
    for col in SEGMENT_COLUMNS:
        seg[col] = seg[col].astype("string")
    src_table = pd.DataFrame(sources, columns=["source_id", "source", "file", "characters", "line_break_chars",
                                               "selections", "codings", "person_id"])
    person_of_case = {}
    for rec in case_list:
        person_of_case[rec["case"]] = who.resolve([rec["case"]], report=False) if who.active else rec["case"]
    case_table = pd.DataFrame(
        [{**rec, "person_id": person_of_case.get(rec["case"])} for rec in case_list],
        columns=["case_id", "case", "sources", "selections", "person_id"])
    return QdaProject(name=root.get("name") or "", origin=root.get("origin") or "", codebook=codebook,
                      segments=seg, codes=code_table, sources=src_table, cases=case_table, warnings=warnings)


def _text_source(ts, src, ns, unpack, index, base, file, key_of, users, case_by_source, case_by_selection, who,
                 problems, warnings):
    """Segments and the sources-table row of one text source."""
    guid = src.get("guid") or ""
    raw_name = src.get("name") or ""
    ref = ts.get("plainTextPath") or ""
    inline_el = ts.find(f"{{{ns}}}PlainTextContent")
    name = _plain_name(raw_name) if raw_name else (_plain_name(ref) if ref else guid)
    selections = ts.findall(f"{{{ns}}}PlainTextSelection")
    whole = ts.findall(f"{{{ns}}}Coding")
    member = None
    if inline_el is not None:
        text, inline = inline_el.text or "", True
    elif ref:
        member = _member(index, base, ref)
        inline = False
        if member is None:
            text = None
            if selections or whole:
                outside = "://" in ref and not ref.lower().startswith("internal://")
                problems.append(Problem(
                    "missing-source", file,
                    f"the text of source {name!r} is not in the archive"
                    + (" (it points outside the archive; export the project with its sources embedded)"
                       if outside else ""),
                    value=_plain_name(ref), expected=f"{base}sources/{_plain_name(ref)}"))
        else:
            text = _decode(unpack.read(member), f"{file}:{member}", warnings)
    else:
        text, inline = None, False
        if selections or whole:
            problems.append(Problem("missing-source", file, f"source {name!r} has neither a plainTextPath nor "
                                    "PlainTextContent", value=name))
    info = {"source": name, "file": member, "characters": None, "line_break_chars": None,
            "selections": len(selections), "codings": 0, "person_id": None}
    if text is None:
        return [], info
    spans = []
    for sel in selections:
        try:
            spans.append((int(sel.get("startPosition")), int(sel.get("endPosition"))))
        except (TypeError, ValueError):
            spans.append((None, None))
    good = [(s, e) for s, e in spans if s is not None]
    chars, body, tie = _choose_reading(text, inline, good)
    if tie:
        warnings.append(Problem("ambiguous-line-breaks", f"{file}:{name}",
                                "the selections fit both ways of counting line breaks equally well; line breaks "
                                f"were counted as {chars} character(s)", severity="warning"))
    info.update(characters=len(body), line_break_chars=chars)
    source_keys = case_by_source.get(guid, []) + case_by_source.get(ts.get("guid"), [])
    stem = PurePosixPath(name).stem if "." in name.strip(".") else name
    default_keys = source_keys or list(dict.fromkeys([stem, name]))
    info["person_id"] = who.resolve(default_keys, report=False) if who.active else default_keys[0]
    out = []

    def add(seg_id, excerpt, where, codings, keys):
        if not codings:
            return
        person = who.resolve(keys) if who.active else keys[0]
        for coding in codings:
            cref = coding.find(f"{{{ns}}}CodeRef")
            target = cref.get("targetGUID") if cref is not None else None
            if target not in key_of:
                problems.append(Problem("unknown-code", file, f"a coding of {where} refers to a code that is not "
                                        "in the codebook", value=target))
                continue
            coder = users.get(coding.get("creatingUser") or "", None)
            out.append({"segment_id": seg_id, "person_id": person, "code": key_of[target], "excerpt": excerpt,
                        "source": where, "coder": coder})
            info["codings"] += 1

    for sel, (s, e) in zip(selections, spans):
        sid = sel.get("guid") or ""
        codings = sel.findall(f"{{{ns}}}Coding")
        if s is None or not (0 <= s < e <= len(body)):
            if codings:
                problems.append(Problem("selection-out-of-range", file,
                                        f"selection {sid} of source {name!r} does not lie inside its text "
                                        f"({len(body)} characters)", value=f"{sel.get('startPosition')}-"
                                        f"{sel.get('endPosition')}"))
            continue
        for coding in codings:
            if not coding.get("creatingUser") and sel.get("creatingUser"):
                coding.set("creatingUser", sel.get("creatingUser"))
        keys = case_by_selection.get(sid) or default_keys
        add(sid, body[s:e].replace("\r\n", "\n"), f"{name}:{s}-{e}", codings, keys)
    if whole:
        add(guid, body.replace("\r\n", "\n"), f"{name}:0-{len(body)}", whole, default_keys)
    return out, info


def read_qdc(path, *, mapping=None) -> QdaProject:
    """Read a REFI-QDA codebook (``.qdc``) into a codebook table.

    Parameters
    ----------
    path : str or Path
        A ``.qdc`` XML file (root ``CodeBook`` in namespace
        ``urn:QDA-XML:codebook:1.0``). A ``.qdpx`` project is accepted too:
        its codebook is read and its codings ignored.
    mapping : dict, DataFrame or CSV path, optional
        Code -> theme and/or dimension, as for :func:`read_qdpx`.

    Returns
    -------
    QdaProject
        With ``codebook`` and ``codes`` filled and no segments.

    Raises
    ------
    QdaImportError
        If the file is not XML, or its root is not a REFI-QDA codebook.
    CodebookError
        If the mapping names unknown codes or dimensions.

    Examples
    --------
    >>> xml = '''<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
    ...   <Code guid="a" name="system stability" isCodable="true">
    ...     <Description>Embeddedness and history</Description>
    ...     <Code guid="b" name="history" isCodable="true"/></Code></Codes></CodeBook>'''
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.qdc"
    >>> _ = path.write_text(xml, encoding="utf-8")
    >>> cb = read_qdc(path, mapping={"system stability": {"dimension": "system stability"}}).codebook
    >>> cb[["code", "dimension", "parent"]]
                   code         dimension            parent
    0  system stability  system stability              <NA>
    1           history  system stability  system stability
    >>> cb.loc[0, "description"]
    'Embeddedness and history'
    """
    p = Path(path)
    file = _display(p)
    if not p.is_file():
        raise QdaImportError(f"{p}: no such file (expected a REFI-QDA codebook, .qdc)")
    warnings: list[Problem] = []
    if zipfile.is_zipfile(p):
        zf, qde, _ = _open_project(p)
        with zf:
            root = _read_xml(_Unpacker(zf, file).read(qde), f"{file}:{qde}", "project")
        _check_root(root, f"{file}:{qde}", "Project", NS_PROJECT)
        ns, name = NS_PROJECT, root.get("name") or ""
        codes_el = root.find(f"{{{ns}}}CodeBook/{{{ns}}}Codes")
    else:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _archive_error(file, f"the file is {size_text(size)}, larger than partnet reads for a codebook "
                                 f"({size_text(MAX_FILE_BYTES)}); is it the right file?")
        with open(p, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise _archive_error(file, f"the file holds more than {size_text(MAX_FILE_BYTES)}, more than partnet reads "
                                 "for a codebook; is it the right file?")
        root = _read_xml(data, file, "codebook")
        if _local(root.tag)[1] == "Project":
            raise QdaImportError(f"{file}: this is a bare REFI-QDA project XML, not a codebook; "
                                 "export the project as .qdpx and read it with read_qdpx")
        _check_root(root, file, "CodeBook", NS_CODEBOOK)
        ns, name = NS_CODEBOOK, p.stem
        codes_el = root.find(f"{{{ns}}}Codes")
    codebook, code_table = _codebook(_codes(codes_el, ns, file), mapping, warnings)
    return QdaProject(name=name, origin=root.get("origin") or "", codebook=codebook,
                      segments=pd.DataFrame(columns=SEGMENT_COLUMNS, dtype="string"), codes=code_table,
                      warnings=warnings)

"""The privacy gate: look for roster name parts in every file a run wrote.

This is the check of docs/privacy.md, "The gate": before a case's outputs
are released, every file (and every file and folder name) is read and
searched for every name part of every roster of the run. It follows the
rules of docs/privacy.md ("Normalisation", "Name parts", "Names that are
also common words", "The gate") and is written from that page alone: it
does not import the redaction code (:mod:`partnet.pseudonyms`) nor the old
checker (:mod:`partnet.report.privacy`), so a mistake in one is caught by
the other.

What a file format hides is decoded before searching: HTML/XML entities
(up to three rounds: a whole page sits escaped inside an iframe's
``srcdoc``), JSON and JavaScript escapes in scripts and JSON files, the XML
parts of workbooks and other zipped Office files, the text chunks of PNG
files and the strings of a notebook. What is partnet's own and carries no
data is skipped: ``<style>`` elements and CSS attributes (``style``,
``font-family``), tag and attribute names (attribute values and text are
read), base64 ``data:`` URIs, and, recognised by their exact text, the
inlined vis-network library, partnet's page script and style sheets and
the workbook theme openpyxl writes.

Decisions where docs/privacy.md leaves room (each fails closed or follows
the redaction's rule book): an anchor (``id``, ``href="#..."``) is read
with its hyphens as spaces; a title with a dot (``Dr. Page``) does not end
a sentence; an opening single quote starts one as an opening double quote
does; a lower-case common word next to another lower-case common word of
the roster stays a word; a file that cannot be read is a leak.

Examples
--------
>>> roster = Roster(["Megan Griffiths", "Mark Page"], case="example")
>>> [(f.part, f.kind) for f in scan_text("Interview with GRIFFITHS_M, see the page.", roster)]
[('Griffiths', 'leak')]
>>> [(f.part, f.kind) for f in scan_text("Page said it was fine.", roster)]
[('Page', 'ambiguous')]
"""

from __future__ import annotations

import html
import json
import os
import re
import struct
import unicodedata
import zipfile
import zlib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

__all__ = ["Finding", "Roster", "Scan", "common_words", "normalise", "scan_text", "scan",
           "TITLES", "PARTICLES", "MAX_MEMBER_BYTES"]

#: Leading titles of a name (normalised, without a final dot).
TITLES = frozenset({"cllr", "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "dame", "rev", "revd",
                    "councillor", "doctor", "professor"})

#: Particles: not name parts of their own, but kept inside longer parts.
PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le", "bin",
                       "ibn", "al", "el", "ap", "st"})

#: A zip member, inflated PNG chunk or text file larger than this is not
#: read; the file is reported as a leak ("(unreadable)") so the gate fails closed.
MAX_MEMBER_BYTES = 200 * 1024 * 1024

UNREADABLE = "(unreadable)"
SECRET = "(secret)"

_MARKUP_SUFFIXES = {".html", ".htm", ".xhtml", ".svg", ".xml", ".gexf", ".graphml"}
_TEXT_SUFFIXES = {".dl", ".csv", ".tsv", ".txt", ".md", ".rst", ".json", ".tex", ".js", ".css", ".log", ".yaml",
                  ".yml", ".net", ".dot"}
_ZIPPED_SUFFIXES = {".xlsx", ".xlsm", ".docx", ".pptx", ".odt", ".ods", ".odp"}
_BINARY_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".ico", ".zip", ".gz",
                    ".bz2", ".xz", ".pkl", ".pickle", ".parquet", ".feather", ".npy", ".npz", ".woff", ".woff2",
                    ".ttf", ".otf", ".pyc", ".so", ".db", ".sqlite"}


# ------------------------------------------------------------ normalisation

_APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u00b4\u0060\u2032\uff07"
_OPEN_SINGLE = "\u2018"  # kept apart in the case-keeping text: an opening quote starts a sentence
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SPELL = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
          "Þ": "TH", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ẞ": "SS", "ı": "i"}


def _pre_char(c: str) -> str:
    """Steps 1-4 of the normalisation for one character, keeping its case and line breaks."""
    cat = unicodedata.category(c)
    if cat == "Cf":
        return ""
    if c == _OPEN_SINGLE:
        return c
    if c in _APOSTROPHES:
        return "'"
    if cat == "Pd" or c == "\u2212":
        return "-"
    if c in _LINE_BREAKS:
        return "\n"
    if c.isspace():
        return " "
    out = []
    for d in unicodedata.normalize("NFKC", c):
        cd = unicodedata.category(d)
        if cd == "Cf":
            continue
        if d in _APOSTROPHES:
            out.append("'")
        elif cd == "Pd" or d == "\u2212":
            out.append("-")
        elif d in _LINE_BREAKS:
            out.append("\n")
        elif d.isspace():
            out.append(" ")
        else:
            out.extend(_SPELL.get(e, e) for e in unicodedata.normalize("NFD", d)
                       if not unicodedata.category(e).startswith("M"))
    return "".join(out)


def _fold_char(c: str) -> str:
    """Case folding of one character of the case-keeping text, one character for one."""
    f = c.casefold()
    if len(f) == 1:
        return f
    low = c.lower()
    return low if len(low) == 1 else c


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ASCII_SPECIAL = re.compile(r"[\t\r\x0b\x0c\x1c-\x1f`]")
_ASCII_MAP = {c: _pre_char(c) for c in "\t\r\x0b\x0c\x1c\x1d\x1e\x1f`"}
class _Table(dict):
    """A ``str.translate`` table for the non-ASCII characters of a text, each computed once by ``fold``."""

    def __init__(self, fold):
        super().__init__()
        self.fold = fold

    def __missing__(self, code: int) -> str:
        value = self[code] = self.fold(chr(code))
        return value

    def apply(self, text: str) -> str:
        if text.isascii():
            return text
        return _NON_ASCII.sub(lambda m: m.group().translate(self), text)


_PRE_TABLE = _Table(_pre_char)
_FOLD_TABLE = _Table(_fold_char)


def _pre_text(text: str) -> str:
    """Steps 1-4 without case folding and without joining white space (line breaks stay)."""
    return _ASCII_SPECIAL.sub(lambda m: _ASCII_MAP[m.group()], _PRE_TABLE.apply(text))


def _fold_text(pre: str) -> str:
    """The case-folded twin of the case-keeping text: the same length, position for position."""
    return _FOLD_TABLE.apply(pre.lower().replace("\n", " ").replace(_OPEN_SINGLE, "'"))


_RUN = re.compile(r" *'[ ']*| {2,}")


class _Text:
    """A text normalised (``norm``) with its case-keeping twin (``pre``) and a map between them."""

    __slots__ = ("pre", "fold", "norm", "_starts", "_shifts")

    def __init__(self, text: str):
        self.pre = _pre_text(text)
        fold = self.fold = _fold_text(self.pre)
        pieces, starts, shifts = [], [], []
        last = n = 0
        size = len(fold)
        for m in _RUN.finditer(fold):
            a, b = m.span()
            pieces.append(fold[last:a])
            n += a - last
            run = m.group()
            if run[-1] == "'" and fold.startswith("s", b) and (b + 1 == size or not fold[b + 1].isalnum()):
                rep = " "  # a possessive: Marsh's -> marsh s
            else:
                rep = " " if " " in run else ""
            pieces.append(rep)
            n += len(rep)
            if len(rep) != b - a:
                starts.append(n)
                shifts.append(b - n)
            last = b
        pieces.append(fold[last:])
        self.norm = "".join(pieces)
        self._starts, self._shifts = starts, shifts

    def to_pre(self, i: int) -> int:
        """Position in ``pre`` of the character at position ``i`` of ``norm`` (not inside white space)."""
        k = bisect_right(self._starts, i) - 1
        return i + (self._shifts[k] if k >= 0 else 0)


def normalise(text: str) -> str:
    """Normalise text as docs/privacy.md ("Normalisation", steps 1-6) says.

    Invisible and format characters are removed, apostrophes and dashes
    unified, the text NFKC-normalised, stripped of accents, special
    letters spelt out (``ø`` -> ``o``, ``ß`` -> ``ss``) and case-folded,
    white space joined, a possessive ``'s`` made `` s`` and every other
    apostrophe removed. Decoding a file format (entities, escapes) is not
    part of it.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The normalised text.

    Examples
    --------
    >>> normalise("Søren  O´Connor-Strauß’s Gri\\u200bﬃths")
    'soren oconnor-strauss s griffiths'
    >>> normalise("Łukasz Ｗｉｌｌ")
    'lukasz will'
    """
    return _Text(text).norm


@lru_cache(maxsize=1)
def common_words() -> frozenset:
    """The common English words of ``partnet/data/common_words.txt`` (docs/privacy.md).

    Read once. A one-word name part in this set is a name only where it is
    written as one (capitalised within a sentence, next to another name
    part, or capitalised before a possessive).

    Returns
    -------
    frozenset of str
        Normalised (lower-case ASCII) words.

    Examples
    --------
    >>> {"mark", "page", "may", "key"} <= common_words(), "megan" in common_words()
    (True, False)
    """
    from importlib import resources

    text = resources.files("partnet").joinpath("data", "common_words.txt").read_text(encoding="utf-8")
    words = (line.strip() for line in text.splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


# --------------------------------------------------------------- name parts

_TOKEN = re.compile(r"[^\W_]+")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def _alnum_count(s: str) -> int:
    return sum(ch.isalnum() for ch in s)


@lru_cache(maxsize=65536)
def _bare(word: str) -> str:
    """A word normalised, without punctuation at its ends."""
    return _EDGES.sub("", normalise(word))


def _strip_original(word: str) -> str:
    """A word as written, without the characters at its ends that normalise to no letter or digit."""
    if word[:1].isalnum() and word[-1:].isalnum():
        return word
    start, end = 0, len(word)
    while start < end and not _TOKEN.search(normalise(word[start])):
        start += 1
    while end > start and not _TOKEN.search(normalise(word[end - 1])):
        end -= 1
    return word[start:end]


def _is_dash(c: str) -> bool:
    return unicodedata.category(c) == "Pd" or c == "\u2212"


def _name_parts(name: str) -> list[tuple[str, str]]:
    """(normalised part, spelling) pairs of one roster name, as docs/privacy.md "Name parts" lists them."""
    words = name.split()
    while words and _bare(words[0]) in TITLES:
        words = words[1:]
    words = [w for w in (_strip_original(w) for w in words) if w]
    if not words:
        return []
    parts: list[tuple[str, str]] = []

    def add(spelling: str, single: bool):
        norm = _bare(spelling)
        if not norm or _alnum_count(norm) < 2:
            return
        if single and (norm in TITLES or norm in PARTICLES):
            return
        parts.append((norm, spelling))

    def word_variants(w: str) -> list[str]:
        """The word, and the word with its apostrophes as spaces (O'Connor, O Connor)."""
        split = "".join(" " if c in _APOSTROPHES else c for c in w)
        return [w, " ".join(split.split())] if split != w else [w]

    # Every word, each half of a hyphenated word, an apostrophe word as two words.
    for w in words:
        pieces = [w]
        if any(_is_dash(c) for c in w):
            pieces += [h for h in "".join("\x00" if _is_dash(c) else c for c in w).split("\x00") if h]
        for piece in dict.fromkeys(pieces):
            for variant in word_variants(_strip_original(piece) or piece):
                add(variant, single=True)

    # Sequences: whole name (with and without titles), words after the first,
    # first with last, "Surname, First"; each also with apostrophe words split.
    sequences = [words]
    split_words = [word_variants(w)[-1] for w in words]
    if split_words != words:
        sequences.append(split_words)
    for ws in sequences:
        n = len(ws)
        add(" ".join(ws), single=False)
        if n >= 2:
            add(f"{ws[-1]}, {ws[0]}", single=False)
        if n >= 3:
            add(f"{ws[0]} {ws[-1]}", single=False)
            add(f"{ws[-1]}, {' '.join(ws[:-1])}", single=False)
            for i in range(1, n - 1):
                add(" ".join(ws[i:]), single=False)
                add(f"{' '.join(ws[i:])}, {ws[0]}", single=False)
    add(name, single=False)  # as the roster writes it: "Dr Megan Griffiths", "Griffiths, Megan"
    return parts


class Roster:
    """Name parts of one or more rosters (docs/privacy.md, "Name parts").

    Parameters
    ----------
    names : iterable of str, optional
        Roster names (a pandas Series works; values that are not strings,
        such as missing values, are skipped).
    case : str, optional
        The roster's case id, carried into every :class:`Finding`.

    Attributes
    ----------
    parts : mapping
        Read-only view: normalised part -> list of (part as the roster
        spells it, full name, case id).

    Examples
    --------
    >>> r = Roster(["Dr Mary Kate Smith-Jones"], case="a").add(["Seán O'Connor"], case="b")
    >>> sorted(p for p in r.parts if " " not in p)
    ['jones', 'kate', 'mary', 'oconnor', 'sean', 'smith', 'smith-jones']
    >>> r.parts["o connor"]
    [('O Connor', "Seán O'Connor", 'b')]
    >>> r.parts["smith-jones, mary"][0][0]
    'Smith-Jones, Mary'
    """

    def __init__(self, names=(), case=None):
        self._parts: dict[str, list[tuple[str, str, str | None]]] = {}
        self._seen: set[tuple[str, str, str | None]] = set()
        self._single: set[str] = set()
        self._multi: dict[str, list[str]] = {}
        self._keys: set[str] = set()
        self._names = 0
        self.add(names, case=case)

    def add(self, names, case=None) -> Roster:
        """Add a roster's names (another case's roster, for example); returns the roster itself.

        Examples
        --------
        >>> len(Roster(["Ada Quintrell"]).add(["Bram Okonjo", None, float("nan")], case="b"))
        2
        """
        if isinstance(names, str):
            names = [names]
        elif hasattr(names, "columns") and "name" in getattr(names, "columns", ()):
            names = names["name"]
        for name in names:
            if not isinstance(name, str) or not name.strip():
                continue
            full = " ".join(name.split())
            self._names += 1
            for norm, spelling in _name_parts(full):
                key = (norm, full, case)
                if key in self._seen:
                    continue
                self._seen.add(key)
                self._parts.setdefault(norm, []).append((spelling, full, case))
                if _TOKEN.fullmatch(norm):
                    self._single.add(norm)
                    self._keys.add(norm)
                else:
                    first = _TOKEN.search(norm).group()
                    multi = self._multi.setdefault(first, [])
                    if norm not in multi:
                        multi.append(norm)
                    self._keys.add(first)
        return self

    @property
    def parts(self):
        """Normalised part -> list of (spelling, full name, case id); a read-only view."""
        return MappingProxyType(self._parts)

    def __len__(self) -> int:
        return self._names

    def __repr__(self) -> str:
        return f"Roster({self._names} names, {len(self._parts)} parts)"


# ----------------------------------------------------------------- findings

@dataclass(frozen=True)
class Finding:
    """A name part (or a secret) found in a file.

    Parameters
    ----------
    path : str
        File relative to the scanned root (POSIX), or "" for :func:`scan_text`.
    part : str
        The name part as the roster spells it ("Griffiths"); ``"(secret)"``
        for a secret, ``"(unreadable)"`` for a file that could not be read.
    name : str
        The full roster name it belongs to ("secret 1" for the first secret).
    case : str or None
        The roster's case id.
    kind : str
        ``"leak"``, ``"ambiguous"`` (a common-word part where it may be the
        word) or ``"secret"``.
    context : str
        Up to about 60 characters of the normalised text around it.

    Examples
    --------
    >>> f = Finding("report.html", "Griffiths", "Megan Griffiths", "example", "leak", "by megan griffiths")
    >>> f.kind, f.part, f.case
    ('leak', 'Griffiths', 'example')
    """

    path: str
    part: str
    name: str
    case: str | None
    kind: str
    context: str


@dataclass
class Scan:
    """What :func:`scan` found.

    Attributes
    ----------
    leaks : list of Finding
        Findings of kind "leak" or "secret": the outputs must be withheld.
    ambiguous : list of Finding
        Common-word parts where they may be the word: warnings.
    files : int
        Files whose content was read.

    Examples
    --------
    >>> s = Scan([Finding("a.html", "Griffiths", "Megan Griffiths", None, "leak", "")], [], 3)
    >>> s.ok, s.summary()
    (False, 'a.html: Griffiths')
    """

    leaks: list[Finding] = field(default_factory=list)
    ambiguous: list[Finding] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing leaked (ambiguous words are only warnings)."""
        return not self.leaks

    def summary(self, limit: int = 5) -> str:
        """One line per file, naming the parts found: ``report.html: Griffiths, Megan (2 more)``.

        Parameters
        ----------
        limit : int
            Parts named per file; the rest are counted.

        Returns
        -------
        str
            Lines for leaks first, then for ambiguous words (marked so);
            a short sentence when nothing was found. Secrets are never shown.

        Examples
        --------
        >>> f = [Finding("r.html", p, "x", None, "leak", "") for p in ["A", "B", "C", "B"]]
        >>> print(Scan(f, [Finding("e/p.svg", "Page", "Mark Page", None, "ambiguous", "")], 2).summary(limit=2))
        r.html: A, B (1 more)
        e/p.svg: ambiguous: Page
        """
        lines = []
        for findings, label in ((self.leaks, ""), (self.ambiguous, "ambiguous: ")):
            by_file: dict[str, list[str]] = {}
            for f in findings:
                parts = by_file.setdefault(f.path, [])
                if f.part not in parts:
                    parts.append(f.part)
            for path, parts in by_file.items():
                more = f" ({len(parts) - limit} more)" if len(parts) > limit else ""
                lines.append(f"{path or '(text)'}: {label}{', '.join(parts[:limit])}{more}")
        if not lines:
            return f"no roster name found in {self.files} files"
        return "\n".join(lines)


# ------------------------------------------------------------- the matching

_SEP_BEFORE = re.compile(r"([^\W_]+)( ?[-,]? ?)$")
_SEP_AFTER = re.compile(r"( ?[-,]? ?)([^\W_]+)")
_OPENERS = set('.!?:;"([{\u201c\u201e\u00ab\u2039\u00bf\u00a1')


@lru_cache(maxsize=4096)
def _token_pattern(token: str):
    return re.compile(re.escape(token) + r"(?![^\W_])")


def _occurrences(norm: str, token: str):
    """Start positions of a part in normalised text with no letter or digit either side."""
    for m in _token_pattern(token).finditer(norm):
        i = m.start()
        if i == 0 or not norm[i - 1].isalnum():
            yield i


def _context(norm: str, start: int, end: int) -> str:
    pad = max(0, (60 - (end - start)) // 2)
    return norm[max(0, start - pad):end + pad].strip()


class _Matcher:
    """Finds the parts of one roster in one text (all decoding already done)."""

    def __init__(self, text: str, roster: Roster, markup: bool):
        self.t = _Text(text)
        self.roster = roster
        self.markup = markup
        self.common = common_words()

    # -- the common-word rule
    def _capitalised(self, norm_start: int) -> bool:
        return self.t.pre[self.t.to_pre(norm_start)][:1].isupper()

    def _qualifying_neighbour(self, token: str, start: int, capitalised: bool) -> bool:
        """Another name part next to it (spaces, a hyphen or a comma between)."""
        if token not in self.roster._single:
            return False
        if token not in self.common:
            return True
        return capitalised and self._capitalised(start)

    def _next_to_part(self, s: int, e: int, capitalised: bool) -> bool:
        norm = self.t.norm
        before = _SEP_BEFORE.search(norm, max(0, s - 48), s)
        if before and before.group(2) and (before.start(1) == 0 or not norm[before.start(1) - 1].isalnum()):
            if self._qualifying_neighbour(before.group(1), before.start(1), capitalised):
                return True
        after = _SEP_AFTER.match(norm, e)
        if after and after.group(1):
            return self._qualifying_neighbour(after.group(2), after.start(2), capitalised)
        return False

    def _sentence_start(self, ps: int) -> bool:
        pre = self.t.pre
        k = ps - 1
        while k >= 0 and pre[k] == " ":
            k -= 1
        if k < 0 or pre[k] == "\n":
            return True
        c = pre[k]
        if c == ".":
            m = re.search(r"([^\W_]+)$", self.t.fold[max(0, k - 16):k])
            return not (m and m.group(1) in TITLES)  # "Dr. Page" is a name, not a new sentence
        if c in _OPENERS or (c == ">" and self.markup):
            return True
        if c in "'\u2018":  # an opening single quote, not an apostrophe inside a word
            j = k - 1
            while j >= 0 and pre[j] == " ":
                j -= 1
            return j < 0 or j < k - 1 or pre[j] == "\n" or pre[j] in _OPENERS or pre[j] in "'\u2018>"
        return False

    def _classify(self, s: int, e: int) -> str | None:
        """leak / ambiguous / None (the word) for a common-word part at norm[s:e]."""
        t = self.t
        ps = t.to_pre(s)
        pe = t.to_pre(e - 1) + 1
        word = t.pre[ps:pe]
        capitalised = word[:1].isupper()
        if self._next_to_part(s, e, capitalised):
            return "leak"
        if not capitalised:
            return None
        if word.isupper():
            return "ambiguous"
        pre = t.pre
        if (pre[pe:pe + 1] in ("'", _OPEN_SINGLE) and pre[pe + 1:pe + 2] in ("s", "S")
                and (pe + 2 >= len(pre) or not pre[pe + 2].isalnum())):
            return "leak"  # Page's
        return "ambiguous" if self._sentence_start(ps) else "leak"

    def hits(self, commons: bool = True) -> dict[tuple[str, str], tuple[int, str]]:
        """(normalised part, kind) -> (position, context) of its first occurrence."""
        norm = self.t.norm
        roster = self.roster
        out: dict[tuple[str, str], tuple[int, str]] = {}
        for token in sorted(roster._keys.intersection(_TOKEN.findall(norm))):
            places = list(_occurrences(norm, token))
            if token in roster._single:
                if token not in self.common:
                    if places:
                        s = places[0]
                        out[(token, "leak")] = (s, _context(norm, s, s + len(token)))
                elif commons:
                    for s in places:
                        kind = self._classify(s, s + len(token))
                        if kind and (token, kind) not in out:
                            out[(token, kind)] = (s, _context(norm, s, s + len(token)))
                            if kind == "leak":
                                break
            for part in roster._multi.get(token, ()):
                for s in places:
                    e = s + len(part)
                    if norm.startswith(part, s) and (e == len(norm) or not norm[e].isalnum()):
                        out[(part, "leak")] = (s, _context(norm, s, e))
                        break
        return out


# ------------------------------------------------------------------ decoding

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
_DATA_URI = re.compile(r"data:[\w/+.-]+(?:;[\w.+-]+=[\w.+-]+)*;base64,[A-Za-z0-9+/=]*", re.IGNORECASE)
_STYLE = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)  # unclosed: read
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)(?:</script\s*>|$)", re.IGNORECASE | re.DOTALL)
_SRCDOC = re.compile(r"""\bsrcdoc\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TAG = re.compile(r"""<[A-Za-z/][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")
_ATTR = re.compile(r"""([^\s"'=<>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_JS_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])")
_JS_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0", "\n": "", "\r\n": "",
              "\r": "", "\u2028": "", "\u2029": ""}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _unescape_entities(text: str, rounds: int = 3) -> str:
    """HTML/XML entities decoded until nothing changes, at most ``rounds`` times."""
    for _ in range(rounds):
        if "&" not in text:
            break
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def _js_char(m) -> str:
    e = m.group(1)
    if len(e) > 1 and e[0] in "ux":
        code = int(e[2:-1] if e[1] == "{" else e[1:], 16)
        return chr(code) if code < 0x110000 else "\ufffd"
    return _JS_SIMPLE.get(e, e)


def _unescape_js(text: str) -> str:
    """JSON and JavaScript string escapes decoded (``\\u00e9``, surrogate pairs, ``\\/``, ``\\n``)."""
    if "\\" not in text:
        return text
    text = _JS_ESCAPE.sub(_js_char, text)
    if _SURROGATE.search(text):
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


@lru_cache(maxsize=1)
def _known_assets() -> tuple[str, ...]:
    """Texts that are partnet's own and carry no data, as written and as escaped.

    The inlined vis-network library, partnet's page scripts (the wave
    selector's and the notes' too) and style sheets, and the constant workbook theme openpyxl writes (its font list
    holds words such as "Shruti" and "Latha").
    """
    texts = []
    try:
        from partnet.viz import _html
    except Exception:  # pragma: no cover - without the viz package nothing is skipped (fails closed)
        return ()

    def openpyxl_theme():
        from openpyxl.writer.theme import theme_xml
        return theme_xml

    for get in (_html.vis_network_js, lambda: _html.asset_text("network.js"),
                lambda: _html.asset_text("network.css"), lambda: _html.asset_text("ego.css"),
                lambda: _html.asset_text("network_waves.js"), lambda: _html.asset_text("network_waves.css"),
                lambda: _html.asset_text("network_notes.js"), lambda: _html.asset_text("network_notes.css"),
                openpyxl_theme):
        try:
            text = get()
        except Exception:  # pragma: no cover - a missing asset is simply scanned
            continue
        if len(text.strip()) >= 200:
            texts += [text, html.escape(text, quote=True), html.escape(text, quote=False)]
    # Longest first, so an escaped text is removed before a shorter one inside it could be.
    return tuple(sorted(dict.fromkeys(texts), key=len, reverse=True))


def _drop_assets(text: str) -> str:
    for asset in _known_assets():
        if asset in text:
            text = text.replace(asset, "\n")
    return text


def _tag_text(m) -> str:
    """A tag as text: its attribute values (not ``style`` or ``font-family``: CSS), each on a line of its own.

    An anchor (an ``id``, a link to ``#...``) is a heading with its spaces
    made hyphens (``3.-Key-people``): the hyphens are read as spaces again,
    so a common word in it follows the rule it follows in the heading.
    """
    values = []
    for name, *vals in _ATTR.findall(m.group()):
        name = name.lower()
        if name in ("style", "font-family"):
            continue
        for v in vals:
            if v:
                if name == "id" or (name.endswith("href") and v.startswith("#")):
                    v = v.lstrip("#").replace("-", " ")
                values.append(v)
    return "\n" + "\n".join(values) + "\n" if values else "\n"


def _markup_text(text: str, depth: int = 0, join_tags: bool = False) -> str:
    """The readable text of an HTML/XML document (docs/privacy.md, "The gate").

    Drops data: URIs, known assets, ``<style>`` elements and tag and
    attribute names; pages in ``srcdoc`` attributes are read as documents
    of their own; scripts keep their text with JSON/JS escapes decoded;
    the rest has its entities decoded. Each tag becomes a line break (a
    sentence start), or nothing with ``join_tags`` (text split into runs,
    as Office files do).
    """
    text = _DATA_URI.sub("", text)
    text = _drop_assets(text)
    text = _STYLE.sub("\n", text)
    inner: list[str] = []
    if depth < 3 and "srcdoc" in text.lower():
        def srcdoc(m):
            value = m.group(1) if m.group(1) is not None else m.group(2)
            inner.append(_markup_text(html.unescape(value), depth + 1, join_tags))
            return "srcdoc=\"\""
        text = _SRCDOC.sub(srcdoc, text)
    pieces = []
    last = 0
    tag_text = (lambda m: "") if join_tags else _tag_text
    for m in _SCRIPT.finditer(text):
        pieces.append(_unescape_entities(_TAG.sub(tag_text, text[last:m.start()])))
        pieces.append(_unescape_entities(_unescape_js(m.group(1))))
        last = m.end()
    pieces.append(_unescape_entities(_TAG.sub(tag_text, text[last:])))
    return "\n".join(pieces + inner)


def _plain_variants(text: str) -> list[str]:
    """A plain text as written, with its entities decoded, and with its JSON/JS escapes decoded."""
    variants = [text]
    if "&" in text:
        variants.append(_unescape_entities(text))
    if "\\" in text:
        variants.append(_unescape_entities(_unescape_js(text)))
    return list(dict.fromkeys(variants))


def _hits(text: str, roster: Roster, markup: bool, join_tags_too: bool = False) -> dict[tuple[str, str], tuple]:
    """(normalised part, kind) -> (position, context), over every decoded form of a text."""
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    out: dict[tuple[str, str], tuple] = {}
    if markup:
        forms = [(_markup_text(text), True)]
        if join_tags_too:
            forms.append((_markup_text(text, join_tags=True), False))
    else:
        forms = [(_drop_assets(v), True) for v in _plain_variants(text)]
    for form, commons in forms:
        for key, place in _Matcher(form, roster, markup).hits(commons=commons).items():
            out.setdefault(key, place)
    return out


def _findings(path: str, hits: dict[tuple[str, str], tuple], roster: Roster) -> list[Finding]:
    """Findings in order of first occurrence (a longer part first where two start together)."""
    leaked = {part for part, kind in hits if kind == "leak"}
    out = []
    for (part, kind), (_, context) in sorted(hits.items(), key=lambda h: (h[1][0], -len(h[0][0]), h[0])):
        if kind == "ambiguous" and part in leaked:
            continue
        for spelling, name, case in roster._parts.get(part, ()):
            out.append(Finding(path, spelling, name, case, kind, context))
    return out


def scan_text(text: str, roster: Roster, *, markup: bool = False) -> list[Finding]:
    """Roster name parts in one text.

    Parameters
    ----------
    text : str
        The text.
    roster : Roster
        Every roster of the run.
    markup : bool
        The text is HTML or XML: tag ends start sentences, ``<style>``
        elements, tag and attribute names and partnet's known asset texts
        are skipped, entities and script escapes decoded.

    Returns
    -------
    list of Finding
        One per part (and roster name it belongs to) and kind, with the
        context of its first occurrence; ``path`` is "". A part found as a
        leak is not reported as ambiguous as well.

    Examples
    --------
    >>> r = Roster(["Mark Page", "Seán O'Connor"])
    >>> [(f.part, f.kind) for f in scan_text("the page loads", r)]
    []
    >>> sorted({(f.part, f.kind) for f in scan_text("It was Page who said", r)})
    [('Page', 'leak')]
    >>> [(f.part, f.kind) for f in scan_text('<p>Page said</p><i title="O&#x27;Connor"></i>', r, markup=True)]
    [('Page', 'ambiguous'), ("O'Connor", 'leak')]
    """
    return _findings("", _hits(text, roster, markup), roster)


# ------------------------------------------------------------------ reading

class _Unreadable(Exception):
    pass


def _inflate(data: bytes) -> bytes:
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, MAX_MEMBER_BYTES)
    except zlib.error as exc:
        raise _Unreadable(f"bad compressed data: {exc}") from None
    if d.unconsumed_tail:
        raise _Unreadable("compressed text larger than the limit")
    return out


def _latin1_text(raw: bytes) -> list[tuple[str, bool]]:
    """A tEXt/zTXt string: Latin-1 by the PNG standard, but some writers put UTF-8 there; read both."""
    texts = [(raw.decode("latin-1"), False)]
    try:
        utf8 = raw.decode("utf-8")
    except UnicodeDecodeError:
        return texts
    return texts + [(utf8, False)] if utf8 != texts[0][0] else texts


def _png_texts(data: bytes) -> list[tuple[str, bool]]:
    """(text, is markup) of a PNG's tEXt, zTXt and iTXt chunks."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise _Unreadable("not a PNG file")
    out: list[tuple[str, bool]] = []
    pos = 8
    while pos < len(data):
        if pos + 8 > len(data):
            raise _Unreadable("truncated PNG chunk")
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if len(chunk) < length:
            raise _Unreadable("truncated PNG chunk")
        pos += 12 + length
        if ctype == b"tEXt":
            key, _, text = chunk.partition(b"\0")
            out += _latin1_text(key) + _latin1_text(text)
        elif ctype == b"zTXt":
            key, _, rest = chunk.partition(b"\0")
            out += _latin1_text(key) + _latin1_text(_inflate(rest[1:]))
        elif ctype == b"iTXt":
            key, _, rest = chunk.partition(b"\0")
            if len(rest) < 2:
                raise _Unreadable("bad iTXt chunk")
            compressed = rest[0]
            language, _, rest = rest[2:].partition(b"\0")
            translated, _, text = rest.partition(b"\0")
            if compressed:
                text = _inflate(text)
            keyword = key.decode("latin-1")
            out += [(keyword, False), (language.decode("utf-8", "replace"), False),
                    (translated.decode("utf-8", "replace"), False),
                    (text.decode("utf-8", "replace"), keyword.startswith("XML:"))]
        elif ctype == b"IEND":
            break
    return out


def _decode_bytes(data: bytes) -> list[str]:
    """A text file's readings: UTF-8 (or UTF-16 with a byte-order mark), and Windows-1252 too where
    the bytes are not UTF-8 (a legacy CSV's ``S\xf8ren`` is still found)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [data.decode("utf-16", "replace")]
    try:
        return [data.decode("utf-8")]
    except UnicodeDecodeError:
        return [data.decode("utf-8", "replace"), data.decode("cp1252", "replace")]


def _zip_texts(path: Path, found_secret) -> list[tuple[str, bool]]:
    """The names and XML parts of a zipped Office file."""
    out: list[tuple[str, bool]] = []
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                out.append((info.filename, False))
                if info.is_dir():
                    continue
                if info.file_size > MAX_MEMBER_BYTES:
                    raise _Unreadable(f"{info.filename} is larger than the limit")
                with z.open(info) as f:
                    data = f.read(MAX_MEMBER_BYTES + 1)
                if len(data) > MAX_MEMBER_BYTES:
                    raise _Unreadable(f"{info.filename} is larger than the limit")
                found_secret(data)
                member = info.filename.lower()
                if member.endswith((".xml", ".rels", ".vml", ".rdf")):
                    out += [(text, True) for text in _decode_bytes(data)]
                elif member.endswith(".png"):
                    out += _png_texts(data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError,
            zlib.error, OSError) as exc:
        raise _Unreadable(f"{type(exc).__name__}: {exc}") from None
    return out


def _notebook_texts(data: bytes) -> list[tuple[str, bool]]:
    """Every string of a notebook: plain text, and HTML/SVG outputs as markup; base64 images dropped."""
    try:
        nb = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _Unreadable(f"not a notebook: {exc}") from None
    plain: list[str] = []
    markup: list[str] = []

    def text_of(value) -> str:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return "".join(value)
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    def walk(value):
        if isinstance(value, str):
            plain.append(value)
        elif isinstance(value, list):
            if value and all(isinstance(v, str) for v in value):
                plain.append("".join(value))
            else:
                for v in value:
                    walk(v)
        elif isinstance(value, dict):
            for k, v in value.items():
                plain.append(str(k))
                key = str(k).lower()
                if key in ("text/html", "image/svg+xml", "application/xhtml+xml"):
                    markup.append(text_of(v))
                elif key.startswith(("image/", "audio/", "video/", "font/")) or key == "application/pdf":
                    continue  # base64 payloads
                else:
                    walk(v)

    walk(nb)
    return [("\n".join(plain), False), ("\n".join(markup), True)]


def _walk(root: Path) -> list[tuple[str, Path, bool]]:
    """(relative POSIX path, path, is a file) of everything under a folder, sorted."""
    entries = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        base = Path(dirpath)
        for d in dirnames:
            entries.append(((base / d).relative_to(root).as_posix(), base / d, False))
        for f in filenames:
            entries.append(((base / f).relative_to(root).as_posix(), base / f, True))
    entries.sort(key=lambda e: e[0])
    return entries


def _file_texts(path: Path, data: bytes, found_secret) -> tuple[list[tuple[str, bool]], bool, bool]:
    """(texts, read, office) of a file's content; raises _Unreadable."""
    suffix = path.suffix.lower()
    if suffix in _MARKUP_SUFFIXES:
        return [(text, True) for text in _decode_bytes(data)], True, False
    if suffix == ".ipynb":
        return _notebook_texts(data), True, False
    if suffix in _ZIPPED_SUFFIXES:
        return _zip_texts(path, found_secret), True, True
    if suffix == ".png" or data.startswith(b"\x89PNG\r\n\x1a\n"):
        texts = _png_texts(data)
        for text, _ in texts:
            found_secret(text.encode("utf-8", "replace"))
        return texts, True, False
    if suffix in _TEXT_SUFFIXES:
        return [(text, False) for text in _decode_bytes(data)], True, False
    if suffix in _BINARY_SUFFIXES or b"\0" in data[:8192]:
        return [], False, False
    try:
        return [(data.decode("utf-8"), False)], True, False  # a text file with another ending
    except UnicodeDecodeError:
        return [], False, False


def scan(root, roster: Roster, *, secrets=()) -> Scan:
    """Look for roster name parts and secrets in every file under a folder (docs/privacy.md, "The gate").

    Parameters
    ----------
    root : str or pathlib.Path
        A folder (read recursively, in sorted order) or one file.
    roster : Roster
        Every roster of the run.
    secrets : iterable of str or bytes
        Literal strings (a pseudonym key's hex, say) that must not occur in
        any file, nor in any file or folder name. Text is matched without
        regard to case.

    Returns
    -------
    Scan
        Leaks (with secrets and unreadable files) and ambiguous words.

    Notes
    -----
    Read as text: .html .htm .svg .xml .gexf .graphml (as markup), .dl
    .csv .txt .md .json .tex .js .css and other text files; notebooks
    (.ipynb) string by string; the XML parts of .xlsx .docx .pptx .odt
    .ods; the text chunks of .png files. Other binary files: only their
    name. A file that cannot be parsed, or a zip member or compressed chunk
    above :data:`MAX_MEMBER_BYTES`, is a leak with part ``"(unreadable)"``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "ok.gexf").write_text('<node label="NDC-01"/>')
    >>> _ = (d / "bad.dl").write_text("labels:\\nAda Quintrell,NDC-02")
    >>> found = scan(d, Roster(["Ada Quintrell"], case="example"))
    >>> found.ok, found.files, found.summary()
    (False, 2, 'bad.dl: Ada Quintrell, Ada, Quintrell')
    """
    root = Path(root)
    text_secrets, byte_secrets = [], []
    for s in secrets:
        if isinstance(s, (bytes, bytearray)) and s:
            byte_secrets.append(bytes(s))
        elif isinstance(s, str) and s:
            text_secrets.append(s.lower())
    result = Scan()
    if root.is_file():
        entries = [(root.name, root, True)]
    elif root.is_dir():
        entries = _walk(root)
    else:
        raise FileNotFoundError(f"nothing to scan at {root}")

    hide = [re.compile(re.escape(s), re.IGNORECASE) for s in text_secrets]

    for rel, path, is_file in entries:
        for pattern in hide:  # a secret in a file name is not repeated in a message
            rel = pattern.sub(SECRET, rel)
        hits = _hits(path.name, roster, markup=False)
        secret_ids: set[int] = {i for i, s in enumerate(text_secrets) if s in path.name.lower()}

        def found_secret(data: bytes, secret_ids: set[int] = secret_ids):
            lowered = data.lower()
            for i, s in enumerate(text_secrets):
                if s.encode("utf-8") in lowered:
                    secret_ids.add(i)
            for i, s in enumerate(byte_secrets):
                if s in data:
                    secret_ids.add(len(text_secrets) + i)

        unreadable = None
        if is_file:
            try:
                if path.stat().st_size > MAX_MEMBER_BYTES:
                    raise _Unreadable("larger than the limit")
                data = path.read_bytes()
                found_secret(data)
                texts, read, office = _file_texts(path, data, found_secret)
                if read:
                    result.files += 1
                for text, markup in texts:
                    if text:
                        for key, place in _hits(text, roster, markup, join_tags_too=office).items():
                            hits.setdefault(key, place)
            except _Unreadable as exc:
                unreadable = str(exc)
            except OSError as exc:
                unreadable = f"{type(exc).__name__}: {exc}"
        findings = _findings(rel, hits, roster)
        if hide:
            findings = [f if not any(p.search(f.context) for p in hide) else
                        Finding(f.path, f.part, f.name, f.case, f.kind, "(context holds a secret)") for f in findings]
        if unreadable is not None:
            findings.insert(0, Finding(rel, UNREADABLE, "", None, "leak", f"unreadable ({unreadable})"))
        for i in sorted(secret_ids):
            findings.append(Finding(rel, SECRET, f"secret {i + 1}", None, "secret", ""))
        for f in findings:
            (result.ambiguous if f.kind == "ambiguous" else result.leaks).append(f)
    return result

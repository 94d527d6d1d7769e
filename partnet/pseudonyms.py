"""Stable pseudonyms, the consent rule, and roster names replaced in free text.

A person is shown by name only when they agreed to it (``consent_named`` =
yes) and the output is not anonymised; otherwise by a pseudonym made of
their organisation's short code and a number (``NDC-03``). The same rule
applies inside interview quotes: :meth:`Pseudonyms.redact` replaces roster
names in free text. The key (name -> pseudonym) is for the researcher only
(:meth:`Pseudonyms.key`); no page partnet writes carries it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from partnet.errors import ParameterError, choice_error

__all__ = ["Pseudonyms", "Outsiders", "shown_name", "shown_organisation", "shown_graph", "leaked_names", "derive_code",
           "key_path", "read_key", "common_words", "PLACEHOLDER", "TITLES", "PARTICLES", "KEY_DIR"]

#: What a first name or surname shared by several roster people becomes.
PLACEHOLDER = "[name]"

#: Titles skipped when a roster name is split into first name and surname;
#: a title is never replaced on its own ("Cllr Marsh" -> "Cllr NDC-03").
TITLES = frozenset(
    {"cllr", "councillor", "dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof", "professor",
     "sir", "dame", "rev", "revd"}
)

_STOP_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "at"})

#: Particles never replaced on their own ("van" of "Ada van Berg"); they stay
#: inside the longer forms ("van Berg").
PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le", "bin",
                       "ibn", "al", "el", "ap", "st"})

_APOSTROPHES = frozenset("'\u2019\u2018\u02bc\u02bb\u00b4`\u2032\uff07")
_SPELT_OUT = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i"}
#: Characters after which a capitalised word starts a sentence (docs/privacy.md); a full stop
#: after a title and an apostrophe are decided by :func:`_sentence_start`.
_SENTENCE_MARKS = frozenset("!?:;\"([{\u201c\u201e\u00ab\u2039\u00bf\u00a1")


# ---------------------------------------------------------------------------
# Normalisation (docs/privacy.md, "Normalisation"). Each character folds on
# its own, to nothing, one or several characters; the position map ties every
# folded character to the original one, so spans found in the folded text
# are spans of the original text.


def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    category = unicodedata.category(ch)
    if category == "Cf":
        return ""
    if ch.isspace():
        return " "
    if category == "Pd" or ch == "\u2212":
        return "-"
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        for d in unicodedata.normalize("NFD", c.casefold()):
            if unicodedata.category(d) != "Mn":
                out.append(_SPELT_OUT.get(d, d))
    return "".join(out)


class _FoldTable(dict):
    """A ``str.translate`` table that computes each character's fold once."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _fold_char(chr(code))
        return value


_FOLD = _FoldTable()
_POSSESSIVE = re.compile(r"'(?=s(?![^\W_]))")


def _fold(text: str) -> str:
    """The normalised text: steps 1-6 of docs/privacy.md (runs of spaces kept).

    Examples
    --------
    >>> _fold("O\u00b4Connor's Gri\ufb03ths \u0141ukasz Strau\u00df Sm\u00adith\u2013Jones")
    'oconnor s griffiths lukasz strauss smith-jones'
    """
    return _POSSESSIVE.sub(" ", text.translate(_FOLD)).replace("'", "")


def _fold_map(text: str) -> tuple[str, list[int]]:
    """:func:`_fold` with, for every folded character, the index of the original one it came from.

    Examples
    --------
    >>> _fold_map("Ø'Neill's")
    ('oneill s', [0, 2, 3, 4, 5, 6, 7, 8])
    """
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in _FOLD[ord(ch)]:
            chars.append(c)
            origin.append(i)
    folded = "".join(chars)
    out: list[str] = []
    where: list[int] = []
    for j, c in enumerate(folded):
        if c == "'":                  # the apostrophe rule of _fold: a possessive is a space, the rest go
            if not _POSSESSIVE.match(folded, j):
                continue
            c = " "
        out.append(c)
        where.append(origin[j])
    return "".join(out), where


def _key(text: str) -> str:
    """The folded form of a name, runs of spaces collapsed."""
    return " ".join(_fold(text).split())


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _is_title(token: str) -> bool:
    return _key(token).rstrip(".") in TITLES


@lru_cache(maxsize=1)
def common_words() -> frozenset:
    """Common English words that are also names (Mark, May, Page): see docs/privacy.md.

    Returns
    -------
    frozenset of str
        Folded words from ``partnet/data/common_words.txt``.

    Examples
    --------
    >>> {"page", "mark", "may"} <= common_words(), "quintrell" in common_words()
    (True, False)
    """
    path = Path(__file__).parent / "data" / "common_words.txt"
    words = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


def _name_forms(name: str) -> list[str]:
    """The forms of a roster name that count as the person being named (docs/privacy.md, "Name parts").

    The full name as written, and with and without leading titles (a
    roster written "Surname, First" is read as "First Surname", brackets
    and commas around a word dropped); every word and each
    half of a hyphenated word; every word after the first and the first
    with the last; "Surname, First"; a word with an apostrophe also as two
    words. Titles, particles and words of fewer than two letters are not
    forms on their own.

    Examples
    --------
    >>> _name_forms("Cllr Ada van Berg")
    ['Cllr Ada van Berg', 'Ada van Berg', 'Ada', 'Berg', 'van Berg', 'Ada Berg', 'Berg, Ada']
    >>> _name_forms("Griffiths, Megan (Meg)")
    ['Griffiths, Megan (Meg)', 'Megan Meg Griffiths', 'Megan', 'Meg', 'Griffiths', 'Meg Griffiths', 'Megan Griffiths',
     'Griffiths, Megan']
    >>> _name_forms("J O'Connor-Hughes")
    ["J O'Connor-Hughes", "O'Connor-Hughes", "O'Connor", 'Hughes', "O'Connor-Hughes, J", 'O Connor']
    """
    return list(_forms_of(name))


@lru_cache(maxsize=1 << 16)
def _keyed_forms(name: str) -> tuple[tuple[str, str], ...]:
    """The forms of a name (NFC) with their keys, kept per name: every case of a run adds every other roster."""
    return tuple((form, _key(form)) for form in _forms_of(unicodedata.normalize("NFC", name)))


@lru_cache(maxsize=1 << 16)
def _forms_of(name: str) -> tuple[str, ...]:
    """:func:`_name_forms`, kept per name: a run hides every other roster of the run in each case."""
    written = " ".join(name.split())
    if name.count(",") == 1:                      # a roster written "Surname, First"
        surname, first = name.split(",")
        name = f"{first} {surname}"
    tokens = [t for t in (_EDGE_PUNCTUATION.sub("", tok) for tok in name.split()) if t]
    core = list(tokens)
    while core and _is_title(core[0]):
        core.pop(0)
    forms = [written, " ".join(tokens), " ".join(core)]
    for token in core:
        forms.append(token)
        halves = [h for h in re.split(r"[-\u2010-\u2015\u2212]", token) if h]
        if len(halves) > 1:
            forms += halves
    if len(core) >= 3:
        forms += [" ".join(core[1:]), f"{core[0]} {core[-1]}"]
    if len(core) >= 2:
        forms.append(f"{core[-1]}, {core[0]}")
    for token in core:
        for half in re.split(r"[-\u2010-\u2015\u2212]", token):
            spaced = " ".join(p for p in re.split("[" + "".join(_APOSTROPHES) + "]", half) if p)
            if spaced != half and " " in spaced:
                forms.append(spaced)
    out: dict[str, str] = {}
    for form in forms:
        k = _key(form)
        if _letters(form) >= 2 and not _is_title(form) and k not in PARTICLES:
            out.setdefault(k, form)
    return tuple(out.values())


def _trie_pattern(keys) -> str:
    """One regular expression matching any of ``keys``, longest first.

    The keys are merged into a prefix tree so that the regex engine tests
    one branch a character instead of every name at every position; an
    optional tail is greedy, so a longer name is tried before a shorter
    one that it extends (the same answer as an alternation sorted
    longest first).
    """
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = []
        for ch in sorted(c for c in node if c):
            atom = " +" if ch == " " else re.escape(ch)
            branches.append(atom + pattern(node[ch]))
        if not branches:
            return ""
        if "" not in node:
            return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + "|".join(branches) + ")?"

    return pattern(trie)


_REGEXES: dict[frozenset, re.Pattern] = {}


def _regex_of(keys) -> re.Pattern:
    """The compiled regex of :class:`_NameIndex` for these keys, kept for the next index with the same keys.

    Every case of a run hides the rosters of the others, so each case's
    index holds the same keys (its own roster's and the others'): the regex
    over thousands of names is compiled once per process, and once for all
    the kernels a report worker forks (:func:`prepare_names`). The last
    four key sets are kept.
    """
    keys = frozenset(keys)
    found = _REGEXES.get(keys)
    if found is None:
        # Longest first; not preceded or followed by a letter or digit: "Marshall" is not "Marsh".
        body = _trie_pattern(sorted(keys, key=lambda k: (-len(k), k)))
        found = re.compile(r"(?<![^\W_])(?:" + body + r")(?![^\W_])")
        while len(_REGEXES) >= 4:
            del _REGEXES[next(iter(_REGEXES))]
        _REGEXES[keys] = found
    return found


def prepare_names(names) -> int:
    """Compute the name forms and the regex of these names ahead, for every index that holds exactly them.

    Parameters
    ----------
    names : iterable of str, or Outsiders
        Every name on the rosters of a run (each case's own and the others'),
        or the run's :class:`Outsiders`, whose regex is compiled (the same
        one, since it holds the same forms).

    Returns
    -------
    int
        The number of name forms (keys) the regex matches.

    Notes
    -----
    Used by the template process of ``partnet report``'s kernels
    (:mod:`partnet.report.kernels`): a kernel forked from it finds the
    forms of every name and the compiled regex ready, where building them
    took about a second per case in a run of 80 cases. An index over
    other names compiles its own regex, as before; nothing else changes.

    Examples
    --------
    >>> prepare_names(["Ada Quintrell", "Bo Marsh"])
    8
    >>> _NameIndex([("p1", "Ada Quintrell"), ("p2", "Bo Marsh")]).regex is _regex_of(
    ...     {_key(f) for n in ["Ada Quintrell", "Bo Marsh"] for f in _name_forms(n)})
    True
    >>> prepare_names(Outsiders([("a", ["Ada Quintrell"]), ("b", ["Bo Marsh"])]))
    8
    """
    if isinstance(names, Outsiders):
        return len(names.owners) if names.regex is not None else 0
    index = _NameIndex(enumerate(names))
    return len(index.owners) if index.regex is not None else 0


_EDGE_PUNCTUATION = re.compile(r"^[^\w'\u2019]+|[^\w'\u2019]+$")
_BEFORE = re.compile(r"([^\W_]+)( ?[-,]? ?)$")
_AFTER = re.compile(r"( ?[-,]? ?)([^\W_]+)")


def _capitalised(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and letters[0].isupper()


def _sentence_start(source: str, at: int) -> bool:
    r"""Whether a word at ``source[at]`` starts a sentence (docs/privacy.md).

    Examples
    --------
    >>> [_sentence_start(t, t.index("Page")) for t in ("Page", "so. Page", "Dr. Page", "a: Page", "boss' Page",
    ...                                                 "said 'Page", "was Page", "(Page", "x\nPage")]
    [True, True, False, True, False, True, False, True, True]
    """
    k = at - 1
    while k >= 0 and source[k] in " \t":
        k -= 1
    if k < 0 or source[k] in "\n\r":
        return True
    c = source[k]
    if c == ".":
        m = re.search(r"([^\W_]+)$", _fold(source[max(0, k - 16):k]))
        return not (m and m.group(1) in TITLES)               # "Dr. Page": a title, not a sentence end
    if c in _SENTENCE_MARKS:
        return True
    if c in _APOSTROPHES:                                     # an opening single quote, not "boss' Page"
        j = k - 1
        while j >= 0 and source[j] in " \t":
            j -= 1
        return j < 0 or j < k - 1 or source[j] in "\n\r" or source[j] in _SENTENCE_MARKS or source[j] in _APOSTROPHES
    return False


class _NameIndex:
    """Every name form of a roster, the people it may mean, and one regex for all.

    ``owners`` and ``spelling`` hold the forms added here (the case's own
    roster, then :meth:`Pseudonyms.hide_also`'s names). A run's
    :class:`Outsiders` may be attached as well (:meth:`share`): its forms
    count too, except those of the skipped roster's people, without being
    copied here. :meth:`has`, :meth:`spelt`, :meth:`others` and
    :attr:`regex` answer for both parts as one index would.
    """

    def __init__(self, pairs):
        self.owners: dict[str, set[str]] = {}
        self.spelling: dict[str, str] = {}
        self.shared: Outsiders | None = None
        self.skip: int | None = None              # the roster of ``shared`` that is not hidden (the own case's)
        self._solo: frozenset = frozenset()       # the keys of ``shared`` that only the skipped roster has
        self.add(pairs)

    def add(self, pairs) -> None:
        owners, spelling = self.owners, self.spelling     # always the same keys: a key's first form is its spelling
        shared = self.shared
        for pid, name in pairs:
            if not isinstance(name, str):
                continue
            for form, k in _keyed_forms(name):
                found = owners.get(k)
                if found is None:
                    owners[k] = {pid}
                    if shared is None or not self._in_shared(k):
                        spelling[k] = form        # else the shared roster's form came first
                else:
                    found.add(pid)
        self.__dict__.pop("regex", None)

    def share(self, outsiders: Outsiders, skip: int | None) -> None:
        """Count the forms of ``outsiders`` too, except those of its roster number ``skip``'s people."""
        self.shared, self.skip = outsiders, skip
        self._solo = outsiders._solo.get(skip, frozenset()) if skip is not None else frozenset()
        self.__dict__.pop("regex", None)

    def _in_shared(self, k: str) -> bool:
        return k in self.shared.owners and k not in self._solo

    def has(self, k: str) -> bool:
        """Whether ``k`` is a name form of this index (own or shared)."""
        return k in self.owners or (self.shared is not None and self._in_shared(k))

    def __bool__(self) -> bool:
        return bool(self.owners) or (self.shared is not None and len(self.shared.owners) > len(self._solo))

    def spelt(self, k: str) -> str:
        """A key's first form in the order the names were added (its roster spelling)."""
        found = self.spelling.get(k)
        if found is None and self.shared is not None:
            found = self.shared._spelt(k, self.skip)
        return found

    def others(self, k: str) -> list[bool]:
        """Whether each person of the shared rosters (the skipped one left out) with the form ``k`` is hidden."""
        if self.shared is None:
            return []
        found = self.shared.owners.get(k)
        if not found:
            return []
        skip = self.skip
        return [hidden for r, hidden in found if r != skip]

    @cached_property
    def regex(self):
        shared = self.shared
        if shared is None:
            return _regex_of(self.owners) if self.owners else None
        own = self.owners.keys()
        if own <= shared.owners.keys() and own >= self._solo:
            return shared.regex                   # every case of a run: the run's forms, compiled once
        keys = (shared.keys - self._solo) | own
        return _regex_of(keys) if keys else None

    def _is_name(self, source: str, folded: str, where: list[int], start: int, end: int, key: str) -> bool:
        """The common-word rule of docs/privacy.md for one found form."""
        common = common_words()
        if " " in key or key not in common:
            return True
        o_start, o_end = where[start], where[end - 1] + 1
        capitalised = _capitalised(source[o_start:o_end])
        for m, at in ((_BEFORE.search(folded[max(0, start - 64):start]), None), (_AFTER.match(folded, end), end)):
            if m is None or not m.group(2 if at is None else 1):
                continue
            word = m.group(1 if at is None else 2)
            if not self.has(word):
                continue
            if word not in common:
                return True                                 # next to a name part that is not a word
            w_start = start - len(m.group(0)) if at is None else m.start(2)
            if capitalised and _capitalised(source[where[w_start]:where[w_start + len(word) - 1] + 1]):
                return True                                 # "Mark Page": two capitalised parts
        if not capitalised:
            return False                                    # lower case: the word
        if o_end < len(source) - 1 and source[o_end] in _APOSTROPHES and source[o_end + 1] in "sS" and (
                o_end + 2 == len(source) or not source[o_end + 2].isalnum()):
            return True                                     # capitalised possessive
        letters = [ch for ch in source[o_start:o_end] if ch.isalpha()]
        if len(letters) >= 2 and all(ch.isupper() for ch in letters):
            return False                                    # all capitals: ambiguous
        return not _sentence_start(source, o_start)

    def matches(self, text: str):
        """Spans (of ``text``) and keys of the name forms in ``text`` that are names."""
        if self.regex is None or not self.regex.search(_fold(text)):
            return
        folded, where = _fold_map(text)
        for m in self.regex.finditer(folded):
            key = " ".join(m.group().split())
            if self._is_name(text, folded, where, m.start(), m.end(), key):
                yield where[m.start()], where[m.end() - 1] + 1, key


_UNKNOWN = object()


def _as_text(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------
# Organisation codes and person numbers.


_ASCII_LETTERS = {"Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Ł": "L", "ł": "l",
                  "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "TH", "þ": "th", "ß": "ss", "ı": "i"}


def _ascii(word: str) -> str:
    """The Latin letters of a word without accents ("Ørby" -> "Orby"); others dropped."""
    word = "".join(_ASCII_LETTERS.get(ch, ch) for ch in word)
    return re.sub(r"[^A-Za-z]", "", unicodedata.normalize("NFKD", word))


def derive_code(organisation: str) -> str:
    """A short upper-case code from an organisation's name.

    Parameters
    ----------
    organisation : str
        The organisation's name.

    Returns
    -------
    str
        The initials of its words (2 to 4 letters, "of", "and", "the",
        "for", "in", "on", "at" skipped), or the first three letters of a
        one-word name; accents are dropped ("Ørby" counts as "Orby"),
        an apostrophe does not split a word ("Kilda's"). ``"ORG"`` when
        the name has fewer than two Latin letters to work from.

    Examples
    --------
    >>> derive_code("Northvale District Council")
    'NDC'
    >>> derive_code("Borough of Eastmarsh")
    'BE'
    >>> derive_code("Office of the Police and Crime Commissioner for Westridge")
    'OPCC'
    >>> derive_code("Écoute")
    'ECO'
    """
    words = [_ascii(w) for w in re.findall(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*", str(organisation))]
    words = [w for w in words if w]
    significant = [w for w in words if w.casefold() not in _STOP_WORDS] or words
    if len(significant) >= 2:
        code = "".join(w[0] for w in significant)[:4]
    elif significant:
        code = significant[0][:3]
    else:
        code = ""
    return code.upper() if len(code) >= 2 else "ORG"


#: Folder of a case that holds its pseudonym key (``CASE_DIR/.partnet/key``).
KEY_DIR = ".partnet"
_KEY_HEADER = ("# partnet pseudonym key for this case. Keep it private and never share it with the reports:\n"
               "# with it and the roster, pseudonyms can be mapped back to people. Deleting it gives everyone\n"
               "# new pseudonyms on the next run.\n")


def key_path(case_path) -> Path:
    """Where a case's pseudonym key is kept.

    Parameters
    ----------
    case_path : str or pathlib.Path
        A case folder, or a case workbook (``.xlsx``).

    Returns
    -------
    pathlib.Path
        ``CASE_DIR/.partnet/key``; for a workbook ``.partnet/<stem>.key``
        in the workbook's folder.

    Examples
    --------
    >>> key_path("studies/shire").as_posix()
    'studies/shire/.partnet/key'
    >>> key_path("studies/shire.xlsx").as_posix()
    'studies/.partnet/shire.key'
    """
    path = Path(case_path)
    if path.suffix.lower() == ".xlsx" and not path.is_dir():
        return path.parent / KEY_DIR / f"{path.stem}.key"
    return path / KEY_DIR / "key"


def read_key(case_path, *, create: bool = True) -> bytes | None:
    """A case's pseudonym key: 32 random bytes, created once and then kept.

    Parameters
    ----------
    case_path : str or pathlib.Path
        A case folder or workbook (see :func:`key_path`).
    create : bool, default True
        Create the key when there is none (atomically, readable by the
        owner only); False returns None instead.

    Returns
    -------
    bytes or None

    Raises
    ------
    ParameterError
        The key file is damaged (it must hold 64 hexadecimal digits).
    OSError
        The key cannot be created (a read-only folder).

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> read_key(folder, create=False) is None
    True
    >>> key = read_key(folder)
    >>> len(key), read_key(folder) == key
    (32, True)
    """
    path = key_path(case_path)
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        if not create:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:         # another process made it first: use theirs
            return read_key(case_path, create=False)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(_KEY_HEADER + key.hex() + "\n")
        return key
    except UnicodeDecodeError:
        text = ""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if len(lines) != 1 or not re.fullmatch(r"[0-9a-fA-F]{64}", lines[0]):
        raise ParameterError(f"the pseudonym key {path} is damaged: it must hold one line of 64 hexadecimal digits. "
                             "Restore it from your backup; deleting it gives everyone new pseudonyms")
    return bytes.fromhex(lines[0])


def _keyed_order(key: bytes):
    """Sort key of person ids: their HMAC-SHA-256 under the case's key, then the id."""
    def order(pid: str):
        return hmac.new(key, pid.encode("utf-8"), hashlib.sha256).digest(), pid
    return order


def _consent(value) -> bool:
    """True only for an explicit yes; missing or unclear means no."""
    if value is True or value is False:
        return value
    if isinstance(value, str):
        return value.strip().casefold() in ("yes", "true", "y")
    try:
        return bool(value is not None and not pd.isna(value) and bool(value))
    except (TypeError, ValueError):
        return False


def _org_codes(organisations: pd.DataFrame | None, extra) -> dict[str, str]:
    given: dict[str, str] = {}
    names: list[str] = []
    if organisations is not None:
        if "organisation" not in organisations.columns:
            raise ParameterError("organisations needs a column 'organisation'; found columns: "
                                 + ", ".join(map(str, organisations.columns)))
        codes = organisations["code"] if "code" in organisations.columns else [None] * len(organisations)
        for org, code in zip(organisations["organisation"], codes):
            if not isinstance(org, str) or not org.strip():
                continue
            names.append(org)
            if isinstance(code, str) and code.strip():
                given[org] = code.strip().upper()
    names += [o for o in extra if o not in names]
    seen: dict[str, str] = {}
    for org, code in given.items():
        if code in seen:
            raise ParameterError(f"organisations {seen[code]!r} and {org!r} share the code {code!r}; "
                                 "each organisation needs its own code")
        seen[code] = org
    taken = set(seen)
    out = dict(given)
    for org in sorted((o for o in dict.fromkeys(names) if o not in given), key=lambda o: (o.casefold(), o)):
        base = derive_code(org)
        code, n = base, 2
        while code in taken:
            code, n = f"{base}{n}", n + 1
        taken.add(code)
        out[org] = code
    return out


class Outsiders:
    """The name forms of every roster of a run, built once and shared by each case's :class:`Pseudonyms`.

    In a run of many cases every case must also hide the people of every
    other case (a quote in one partnership naming someone of another).
    :meth:`Pseudonyms.hide_outsiders` makes a case do so from this one
    read-only index, at the cost of the case's own roster, where
    :meth:`Pseudonyms.hide_also` once per other roster copies every other
    roster's forms into each case.

    Parameters
    ----------
    rosters : iterable of tuple
        The run's rosters in order, each ``(case_id, names)`` or
        ``(case_id, names, consents)``: ``names`` an iterable of str
        (anything else is skipped) and ``consents`` whether each agreed to
        be named (anything :meth:`Pseudonyms.consented` reads as yes;
        missing, None or NA is no; default no for all). As in
        :meth:`Pseudonyms.hide_also`, names and consents are paired in
        order and a name without a consent is left out.

    Raises
    ------
    ParameterError
        A roster is not such a tuple, or two rosters share a case id.

    See Also
    --------
    Pseudonyms.hide_outsiders : what a case does with it.
    prepare_names : compiles its regex ahead (``Outsiders`` or its names).

    Notes
    -----
    It holds, for every name form (folded key) of every roster, who may
    be meant: one entry per person, with their roster and whether they
    must be hidden when names are shown (no consent). Nothing in it
    changes after it is built, so the cases of a run (and threads) can
    share it. The regex over all its forms is compiled once
    (:func:`_regex_of`, kept per set of forms): a case whose own forms
    are among the run's, as every case of the run, uses this very regex.

    Examples
    --------
    >>> run = Outsiders([("north", ["Ada Quintrell", "Bram Okonjo"], [True, False]),
    ...                  ("east", ["Cerys Vantongeren", None], ["yes", "no"])])
    >>> run
    <Outsiders: 2 rosters, 3 people, 12 name forms>
    >>> run.case_ids
    ('north', 'east')
    """

    def __init__(self, rosters):
        self.owners: dict[str, list[tuple[int, bool]]] = {}   # key -> (roster number, hidden) per person
        self.spelling: dict[str, str] = {}                     # key -> its first form, in roster order
        self._first: dict[str, int] = {}                       # key -> the roster of that first form
        self._second: dict[str, str] = {}                      # key -> its first form in another roster
        self._ids: dict = {}                                   # case id -> roster number
        self._hidden: list[int] = []                           # per roster: people without consent, with forms
        self._people = 0
        owners, spelling, first, second = self.owners, self.spelling, self._first, self._second
        for r, entry in enumerate(rosters):
            if not isinstance(entry, (tuple, list)) or len(entry) not in (2, 3):
                raise ParameterError(f"roster {r + 1} of the run must be (case_id, names) or (case_id, names, "
                                     f"consents); got {type(entry).__name__}")
            case_id, names = entry[0], entry[1]
            consents = entry[2] if len(entry) == 3 else None
            if case_id in self._ids:
                raise ParameterError(f"two rosters share the case id {case_id!r}; each case of a run needs its own")
            self._ids[case_id] = r
            names = [] if names is None else list(names)
            consents = list(consents) if consents is not None else [False] * len(names)
            tags = {True: (r, True), False: (r, False)}           # one tuple per roster and consent
            hidden_people = 0
            for name, ok in zip(names, consents):
                if not isinstance(name, str):
                    continue
                hidden = not _consent(ok)
                forms = _keyed_forms(name)
                self._people += 1
                hidden_people += hidden and bool(forms)
                tag = tags[hidden]
                for form, k in forms:
                    found = owners.get(k)
                    if found is None:
                        owners[k] = [tag]
                        spelling[k] = form
                        first[k] = r
                    else:
                        found.append(tag)
                        if r != first[k] and k not in second:
                            second[k] = form
            self._hidden.append(hidden_people)
        self._hidden_total = sum(self._hidden)
        self.keys = frozenset(owners)
        solo: dict[int, list[str]] = {}
        for k, found in owners.items():            # the keys that only one roster has
            r = found[0][0]
            if len(found) == 1 or all(t[0] == r for t in found):
                solo.setdefault(r, []).append(k)
        self._solo = {r: frozenset(keys) for r, keys in solo.items()}

    def __repr__(self) -> str:
        return f"<Outsiders: {len(self._ids)} rosters, {self._people} people, {len(self.owners)} name forms>"

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def case_ids(self) -> tuple:
        """The case ids of the rosters, in order."""
        return tuple(self._ids)

    @cached_property
    def regex(self):
        """The compiled regex over every form of the run (None without any)."""
        return _regex_of(self.keys) if self.keys else None

    def _roster(self, own) -> int | None:
        """The roster number of case ``own`` (None for None)."""
        if own is None:
            return None
        if own not in self._ids:
            raise choice_error(own, [str(i) for i in self._ids], "own", what="a case id of the run's rosters")
        return self._ids[own]

    def _hides_any(self, skip: int | None) -> bool:
        """Whether a person without consent (and with a name form) is on a roster other than ``skip``."""
        return self._hidden_total - (self._hidden[skip] if skip is not None else 0) > 0

    def _spelt(self, k: str, skip: int | None):
        if k not in self.owners or k in (self._solo.get(skip, ()) if skip is not None else ()):
            return None
        return self._second[k] if self._first[k] == skip else self.spelling[k]


class Pseudonyms:
    """Stable pseudonyms for a case's people, the consent rule, and redaction.

    Parameters
    ----------
    people : pandas.DataFrame
        Columns ``person_id``, ``name``, ``organisation`` and
        ``consent_named`` (bool, or yes/no; missing or NA counts as no).
    organisations : pandas.DataFrame, optional
        Columns ``organisation`` and, optionally, ``code``. Organisations
        named by people but not listed here get a derived code too.
    key : bytes, optional
        The case's secret key (:func:`read_key`); :func:`partnet.load_case`
        passes it. Without one the numbering is still stable, but anyone
        with the roster and partnet can recompute it.

    Raises
    ------
    ParameterError
        A required column is missing, a person has no id or organisation,
        an id is used twice, or two organisations were given the same code.

    Examples
    --------
    >>> people = pd.DataFrame({
    ...     "person_id": ["p1", "p2", "p3"],
    ...     "name": ["Ada Quintrell", "Bram Okonjo", "Cerys Vantongeren"],
    ...     "organisation": ["Northvale District Council"] * 2 + ["Eastmarsh County Council"],
    ...     "consent_named": [True, False, True]})
    >>> orgs = pd.DataFrame({"organisation": ["Northvale District Council", "Eastmarsh County Council"],
    ...                      "code": ["NDC", None]})
    >>> ps = Pseudonyms(people, orgs, key=bytes(32))
    >>> ps.of("p2"), ps.org_code("Eastmarsh County Council")
    ('NDC-01', 'ECC')
    >>> ps.shown("p1", anonymise=False), ps.shown("p2", anonymise=False), ps.shown("p1", anonymise=True)
    ('Ada Quintrell', 'NDC-01', 'NDC-02')
    >>> ps.redact("Bram's team asked Ada first.", anonymise=False)
    "NDC-01's team asked Ada first."
    >>> ps.redact("Bram's team asked Ada first.", anonymise=True)
    "NDC-01's team asked NDC-02 first."

    Notes
    -----
    **Codes.** An organisation's code is its ``code`` cell, upper-cased,
    or else derived from its name by :func:`derive_code`. Derived codes
    that clash with another code get a suffix 2, 3, ... in alphabetical
    order of organisation name (``NDC``, ``NDC2``).

    **Numbers.** Within an organisation people are numbered 01, 02, ...
    in the order of a keyed hash (HMAC-SHA-256 under ``key``) of their
    ``person_id``: never in row or id order, so the numbers say nothing
    about the roster and cannot be recomputed without the key, and the
    same roster and key give the same pseudonyms on every run and every
    machine. Adding or removing a person renumbers those after them in
    the keyed order of their organisation; so do moving a person to
    another organisation and, for organisations without a ``code`` cell,
    adding an organisation whose derived code clashes and sorts earlier
    (write the codes into ``organisations.csv`` to fix them).

    **Redaction.** See :meth:`redact` and ``docs/privacy.md``.
    """

    def __init__(self, people: pd.DataFrame, organisations: pd.DataFrame | None = None, *,
                 key: bytes | None = None):
        missing = [c for c in ("person_id", "name", "organisation") if c not in people.columns]
        if missing:
            raise ParameterError(f"people needs the columns person_id, name, organisation; missing: "
                                 f"{', '.join(missing)}; found: {', '.join(map(str, people.columns))}")
        consent = people["consent_named"] if "consent_named" in people.columns else [None] * len(people)
        self._name: dict[str, str | None] = {}
        self._org: dict[str, str] = {}
        self._consent: dict[str, bool] = {}
        for i, (pid, name, org, ok) in enumerate(zip(people["person_id"], people["name"],
                                                     people["organisation"], consent)):
            if pid is None or pd.isna(pid) or not str(pid).strip():
                raise ParameterError(f"people row {i + 1} has no person_id")
            pid = str(pid).strip()
            if pid in self._name:
                raise ParameterError(f"the person_id {pid!r} is used twice; each person needs their own id")
            if not isinstance(org, str) or not org.strip():
                raise ParameterError(f"person {pid!r} has no organisation; pseudonyms are built from it")
            self._name[pid] = " ".join(name.split()) if isinstance(name, str) and name.strip() else None
            self._org[pid] = org
            self._consent[pid] = _consent(ok)
        self._codes = _org_codes(organisations, self._org.values())
        self._pseudonym: dict[str, str] = {}
        self._outsiders: dict[str, bool] = {}     # outsider id -> consent
        self._hidden_others = 0                   # hide_also's people without consent who have a name form
        by_org: dict[str, list[str]] = {}
        for pid, org in self._org.items():
            by_org.setdefault(org, []).append(pid)
        order = _keyed_order(bytes(key) if key is not None else b"")
        for org, pids in by_org.items():
            for n, pid in enumerate(sorted(pids, key=order), start=1):
                self._pseudonym[pid] = f"{self._codes[org]}-{n:02d}"

    def __repr__(self) -> str:
        return f"<Pseudonyms: {len(self._name)} people, {len(self._codes)} organisations>"

    def __len__(self) -> int:
        return len(self._name)

    def __contains__(self, person_id) -> bool:
        return str(person_id) in self._name

    def _pid(self, person_id) -> str:
        pid = str(person_id)
        if pid not in self._name:
            raise choice_error(pid, self._name, "person", what="a person_id on the roster", listed=False)
        return pid

    @property
    def codes(self) -> dict[str, str]:
        """Organisation -> short code used in pseudonyms."""
        return dict(self._codes)

    def org_code(self, organisation: str) -> str:
        """The short code of an organisation (``"NDC"``).

        Raises
        ------
        ParameterError
            The organisation is unknown (with the nearest known names).
        """
        if organisation in self._codes:
            return self._codes[organisation]
        folded = {o.casefold(): o for o in self._codes}
        if str(organisation).casefold() in folded:
            return self._codes[folded[str(organisation).casefold()]]
        raise choice_error(organisation, self._codes, "organisation", what="an organisation of this case",
                           listed=False)

    def of(self, person_id) -> str:
        """The stable pseudonym of a person, e.g. ``"NDC-03"``.

        Raises
        ------
        ParameterError
            The person_id is not on the roster (with the nearest ids).
        """
        return self._pseudonym[self._pid(person_id)]

    def consented(self, person_id) -> bool:
        """Whether the person agreed to be named (``consent_named`` = yes)."""
        return self._consent[self._pid(person_id)]

    def shown(self, person_id, anonymise: bool) -> str:
        """The name a page may show: the pseudonym when anonymising or without consent, else the name."""
        pid = self._pid(person_id)
        if anonymise or not self._consent[pid] or self._name[pid] is None:
            return self._pseudonym[pid]
        return self._name[pid]

    def key(self) -> pd.DataFrame:
        """The key from names to pseudonyms, for the researcher only.

        Returns
        -------
        pandas.DataFrame
            Columns ``person_id``, ``name``, ``pseudonym``, in roster order.
            Never write it next to anonymised outputs.
        """
        pids = list(self._name)
        return pd.DataFrame({"person_id": pids,
                             "name": [self._name[p] for p in pids],
                             "pseudonym": [self._pseudonym[p] for p in pids]}).astype("string")

    @cached_property
    def _index(self) -> _NameIndex:
        return _NameIndex(self._name.items())

    def hide_also(self, names, consent=None) -> Pseudonyms:
        """Also redact the names of people on other rosters (another case of the same run).

        Parameters
        ----------
        names : iterable of str
            Their names (non-strings are skipped).
        consent : iterable of bool, optional
            Whether each agreed to be named; default no.

        Returns
        -------
        Pseudonyms
            ``self``: from now on :meth:`redact` replaces these names by
            ``"[name]"`` (always when anonymising; otherwise those without
            consent), never by a pseudonym of this case.

        See Also
        --------
        hide_outsiders : the same for all the rosters of a run at once, from one shared :class:`Outsiders`.

        Examples
        --------
        >>> ps = Pseudonyms(pd.DataFrame({"person_id": ["p1"], "name": ["Ada Quintrell"],
        ...                               "organisation": ["Northvale District Council"]}))
        >>> ps.hide_also(["Megan Griffiths"]).redact("Ada met Griffiths.", anonymise=True)
        'NDC-01 met [name].'
        """
        names = list(names)
        consent = list(consent) if consent is not None else [False] * len(names)
        pairs = []
        for name, ok in zip(names, consent):
            oid = f"\0other-{len(self._outsiders)}"
            ok = self._outsiders[oid] = _consent(ok)
            pairs.append((oid, name))
            if not ok and isinstance(name, str) and _keyed_forms(name):
                self._hidden_others += 1
        self._index.add(pairs)
        self.__dict__.pop("_tables", None)
        return self

    def hide_outsiders(self, outsiders: Outsiders, own=None) -> Pseudonyms:
        """Also redact the names of every roster of a run but this case's, from the run's shared index.

        Equivalent to ``hide_also(names, consents)`` for each roster of
        ``outsiders`` in their order, the roster of case ``own`` left out:
        :meth:`redact` then returns the very same text in both modes. It
        costs the case its own roster, not the run's: the run's forms stay
        in ``outsiders``, read-only and shared by every case, and a form's
        replacement is worked out when the form is first found in a text.

        Parameters
        ----------
        outsiders : Outsiders
            The run's rosters (:class:`Outsiders`).
        own : hashable, optional
            The case id of this case's roster among them, which is not
            hidden as outsiders (its people are this case's own); None
            hides every roster.

        Returns
        -------
        Pseudonyms
            ``self``.

        Raises
        ------
        ParameterError
            ``outsiders`` is not an :class:`Outsiders`, ``own`` is not one
            of its case ids, or this Pseudonyms already hides a run's
            rosters (one shared index per case; :meth:`hide_also` may be
            called before and after it, as often as needed).

        Examples
        --------
        >>> run = Outsiders([("north", ["Ada Quintrell"], [True]), ("east", ["Megan Griffiths"], [False])])
        >>> ps = Pseudonyms(pd.DataFrame({"person_id": ["p1"], "name": ["Ada Quintrell"],
        ...                               "organisation": ["Northvale District Council"], "consent_named": [True]}))
        >>> ps.hide_outsiders(run, own="north").redact("Ada met Griffiths.", anonymise=True)
        'NDC-01 met [name].'
        >>> ps.redact("Ada met Griffiths.", anonymise=False)
        'Ada met [name].'
        """
        if not isinstance(outsiders, Outsiders):
            raise ParameterError(f"hide_outsiders needs an Outsiders (the run's rosters); got "
                                 f"{type(outsiders).__name__}. For a list of names use hide_also")
        skip = outsiders._roster(own)
        index = self._index
        if index.shared is not None:
            raise ParameterError("this Pseudonyms already hides the rosters of a run (hide_outsiders was called "
                                 "before); build one Outsiders of all the run's rosters, or add further names "
                                 "with hide_also")
        index.share(outsiders, skip)
        self.__dict__.pop("_tables", None)
        return self

    @cached_property
    def _hidden_own(self) -> bool:
        """Whether someone on the roster without consent has a name form."""
        return any(not self._consent[p] and name is not None and bool(_keyed_forms(name))
                   for p, name in self._name.items())

    def _replacements(self, anonymise: bool) -> dict[str, str | None] | None:
        """Name form -> replacement (None: stays) for one mode, filled in as forms are found; None: nothing hidden.

        A form's replacement depends on the people it may mean only (its
        owners: this roster's, :meth:`hide_also`'s and the shared
        :class:`Outsiders`' but the own case's), so it is worked out once
        when first asked for (:meth:`_replacement`), never for all the
        run's forms at once.
        """
        cache = self.__dict__.setdefault("_tables", {})
        if anonymise not in cache:
            index = self._index
            if anonymise:
                hides = bool(index)
            else:
                hides = (self._hidden_own or self._hidden_others > 0
                         or (index.shared is not None and index.shared._hides_any(index.skip)))
            cache[anonymise] = {} if hides else None
        return cache[anonymise]

    def _replacement(self, k: str, anonymise: bool) -> str | None:
        """What the name form ``k`` becomes in one mode, or None when it stays."""
        index = self._index
        owners = index.owners.get(k, ())
        others = index.others(k)                 # hidden or not, per person of the other rosters
        n = len(owners) + len(others)
        if not n:
            return None
        if not anonymise and not any(others) and all(
                self._consent[p] if p in self._consent else self._outsiders[p] for p in owners):
            return None
        if n == 1 and owners:
            p = next(iter(owners))
            if p in self._pseudonym:
                return self._pseudonym[p]
        return PLACEHOLDER

    def organisation(self, organisation, anonymise: bool):
        """An organisation's name as an output may show it: roster name parts in it redacted.

        An organisation named after a person ("Griffiths Care Ltd") would
        name them; the name part is replaced as in free text (:meth:`redact`).

        Examples
        --------
        >>> ps = Pseudonyms(pd.DataFrame({"person_id": ["p1"], "name": ["Megan Griffiths"],
        ...                               "organisation": ["Griffiths Care Ltd"], "consent_named": [False]}))
        >>> ps.organisation("Griffiths Care Ltd", anonymise=False)
        'GCL-01 Care Ltd'
        """
        return self.redact(organisation, anonymise)

    def redact(self, text, anonymise: bool):
        """Replace roster names inside free text by what :meth:`shown` gives.

        Parameters
        ----------
        text : str, pandas.Series or anything else
            A quote or note. A Series is redacted element-wise; anything
            that is not a string (None, NA, a number) is returned as is.
        anonymise : bool
            True: every roster name is replaced. False: only the names of
            people with ``consent_named`` = no.

        Returns
        -------
        str or pandas.Series
            The text with names replaced (NFC-normalised when a name was
            replaced); the same object when nothing was.

        Examples
        --------
        >>> people = pd.DataFrame({"person_id": ["p1", "p2", "p3", "p4"],
        ...     "name": ["Ada Quintrell", "Ada Okafor", "Tomás O'Neill", "Mark Page"],
        ...     "organisation": ["Northvale District Council"] * 4,
        ...     "consent_named": [True, False, True, True]})
        >>> ps = Pseudonyms(people, key=bytes(32))
        >>> [ps.of(p) for p in ["p1", "p2", "p3", "p4"]]
        ['NDC-04', 'NDC-01', 'NDC-02', 'NDC-03']
        >>> ps.redact("OKAFOR: Ada Quintrell agreed. Ada did not.", anonymise=False)
        'NDC-01: Ada Quintrell agreed. [name] did not.'
        >>> ps.redact("Cllr Okafor's view; Tomas O´Neill's and OConnell's too.", anonymise=True)
        "Cllr NDC-01's view; NDC-02's and OConnell's too."
        >>> ps.redact("Turn the page to where Page says: Page is right.", anonymise=True)
        'Turn the page to where NDC-03 says: Page is right.'


        Notes
        -----
        The rules are those of ``docs/privacy.md``, which the independent
        privacy gate (:mod:`partnet.privacy`) also follows. Text and names
        are compared after one normalisation: case, accents and letters
        such as ø, ł, ß; ligatures; zero-width characters and soft hyphens;
        the kind of apostrophe (``O'Connor``, ``O´Connor`` and ``OConnor``
        are one name), dash and space. The forms of a name are the full
        name, each word and each half of a hyphenated word, the words after
        the first, the first with the last, "Surname, First" and an
        apostrophe name written as two words; they are found as whole
        words, longest first. A possessive or punctuation after a name is
        kept ("Marsh's" -> "NDC-02's"); a name inside a longer word is not
        a name ("Marshall"). Titles ("Cllr"), particles ("van") and words
        of fewer than two letters are never replaced on their own.

        A form that two or more roster people share (a first name, a
        surname, or one's first name and another's surname) cannot say
        which person is meant; it becomes ``"[name]"`` rather than a
        guess, whenever at least one of them must be hidden. So do names
        of other rosters added with :meth:`hide_also` or :meth:`hide_outsiders`.

        A one-word form that is also a common English word ("Page",
        "Mark", "May"; :func:`common_words`) is replaced where it is a
        name: capitalised and not at the start of a sentence, next to
        another name part, or capitalised before a possessive. In lower
        case it is the word and stays; capitalised at the start of a
        sentence or in capitals it is ambiguous, stays, and the privacy
        gate reports it as a warning.
        """
        if isinstance(text, pd.Series):
            return text.map(lambda t: self.redact(t, anonymise))
        if not isinstance(text, str):
            return text
        anonymise = bool(anonymise)
        table = self._replacements(anonymise)
        if table is None:
            return text
        source = _as_text(text)
        out, pos = [], 0
        for start, end, k in self._index.matches(source):
            replacement = table.get(k, _UNKNOWN)
            if replacement is _UNKNOWN:
                replacement = table[k] = self._replacement(k, anonymise)
            if replacement is None:
                continue
            out += [source[pos:start], replacement]
            pos = end
        if not out:
            return text
        out.append(source[pos:])
        return "".join(out)


def shown_name(attrs: dict, anonymise: bool) -> str:
    """The name a page may show for a graph node, from its attribute dict.

    Parameters
    ----------
    attrs : dict
        A node's attributes with ``name``, ``pseudonym`` and
        ``consent_named`` (missing or NA counts as no consent).
    anonymise : bool
        True to show pseudonyms only.

    Returns
    -------
    str
        The pseudonym when anonymising or without consent, else the name.

    Raises
    ------
    ParameterError
        A pseudonym is needed but the node has none.

    Examples
    --------
    >>> node = {"name": "Ada Quintrell", "pseudonym": "NDC-01", "consent_named": True}
    >>> shown_name(node, anonymise=False), shown_name(node, anonymise=True)
    ('Ada Quintrell', 'NDC-01')
    >>> shown_name({"name": "Bram Okonjo", "pseudonym": "NDC-02", "consent_named": False}, False)
    'NDC-02'
    """
    name = attrs.get("name")
    if not anonymise and _consent(attrs.get("consent_named")) and isinstance(name, str) and name.strip():
        return name
    pseudonym = attrs.get("pseudonym")
    if not isinstance(pseudonym, str) or not pseudonym:
        raise ParameterError("the node has no pseudonym to show instead of the name; build the graph with "
                             "case.graph(), which sets 'pseudonym' on every node")
    return pseudonym


def shown_organisation(attrs: dict, anonymise: bool) -> str:
    """The organisation a page may show for a graph node: name parts of hidden people redacted.

    Parameters
    ----------
    attrs : dict
        A node's attributes from :meth:`partnet.Case.graph`:
        ``organisation`` and the redacted forms ``organisation_named`` and
        ``organisation_anonymised`` (see :meth:`Pseudonyms.organisation`).
    anonymise : bool
        True for the anonymised form.

    Returns
    -------
    str
        The organisation as shown; ``organisation`` itself when the graph
        carries no redacted forms (a graph built by hand).

    Examples
    --------
    >>> node = {"organisation": "Griffiths Care Ltd", "organisation_named": "Griffiths Care Ltd",
    ...         "organisation_anonymised": "GCL-01 Care Ltd"}
    >>> shown_organisation(node, False), shown_organisation(node, True)
    ('Griffiths Care Ltd', 'GCL-01 Care Ltd')
    """
    shown = attrs.get("organisation_anonymised" if anonymise else "organisation_named")
    if isinstance(shown, str):
        return shown
    org = attrs.get("organisation")
    return "" if org is None else str(org)


def shown_graph(G, anonymise: bool):
    """A copy of a case graph whose ``organisation`` attributes are as an output may show them.

    Drawing and file writers call it first, so that an organisation named
    after a hidden person (``docs/privacy.md``) is shown redacted in
    legends, filters, sheets and files alike. Node ids, edges and every
    other attribute are unchanged.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("p1", organisation="Griffiths Care Ltd", organisation_anonymised="GCL-01 Care Ltd")
    >>> shown_graph(G, True).nodes["p1"]["organisation"], G.nodes["p1"]["organisation"]
    ('GCL-01 Care Ltd', 'Griffiths Care Ltd')
    """
    H = G.copy()
    for _, d in H.nodes(data=True):
        if "organisation" in d:
            d["organisation"] = shown_organisation(d, anonymise)
    return H


@lru_cache(maxsize=8)
def _index_of_names(names: tuple) -> _NameIndex:
    return _NameIndex((str(i), n) for i, n in enumerate(names))


def leaked_names(text, people) -> list[str]:
    """The roster names that occur as whole words in a text.

    Uses the same forms and word rules as :meth:`Pseudonyms.redact`, so an
    anonymised text passes exactly when redaction found everything.

    Parameters
    ----------
    text : str
        Any text (a quote, a whole HTML page).
    people : pandas.DataFrame, Pseudonyms or iterable of str
        The roster (a ``name`` column), or the names themselves.

    Returns
    -------
    list of str
        The forms found (full names, first names, surnames) in their
        roster spelling, in order of first occurrence, each once.

    Examples
    --------
    >>> leaked_names("Met OKAFOR and Ada's team; Okafors was away.",
    ...              ["Ada Quintrell", "Bo Okafor"])
    ['Okafor', 'Ada']
    >>> leaked_names("NDC-01 and NDC-02 met.", ["Ada Quintrell", "Bo Marsh"])
    []
    """
    if isinstance(people, Pseudonyms):
        index = people._index
    else:
        names = people["name"] if isinstance(people, pd.DataFrame) else people
        index = _index_of_names(tuple(n for n in names if isinstance(n, str)))
    if not isinstance(text, str):
        return []
    found = dict.fromkeys(index.spelt(k) for _, _, k in index.matches(_as_text(text)))
    return list(found)

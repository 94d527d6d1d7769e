"""Stable pseudonyms, the consent rule, and roster names replaced in free text.

A person is shown by name only when they agreed to it (``consent_named`` =
yes) and the output is not anonymised; otherwise by a pseudonym made of
their organisation's short code and a number (``NDC-03``). The same rule
applies inside interview quotes: :meth:`Pseudonyms.redact` replaces roster
names in free text. The key (name -> pseudonym) is for the researcher only
(:meth:`Pseudonyms.key`); no page partnet writes carries it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import cached_property, lru_cache

import pandas as pd

from partnet.errors import ParameterError

__all__ = ["Pseudonyms", "shown_name", "leaked_names", "derive_code", "PLACEHOLDER", "TITLES"]

#: What a first name or surname shared by several roster people becomes.
PLACEHOLDER = "[name]"

#: Titles skipped when a roster name is split into first name and surname;
#: a title is never replaced on its own ("Cllr Marsh" -> "Cllr NDC-03").
TITLES = frozenset(
    {"cllr", "councillor", "dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof", "professor",
     "sir", "dame", "rev", "revd"}
)

_APOSTROPHES = "'\u2019\u02bc\u2018"
_HYPHENS = "-\u2010\u2011"
_STOP_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "at"})


# ---------------------------------------------------------------------------
# Folding: one character in, one character out, so spans found in the folded
# text are spans of the original text.


def _fold_char(ch: str) -> str:
    if ch.isspace():
        return " "
    if ch in _APOSTROPHES:
        return "'"
    if ch in _HYPHENS:
        return "-"
    base = unicodedata.normalize("NFD", ch)[0]
    for folded in (base.casefold(), base.lower(), base):
        if len(folded) == 1:
            return folded
    return ch  # pragma: no cover - base is one character


class _FoldTable(dict):
    """A ``str.translate`` table that computes each character's fold once."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _fold_char(chr(code))
        return value


_FOLD = _FoldTable()


def _fold(text: str) -> str:
    """Lower case, accents removed, apostrophes, hyphens and spaces unified."""
    return text.translate(_FOLD)


def _key(text: str) -> str:
    """The folded form of a name, runs of spaces collapsed."""
    return " ".join(_fold(text).split())


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _is_title(token: str) -> bool:
    return _key(token).rstrip(".") in TITLES


def _name_forms(name: str) -> list[str]:
    """The forms of a roster name that count as the person being named.

    The full name (with and without leading titles); with two or more
    words also the first word, the last word, every word after the first
    (a surname with particles or a middle name, "van Berg") and the first
    with the last word. Forms with fewer than two letters, and titles, are
    left out.

    Examples
    --------
    >>> _name_forms("Cllr Ada van Berg")
    ['Cllr Ada van Berg', 'Ada van Berg', 'Ada', 'Berg', 'van Berg', 'Ada Berg']
    >>> _name_forms("J Okafor")
    ['J Okafor', 'Okafor']
    """
    tokens = name.split()
    core = list(tokens)
    while core and _is_title(core[0]):
        core.pop(0)
    forms = [" ".join(tokens), " ".join(core)]
    if len(core) >= 2:
        forms += [core[0], core[-1]]
    if len(core) >= 3:
        forms += [" ".join(core[1:]), f"{core[0]} {core[-1]}"]
    out: dict[str, str] = {}
    for form in forms:
        if _letters(form) >= 2 and not _is_title(form):
            out.setdefault(_key(form), form)
    return list(out.values())


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


class _NameIndex:
    """Every name form of a roster, the people it may mean, and one regex for all."""

    def __init__(self, pairs):
        self.owners: dict[str, set[str]] = {}
        self.spelling: dict[str, str] = {}
        for pid, name in pairs:
            if not isinstance(name, str):
                continue
            name = unicodedata.normalize("NFC", name)
            for form in _name_forms(name):
                k = _key(form)
                self.owners.setdefault(k, set()).add(pid)
                self.spelling.setdefault(k, form)
        self.regex = None
        if self.owners:
            # Not preceded by a letter or by a letter and an apostrophe (the
            # "Neill" of "O'Neill"); not followed by a letter ("Marsh's" is
            # found, "Marshall" is not).
            body = _trie_pattern(sorted(self.owners, key=lambda k: (-len(k), k)))
            self.regex = re.compile(r"(?<!\w)(?<!\w')(?:" + body + r")(?!\w)")

    def matches(self, text: str):
        """Spans and keys of name forms in ``text`` (NFC normalised by the caller)."""
        if self.regex is None:
            return
        for m in self.regex.finditer(_fold(text)):
            yield m.start(), m.end(), " ".join(m.group().split())


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


def _id_order(pid: str):
    """Natural order of ids: ``p2`` before ``p10``; ties broken by the raw id."""
    parts = re.split(r"([0-9]+)", pid)
    return tuple(int(p) if i % 2 else p.casefold() for i, p in enumerate(parts)), pid


def _consent(value) -> bool:
    """True only for an explicit yes; missing or unclear means no."""
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
    >>> ps = Pseudonyms(people, orgs)
    >>> ps.of("p2"), ps.org_code("Eastmarsh County Council")
    ('NDC-02', 'ECC')
    >>> ps.shown("p1", anonymise=False), ps.shown("p2", anonymise=False), ps.shown("p1", anonymise=True)
    ('Ada Quintrell', 'NDC-02', 'NDC-01')
    >>> ps.redact("Bram's team asked Ada first.", anonymise=False)
    "NDC-02's team asked Ada first."
    >>> ps.redact("Bram's team asked Ada first.", anonymise=True)
    "NDC-02's team asked NDC-01 first."

    Notes
    -----
    **Codes.** An organisation's code is its ``code`` cell, upper-cased,
    or else derived from its name by :func:`derive_code`. Derived codes
    that clash with another code get a suffix 2, 3, ... in alphabetical
    order of organisation name (``NDC``, ``NDC2``).

    **Numbers.** Within an organisation people are numbered 01, 02, ...
    in natural order of ``person_id`` (``p2`` before ``p10``), never in
    row order, so the same roster gives the same pseudonyms on every run
    and in any row order, and a person added with an id after the
    existing ones leaves everyone else's pseudonym unchanged. The limit:
    a new id that sorts *between* existing ids of the same organisation
    (``p1a`` between ``p1`` and ``p2``) renumbers the people after it
    there. So do moving a person to another organisation and, for
    organisations without a ``code`` cell, adding an organisation whose
    derived code clashes and sorts earlier; write the codes into
    ``organisations.csv`` to fix them.

    **Redaction.** See :meth:`redact`.
    """

    def __init__(self, people: pd.DataFrame, organisations: pd.DataFrame | None = None):
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
        by_org: dict[str, list[str]] = {}
        for pid, org in self._org.items():
            by_org.setdefault(org, []).append(pid)
        for org, pids in by_org.items():
            for n, pid in enumerate(sorted(pids, key=_id_order), start=1):
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
            near = difflib.get_close_matches(pid, list(self._name), n=3)
            hint = f"; did you mean {' or '.join(map(repr, near))}?" if near else ""
            raise ParameterError(f"no person with person_id {pid!r} on the roster{hint}")
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
        near = difflib.get_close_matches(str(organisation), list(self._codes), n=3)
        hint = f"; did you mean {' or '.join(map(repr, near))}?" if near else ""
        raise ParameterError(f"no organisation {organisation!r} in this case{hint}")

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

    def _replacements(self, anonymise: bool) -> dict[str, str]:
        """Name form -> replacement for one mode, built once and kept."""
        cache = self.__dict__.setdefault("_tables", {})
        if anonymise not in cache:
            cache[anonymise] = {
                k: self._pseudonym[next(iter(owners))] if len(owners) == 1 else PLACEHOLDER
                for k, owners in self._index.owners.items()
                if anonymise or any(not self._consent[p] for p in owners)
            }
        return cache[anonymise]

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
        >>> people = pd.DataFrame({"person_id": ["p1", "p2", "p3"],
        ...     "name": ["Ada Quintrell", "Ada Marsh", "Tomás O'Neill"],
        ...     "organisation": ["Northvale District Council"] * 3,
        ...     "consent_named": [True, False, True]})
        >>> ps = Pseudonyms(people)
        >>> ps.redact("MARSH: Ada Quintrell agreed. Ada did not.", anonymise=False)
        'NDC-02: Ada Quintrell agreed. [name] did not.'
        >>> ps.redact("Cllr Marsh's view; Tomas O’Neill's too.", anonymise=True)
        "Cllr NDC-02's view; NDC-03's too."

        Notes
        -----
        Found as whole words, ignoring case, accents (a roster "Tomás"
        also matches "Tomas"), the kind of apostrophe or hyphen and the
        spaces between words: the full name, then (longest first) each
        first name, surname and the surname with its particles standing
        alone. A possessive or punctuation after a name is kept
        ("Marsh's" -> "NDC-02's"); a name inside a longer word is not a
        name ("Marshall"). Leading titles are not part of the first name
        and are never replaced on their own ("Cllr Marsh" ->
        "Cllr NDC-02"); words of fewer than two letters are never
        replaced on their own.

        A form that two or more roster people share (a first name, a
        surname, or one's first name and another's surname) cannot say
        which person is meant; it becomes ``"[name]"`` rather than a
        guess, whenever at least one of them must be hidden.

        Roster names that are also common words ("Will", "Hall") are
        replaced wherever they occur: over-replacing a word costs less
        than leaking a name.
        """
        if isinstance(text, pd.Series):
            return text.map(lambda t: self.redact(t, anonymise))
        if not isinstance(text, str):
            return text
        table = self._replacements(bool(anonymise))
        if not table:
            return text
        source = _as_text(text)
        out, pos = [], 0
        for start, end, k in self._index.matches(source):
            replacement = table.get(k)
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
    >>> leaked_names("Met MARSH and Ada's team; Marshall was away.",
    ...              ["Ada Quintrell", "Bo Marsh"])
    ['Marsh', 'Ada']
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
    found = dict.fromkeys(index.spelling[k] for _, _, k in index.matches(_as_text(text)))
    return list(found)

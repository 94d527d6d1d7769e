"""The rules of the case format, each with a reason code.

Every rule appends a :class:`~partnet.errors.Problem` and carries on, so a
researcher sees every problem of every file in one run. The rules, their
codes and their severities (the registry :class:`partnet.errors.Reason`,
written out here by :func:`partnet.errors.reason_table` when the module is
imported; ``help(partnet.validate)`` shows it):

{reason table}

The limits (sizes, cells, rows) are the constants of :mod:`partnet.readers`,
each with the reason for its value.

Why these severities: a self-tie says nothing about a relation between two
people (UCINET ignores the diagonal), so it is dropped with a warning. A
repeated tie with the same frequency is harmless and merged; with two
frequencies partnet cannot know which is right, so it stops. A tie reported
by someone marked as a non-respondent means either the ``responded`` flag or
the tie is wrong; both change the response rate and the non-respondent
treatment of every measure, so it is an error rather than a guess.

With survey waves (``waves:`` in ``case.yaml``) the same holds wave by
wave: a tie belongs to one wave, its respondent must have answered that
wave, and neither person may be absent from it (``absent-tie``: someone
who had not joined or had left cannot name or be named in that wave's
questionnaire; a wrong wave or response changes who counts as present in
every comparison of waves). A wave without ties is only a warning: it may
be waiting for its import.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

import pandas as pd

from partnet import options, schema
from partnet.errors import ParameterError, Problem, Reason, nearest, reason_table
from partnet.readers import RawTable, clean_text

__all__ = ["nearest", "PersonResolver", "RULES", "relation_of", "name_key", "match_wave", "wave_ids", "note_date",
           "match_organisation", "nearest_organisation", "clean_notes"]

if __doc__:  # None under python -OO
    __doc__ = __doc__.replace("{reason table}", reason_table())

#: Every reason code, in the order of the table above (kept for tools written
#: before the registry :class:`partnet.errors.Reason`).
RULES = Reason.codes()

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def _key(value: str) -> str:
    return re.sub(r"[\s_\-]+", "", value.casefold())


def _choice(value: str, allowed: tuple[str, ...]) -> str | None:
    """The allowed value ``value`` means, ignoring case, spaces, hyphens."""
    k = _key(value)
    for a in allowed:
        if _key(a) == k:
            return a
    return None


def _spec(stem: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A table's (required, optional) columns: :data:`partnet.schema.TABLES` or ``OPTIONAL_TABLES``."""
    return schema.TABLES[stem] if stem in schema.TABLES else schema.OPTIONAL_TABLES[stem]


def check_columns(table: RawTable, stem: str, problems: list[Problem], required: tuple[str, ...] | None = None) -> bool:
    """Report required columns that are missing; True when all are there.

    ``required`` overrides the case table's own required columns (for a
    file that is not a case table, such as a workshop page's download).
    """
    if required is None:
        required, _optional = _spec(stem)
    ok = True
    for col in required:
        if col not in table.columns:
            ok = False
            problems.append(
                Problem(
                    "missing-column",
                    table.file,
                    "a required column is missing",
                    row=1,
                    column=col,
                    expected="columns " + ", ".join(required),
                    suggestion=nearest(col, [c for c in table.raw_columns if c], cutoff=0.5),
                )
            )
    return ok


def _blank(table, col, line, problems, what="a value is required"):
    problems.append(Problem("blank-value", table.file, what, row=line, column=col))


#: Similarity (difflib ratio, case ignored) at or above which a value outside an open list
#: (:data:`partnet.schema.OPEN_CHOICES`) is taken for a misspelling of a listed one and stays an
#: error: "oficer" (0.92 to "officer") is a typo, "housing association" a new type.
_TYPO = 0.8


def _check_choice(table, stem, col, value, line, problems) -> str | None:
    allowed = schema.CHOICES[(stem, col)]
    if not value:
        _blank(table, col, line, problems)
        return None
    if allowed == schema.YES_NO:
        v = value.casefold()
        if v in _YES:
            return "yes"
        if v in _NO:
            return "no"
    hit = _choice(value, allowed)
    if hit is None and (stem, col) in schema.OPEN_CHOICES and not nearest(value, allowed, n=1, cutoff=_TYPO):
        problems.append(Problem("unlisted-value", table.file,
                                f"not one of the {col} values partnet documents; kept as written",
                                row=line, column=col, value=value, expected=", ".join(allowed),
                                suggestion=nearest(value, allowed, n=1, cutoff=0.6), severity="warning"))
        return value
    if hit is None:
        problems.append(
            Problem(
                "invalid-choice",
                table.file,
                f"not an allowed {col}",
                row=line,
                column=col,
                value=value,
                expected=", ".join(allowed),
                suggestion=nearest(value, allowed, n=1, cutoff=0.4),
            )
        )
    return hit


def clean_organisations(table: RawTable, problems: list[Problem]) -> pd.DataFrame:
    """Organisations: unique names, allowed types, positive whole sizes."""
    records = []
    seen: dict[str, int] = {}
    codes: dict[str, int] = {}
    for row, line in zip(table.rows, table.lines):
        name = row["organisation"]
        if not name:
            _blank(table, "organisation", line, problems)
        elif name.casefold() in seen:
            problems.append(
                Problem("duplicate-id", table.file,
                        f"the organisation is listed twice (first on row {seen[name.casefold()]})",
                        row=line, column="organisation", value=name)
            )
            continue
        else:
            seen[name.casefold()] = line
        org_type = _check_choice(table, "organisations", "org_type", row["org_type"], line, problems)
        size = _positive_int(table, "size", row["size"], line, problems, name)
        code = row.get("code", "")
        if code:
            if not re.fullmatch(r"[A-Za-z0-9]{1,6}", code):
                problems.append(Problem("invalid-choice", table.file, "an organisation code is 1-6 letters or digits",
                                        row=line, column="code", value=code, expected="e.g. NDC"))
            elif code.upper() in codes:
                problems.append(Problem("duplicate-id", table.file,
                                        f"the code is used twice (first on row {codes[code.upper()]})",
                                        row=line, column="code", value=code))
            codes.setdefault(code.upper(), line)
        rec = dict(row)
        rec.update(organisation=name, org_type=org_type, size=size, code=code.upper() or None)
        records.append(rec)
    df = pd.DataFrame.from_records(records, columns=_columns(table, "organisations"))
    df["size"] = df["size"].astype("Int64")
    return df


def _columns(table: RawTable, stem: str) -> list[str]:
    required, optional = _spec(stem)
    extra = [c for c in table.columns if c and c not in required and c not in optional]
    return list(required) + list(optional) + extra


def _positive_int(table, col, value, line, problems, name):
    if not value:
        problems.append(Problem("missing-size", table.file, f"no size given for {name!r}; size indicators will skip it",
                                row=line, column=col, severity="warning"))
        return None
    text = value.replace(",", "").replace(" ", "")
    try:
        number = float(text)
    except ValueError:
        number = None
    if number is None or not number.is_integer() or number <= 0:
        problems.append(Problem("invalid-number", table.file,
                                "size must be a positive whole number (staff or population)",
                                row=line, column=col, value=value, expected="e.g. 1200"))
        return None
    return int(number)


def clean_people(table: RawTable, organisations: pd.DataFrame, problems: list[Problem],
                 organisations_known: bool = True) -> pd.DataFrame:
    """People: unique ids, known organisations, allowed categories.

    With ``organisations_known`` False (the organisations table could not
    be read) organisations are not looked up, so that the one broken file
    is reported once rather than on every person's row.
    """
    orgs = {" ".join(o.split()).casefold(): o for o in organisations["organisation"].dropna()}
    records = []
    seen: dict[str, int] = {}
    names: dict[str, list[int]] = defaultdict(list)
    for row, line in zip(table.rows, table.lines):
        pid = row["person_id"]
        if not pid:
            _blank(table, "person_id", line, problems)
            continue
        if pid in seen:
            problems.append(Problem("duplicate-id", table.file,
                                    f"the person_id is used twice (first on row {seen[pid]})",
                                    row=line, column="person_id", value=pid))
            continue
        seen[pid] = line
        if not row["name"]:
            _blank(table, "name", line, problems)
        else:
            names[" ".join(row["name"].split()).casefold()].append(line)
        org = row["organisation"]
        if not org:
            _blank(table, "organisation", line, problems)
        elif organisations_known and " ".join(org.split()).casefold() not in orgs:
            problems.append(Problem("unknown-organisation", table.file, "the organisation is not in organisations",
                                    row=line, column="organisation", value=org,
                                    expected="an organisation listed in organisations",
                                    suggestion=nearest(org, orgs.values())))
        rec = dict(row)
        rec["organisation"] = orgs.get(" ".join(org.split()).casefold(), org)
        rec["name"] = " ".join(row["name"].split())
        for col in ("role", "directorate", "seniority", "responded", "consent_named"):
            rec[col] = _check_choice(table, "people", col, row[col], line, problems)
        records.append(rec)
    for lines in names.values():
        if len(lines) > 1:
            problems.append(Problem("duplicate-name", table.file,
                                    f"rows {', '.join(map(str, lines))} share a name; ties must name them by person_id",
                                    row=lines[1], column="name", severity="warning"))
    df = pd.DataFrame.from_records(records, columns=_columns(table, "people"))
    for col in ("responded", "consent_named"):
        df[col] = df[col].map({"yes": True, "no": False}).astype("boolean")
    return df


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
                              "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})


def name_key(text: str) -> str:
    """The form in which two spellings of one name are equal: how a written name is matched to the roster.

    Case, accents, repeated or surrounding spaces and the kind of
    apostrophe or hyphen are ignored, and "Surname, First" is read as
    "First Surname" (one comma). Used wherever a file names people:
    ``ties.csv``, segments, survey exports, Network Canvas sessions.

    Examples
    --------
    >>> name_key("  Ashworth,  HÉLÈNE ") == name_key("helene ashworth")
    True
    >>> name_key("Siobhán O\u2019Connor-Reyes")
    "siobhan o'connor-reyes"
    """
    text = unicodedata.normalize("NFKD", str(text).translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    parts = text.split(",")
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        text = f"{parts[1]} {parts[0]}"
    return " ".join(text.split()).casefold()


class PersonResolver:
    """Match what a researcher wrote (a person_id or a name) to a person_id.

    A value is matched, after trimming spaces, first to a ``person_id``
    exactly, then to a ``person_id`` ignoring case ("P1" for "p1", when
    only one id folds to it), then to a name as :func:`name_key` compares
    names (case, accents, spacing, apostrophes and "Surname, First"
    ignored). A name shared by two or more people cannot be resolved: the
    researcher is asked for the ids.

    Parameters
    ----------
    people : pandas.DataFrame
        The roster, with columns ``person_id`` and ``name``.
    known : bool, default True
        False when the roster itself could not be read: every value is then
        passed through as written, so that one broken ``people.csv`` is
        reported once instead of as an unknown person on every tie.

    Examples
    --------
    >>> people = pd.DataFrame({"person_id": ["p1", "p2", "p3"],
    ...                        "name": ["Ada Quint", "Bo Rell", "Bo Rell"]})
    >>> r = PersonResolver(people)
    >>> r.resolve("  ada quint ")
    ('p1', None, ())
    >>> r.resolve(" P1")
    ('p1', None, ())
    >>> r.resolve("Bo Rell")
    (None, 'ambiguous-name', ('p2', 'p3'))
    >>> r.resolve("Ada Qunit")
    (None, 'unknown-person', ('Ada Quint',))
    >>> r.resolve("QUINT, Ada")
    ('p1', None, ())
    """

    def __init__(self, people: pd.DataFrame, known: bool = True):
        self.known = known
        self.ids = set(people["person_id"].dropna())
        self.by_folded_id: dict[str, list[str]] = defaultdict(list)
        for pid in self.ids:
            self.by_folded_id[str(pid).casefold()].append(pid)
        self.by_name: dict[str, list[str]] = defaultdict(list)
        for pid, name in zip(people["person_id"], people["name"]):
            if isinstance(name, str) and name:
                self.by_name[name_key(name)].append(pid)
        self.names = [n for n in people["name"].dropna() if n]

    def resolve(self, value: str) -> tuple[str | None, str | None, tuple[str, ...]]:
        """Return ``(person_id, None, ())`` or ``(None, reason_code, suggestions)``."""
        value = value.strip()
        if value in self.ids or not self.known:
            return value, None, ()
        same_id = self.by_folded_id.get(value.casefold(), [])
        if len(same_id) == 1:
            return same_id[0], None, ()
        hits = self.by_name.get(name_key(value), [])
        if len(hits) == 1:
            return hits[0], None, ()
        if len(hits) > 1:
            return None, "ambiguous-name", tuple(hits)
        return None, "unknown-person", nearest(value, self.names) or nearest(value, self.ids)

    def cell(self, table: RawTable, value: str, line: int, column: str, problems: list[Problem]) -> str | None:
        """The person_id a cell names, or None after a problem (a blank cell, nobody, a shared name).

        Examples
        --------
        >>> from partnet.readers import RawTable
        >>> r = PersonResolver(pd.DataFrame({"person_id": ["p1"], "name": ["Ada Quint"]}))
        >>> probs = []
        >>> table = RawTable(file="ties.csv", columns=["alter"])
        >>> r.cell(table, "ada quint", 2, "alter", probs), r.cell(table, "", 3, "alter", probs)
        ('p1', None)
        >>> [(p.code, p.row) for p in probs]
        [('blank-value', 3)]
        """
        if not value:
            _blank(table, column, line, problems)
            return None
        pid, code, suggestion = self.resolve(value)
        if pid is None:
            problems.append(self.problem(table, line, column, value, code, suggestion))
        return pid

    def problem(self, table: RawTable, line: int, column: str, value: str, code: str, suggestion) -> Problem:
        """The problem to report for an unresolved value."""
        if code == "ambiguous-name":
            return Problem(code, table.file, "several people have this name; write their person_id instead",
                           row=line, column=column, value=value, expected="one of their person_ids",
                           suggestion=suggestion)
        return Problem(code, table.file, "nobody on the roster (people) has this person_id or name",
                       row=line, column=column, value=value, expected="a person_id or name from people",
                       suggestion=suggestion)


def _frequency(table, value, line, column, problems, scale: str = "frequency") -> int | None:
    """A tie's value on its relation's scale (:data:`partnet.schema.SCALES`), or None after a problem."""
    if not value:
        if scale == "binary":
            return 1  # a blank cell of a binary relation: the row itself says the tie is there
        _blank(table, column, line, problems, "a frequency is required" if scale == "frequency" else
               "a value is required")
        return None
    try:
        number = float(value)
    except ValueError:
        number = None
    whole = number is not None and number.is_integer()
    if scale == "count":
        if whole and number >= 0:
            return int(number)
        problems.append(Problem("invalid-frequency", table.file, "a count must be a whole number 0 or more",
                                row=line, column=column, value=value, expected="0, 1, 2, ... (count scale)"))
        return None
    if scale == "binary":
        if whole and number == 1:
            return 1
        problems.append(Problem("invalid-frequency", table.file,
                                "a binary relation's value is 1 (leave out the row for no tie)", row=line,
                                column=column, value=value, expected="1 (binary scale)"))
        return None
    if whole and 1 <= number <= 5:
        return int(number)
    labels = {v: str(k) for k, v in schema.FREQUENCY_LABELS.items()}
    suggestion = tuple(labels[h] for h in nearest(value, labels, n=1, cutoff=0.5))
    problems.append(
        Problem("invalid-frequency", table.file, "frequency must be a whole number from 1 to 5", row=line,
                column=column, value=value,
                expected="1 (yearly), 2 (quarterly), 3 (monthly), 4 (weekly) or 5 (daily)", suggestion=suggestion)
    )
    return None


def match_wave(value, waves) -> str | None:
    """The declared wave a written wave means: the same id, else the one id equal ignoring case; None if none.

    Parameters
    ----------
    value : str
        As written in a ``wave`` cell (surrounding spaces ignored).
    waves : list of str
        The ids of ``case.yaml``'s ``waves:`` (:func:`wave_ids`).

    Examples
    --------
    >>> match_wave(" W2", ["w1", "w2"]), match_wave("w3", ["w1", "w2"])
    ('w2', None)
    """
    value = str(value).strip()
    if value in waves:
        return value
    same = [w for w in waves if w.casefold() == value.casefold()]
    return same[0] if len(same) == 1 else None


def wave_ids(meta: dict) -> list[str] | None:
    """The ids of a checked ``case.yaml``'s ``waves:``, in order.

    Returns
    -------
    list of str or None
        None when no waves are declared; an empty list when ``waves:`` is
        there but wrong (already reported by :func:`check_meta`: waves are
        then not checked further).

    Examples
    --------
    >>> wave_ids({"waves": [{"id": "w1", "survey_date": "2006-11"}, {"id": "w2", "survey_date": "2008-03"}]})
    ['w1', 'w2']
    >>> wave_ids({}) is None, wave_ids({"waves": None})
    (True, [])
    """
    if "waves" not in meta:
        return None
    return [w["id"] for w in meta["waves"] or []]


def _wave_cell(table: RawTable, value: str, line: int, waves: list[str], problems: list[Problem]) -> str | None:
    """A ``wave`` cell read against the declared waves; None after a problem."""
    if not value:
        problems.append(Problem("blank-value", table.file, "a wave is required: case.yaml declares waves",
                                row=line, column="wave", expected="one of " + ", ".join(waves)))
        return None
    wave = match_wave(value, waves)
    if wave is None:
        problems.append(Problem("unknown-wave", table.file, "the wave is not declared under waves: in case.yaml",
                                row=line, column="wave", value=value, expected=", ".join(waves),
                                suggestion=nearest(value, waves, n=1, cutoff=0.5)))
    return wave


def _response(table: RawTable, value: str, line: int, problems: list[Problem]) -> str | None:
    """A ``responded`` cell of responses: yes, no or absent (yes/no spelt as in people.csv); None after a problem."""
    allowed = schema.RESPONSE_VALUES
    if not value:
        problems.append(Problem("blank-value", table.file, "a value is required", row=line, column="responded",
                                expected=", ".join(allowed)))
        return None
    folded = value.casefold()
    if folded in _YES:
        return "yes"
    if folded in _NO:
        return "no"
    hit = _choice(value, allowed)
    if hit is None:
        problems.append(Problem("invalid-choice", table.file, "not an allowed response to a wave", row=line,
                                column="responded", value=value, expected=", ".join(allowed),
                                suggestion=nearest(value, allowed, n=1, cutoff=0.5)))
    return hit


def clean_responses(table: RawTable | None, people: pd.DataFrame, resolver: PersonResolver, waves: list[str] | None,
                    problems: list[Problem]) -> tuple[pd.DataFrame, dict[tuple[str, str], str]]:
    """Who answered each wave: ``responses.csv`` checked and completed from ``people.csv``.

    Parameters
    ----------
    table : RawTable or None
        ``responses.csv`` (or a ``responses`` sheet): person_id, wave,
        responded; None when the case has none.
    people : pandas.DataFrame
        The checked roster (``responded`` boolean).
    resolver : PersonResolver
        Matches a person_id or name to the roster.
    waves : list of str or None
        :func:`wave_ids`: None when ``case.yaml`` declares no waves (a
        responses table is then an ``undeclared-waves`` error), an empty
        list when the declaration is wrong (nothing more is checked). A
        responses table with only its header row is ignored.
    problems : list of Problem
        Problems found are appended here.

    Returns
    -------
    (pandas.DataFrame, dict)
        The table ``person_id, wave, responded`` with one row per wave (in
        ``case.yaml``'s order) and person (in roster order), ``responded``
        ``"yes"``, ``"no"`` or ``"absent"``; and the same as a mapping
        (person_id, wave) -> responded. A person without a row for a wave
        takes ``people.csv``'s ``responded`` for it (``yes`` or ``no``):
        without ``responses.csv`` everyone is on every wave's roster.
        Empty for a case without waves.

    Notes
    -----
    ``absent`` means not on that wave's roster (joined later, or had left);
    such a person is not a non-respondent of the wave. Rules: the person is
    on the roster (``unknown-person``, ``ambiguous-name``), the wave is
    declared (``unknown-wave``, ``blank-value``), responded is yes, no or
    absent (``invalid-choice``), one row per person and wave
    (``duplicate-response``).

    Examples
    --------
    >>> people = pd.DataFrame({"person_id": ["p1", "p2"], "name": ["Ada Quint", "Bo Rell"],
    ...                        "responded": pd.array([True, False], dtype="boolean")})
    >>> from partnet.readers import parse_csv
    >>> table = parse_csv("person_id,wave,responded\\nBo Rell,w2,yes\\np1,w2,absnet\\n", "responses.csv", [])
    >>> problems = []
    >>> df, _ = clean_responses(table, people, PersonResolver(people), ["w1", "w2"], problems)
    >>> [(p.code, p.row, p.value, p.suggestion) for p in problems]
    [('invalid-choice', 3, 'absnet', ('absent',))]
    >>> df.to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'person_id': ['p1', 'p2', 'p1', 'p2'], 'wave': ['w1', 'w1', 'w2', 'w2'],
     'responded': ['yes', 'no', 'yes', 'yes']}
    """
    columns = list(schema.columns("responses"))
    if not waves:
        if table is not None and table.rows and waves is None:
            problems.append(Problem("undeclared-waves", table.file,
                                    "responses are given per wave, but case.yaml declares no waves",
                                    expected="waves: in case.yaml, a list of {id: ..., survey_date: YYYY-MM-DD} "
                                             "in the order the waves were run"))
        return pd.DataFrame(columns=columns), {}
    default = {}
    for pid, flag in zip(people["person_id"], people["responded"]):
        default[pid] = None if flag is pd.NA or flag is None else ("yes" if flag else "no")
    given: dict[tuple[str, str], str] = {}
    seen: dict[tuple[str, str], int] = {}
    for row, line in zip(table.rows if table is not None else [], table.lines if table is not None else []):
        pid = resolver.cell(table, row["person_id"], line, "person_id", problems)
        wave = _wave_cell(table, row["wave"], line, waves, problems)
        responded = _response(table, row["responded"], line, problems)
        if pid is None or wave is None or responded is None:
            continue
        if (pid, wave) in seen:
            problems.append(Problem("duplicate-response", table.file,
                                    f"{pid}'s response to wave {wave} is also on row {seen[pid, wave]}; keep one",
                                    row=line, column="person_id", value=row["person_id"]))
            continue
        seen[pid, wave] = line
        given[pid, wave] = responded
    status = {(pid, w): given.get((pid, w), default[pid]) for w in waves for pid in people["person_id"]}
    records = [{"person_id": pid, "wave": w, "responded": r} for (pid, w), r in status.items()]
    return pd.DataFrame.from_records(records, columns=columns), status


def clean_ties(table: RawTable, people: pd.DataFrame, resolver: PersonResolver, default_relation: str,
               problems: list[Problem], relations: dict | None = None, waves: list[str] | None = None,
               responses: dict | None = None) -> pd.DataFrame:
    """Ties: both ends on the roster, a value on the relation's scale, rules for self, duplicate and
    non-respondent ties, and for a case with waves each tie's wave.

    ``relations`` is ``case.yaml``'s checked ``relations:`` (name ->
    {"directed", "scale"}); when given, a tie of any other relation is an
    ``unknown-relation`` error. An undirected relation's tie may be listed
    once or both ways (one tie, kept in the order first listed); the two
    ways with different values are a ``conflicting-tie``. The
    non-respondent rule applies to directed relations only: in an
    undirected one, neither end reported the tie more than the other.

    ``waves`` are the ids of ``case.yaml``'s ``waves:`` (:func:`wave_ids`)
    and ``responses`` who answered each (:func:`clean_responses`). Without
    waves (None) a ``wave`` column must be blank (``undeclared-waves``) and
    the table is as it always was. With waves every tie names a declared
    wave (``blank-value``, ``unknown-wave``); ties from a file without a
    wave column (a matrix, DL or Pajek file, ``ties.csv`` without the
    column) belong to the one wave when only one is declared, and are a
    ``ties-without-wave`` error with several. A tie of a wave is an
    ``absent-tie`` when either person is absent from that wave, a
    ``nonrespondent-tie`` (directed relations) when its respondent did not
    answer that wave; duplicates and conflicts are within one wave; a
    declared wave without ties is a ``wave-without-ties`` warning. The
    table then has a ``wave`` column. An empty ``waves`` list (a wrong
    ``waves:``, already reported) checks no waves.
    """
    responded = dict(zip(people["person_id"], people["responded"]))
    declared = relations if relations else None
    wave_column = table.cell_columns is None and "wave" in table.columns
    single = None
    # waves that cannot be checked (a wrong waves:, waves not declared, or ties without a wave where several
    # are): ties are told apart by their wave as written and not held to anyone's response, so that the one
    # mistake is not reported again as conflicts and non-respondent ties
    unchecked = waves == []
    if waves is None and wave_column:
        given = [(row["wave"], line) for row, line in zip(table.rows, table.lines) if row.get("wave")]
        unchecked = bool(given)
        if given:
            found = list(dict.fromkeys(v for v, _ in given))
            problems.append(Problem("undeclared-waves", table.file,
                                    "the ties carry waves but case.yaml declares none: list the waves there "
                                    "(or leave the wave column blank)", row=given[0][1], column="wave",
                                    value=given[0][0],
                                    expected="waves: in case.yaml listing "
                                             + ", ".join(found[:10]) + (", ..." if len(found) > 10 else "")
                                             + f" in order, each with its survey date, e.g. "
                                               f"'- {{id: {found[0]}, survey_date: YYYY-MM-DD}}'"))
    elif waves and not wave_column:
        if len(waves) == 1:
            single = waves[0]  # a matrix, DL or Pajek file (or ties.csv without a wave column): the one wave
        else:
            problems.append(Problem("ties-without-wave", table.file,
                                    f"case.yaml declares {len(waves)} waves, but these ties carry no wave: a "
                                    "ties matrix, DL or Pajek file holds one wave only",
                                    column="wave",
                                    expected="ties.csv (or a ties sheet) with a wave column naming one of "
                                             + ", ".join(waves)))
            waves, unchecked = [], True
    by_wave = bool(waves)
    kept: dict[tuple, tuple[int, int, tuple[str, str]]] = {}
    with_ties: set[str] = set()
    for i, (row, line) in enumerate(zip(table.rows, table.lines)):
        ends = []
        for col in ("respondent", "alter"):
            where = table.cell_columns[i] if (col == "alter" and table.cell_columns) else col
            ends.append(resolver.cell(table, row[col], line, where, problems))
        wave = None
        if by_wave:
            wave = single or _wave_cell(table, row.get("wave", ""), line, waves, problems)
            if wave is None:
                continue
            with_ties.add(wave)
        relation = row["relation"] or default_relation
        if declared is not None and relation not in declared:
            problems.append(Problem("unknown-relation", table.file, "the relation is not declared under relations: "
                                    "in case.yaml", row=line, column="relation", value=relation,
                                    expected=", ".join(declared), suggestion=nearest(relation, list(declared), n=1)))
            continue
        spec = relation_of({"relations": declared or {}}, relation)
        freq = _frequency(table, row["frequency"], line,
                          table.cell_columns[i] if table.cell_columns else "frequency", problems, spec.scale)
        a, b = ends
        if a is None or b is None or freq is None:
            continue
        if a == b:
            problems.append(Problem("self-tie", table.file, "a person names themselves; the tie is ignored",
                                    row=line, column="alter", value=row["alter"], severity="warning"))
            continue
        if by_wave:
            gone = [(col, pid) for col, pid in (("respondent", a), ("alter", b))
                    if (responses or {}).get((pid, wave)) == "absent"]
            if gone:
                col, pid = gone[0]
                problems.append(Problem("absent-tie", table.file,
                                        f"{pid} is absent from wave {wave} (responses): not on that wave's roster, "
                                        "so no tie of that wave can involve them; correct the tie's wave or the "
                                        "response", row=line, column=col, value=row[col]))
                continue
            status = (responses or {}).get((a, wave))
            answered = responded.get(a) if status is None else status == "yes"
        else:
            answered = responded.get(a)
        if unchecked:
            answered = None
        if spec.directed and answered is not None and answered is not pd.NA and not answered:
            problems.append(Problem("nonrespondent-tie", table.file,
                                    (f"ties reported in wave {wave} by a person marked responded = no for that wave "
                                     "(responses, else people); correct the response or the respondent"
                                     if by_wave else
                                     "ties reported by a person marked responded = no in people; "
                                     "correct the responded flag or the respondent"),
                                    row=line, column="respondent", value=row["respondent"]))
            continue
        key = (a, b, relation) if spec.directed else (min(a, b), max(a, b), relation)
        if by_wave:
            key += (wave,)
        elif unchecked:
            key += (" ".join(row.get("wave", "").split()).casefold(),)
        if key in kept:
            first_freq, first_line, first_ends = kept[key]
            if first_freq != freq:
                problems.append(Problem("conflicting-tie", table.file,
                                        f"the same tie is on row {first_line} with "
                                        f"{'frequency' if spec.scale == 'frequency' else 'value'} {first_freq}"
                                        + ("" if spec.directed else " (the relation is undirected)")
                                        + (f" in wave {wave}" if by_wave else "")
                                        + "; keep one", row=line, column="frequency", value=str(freq)))
            elif first_ends == (a, b):
                problems.append(Problem("duplicate-tie", table.file,
                                        f"the same tie is also on row {first_line}"
                                        + (f" in wave {wave}" if by_wave else "") + "; counted once",
                                        row=line, severity="warning"))
            continue
        kept[key] = (freq, line, (a, b))
    if by_wave and table.rows:
        for wave in waves:
            if wave not in with_ties:
                problems.append(Problem("wave-without-ties", table.file,
                                        f"no tie is given for wave {wave}: its network has no ties", column="wave",
                                        value=wave, expected="the ties named in that wave's questionnaire",
                                        severity="warning"))
    columns = list(schema.TABLES["ties"][0]) + (["wave"] if by_wave else [])
    records = [dict(zip(columns, (a, b, key[2], f, *key[3:]))) for key, (f, _l, (a, b)) in kept.items()]
    df = pd.DataFrame.from_records(records, columns=columns)
    df["frequency"] = df["frequency"].astype("int64")
    return df


def clean_codebook(table: RawTable, problems: list[Problem]) -> pd.DataFrame:
    """Codebook: unique codes, a parent tree without cycles, theme and dimension inherited."""
    rows: dict[str, dict] = {}
    lines: dict[str, int] = {}
    for row, line in zip(table.rows, table.lines):
        code = row["code"]
        if not code:
            _blank(table, "code", line, problems)
            continue
        if code in rows:
            problems.append(Problem("duplicate-id", table.file,
                                    f"the code is listed twice (first on row {lines[code]})",
                                    row=line, column="code", value=code))
            continue
        rec = dict(row)
        rec.setdefault("parent", "")
        if rec["dimension"]:
            dim = _choice(rec["dimension"], schema.DIMENSIONS)
            if dim is None:
                problems.append(Problem("invalid-choice", table.file, "not one of the model's three dimensions",
                                        row=line, column="dimension", value=rec["dimension"],
                                        expected=", ".join(schema.DIMENSIONS),
                                        suggestion=nearest(rec["dimension"], schema.DIMENSIONS, n=1, cutoff=0.4)))
            rec["dimension"] = dim or ""
        rows[code] = rec
        lines[code] = line
    for code, rec in rows.items():
        parent = rec["parent"]
        if parent and parent not in rows:
            problems.append(Problem("unknown-code", table.file, "the parent is not a code of this codebook",
                                    row=lines[code], column="parent", value=parent, suggestion=nearest(parent, rows)))
            rec["parent"] = ""
    for code, rec in rows.items():
        chain, node = [code], rec
        while node["parent"]:
            if node["parent"] in chain:
                problems.append(Problem("codebook-cycle", table.file,
                                        "the code is its own ancestor: " + " -> ".join(chain + [node["parent"]]),
                                        row=lines[code], column="parent", value=rec["parent"]))
                break
            chain.append(node["parent"])
            node = rows[node["parent"]]
            for field in ("theme", "dimension"):
                if not rec[field] and node[field]:
                    rec[field] = node[field]
        for field in ("theme", "dimension"):
            if not rec[field]:
                problems.append(Problem("no-theme", table.file,
                                        f"the code has no {field}, neither its own nor inherited",
                                        row=lines[code], column=field, value=code))
    df = pd.DataFrame.from_records(list(rows.values()), columns=_columns(table, "codebook"))
    return df.replace({"parent": {"": None}})


def clean_segments(table: RawTable, codebook: pd.DataFrame, resolver: PersonResolver,
                   problems: list[Problem], codebook_known: bool = True) -> pd.DataFrame:
    """Coded segments: known people and codes, a unique (segment_id, code, coder) key.

    With ``codebook_known`` False (no readable codebook) codes are not
    looked up; the missing codebook is reported once by the caller.
    """
    codes = set(codebook["code"])
    seen: dict[tuple, int] = {}
    first: dict[str, tuple] = {}
    records = []
    for row, line in zip(table.rows, table.lines):
        sid = row["segment_id"]
        if not sid:
            _blank(table, "segment_id", line, problems)
        pid = resolver.cell(table, row["person_id"], line, "person_id", problems)
        code = row["code"]
        if not code:
            _blank(table, "code", line, problems)
        elif codebook_known and code not in codes:
            problems.append(Problem("unknown-code", table.file, "the code is not in codebook", row=line, column="code",
                                    value=code, suggestion=nearest(code, codes)))
        if not row["excerpt"]:
            _blank(table, "excerpt", line, problems)
        coder = row.get("coder", "")
        key = (sid, code, coder)
        if sid and key in seen:
            problems.append(Problem("duplicate-segment", table.file,
                                    f"segment {sid!r} already has code {code!r}"
                                    + (f" by coder {coder!r}" if coder else "")
                                    + f" on row {seen[key]}", row=line, column="code", value=code))
            continue
        seen[key] = line
        if sid:
            if sid in first and first[sid][:2] != (pid, row["excerpt"]):
                what = "person" if first[sid][0] != pid else "excerpt"
                problems.append(Problem("inconsistent-segment", table.file,
                                        f"segment {sid!r} has another {what} on row {first[sid][2]}",
                                        row=line, column="person_id" if what == "person" else "excerpt"))
            first.setdefault(sid, (pid, row["excerpt"], line))
        rec = dict(row)
        rec.update(person_id=pid, coder=coder or None, source=row["source"] or None)
        records.append(rec)
    return pd.DataFrame.from_records(records, columns=_columns(table, "segments"))


_NOTE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?")

#: What a workshop note's date may look like, for problems.
NOTE_DATE_FORMS = "YYYY-MM-DD HH:MM (or YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS])"


def note_date(value) -> str | None:
    """A workshop note's date in one form, or None when it is not a date.

    Parameters
    ----------
    value : str
        ``YYYY-MM-DD HH:MM`` (what the workshop page writes: local time),
        ``YYYY-MM-DD``, or ``YYYY-MM-DDTHH:MM`` with or without ``:SS``;
        surrounding spaces ignored.

    Returns
    -------
    str or None
        ``YYYY-MM-DD HH:MM`` (``:SS`` kept when not 00), or ``YYYY-MM-DD``
        for a date alone; ``""`` for a blank value; None for anything else,
        a day that does not exist (``2026-02-30``) included.

    Examples
    --------
    >>> note_date("2026-03-04 09:30"), note_date("2026-03-04T09:30:00"), note_date(" 2026-03-04 ")
    ('2026-03-04 09:30', '2026-03-04 09:30', '2026-03-04')
    >>> note_date("2026-03-04T09:30:15"), note_date(""), note_date("4 March"), note_date("2026-02-30 10:00")
    ('2026-03-04 09:30:15', '', None, None)
    """
    import datetime as dt

    text = str(value).strip()
    if not text:
        return ""
    m = _NOTE_DATE.fullmatch(text)
    if m is None:
        return None
    year, month, day, hour, minute, second = m.groups()
    try:
        dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    day_text = f"{year}-{month}-{day}"
    if hour is None:
        return day_text
    return f"{day_text} {hour}:{minute}" + (f":{second}" if second not in (None, "00") else "")


def _organisation_key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def match_organisation(value, organisations) -> str | None:
    """The organisation a written name means: the same name, ignoring case and repeated spaces; None if none.

    Examples
    --------
    >>> match_organisation(" northvale  District council", ["Northvale District Council"])
    'Northvale District Council'
    >>> match_organisation("Northvale", ["Northvale District Council"]) is None
    True
    """
    wanted = _organisation_key(value)
    for name in organisations:
        if isinstance(name, str) and _organisation_key(name) == wanted:
            return name
    return None


def nearest_organisation(value, organisations) -> tuple[str, ...]:
    """The organisations a written name may mean: those whose name holds it, else the nearest (:func:`nearest`).

    Examples
    --------
    >>> nearest_organisation("eastmarsh", ["Northvale District Council", "Eastmarsh County Council"])
    ('Eastmarsh County Council',)
    >>> nearest_organisation("Northvale Distrcit Council", ["Northvale District Council"])
    ('Northvale District Council',)
    """
    wanted = _organisation_key(value)
    names = [o for o in organisations if isinstance(o, str)]
    within = tuple(dict.fromkeys(o for o in names if wanted and wanted in _organisation_key(o)))
    return within[:3] or nearest(value, names)


def clean_notes(table: RawTable, resolver: PersonResolver, organisations, problems: list[Problem],
                organisations_known: bool = True) -> pd.DataFrame:
    """Workshop notes (``notes.csv``): what each is about, its text and date; unique ids, no note twice.

    Parameters
    ----------
    table : RawTable
        ``notes.csv`` (or a ``notes`` sheet): columns of
        ``schema.OPTIONAL_TABLES["notes"]``.
    resolver : PersonResolver
        Matches a person_id (or a name, as ``ties.csv``'s people are
        matched) to the roster.
    organisations : iterable of str
        The organisations a note may be about (``organisations.csv``).
    problems : list of Problem
        Problems found are appended here.
    organisations_known : bool, default True
        False when ``organisations.csv`` could not be read: organisations
        are then not looked up.

    Returns
    -------
    pandas.DataFrame
        Columns :func:`partnet.schema.columns` ``("notes")`` (then any
        other column of the file): ``target`` (and ``alter``) as
        person_ids, the organisation as listed, blank for the network and
        where not used; ``date`` in one form (:func:`note_date`).

    Notes
    -----
    Rules: ``note_id`` given and unique (``blank-value``,
    ``duplicate-id``); ``target_type`` one of person, tie, organisation,
    network (``invalid-choice``, the nearest named); a person's and a tie's
    people on the roster (``unknown-person``, ``ambiguous-name``, the
    nearest named), a tie with both (``blank-value``) and two different
    people (``same-person-tie``); an organisation listed
    (``unknown-organisation``); a note with text (``blank-value``); a date
    blank or as :func:`note_date` reads it (``invalid-date``); no note
    twice, same kind, target, alter, text and date (``duplicate-note``,
    naming the first row).

    Examples
    --------
    >>> from partnet.readers import parse_csv
    >>> people = pd.DataFrame({"person_id": ["p1", "p2"], "name": ["Ada Quint", "Bo Rell"]})
    >>> text = ("note_id,target_type,target,alter,note,date,facilitator,view\\n"
    ...         "n1,person,p1,,Keen on the portal,2026-03-04 09:30,Kim,\\n"
    ...         "n2,tie,p1,p1,Talk weekly,2026-03-04 09:31,Kim,\\n"
    ...         "n3,organisation,Northvale DC,,Short of staff,4 March,,\\n"
    ...         "n4,person,p1,,Keen on the portal,2026-03-04 09:30,Kim,\\n")
    >>> problems = []
    >>> notes = clean_notes(parse_csv(text, "notes.csv", []), PersonResolver(people),
    ...                     ["Northvale District Council"], problems)
    >>> [(p.code, p.row, p.column, p.suggestion) for p in problems]  # doctest: +NORMALIZE_WHITESPACE
    [('same-person-tie', 3, 'alter', ()),
     ('unknown-organisation', 4, 'target', ('Northvale District Council',)),
     ('invalid-date', 4, 'date', ()), ('duplicate-note', 5, 'note', ())]
    >>> notes.loc[0, ["note_id", "target_type", "target", "date"]].tolist()
    ['n1', 'person', 'p1', '2026-03-04 09:30']
    """
    organisations = [o for o in organisations if isinstance(o, str)]
    records = []
    ids: dict[str, int] = {}
    seen: dict[tuple, int] = {}
    for row, line in zip(table.rows, table.lines):
        note_id = row["note_id"]
        if not note_id:
            _blank(table, "note_id", line, problems)
        elif note_id in ids:
            problems.append(Problem("duplicate-id", table.file, f"the note_id is used twice (first on row "
                                    f"{ids[note_id]})", row=line, column="note_id", value=note_id))
        else:
            ids[note_id] = line
        kind = row["target_type"]
        if not kind:
            _blank(table, "target_type", line, problems, "a value is required: what the note is about")
        else:
            kind = _choice(kind, schema.NOTE_TARGETS)
            if kind is None:
                problems.append(Problem("invalid-choice", table.file, "not a kind of thing a note is about",
                                        row=line, column="target_type", value=row["target_type"],
                                        expected=", ".join(schema.NOTE_TARGETS),
                                        suggestion=nearest(row["target_type"], schema.NOTE_TARGETS, n=1, cutoff=0.4)))
        target, alter = row.get("target", ""), row.get("alter", "")
        if kind in ("person", "tie"):
            target = resolver.cell(table, target, line, "target", problems)
        if kind == "tie":
            if not alter:
                _blank(table, "alter", line, problems, "a note about a tie names its two people: the other one "
                       "(the alter) is missing")
                alter = None
            else:
                alter = resolver.cell(table, alter, line, "alter", problems)
            if target is not None and target == alter:
                problems.append(Problem("same-person-tie", table.file, "a tie joins two people; this one names the "
                                        "same person twice", row=line, column="alter", value=row.get("alter", "")))
        else:
            alter = ""
        if kind == "organisation":
            if not target:
                _blank(table, "target", line, problems, "a value is required: the organisation the note is about")
            elif organisations_known:
                hit = match_organisation(target, organisations)
                if hit is None:
                    problems.append(Problem("unknown-organisation", table.file,
                                            "the organisation is not in organisations", row=line, column="target",
                                            value=target, expected="an organisation listed in organisations",
                                            suggestion=nearest_organisation(target, organisations)))
                target = hit
        elif kind == "network":
            target = ""
        if not row["note"]:
            _blank(table, "note", line, problems, "the note is empty")
        date = note_date(row.get("date", ""))
        if date is None:
            problems.append(Problem("invalid-date", table.file, "not a date the notes can hold", row=line,
                                    column="date", value=row.get("date", ""), expected=NOTE_DATE_FORMS))
        if kind is None or target is None or alter is None or date is None or not row["note"]:
            continue
        key = (kind, target, alter, row["note"], date)
        if key in seen:
            problems.append(Problem("duplicate-note", table.file, f"the same note is on row {seen[key]} (same kind, "
                                    "target, text and date); keep one", row=line, column="note",
                                    value=row["note"][:60]))
            continue
        seen[key] = line
        rec = dict(row)
        rec.update(target_type=kind, target=target, alter=alter, date=date)
        records.append(rec)
    columns = list(schema.columns("notes"))
    columns += [c for c in table.columns if c and c not in columns]
    return pd.DataFrame.from_records(records, columns=columns).fillna("")


def _kind(value) -> str:
    """A YAML value's type in a researcher's words."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    if hasattr(value, "isoformat"):
        return "a date"
    return type(value).__name__


def _allowed(check, value) -> bool:
    """Whether an option's checker (:mod:`partnet.options`) accepts ``value``."""
    try:
        check(value)
    except ParameterError:
        return False
    return True


def relation_of(meta: dict, name) -> schema.Relation:
    """How relation ``name`` reads under a checked ``case.yaml``: its declaration, else directed frequency.

    Parameters
    ----------
    meta : dict
        ``case.yaml`` as :func:`check_meta` returns it (``relations`` a
        mapping name -> {"directed", "scale"}, or absent).
    name : str
        A relation's name.

    Returns
    -------
    partnet.schema.Relation

    Examples
    --------
    >>> meta = {"relations": {"marriage": {"directed": False, "scale": "binary"}}}
    >>> relation_of(meta, "marriage")
    Relation(name='marriage', directed=False, scale='binary')
    >>> relation_of({}, "egov_contact")
    Relation(name='egov_contact', directed=True, scale='frequency')
    """
    spec = (meta.get("relations") or {}).get(name) or {}
    return schema.Relation(str(name), directed=spec.get("directed", True), scale=spec.get("scale", "frequency"))


def _check_relations(meta: dict, file: str, problems: list[Problem]) -> None:
    """case.yaml ``relations:``: each relation's direction and scale; normalised in place, wrong entries left out."""
    rels = meta.get("relations")
    if rels is None:
        meta.pop("relations", None)
        return
    usage = "relations: followed by one line per relation, e.g. 'marriage: {directed: false, scale: binary}'"
    if not isinstance(rels, dict) or not rels:
        problems.append(Problem("invalid-field", file, f"relations must be a set of fields, not {_kind(rels)}",
                                column="relations", value=str(rels)[:200], expected=usage))
        del meta["relations"]
        return
    out: dict[str, dict] = {}
    for name, spec in rels.items():
        name = str(name).strip()
        where = f"relations: {name}"
        if spec is None:
            spec = {}
        if not isinstance(spec, dict):
            problems.append(Problem("invalid-field", file, f"a relation is a set of fields, not {_kind(spec)}",
                                    column=where, value=str(spec)[:200],
                                    expected="{directed: true or false, scale: frequency, binary or count}"))
            continue
        spec = {str(k).strip(): v for k, v in spec.items()}
        good = True
        for key in spec:
            if key not in schema.RELATION_KEYS:
                problems.append(Problem("invalid-field", file, "not a field of a relation", column=where,
                                        value=key, expected=", ".join(schema.RELATION_KEYS),
                                        suggestion=nearest(key, schema.RELATION_KEYS, n=1)))
                good = False
        directed = spec.get("directed", True)
        if not isinstance(directed, bool):
            problems.append(Problem("invalid-option", file, "directed must be true or false", column=where,
                                    value=str(directed), expected="true or false"))
            good = False
        scale = spec.get("scale", "frequency")
        if scale not in schema.SCALES:
            problems.append(Problem("invalid-option", file, "not a scale of tie values", column=where,
                                    value=str(scale), expected=", ".join(schema.SCALES),
                                    suggestion=nearest(str(scale), schema.SCALES, n=1)))
            good = False
        if good:
            out[name] = {"directed": directed, "scale": scale}
    meta["relations"] = out
    default = meta.get("relation")
    if isinstance(default, str) and default and len(out) == len(rels) and default not in out:
        problems.append(Problem("invalid-field", file, "the case's relation is not among the relations declared",
                                column="relation", value=default, expected=", ".join(out),
                                suggestion=nearest(default, list(out), n=1)))


_WAVES_USAGE = ("waves: a list of {id: ..., survey_date: YYYY-MM-DD} in the order the waves were run, e.g. "
                "'- {id: w1, survey_date: 2006-11-14}'")


def _check_waves(meta: dict, file: str, problems: list[Problem]) -> None:
    """case.yaml ``waves:``: a list of {id, survey_date}, ids unique, dates ISO and in order; normalised in place.

    Left out when not given; ``None`` (declared, unusable: every problem
    reported) when anything is wrong, so that ties and responses are not
    checked against half a list.
    """
    waves = meta.get("waves")
    if waves is None:
        meta.pop("waves", None)
        return
    if not isinstance(waves, list) or not waves:
        problems.append(Problem("invalid-waves", file, "waves must be a list of waves, not "
                                + (_kind(waves) if waves != [] else "an empty list"),
                                column="waves", value=str(waves)[:200], expected=_WAVES_USAGE))
        meta["waves"] = None
        return
    out: list[dict] = []
    first: dict[str, int] = {}
    good = True
    for number, spec in enumerate(waves, start=1):
        where = f"waves: {number}"
        if not isinstance(spec, dict):
            problems.append(Problem("invalid-waves", file, f"a wave is a set of fields, not {_kind(spec)}",
                                    column=where, value=str(spec)[:200],
                                    expected="{id: w1, survey_date: 2006-11-14}"))
            good = False
            continue
        spec = {str(k).strip(): v for k, v in spec.items()}
        for key in spec:
            if key not in schema.WAVE_KEYS:
                problems.append(Problem("invalid-waves", file, "not a field of a wave", column=where, value=key,
                                        expected=", ".join(schema.WAVE_KEYS),
                                        suggestion=nearest(key, schema.WAVE_KEYS, n=1)))
                good = False
        wid = spec.get("id")
        if isinstance(wid, int) and not isinstance(wid, bool):
            wid = str(wid)  # id: 1 reads as a number; the wave column holds its text
        if wid is None or (isinstance(wid, str) and not wid.strip()):
            problems.append(Problem("invalid-waves", file, "a wave needs an id", column=where,
                                    expected="{id: w1, survey_date: 2006-11-14}"))
            good, wid = False, None
        elif not isinstance(wid, str):
            problems.append(Problem("invalid-waves", file, f"a wave's id must be text, not {_kind(wid)}",
                                    column=where, value=str(wid)[:200],
                                    expected="text; put it in quotes if YAML reads it otherwise"))
            good, wid = False, None
        else:
            wid = " ".join(clean_text(wid).split())
            where = f"waves: {wid}"
            if wid.casefold() in first:
                problems.append(Problem("invalid-waves", file,
                                        f"the wave id is listed twice (first as wave {first[wid.casefold()]}; "
                                        "ids are compared ignoring case)", column=where, value=wid,
                                        expected="a different id for each wave"))
                good = False
            first.setdefault(wid.casefold(), number)
        date = spec.get("survey_date")
        text = None
        if date in (None, ""):
            problems.append(Problem("invalid-waves", file, "a wave needs its survey_date", column=where,
                                    expected="survey_date: YYYY-MM-DD or YYYY-MM"))
            good = False
        elif isinstance(date, (list, dict, bool)):
            problems.append(Problem("invalid-waves", file, f"a wave's survey_date must be a date, not {_kind(date)}",
                                    column=where, value=str(date)[:200], expected="YYYY-MM-DD or YYYY-MM"))
            good = False
        else:
            text = str(date)
            if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
                problems.append(Problem("invalid-date", file, "a wave's survey_date must be an ISO date",
                                        column=where, value=text, expected="YYYY-MM-DD or YYYY-MM"))
                good = False
        if wid is not None and text is not None:
            out.append({"id": wid, "survey_date": text})
    if good:
        for before, after in zip(out, out[1:]):
            n = min(len(before["survey_date"]), len(after["survey_date"]))
            if after["survey_date"][:n] < before["survey_date"][:n]:
                problems.append(Problem("invalid-waves", file,
                                        f"waves are listed in the order they were run, but wave {after['id']} "
                                        f"({after['survey_date']}) is dated before wave {before['id']} "
                                        f"({before['survey_date']})", column=f"waves: {after['id']}",
                                        value=after["survey_date"],
                                        expected=f"{before['survey_date']} or later, or the waves reordered"))
                good = False
    meta["waves"] = out if good else None


def check_meta(meta, folder_name: str, file: str, problems: list[Problem]) -> dict:
    """case.yaml: required fields of the right type, the id equal to the folder name, a valid date and options.

    Parameters
    ----------
    meta : object
        What the YAML parser returned (a mapping of field: value when the
        file is right).
    folder_name : str
        The case folder's (or workbook's) name, which ``id`` must equal.
    file : str
        Display name, for problems.
    problems : list of Problem
        Problems found are appended here.

    Returns
    -------
    dict
        The fields, keys as text; a field of the wrong type is left out
        (after an ``invalid-field`` error), text is cleaned of control
        characters (a ``control-characters`` warning).

    Notes
    -----
    ``id``, ``title``, ``description`` and ``relation`` are text. YAML reads
    ``relation: [a, b]`` as a list, ``title: yes`` as true and
    ``title: 2024-03-01`` as a date: each is an ``invalid-field`` error
    (quote the value). One exception: a whole number is accepted as ``id``
    and read as its text (``id: 2024`` for a folder named ``2024``); it
    must still equal the folder name, so ``id: 0123`` (octal in YAML) is
    reported as a mismatch rather than passed on changed. ``survey_date``
    is a date or text (then YYYY-MM-DD or YYYY-MM); a list, a set of
    fields or true/false is ``invalid-field``.

    ``waves`` (optional) is a list of ``{id, survey_date}`` in the order
    the waves were run; it comes back as a list of ``{"id": str,
    "survey_date": "YYYY-MM-DD" or "YYYY-MM"}``. A wrong list (not a list,
    a field other than id and survey_date, an id blank or repeated
    ignoring case, dates out of order) is ``invalid-waves`` and a date
    that is not ISO ``invalid-date``; ``waves`` is then None (declared,
    not usable). A whole number is accepted as an id, as its text.

    Examples
    --------
    >>> probs = []
    >>> meta = check_meta({"id": "x", "title": "T", "description": "D", "relation": ["a", "b"],
    ...                    "survey_date": "2026-03"}, "x", "case.yaml", probs)
    >>> [(p.code, p.column, p.value) for p in probs], "relation" in meta
    ([('invalid-field', 'relation', "['a', 'b']")], False)
    >>> check_meta({"id": 2024, "title": "T", "description": "D", "relation": "r", "survey_date": "2026-03"},
    ...            "2024", "case.yaml", [])["id"]
    '2024'
    >>> import datetime
    >>> probs = []
    >>> meta = check_meta({"id": "x", "title": "T", "description": "D", "relation": "r", "survey_date": "2006-11",
    ...                    "waves": [{"id": "w1", "survey_date": datetime.date(2006, 11, 14)},
    ...                              {"id": "w2", "survey_date": "2008-03"}]}, "x", "case.yaml", probs)
    >>> meta["waves"], probs
    ([{'id': 'w1', 'survey_date': '2006-11-14'}, {'id': 'w2', 'survey_date': '2008-03'}], [])
    >>> meta = check_meta({"id": "x", "title": "T", "description": "D", "relation": "r", "survey_date": "2006-11",
    ...                    "waves": [{"id": "w1", "survey_date": "2006-11"}, {"id": "W1", "sruvey_date": "2008"}]},
    ...                   "x", "case.yaml", probs)
    >>> [(p.code, p.column, p.value, p.suggestion) for p in probs]  # doctest: +NORMALIZE_WHITESPACE
    [('invalid-waves', 'waves: 2', 'sruvey_date', ('survey_date',)),
     ('invalid-waves', 'waves: W1', 'W1', ()), ('invalid-waves', 'waves: W1', None, ())]
    """
    if not isinstance(meta, dict):
        problems.append(Problem("invalid-yaml", file, "case.yaml must be a mapping of field: value",
                                expected="id: ..., title: ..., ..."))
        return {}
    meta = {str(k).strip(): v for k, v in meta.items()}
    for f in schema.CASE_FIELDS:
        if meta.get(f) in (None, ""):
            problems.append(Problem("missing-field", file, "a required field is missing", column=f,
                                    suggestion=nearest(f, [k for k in meta if k not in schema.CASE_FIELDS])))
    for f in schema.CASE_TEXT_FIELDS:
        value = meta.get(f)
        if value is None or isinstance(value, str):
            continue
        if f == "id" and isinstance(value, int) and not isinstance(value, bool):
            meta[f] = str(value)  # id: 2024 for a folder named 2024; still compared with the folder below
            continue
        problems.append(Problem("invalid-field", file, f"{f} must be text, not {_kind(value)}", column=f,
                                value=str(value)[:200],
                                expected="text; put it in quotes if YAML reads it otherwise (\"2024\", \"yes\")"))
        del meta[f]
    date = meta.get("survey_date")
    if isinstance(date, (list, dict, bool)):
        problems.append(Problem("invalid-field", file, f"survey_date must be a date, not {_kind(date)}",
                                column="survey_date", value=str(date)[:200], expected="YYYY-MM-DD or YYYY-MM"))
        del meta["survey_date"]
    for key, value in list(meta.items()):
        if isinstance(value, str):
            cleaned = clean_text(value, free_text=key in schema.FREE_TEXT_COLUMNS)
            if cleaned != value:
                problems.append(Problem("control-characters", file,
                                        "the field held invisible control characters (such as Word's line break) "
                                        "that no report or graph file can hold; they were replaced by "
                                        + ("a line break" if key in schema.FREE_TEXT_COLUMNS else "a space")
                                        + " or removed", column=key, value=value[:60], severity="warning"))
                meta[key] = cleaned
    if meta.get("id") not in (None, "") and str(meta["id"]) != folder_name:
        problems.append(Problem("case-id-mismatch", file, "the case id must equal the folder (or workbook) name",
                                column="id", value=str(meta["id"]), expected=repr(folder_name)))
    date = meta.get("survey_date")
    if date not in (None, ""):
        text = str(date)
        if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
            problems.append(Problem("invalid-date", file, "survey_date must be an ISO date", column="survey_date",
                                    value=text, expected="YYYY-MM-DD or YYYY-MM"))
        meta["survey_date"] = text
    option = meta.get("nonrespondents")
    if option is not None and not _allowed(options.check_nonrespondents, option):
        problems.append(Problem("invalid-option", file, "not a non-respondent treatment", column="nonrespondents",
                                value=str(option), expected=", ".join(options.NONRESPONDENTS),
                                suggestion=nearest(str(option), options.NONRESPONDENTS, n=1)))
    _check_relations(meta, file, problems)
    _check_waves(meta, file, problems)
    mf = meta.get("min_frequency")
    scale = relation_of(meta, meta.get("relation")).scale
    if mf is not None and not _allowed(lambda v: options.check_min_frequency(v, scale), mf):
        expected = {"frequency": "1..5", "binary": "1", "count": "a whole number 1 or more"}[scale]
        problems.append(Problem("invalid-option", file,
                                f"min_frequency must be {expected} for the case's relation ({scale} scale)",
                                column="min_frequency", value=str(mf), expected=expected))
    an = meta.get("anonymise")
    if an is not None and not _allowed(options.check_anonymise, an):
        problems.append(Problem("invalid-option", file, "anonymise must be true or false", column="anonymise",
                                value=str(an), expected="true or false"))
    small = meta.get("small_organisations")
    if small is not None and small not in schema.SMALL_ORGANISATION_OPTIONS:
        problems.append(Problem("invalid-option", file, "not a treatment of small organisations",
                                column="small_organisations", value=str(small),
                                expected=", ".join(schema.SMALL_ORGANISATION_OPTIONS),
                                suggestion=nearest(str(small), schema.SMALL_ORGANISATION_OPTIONS, n=1)))
    return meta

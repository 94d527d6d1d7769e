"""The case folder format: files, columns and allowed values.

This module is the single written-down source of the format described in
the README ("The case format"). Validation, ``partnet init``, the
generator and the documentation all read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "SCALES",
    "OPEN_CHOICES",
    "Relation",
    "RELATION_KEYS",
    "ORG_TYPES",
    "ROLES",
    "DIRECTORATES",
    "SENIORITY",
    "YES_NO",
    "DIMENSIONS",
    "FREQUENCY_LABELS",
    "TABLES",
    "columns",
    "CASE_FIELDS",
    "NONRESPONDENT_OPTIONS",
    "SMALL_ORGANISATION_OPTIONS",
    "SMALL_ORGANISATION",
    "OTHER_ORGANISATION",
    "FREE_TEXT_COLUMNS",
    "CASE_TEXT_FIELDS",
    "WAVE_KEYS",
    "RESPONSE_VALUES",
    "OPTIONAL_TABLES",
    "NOTE_TARGETS",
    "PAGE_NOTES_COLUMNS",
    "PAGE_SHOWS",
]

#: Organisation types (``organisations.csv``, column ``org_type``).
ORG_TYPES = (
    "district council",
    "county council",
    "unitary",
    "metropolitan borough",
    "police",
    "fire",
    "health",
    "transport",
    "voluntary",
    "partnership team",
    "other",
)

#: Roles (``people.csv``, column ``role``).
ROLES = ("officer", "councillor", "partnership staff", "other")

#: Directorates (``people.csv``, column ``directorate``).
DIRECTORATES = ("citizen-facing", "back-office", "ICT", "corporate", "none")

#: Seniority (``people.csv``, column ``seniority``).
SENIORITY = ("senior", "middle", "junior")

#: Yes/no columns (``responded``, ``consent_named``).
YES_NO = ("yes", "no")

#: The three dimensions of the partnership-effectiveness model
#: (``codebook.csv``, column ``dimension``).
DIMENSIONS = ("network structure", "governance", "system stability")

#: Contact frequency (``ties.csv``, column ``frequency``), 1 to 5.
FREQUENCY_LABELS = {1: "yearly", 2: "quarterly", 3: "monthly", 4: "weekly", 5: "daily"}

#: Scales of a relation's values (``case.yaml`` ``relations:``). The values
#: are always in the ``frequency`` column of ``ties.csv`` and the
#: ``frequency`` attribute of a graph's edges:
#:
#: ``frequency``
#:     contact frequency, a whole number 1 (yearly) .. 5 (daily)
#:     (:data:`FREQUENCY_LABELS`); the default.
#: ``binary``
#:     a tie is there or not; the column holds 1 (or is left blank).
#: ``count``
#:     any whole number 0 or more (messages, meetings, shared boards); 0
#:     is no tie.
SCALES = ("frequency", "binary", "count")

#: The fields of one relation in ``case.yaml`` ``relations:``.
RELATION_KEYS = ("directed", "scale")


@dataclass(frozen=True)
class Relation:
    """How a relation's ties read: its direction and the scale of its values.

    A case without ``relations:`` in ``case.yaml`` has every relation
    directed on the frequency scale (``Relation(name)``).

    Attributes
    ----------
    name : str
        As in ``ties.csv``'s ``relation`` column.
    directed : bool, default True
        A tie ``a -> b`` means a named b; ``False``: the tie is mutual by
        nature (a marriage, a shared board) and its graph is undirected.
    scale : {"frequency", "binary", "count"}, default "frequency"
        See :data:`SCALES`.

    Examples
    --------
    >>> Relation("marriage", directed=False, scale="binary").lowest
    1
    >>> Relation("messages", scale="count").highest is None
    True
    """

    name: str
    directed: bool = True
    scale: str = "frequency"

    @property
    def lowest(self) -> int:
        """The least value that is a tie (1 on every scale: a count of 0 is no tie)."""
        return 1

    @property
    def highest(self) -> int | None:
        """The greatest value allowed (None: no limit)."""
        return {"frequency": max(FREQUENCY_LABELS), "binary": 1}.get(self.scale)


#: How a graph treats people who did not answer the questionnaire.
NONRESPONDENT_OPTIONS = ("keep", "drop", "reconstruct")

#: ``case.yaml`` ``small_organisations``: organisations with at most
#: :data:`SMALL_ORGANISATION` people kept as they are, or shown (and
#: analysed) together as :data:`OTHER_ORGANISATION`.
SMALL_ORGANISATION_OPTIONS = ("keep", "other")

#: Roster size at or below which an organisation's code identifies its people.
SMALL_ORGANISATION = 2

#: The organisation small ones become with ``small_organisations: other``.
OTHER_ORGANISATION = "Other organisations"

#: Required fields of ``case.yaml``.
CASE_FIELDS = ("id", "title", "description", "relation", "survey_date")

#: ``case.yaml`` fields that hold text (a number is accepted as ``id`` only, as its
#: text: a folder may be named ``2024``).
CASE_TEXT_FIELDS = ("id", "title", "description", "relation", "question")

#: Columns (and ``case.yaml`` fields) of free text, where a line break is kept: a
#: control character that means a line break (Word's ``\x0b``) becomes a line break
#: there and a space in every other column (names, ids, categories).
FREE_TEXT_COLUMNS = ("excerpt", "description", "source", "question", "note")

#: Tables of a case: file stem -> (required columns, optional columns).
TABLES = {
    "organisations": (("organisation", "org_type", "size"), ("code",)),
    "people": (
        (
            "person_id",
            "name",
            "organisation",
            "role",
            "directorate",
            "seniority",
            "responded",
            "consent_named",
        ),
        (),
    ),
    "ties": (("respondent", "alter", "relation", "frequency"), ("wave",)),
    "codebook": (("code", "theme", "dimension", "description"), ("parent",)),
    "segments": (("segment_id", "person_id", "code", "excerpt", "source"), ("coder",)),
}


#: Tables a case may hold beyond :data:`TABLES`, which ``partnet init`` does
#: not write: file stem -> (required columns, optional columns).
#:
#: ``responses``
#:     who answered each survey wave (``case.yaml`` ``waves:``): one row per
#:     person and wave, ``responded`` one of :data:`RESPONSE_VALUES`. A
#:     person without a row for a wave takes ``people.csv``'s ``responded``.
#: ``notes``
#:     workshop notes (``partnet import-notes`` writes them from the workshop
#:     page's download): one row per note, ``note_id`` unique (``n1``,
#:     ``n2``, ...), ``target_type`` one of :data:`NOTE_TARGETS`; ``target``
#:     the person's person_id (``person``), the first person's (``tie``:
#:     the respondent of a directed relation, with the other in ``alter``),
#:     the organisation (``organisation``), blank (``network``); ``date``
#:     local time ``YYYY-MM-DD HH:MM`` (or ``YYYY-MM-DD``); ``view`` the
#:     wave view the page showed.
OPTIONAL_TABLES = {
    "responses": (("person_id", "wave", "responded"), ()),
    "notes": (("note_id", "target_type", "note"), ("target", "alter", "date", "facilitator", "view")),
}

#: What a workshop note is about (``notes.csv``, column ``target_type``).
NOTE_TARGETS = ("person", "tie", "organisation", "network")

#: The columns of the notes a workshop page downloads (``partnet import-notes``):
#: (required, optional). A hand-made file may leave the optional ones out.
PAGE_NOTES_COLUMNS = (("target_type", "target", "note", "date", "facilitator"),
                      ("tie_from", "tie_to", "view", "case", "page"))

#: What a workshop page showed people by (the download's ``page`` column): their
#: names (where they consented) or everyone's pseudonym (an anonymised page).
PAGE_SHOWS = ("names", "pseudonyms")


#: The file order of a table whose columns do not come required first: stem -> every column.
COLUMN_ORDER = {
    "notes": ("note_id", "target_type", "target", "alter", "note", "date", "facilitator", "view"),
}


def columns(stem: str) -> tuple[str, ...]:
    """All columns of a case table, in file order: its required ones, then its optional ones.

    A table listed in :data:`COLUMN_ORDER` (``notes``: what a note is about
    before the note) has the order given there.

    Parameters
    ----------
    stem : str
        A table of :data:`TABLES` or :data:`OPTIONAL_TABLES`.

    Examples
    --------
    >>> columns("segments")
    ('segment_id', 'person_id', 'code', 'excerpt', 'source', 'coder')
    >>> columns("ties")
    ('respondent', 'alter', 'relation', 'frequency', 'wave')
    >>> columns("responses")
    ('person_id', 'wave', 'responded')
    >>> columns("notes")
    ('note_id', 'target_type', 'target', 'alter', 'note', 'date', 'facilitator', 'view')
    """
    required, optional = TABLES[stem] if stem in TABLES else OPTIONAL_TABLES[stem]
    return COLUMN_ORDER.get(stem, required + optional)


#: The fields of one survey wave in ``case.yaml`` ``waves:`` (a list, in the
#: order the waves were run): ``id`` (text, unique, the value of the ``wave``
#: column of ``ties.csv`` and ``responses.csv``) and ``survey_date``
#: (YYYY-MM-DD or YYYY-MM, not before the previous wave's).
WAVE_KEYS = ("id", "survey_date")

#: ``responses.csv``'s ``responded``: ``yes`` (answered that wave), ``no``
#: (on that wave's roster, did not answer: a non-respondent of the wave) and
#: ``absent`` (not on that wave's roster: joined later or had left; not a
#: non-respondent, and not a node of that wave's graph).
RESPONSE_VALUES = ("yes", "no", "absent")


#: Allowed values of categorical columns: (table, column) -> values.
CHOICES = {
    ("organisations", "org_type"): ORG_TYPES,
    ("people", "role"): ROLES,
    ("people", "directorate"): DIRECTORATES,
    ("people", "seniority"): SENIORITY,
    ("people", "responded"): YES_NO,
    ("people", "consent_named"): YES_NO,
}

#: Categorical columns whose lists are open: a value outside the list (a
#: housing association, a historical family, a health trust's own
#: directorate) is kept with an ``unlisted-value`` warning naming the
#: nearest listed value; one so close to a listed value that it reads as
#: a misspelling ("oficer") stays an ``invalid-choice`` error. Seniority and the yes/no columns stay closed: the
#: effectiveness profile and the consent rule read their values.
OPEN_CHOICES = (("organisations", "org_type"), ("people", "role"), ("people", "directorate"))

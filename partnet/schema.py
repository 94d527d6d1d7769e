"""The case folder format: files, columns and allowed values.

This module is the single written-down source of the format described in
the README ("The case format"). Validation, ``partnet init``, the
generator and the documentation all read it from here.
"""

from __future__ import annotations

__all__ = [
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
CASE_TEXT_FIELDS = ("id", "title", "description", "relation")

#: Columns (and ``case.yaml`` fields) of free text, where a line break is kept: a
#: control character that means a line break (Word's ``\x0b``) becomes a line break
#: there and a space in every other column (names, ids, categories).
FREE_TEXT_COLUMNS = ("excerpt", "description", "source")

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
    "ties": (("respondent", "alter", "relation", "frequency"), ()),
    "codebook": (("code", "theme", "dimension", "description"), ("parent",)),
    "segments": (("segment_id", "person_id", "code", "excerpt", "source"), ("coder",)),
}


def columns(stem: str) -> tuple[str, ...]:
    """All columns of a case table, in file order: its required ones, then its optional ones.

    Examples
    --------
    >>> columns("segments")
    ('segment_id', 'person_id', 'code', 'excerpt', 'source', 'coder')
    """
    required, optional = TABLES[stem]
    return required + optional


#: Allowed values of categorical columns: (table, column) -> values.
CHOICES = {
    ("organisations", "org_type"): ORG_TYPES,
    ("people", "role"): ROLES,
    ("people", "directorate"): DIRECTORATES,
    ("people", "seniority"): SENIORITY,
    ("people", "responded"): YES_NO,
    ("people", "consent_named"): YES_NO,
}

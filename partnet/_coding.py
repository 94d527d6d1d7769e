"""The counting kernel of coded segments, shared by themes and mixed (not API).

:mod:`partnet.themes` documents the conventions (a segment counts once
however many codes and coders applied it; interviewees are the people with
at least one coded segment; values of a level in codebook order) and
:mod:`partnet.mixed` counts by the same rules. Both take them from here, so
a change to a convention is made once.

Which of a person's (or a group's) segments is quoted first is one rule,
:func:`best_first`, used by the joint displays of :mod:`partnet.mixed` and
the quotes of the workshop page and ego sheets (:mod:`partnet.viz`).

The rows of :func:`coded_rows` carry ``excerpt`` and ``source`` as
recorded, names unredacted: a caller shows them only through
``case.pseudonyms.redact`` (the public functions of ``themes`` and
``mixed`` do).
"""

from __future__ import annotations

import pandas as pd

from partnet import schema
from partnet.errors import check_choice

__all__ = ["attribute_table", "coded_rows", "level_values", "interviewee_ids", "best_first"]

#: People columns that no table built from the roster carries.
_PEOPLE_HIDDEN = ("name", "pseudonym")


def attribute_table(case) -> pd.DataFrame:
    """People with their organisation's attributes, indexed by ``person_id`` (``themes.people_attributes``)."""
    people = case.people.drop(columns=[c for c in _PEOPLE_HIDDEN if c in case.people.columns])
    people = people.astype({"person_id": str}).set_index("person_id")
    orgs = case.organisations
    if orgs is not None and len(orgs.columns):
        extra = {}
        for col in orgs.columns:
            if col in ("organisation", "code"):
                continue
            name = "org_size" if col == "size" else (col if col.startswith("org_") else col)
            if name in people.columns or f"org_{col}" in people.columns:
                continue
            extra[col] = name
        if extra:
            table = orgs.set_index("organisation")[list(extra)].rename(columns=extra)
            people = people.join(table, on="organisation")
    return people


def coded_rows(case, coder=None) -> pd.DataFrame:
    """Segments joined with the codebook and people attributes, text as recorded.

    One row per row of ``case.segments`` (one coder's rows with ``coder``;
    an unknown coder raises ``ParameterError`` with the nearest one), plus
    ``theme`` and ``dimension`` from the codebook and the columns of
    :func:`attribute_table`.
    """
    seg = case.segments.copy()
    if coder is not None:
        coders = [c for c in pd.unique(seg["coder"].dropna())] if "coder" in seg.columns else []
        check_choice(coder, coders, "coder")
        seg = seg[seg["coder"] == coder]
    cb = case.codebook.set_index("code")
    seg["theme"] = seg["code"].map(cb["theme"])
    seg["dimension"] = seg["code"].map(cb["dimension"])
    attrs = attribute_table(case)
    return seg.join(attrs, on="person_id")


def level_values(case, level: str) -> list:
    """Every value of a level in codebook order (dimensions in the model's order)."""
    if level == "dimension":
        present = set(case.codebook["dimension"].dropna())
        return [d for d in schema.DIMENSIONS if d in present] + sorted(present - set(schema.DIMENSIONS))
    return list(dict.fromkeys(case.codebook[level].dropna()))


def interviewee_ids(case, coder=None) -> list[str]:
    """The interviewees: person_ids with at least one coded segment (of ``coder``), in roster order."""
    seg = case.segments if coder is None else case.segments[case.segments["coder"] == coder]
    present = set(seg["person_id"].dropna().astype(str))
    return [p for p in case.people["person_id"].astype(str) if p in present]


def _flagged(value) -> bool:
    return str(value).strip().lower() in ("yes", "true", "1", "y")


def best_first(rows: pd.DataFrame) -> pd.DataFrame:
    """Segment rows, one per segment, in the order they are quoted.

    A segment flagged ``exemplar`` (yes, true, 1, y) comes first, then the
    longest excerpt (white space collapsed), then the earlier row (file
    order). Each segment counts once: its first row is kept, so its theme
    is its first code's. Missing excerpts count as empty.
    """
    rows = rows.drop_duplicates("segment_id")
    flagged = rows["exemplar"].map(_flagged) if "exemplar" in rows.columns else False
    length = rows["excerpt"].map(lambda t: len(" ".join(t.split())) if isinstance(t, str) else 0)
    ranked = rows.assign(_flag=flagged, _len=length, _pos=range(len(rows)))
    ranked = ranked.sort_values(["_flag", "_len", "_pos"], ascending=[False, False, True])
    return ranked.drop(columns=["_flag", "_len", "_pos"])

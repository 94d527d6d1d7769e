"""Pseudonyms, the consent rule and names replaced in free text (all names invented)."""

from __future__ import annotations

import pandas as pd
import pytest

from partnet.errors import ParameterError
from partnet.pseudonyms import PLACEHOLDER, Pseudonyms, derive_code, leaked_names, shown_name

NDC = "Northvale District Council"
ECC = "Eastmarsh County Council"
WFS = "Westridge Fire Service"

ROSTER = [
    # person_id, name, organisation, consent_named
    ("p1", "Ada Quintrell", NDC, True),
    ("p2", "Bram Okonjo", NDC, False),
    ("p3", "Ffion Marsh", NDC, False),
    ("p4", "Ada Kowalczyk", ECC, True),
    ("p5", "Tomás O'Neill", ECC, True),
    ("p10", "Dr Idris Oyelaran", ECC, True),
    ("p6", "Zoë Brodie-Haraldsen", WFS, False),
    ("p7", "J Pennick", WFS, True),
]


def people_table(rows=ROSTER) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["person_id", "name", "organisation", "consent_named"])
    df["consent_named"] = df["consent_named"].astype("boolean")
    return df


def orgs_table() -> pd.DataFrame:
    # NDC has its code; the others derive theirs from the name.
    return pd.DataFrame({"organisation": [NDC, ECC, WFS], "code": ["ndc", None, pd.NA]})


@pytest.fixture
def ps() -> Pseudonyms:
    return Pseudonyms(people_table(), orgs_table())


EXPECTED = {"p1": "NDC-01", "p2": "NDC-02", "p3": "NDC-03", "p4": "ECC-01", "p5": "ECC-02",
            "p10": "ECC-03", "p6": "WFS-01", "p7": "WFS-02"}


# --- pseudonyms and codes ---------------------------------------------------------------


def test_pseudonyms_number_by_natural_id_order_within_organisation(ps):
    # p10 comes after p4 and p5 (natural order), not after p1 (string order).
    assert {pid: ps.of(pid) for pid in EXPECTED} == EXPECTED


def test_codes_given_or_derived(ps):
    assert ps.codes == {NDC: "NDC", ECC: "ECC", WFS: "WFS"}
    assert ps.org_code("eastmarsh county council") == "ECC"


@pytest.mark.parametrize(
    "name, code",
    [
        ("Northvale District Council", "NDC"),
        ("Borough of Eastmarsh", "BE"),
        ("Office of the Police and Crime Commissioner for Westridge", "OPCC"),
        ("Healthwatch", "HEA"),
        ("Åsgard & Ørby Trust", "AOT"),
        ("St. Kilda's Hospice", "SKH"),
        ("X", "ORG"),
        ("市议会", "ORG"),
    ],
    ids=["initials", "stop-word", "at-most-four", "one-word", "accents-ampersand", "punctuation", "one-letter",
         "no-latin"],
)
def test_derive_code(name, code):
    assert derive_code(name) == code


def test_clashing_derived_codes_get_suffixes_in_alphabetical_order():
    orgs = pd.DataFrame({"organisation": ["Aston Borough Council", "Alder Bay Council", "Ashby Bridge College",
                                          "Northvale District Council", "Northvale Digital Collective"],
                         "code": [None, None, None, "NDC", None]})
    people = pd.DataFrame({"person_id": ["a", "b", "c", "d", "e"], "name": ["Una Ko", "Ro Vee", "Ty Lo", "Em Oh", "Lu Pa"],
                           "organisation": list(orgs["organisation"]), "consent_named": [True] * 5})
    expected = {"Alder Bay Council": "ABC", "Ashby Bridge College": "ABC2", "Aston Borough Council": "ABC3",
                "Northvale District Council": "NDC", "Northvale Digital Collective": "NDC2"}
    assert Pseudonyms(people, orgs).codes == expected
    # Row order does not matter.
    assert Pseudonyms(people.iloc[::-1], orgs.iloc[::-1]).codes == expected


def test_shared_explicit_code_is_refused():
    orgs = pd.DataFrame({"organisation": [NDC, ECC], "code": ["NX", "nx"]})
    with pytest.raises(ParameterError, match="share the code 'NX'"):
        Pseudonyms(people_table()[lambda d: d.organisation != WFS], orgs)


def test_organisation_missing_from_table_gets_a_derived_code():
    ps = Pseudonyms(people_table(), orgs_table().iloc[:1])
    assert ps.of("p6") == "WFS-01" and ps.of("p4") == "ECC-01"


def test_more_than_99_people_in_one_organisation():
    rows = [(f"p{i}", f"Person Number{i}", NDC, True) for i in range(1, 102)]
    ps = Pseudonyms(people_table(rows))
    assert (ps.of("p9"), ps.of("p99"), ps.of("p101")) == ("NDC-09", "NDC-99", "NDC-101")


# --- stability ------------------------------------------------------------------------------


def test_same_pseudonyms_on_every_run_and_in_any_row_order():
    first = Pseudonyms(people_table(), orgs_table()).key()
    again = Pseudonyms(people_table(), orgs_table()).key()
    shuffled = Pseudonyms(people_table().sample(frac=1, random_state=3), orgs_table().iloc[::-1]).key()
    pd.testing.assert_frame_equal(first, again)
    assert dict(zip(shuffled.person_id, shuffled.pseudonym)) == EXPECTED


def test_adding_a_person_with_a_later_id_renumbers_nobody():
    grown = Pseudonyms(people_table(ROSTER + [("p11", "Yusra Brodie", NDC, True), ("p12", "Siân Idwal", WFS, False)]),
                       orgs_table())
    assert {pid: grown.of(pid) for pid in EXPECTED} == EXPECTED
    assert (grown.of("p11"), grown.of("p12")) == ("NDC-04", "WFS-03")


def test_the_documented_limit_an_id_sorting_between_renumbers_those_after_it():
    grown = Pseudonyms(people_table(ROSTER + [("p1a", "Yusra Brodie", NDC, True)]), orgs_table())
    assert [grown.of(p) for p in ("p1", "p1a", "p2", "p3")] == ["NDC-01", "NDC-02", "NDC-03", "NDC-04"]
    assert grown.of("p4") == "ECC-01"  # other organisations untouched


# --- consent and shown names ---------------------------------------------------------------


@pytest.mark.parametrize(
    "pid, anonymise, expected",
    [
        ("p1", False, "Ada Quintrell"),
        ("p1", True, "NDC-01"),
        ("p2", False, "NDC-02"),
        ("p2", True, "NDC-02"),
        ("p10", False, "Dr Idris Oyelaran"),
    ],
    ids=["consent-named", "consent-anonymised", "no-consent-named", "no-consent-anonymised", "title-kept"],
)
def test_shown(ps, pid, anonymise, expected):
    assert ps.shown(pid, anonymise) == expected


@pytest.mark.parametrize("value", [pd.NA, None, "no", "", "maybe"], ids=["NA", "None", "no", "blank", "unclear"])
def test_missing_or_unclear_consent_means_pseudonym(value):
    people = pd.DataFrame({"person_id": ["p1"], "name": ["Ada Quintrell"], "organisation": [NDC],
                           "consent_named": pd.Series([value], dtype=object)})
    assert Pseudonyms(people).shown("p1", anonymise=False) == "NDC-01"


def test_consent_as_yes_text():
    people = pd.DataFrame({"person_id": ["p1"], "name": ["Ada Quintrell"], "organisation": [NDC],
                           "consent_named": ["yes"]})
    assert Pseudonyms(people).shown("p1", anonymise=False) == "Ada Quintrell"


@pytest.mark.parametrize(
    "attrs, anonymise, expected",
    [
        ({"name": "Ada Quintrell", "pseudonym": "NDC-01", "consent_named": True}, False, "Ada Quintrell"),
        ({"name": "Ada Quintrell", "pseudonym": "NDC-01", "consent_named": True}, True, "NDC-01"),
        ({"name": "Bram Okonjo", "pseudonym": "NDC-02", "consent_named": False}, False, "NDC-02"),
        ({"name": "Bram Okonjo", "pseudonym": "NDC-02", "consent_named": pd.NA}, False, "NDC-02"),
        ({"name": "Bram Okonjo", "pseudonym": "NDC-02"}, False, "NDC-02"),
    ],
    ids=["consent", "anonymised", "no-consent", "NA-consent", "no-consent-key"],
)
def test_shown_name_from_node_attributes(attrs, anonymise, expected):
    assert shown_name(attrs, anonymise) == expected


def test_shown_name_never_falls_back_to_the_name():
    with pytest.raises(ParameterError, match="no pseudonym"):
        shown_name({"name": "Bram Okonjo", "consent_named": False}, anonymise=False)


def test_shown_name_agrees_with_pseudonyms(ps):
    people = people_table()
    for pid, name, _, consent in ROSTER:
        attrs = {"name": name, "pseudonym": ps.of(pid), "consent_named": consent}
        for anonymise in (False, True):
            assert shown_name(attrs, anonymise) == ps.shown(pid, anonymise)
    assert len(people) == len(ps)


# --- redaction ------------------------------------------------------------------------------

ANONYMISED = [
    ("Marsh said the portal was late.", "NDC-03 said the portal was late."),
    ("We waited on Marsh's sign-off.", "We waited on NDC-03's sign-off."),
    ("Ask Okonjo, then Marsh; or Quintrell!", "Ask NDC-02, then NDC-03; or NDC-01!"),
    ('He said "Bram" twice, and \u201cFfion\u201d once, then \'Okonjo\'.',
     'He said "NDC-02" twice, and \u201cNDC-03\u201d once, then \'NDC-02\'.'),
    ("OKONJO AND MARSH ARE LATE", "NDC-02 AND NDC-03 ARE LATE"),
    ("Ffion Marsh chaired; Ffion\nMarsh minuted.", "NDC-03 chaired; NDC-03 minuted."),
    ("Ada Quintrell met Ada Kowalczyk.", "NDC-01 met ECC-01."),
    ("Ada agreed.", f"{PLACEHOLDER} agreed."),
    ("The Marshall plan; Adams; Bramley apples.", "The Marshall plan; Adams; Bramley apples."),
    ("O'Neill's team and O\u2019Neill.", "ECC-02's team and ECC-02."),
    ("Tomas O'Neill and tomás.", "ECC-02 and ECC-02."),
    ("Brodie-Haraldsen's bid; Zoe and Zoë.", "WFS-01's bid; WFS-01 and WFS-01."),
    ("Cllr Marsh and Dr Oyelaran; the Dr agreed.", "Cllr NDC-03 and Dr ECC-03; the Dr agreed."),
    ("Dr Idris Oyelaran, then Idris.", "ECC-03, then ECC-03."),
    ("J said Pennick's view.", "J said WFS-02's view."),
    ("(Quintrell)", "(NDC-01)"),
]


@pytest.mark.parametrize("text, expected", ANONYMISED,
                         ids=["sentence-start", "possessive", "punctuation", "inside-quotes", "upper-case",
                              "full-name-line-break", "full-names-shared-first", "shared-first-name",
                              "inside-longer-words", "apostrophe-name", "accent-either-way", "hyphenated-accented",
                              "titles", "title-full-name", "one-letter-token", "brackets"])
def test_redact_anonymised(ps, text, expected):
    out = ps.redact(text, anonymise=True)
    assert out == expected
    assert leaked_names(out, people_table()) == []


NAMED = [
    ("Ada Quintrell thanked Bram Okonjo.", "Ada Quintrell thanked NDC-02."),
    ("Marsh's team and Quintrell's.", "NDC-03's team and Quintrell's."),
    ("Ada and Tomás agreed.", "Ada and Tomás agreed."),
    ("Zoe declined.", "WFS-01 declined."),
]


@pytest.mark.parametrize("text, expected", NAMED,
                         ids=["consent-kept", "possessives", "shared-first-name-all-consent", "no-consent-accents"])
def test_redact_named_mode_hides_only_people_without_consent(ps, text, expected):
    assert ps.redact(text, anonymise=False) == expected


def test_shared_name_with_one_person_without_consent_is_a_placeholder():
    rows = [("p1", "Ffion Quintrell", NDC, True), ("p2", "Ffion Okonjo", NDC, False),
            ("p3", "Idris Ffion", ECC, True), ("p4", "Bram Idris", ECC, True)]
    ps = Pseudonyms(people_table(rows))
    # "Ffion" is two first names and one surname; "Idris" a first name and a surname.
    assert ps.redact("Ffion Quintrell asked Ffion.", anonymise=False) == f"Ffion Quintrell asked {PLACEHOLDER}."
    assert ps.redact("Idris agreed.", anonymise=False) == "Idris agreed."
    assert ps.redact("Idris agreed.", anonymise=True) == f"{PLACEHOLDER} agreed."
    assert ps.redact("Bram Idris agreed.", anonymise=True) == "ECC-02 agreed."


@pytest.mark.parametrize("value", [None, pd.NA, float("nan"), 7], ids=["None", "NA", "nan", "number"])
def test_redact_returns_non_text_as_is(ps, value):
    assert ps.redact(value, anonymise=True) is value


def test_redact_without_names_returns_the_same_object(ps):
    text = "No names here, only the portal."
    assert ps.redact(text, anonymise=True) is text


def test_redact_series(ps):
    s = pd.Series(["Marsh left.", pd.NA, "Bram stayed."], dtype="string")
    out = ps.redact(s, anonymise=True)
    assert out.iloc[0] == "NDC-03 left." and out.iloc[2] == "NDC-02 stayed." and pd.isna(out.iloc[1])


def test_redact_decomposed_accents(ps):
    # "Zoë" typed as "Zoe" + combining diaeresis (NFD), as some exports write it.
    assert ps.redact("Zoe\u0308 said", anonymise=True) == "WFS-01 said"


def test_named_mode_leaves_no_name_of_anyone_without_consent(ps):
    text = " ".join(f"{name}, {name.split()[-1]}'s and {name.split()[0]}." for _, name, _, _ in ROSTER)
    out = ps.redact(text, anonymise=False)
    hidden = people_table()[lambda d: ~d.consent_named.astype(bool)]
    assert leaked_names(out, hidden) == []
    assert leaked_names(ps.redact(text, anonymise=True), people_table()) == []
    assert "Ada Quintrell" in out  # consent given, named mode


# --- leak check and key ---------------------------------------------------------------------


def test_leaked_names_lists_roster_forms_in_order(ps):
    text = "Met OKONJO, then ada quintrell's deputy; Marshall was away."
    expected = ["Okonjo", "Ada Quintrell"]
    assert leaked_names(text, people_table()) == expected
    assert leaked_names(text, ps) == expected
    assert leaked_names(text, [n for _, n, _, _ in ROSTER]) == expected
    assert leaked_names(pd.NA, ps) == []


def test_key_content(ps):
    key = ps.key()
    assert list(key.columns) == ["person_id", "name", "pseudonym"]
    assert key.to_dict("records")[:2] == [
        {"person_id": "p1", "name": "Ada Quintrell", "pseudonym": "NDC-01"},
        {"person_id": "p2", "name": "Bram Okonjo", "pseudonym": "NDC-02"},
    ]
    assert dict(zip(key.person_id, key.pseudonym)) == EXPECTED
    assert key.pseudonym.is_unique and len(key) == len(ROSTER)


def test_repr_shows_no_names(ps):
    assert repr(ps) == "<Pseudonyms: 8 people, 3 organisations>"


# --- bad input --------------------------------------------------------------------------------


def test_unknown_person_suggests_nearest_id(ps):
    with pytest.raises(ParameterError, match=r"'p11'.*did you mean 'p1'"):
        ps.of("p11")


def test_missing_columns_are_named():
    with pytest.raises(ParameterError, match="missing: organisation"):
        Pseudonyms(pd.DataFrame({"person_id": ["p1"], "name": ["Ada Quintrell"]}))


def test_duplicate_person_id_is_refused():
    with pytest.raises(ParameterError, match="'p1' is used twice"):
        Pseudonyms(people_table(ROSTER + [("p1", "Yusra Brodie", NDC, True)]))


def test_person_without_organisation_is_refused():
    with pytest.raises(ParameterError, match="'p9' has no organisation"):
        Pseudonyms(people_table(ROSTER + [("p9", "Yusra Brodie", None, True)]))

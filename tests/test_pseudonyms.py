"""Pseudonyms, the consent rule and names replaced in free text (all names invented)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import random
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from partnet import load_case
from partnet.case import check_case
from partnet.errors import DataError, ParameterError
from partnet.pseudonyms import (
    PLACEHOLDER,
    Pseudonyms,
    common_words,
    derive_code,
    key_path,
    leaked_names,
    read_key,
    shown_name,
)

EXAMPLE = Path(__file__).parent / "fixtures" / "example"

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


# The fixture has no key (an empty key): within each organisation people are numbered in the
# order of HMAC-SHA-256(b"", person_id): NDC p2 < p3 < p1, ECC p5 < p10 < p4, WFS p6 < p7.
EXPECTED = {"p1": "NDC-03", "p2": "NDC-01", "p3": "NDC-02", "p4": "ECC-03", "p5": "ECC-01",
            "p10": "ECC-02", "p6": "WFS-01", "p7": "WFS-02"}

# Ten invented people of one organisation, ids p1..p10 (natural order = roster order).
TEN_NAMES = ["Ada Quintrell", "Bram Okonjo", "Cerys Vantongeren", "Dov Haraldsen", "Esi Brodie", "Ffion Idwal",
             "Gwil Okafor", "Hana Kowalczyk", "Ines Oyelaran", "Jory Pennick"]


def ten_people():
    return people_table([(f"p{i}", name, NDC, True) for i, name in enumerate(TEN_NAMES, start=1)])


def keyed_order(pids, key=b""):
    """The documented order, computed here independently: HMAC-SHA-256 of the person_id under the key."""
    return sorted(pids, key=lambda pid: hmac.new(key, pid.encode("utf-8"), hashlib.sha256).digest())


def numbers(ps, pids):
    """The number part of each person's pseudonym ("NDC-07" -> 7)."""
    return [int(ps.of(pid).rsplit("-", 1)[1]) for pid in pids]


# --- pseudonyms and codes ---------------------------------------------------------------


def test_pseudonyms_number_by_keyed_hash_within_organisation(ps):
    assert {pid: ps.of(pid) for pid in EXPECTED} == EXPECTED
    # The same numbering computed from the rule itself, organisation by organisation.
    for org, code in ps.codes.items():
        pids = [pid for pid, _, o, _ in ROSTER if o == org]
        assert [ps.of(pid) for pid in keyed_order(pids)] == [f"{code}-{n:02d}" for n in range(1, len(pids) + 1)]


def test_no_key_is_the_empty_key():
    empty = Pseudonyms(people_table(), orgs_table(), key=b"").key()
    pd.testing.assert_frame_equal(empty, Pseudonyms(people_table(), orgs_table()).key())


def test_numbers_run_from_01_without_gaps_in_each_organisation():
    rows = ROSTER + [(f"q{i}", name, ECC if i % 3 else WFS, False) for i, name in enumerate(TEN_NAMES, start=1)]
    for key in (None, b"\x01" * 32, b"\x02" * 32, b"another case"):
        ps = Pseudonyms(people_table(rows), orgs_table(), key=key)
        for org, code in ps.codes.items():
            shown = sorted(ps.of(pid) for pid, _, o, _ in rows if o == org)
            assert shown == [f"{code}-{n:02d}" for n in range(1, len(shown) + 1)]


def test_numbering_does_not_follow_the_person_id_order():
    ids = [f"p{i}" for i in range(1, 11)]
    ps = Pseudonyms(ten_people(), key=bytes(32))
    assert numbers(ps, ids) == [8, 2, 5, 7, 4, 1, 3, 9, 10, 6]  # checked by hand against keyed_order
    assert [ps.of(pid) for pid in keyed_order(ids, bytes(32))] == [f"NDC-{n:02d}" for n in range(1, 11)]
    assert numbers(ps, ids) != sorted(numbers(ps, ids))
    # Over many keys every person is somebody's NDC-01: the number says nothing about the id.
    rng = random.Random(20260301)
    firsts = {}
    for _ in range(300):
        ps = Pseudonyms(ten_people(), key=rng.randbytes(32))
        first = [pid for pid in ids if ps.of(pid) == "NDC-01"]
        assert len(first) == 1
        firsts[first[0]] = firsts.get(first[0], 0) + 1
    assert set(firsts) == set(ids)
    assert max(firsts.values()) < 300 // 4  # about 30 each; id order would give p1 all 300


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
    people = pd.DataFrame({"person_id": ["a", "b", "c", "d", "e"],
                           "name": ["Una Ko", "Ro Vee", "Ty Lo", "Em Oh", "Lu Pa"],
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
    assert ps.of("p6") == "WFS-01" and ps.of("p4") == "ECC-03"
    assert {pid: ps.of(pid) for pid in EXPECTED} == EXPECTED


def test_more_than_99_people_in_one_organisation():
    rows = [(f"p{i}", f"Person Number{i}", NDC, True) for i in range(1, 102)]
    ps = Pseudonyms(people_table(rows))
    assert (ps.of("p9"), ps.of("p99"), ps.of("p101")) == ("NDC-89", "NDC-84", "NDC-80")
    ordered = keyed_order([f"p{i}" for i in range(1, 102)])
    assert (ps.of(ordered[0]), ps.of(ordered[98]), ps.of(ordered[99]), ps.of(ordered[100])) == (
        "NDC-01", "NDC-99", "NDC-100", "NDC-101")


# --- stability ------------------------------------------------------------------------------


def test_same_pseudonyms_on_every_run_and_in_any_row_order():
    for key in (None, b"\x07" * 32):
        first = Pseudonyms(people_table(), orgs_table(), key=key).key()
        again = Pseudonyms(people_table(), orgs_table(), key=key).key()
        pd.testing.assert_frame_equal(first, again)
        for seed in range(5):
            shuffled = Pseudonyms(people_table().sample(frac=1, random_state=seed), orgs_table().iloc[::-1],
                                  key=key).key()
            assert dict(zip(shuffled.person_id, shuffled.pseudonym)) == dict(zip(first.person_id, first.pseudonym))
    shuffled = Pseudonyms(people_table().sample(frac=1, random_state=3), orgs_table().iloc[::-1]).key()
    assert dict(zip(shuffled.person_id, shuffled.pseudonym)) == EXPECTED


def test_another_key_gives_another_numbering():
    ids = [f"p{i}" for i in range(1, 11)]
    one = Pseudonyms(ten_people(), key=bytes(32))
    other = Pseudonyms(ten_people(), key=b"\x01" * 32)
    assert numbers(one, ids) != numbers(other, ids)
    assert sorted(numbers(one, ids)) == sorted(numbers(other, ids)) == list(range(1, 11))
    # The fixture's roster (organisations of 3, 3 and 2 people) under another key: NDC p2 < p1 < p3,
    # ECC p4 < p10 < p5, WFS p7 < p6 (checked by hand). (HMAC pads a short key with zero bytes, so
    # bytes(32) would number exactly as the empty key.)
    keyed = Pseudonyms(people_table(), orgs_table(), key=b"\x01" * 32)
    assert {pid: keyed.of(pid) for pid in EXPECTED} == {
        "p2": "NDC-01", "p1": "NDC-02", "p3": "NDC-03", "p4": "ECC-01", "p10": "ECC-02", "p5": "ECC-03",
        "p7": "WFS-01", "p6": "WFS-02"}
    assert any(keyed.of(pid) != EXPECTED[pid] for pid in EXPECTED)


_OTHER_PROCESS = """
import json, sys
import pandas as pd
from partnet.pseudonyms import Pseudonyms
people = pd.DataFrame(json.loads(sys.argv[1]), columns=["person_id", "name", "organisation", "consent_named"])
ps = Pseudonyms(people, key=bytes.fromhex(sys.argv[2]))
print(json.dumps({pid: ps.of(pid) for pid in people["person_id"]}))
"""


def test_same_pseudonyms_in_another_process_with_another_hash_seed():
    rows = ROSTER + [(f"q{i}", name, WFS, False) for i, name in enumerate(TEN_NAMES, start=1)]
    key = bytes(range(32))
    here = Pseudonyms(people_table(rows), key=key)
    expected = {pid: here.of(pid) for pid, _, _, _ in rows}
    root = Path(__file__).resolve().parents[1]
    for seed in ("0", "1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", _OTHER_PROCESS, json.dumps(rows), key.hex()], env=env,
                              cwd=root, capture_output=True, text=True, check=True)
        assert json.loads(done.stdout) == expected


def test_adding_a_person_renumbers_only_those_after_them_in_keyed_order():
    # Keyed order with the empty key: NDC p2 < p11 < p3 < p1; WFS p6 < p7 < p12.
    grown = Pseudonyms(people_table(ROSTER + [("p11", "Yusra Brodie", NDC, True), ("p12", "Siân Idwal", WFS, False)]),
                       orgs_table())
    assert (grown.of("p11"), grown.of("p12")) == ("NDC-02", "WFS-03")
    assert [grown.of(p) for p in ("p2", "p3", "p1")] == ["NDC-01", "NDC-03", "NDC-04"]  # were 01, 02, 03
    # Nobody before the newcomer in the keyed order, nor in another organisation, is renumbered.
    assert {pid: grown.of(pid) for pid in EXPECTED if pid not in ("p3", "p1")} == {
        pid: p for pid, p in EXPECTED.items() if pid not in ("p3", "p1")}
    assert keyed_order(["p1", "p2", "p3", "p11"]) == ["p2", "p11", "p3", "p1"]


def test_the_documented_limit_removing_a_person_renumbers_those_after_them():
    rows = [r for r in ROSTER if r[0] != "p3"]          # NDC-02 leaves
    shrunk = Pseudonyms(people_table(rows), orgs_table())
    assert [shrunk.of(p) for p in ("p2", "p1")] == ["NDC-01", "NDC-02"]  # p1 was NDC-03
    assert {pid: shrunk.of(pid) for pid, _, org, _ in rows if org != NDC} == {
        pid: p for pid, p in EXPECTED.items() if not p.startswith("NDC")}  # other organisations untouched


# --- the key ------------------------------------------------------------------------------------


def test_key_path_of_a_folder_and_of_a_workbook(tmp_path):
    assert key_path(tmp_path / "shire") == tmp_path / "shire" / ".partnet" / "key"
    assert key_path(tmp_path / "shire.xlsx") == tmp_path / ".partnet" / "shire.key"


def test_read_key_creates_a_private_key_once_and_reuses_it(tmp_path):
    case = tmp_path / "shire"
    case.mkdir()
    assert read_key(case, create=False) is None
    assert not key_path(case).exists()
    key = read_key(case)
    assert isinstance(key, bytes) and len(key) == 32
    path = key_path(case)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    content = path.read_bytes()
    assert [ln for ln in content.decode("ascii").splitlines() if not ln.startswith("#")] == [key.hex()]
    assert read_key(case) == key and read_key(case, create=False) == key
    assert path.read_bytes() == content          # read, never rewritten
    assert read_key(tmp_path / "metro") != key   # every case its own random key


def test_read_key_of_a_workbook_case(tmp_path):
    key = read_key(tmp_path / "shire.xlsx")
    assert (tmp_path / ".partnet" / "shire.key").is_file()
    assert read_key(tmp_path / "shire.xlsx") == key != read_key(tmp_path / "metro.xlsx")


@pytest.mark.parametrize(
    "content",
    [b"", b"# only a comment\n", b"not a key\n", b"ab" * 31 + b"\n", b"zz" * 32 + b"\n",
     b"ab" * 32 + b"\n" + b"cd" * 32 + b"\n", b"\xff\xfe" * 32],
    ids=["empty", "comment-only", "text", "too-short", "not-hex", "two-keys", "binary"],
)
def test_a_damaged_key_file_is_refused_naming_the_file(tmp_path, content):
    path = key_path(tmp_path)
    path.parent.mkdir()
    path.write_bytes(content)
    with pytest.raises(ParameterError, match="damaged") as err:
        read_key(tmp_path)
    assert str(path) in str(err.value)
    assert path.read_bytes() == content          # never regenerated


def test_load_case_creates_a_key_for_a_case_without_one(tmp_path):
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".partnet"))
    assert not (folder / ".partnet").exists()
    case = load_case(folder)
    key = read_key(folder, create=False)
    assert key is not None and stat.S_IMODE(key_path(folder).stat().st_mode) == 0o600
    again = load_case(folder)
    assert read_key(folder, create=False) == key
    pd.testing.assert_frame_equal(case.pseudonyms.key(), again.pseudonyms.key())
    assert list(again.people["pseudonym"]) == [again.pseudonyms.of(p) for p in again.people["person_id"]]
    # Numbered under that key.
    people = pd.read_csv(folder / "people.csv")
    ndc = [p for p, o in zip(people.person_id, people.organisation) if o == NDC]
    assert [case.pseudonyms.of(p) for p in keyed_order(ndc, key)] == ["NDC-01", "NDC-02"]


def test_load_case_uses_the_committed_key_of_the_case():
    key = read_key(EXAMPLE, create=False)
    assert key is not None
    case = load_case(EXAMPLE)
    for org, code in case.pseudonyms.codes.items():
        pids = list(case.people.loc[case.people.organisation == org, "person_id"])
        assert [case.pseudonyms.of(p) for p in keyed_order(pids, key)] == [
            f"{code}-{n:02d}" for n in range(1, len(pids) + 1)]


def test_a_case_with_a_damaged_key_fails_validation(make_case):
    folder = make_case("damaged")
    path = key_path(folder)
    path.write_text("# partnet pseudonym key\nnot-hex-at-all\n", encoding="ascii")
    case, problems = check_case(folder)
    assert case is None
    found = [p for p in problems if p.code == "pseudonym-key"]
    assert len(found) == 1 and found[0].severity == "error"
    assert str(path) in found[0].message
    with pytest.raises(DataError):
        load_case(folder)
    assert path.read_text(encoding="ascii") == "# partnet pseudonym key\nnot-hex-at-all\n"


# --- consent and shown names ---------------------------------------------------------------


@pytest.mark.parametrize(
    "pid, anonymise, expected",
    [
        ("p1", False, "Ada Quintrell"),
        ("p1", True, "NDC-03"),
        ("p2", False, "NDC-01"),
        ("p2", True, "NDC-01"),
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
    # A name that is not a common word is a name at the start of a sentence too ("Marsh" is
    # a common word: see COMMON_WORD below).
    ("Okonjo said the portal was late.", "NDC-01 said the portal was late."),
    ("We waited on Marsh's sign-off.", "We waited on NDC-02's sign-off."),
    ("Ask Okonjo, then Marsh; or Quintrell!", "Ask NDC-01, then NDC-02; or NDC-03!"),
    ('He said "Bram" twice, and \u201cFfion\u201d once, then \'Okonjo\'.',
     'He said "NDC-01" twice, and \u201cNDC-02\u201d once, then \'NDC-01\'.'),
    ("OKONJO AND QUINTRELL ARE LATE", "NDC-01 AND NDC-03 ARE LATE"),
    ("Ffion Marsh chaired; Ffion\nMarsh minuted.", "NDC-02 chaired; NDC-02 minuted."),
    ("Ada Quintrell met Ada Kowalczyk.", "NDC-03 met ECC-03."),
    ("Ada agreed.", f"{PLACEHOLDER} agreed."),
    ("The Marshall plan; Adams; Bramley apples.", "The Marshall plan; Adams; Bramley apples."),
    ("O'Neill's team and O\u2019Neill.", "ECC-01's team and ECC-01."),
    ("Tomas O'Neill and tomás.", "ECC-01 and ECC-01."),
    ("Brodie-Haraldsen's bid; Zoe and Zoë.", "WFS-01's bid; WFS-01 and WFS-01."),
    ("Cllr Marsh and Dr Oyelaran; the Dr agreed.", "Cllr NDC-02 and Dr ECC-02; the Dr agreed."),
    ("Dr Idris Oyelaran, then Idris.", "ECC-02, then ECC-02."),
    ("J said Pennick's view.", "J said WFS-02's view."),
    ("(Quintrell)", "(NDC-03)"),
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
    ("Ada Quintrell thanked Bram Okonjo.", "Ada Quintrell thanked NDC-01."),
    ("Marsh's team and Quintrell's.", "NDC-02's team and Quintrell's."),
    ("Ada and Tomás agreed.", "Ada and Tomás agreed."),
    ("Zoe declined.", "WFS-01 declined."),
]


@pytest.mark.parametrize("text, expected", NAMED,
                         ids=["consent-kept", "possessives", "shared-first-name-all-consent", "no-consent-accents"])
def test_redact_named_mode_hides_only_people_without_consent(ps, text, expected):
    assert ps.redact(text, anonymise=False) == expected


# --- names that are also common words (docs/privacy.md) -----------------------------------------

def test_the_roster_names_used_below_are_common_words():
    assert {"marsh", "mark", "page"} <= common_words()
    assert not {"okonjo", "quintrell", "okafor", "ffion"} & common_words()


COMMON_WORD = [
    ("We walked along the marsh at dawn.", "We walked along the marsh at dawn."),
    ("The marsh's edge flooded.", "The marsh's edge flooded."),
    ("We asked Marsh first.", "We asked NDC-02 first."),
    ("Marsh said the portal was late.", "Marsh said the portal was late."),
    ("WE ASKED MARSH FIRST.", "WE ASKED MARSH FIRST."),
    ("Marsh, Okonjo and I agreed.", "NDC-02, NDC-01 and I agreed."),
    ("MARSH, OKONJO AND I AGREED.", "NDC-02, NDC-01 AND I AGREED."),
    ("Marsh-Okonjo was the plan.", "NDC-02-NDC-01 was the plan."),
    ("Marsh's team said no.", "NDC-02's team said no."),
    ("It rained. Marsh\u2019s team said no.", "It rained. NDC-02\u2019s team said no."),
]


@pytest.mark.parametrize("text, expected", COMMON_WORD,
                         ids=["lower-case-word", "lower-case-possessive", "capitalised-mid-sentence",
                              "sentence-start", "all-caps", "next-to-another-part", "all-caps-next-to-another-part",
                              "hyphen-next-to-another-part", "possessive-at-sentence-start",
                              "possessive-after-full-stop"])
def test_redact_common_word_names(ps, text, expected):
    assert ps.redact(text, anonymise=True) == expected
    assert ps.redact(text, anonymise=False) == expected  # Ffion Marsh and Bram Okonjo did not consent
    assert leaked_names(expected, ps) == []


@pytest.mark.parametrize(
    "before",
    ["", "It rained. ", "It rained! ", "Did it rain? ", "Note: ", "It rained; ", "It rained.\n", "It rained\n",
     "It rained\r\n", '"', "\u201c", "(", "[", "{", "It rained.   ", "He said '", "He said \u2018"],
    ids=["text-start", "full-stop", "exclamation", "question", "colon", "semicolon", "full-stop-line-break",
         "line-break", "crlf", "double-quote", "curly-quote", "bracket", "square-bracket", "brace", "spaces",
         "opening-single-quote", "opening-curly-single-quote"],
)
def test_a_capitalised_common_word_at_a_sentence_start_is_left(ps, before):
    text = before + "Marsh said no."
    assert ps.redact(text, anonymise=True) == text


@pytest.mark.parametrize("before", ["Then ", "It rained, ", "It rained - ", "the view of ", "It rained) ",
                                    "We met Cllr. ", "the boss' ", "<p>", "> "],
                         ids=["word", "comma", "dash", "lower-case", "closing-bracket", "title-with-full-stop",
                              "closing-apostrophe", "markup-is-not-text", "quoted-mail"])
def test_a_capitalised_common_word_within_a_sentence_is_replaced(ps, before):
    assert ps.redact(before + "Marsh said no.", anonymise=True) == before + "NDC-02 said no."


def test_common_word_first_name_and_surname():
    # Keyed order with the empty key: c1 < c2.
    ps = Pseudonyms(people_table([("c1", "Mark Page", NDC, False), ("c2", "Ada Okafor", NDC, False)]))
    assert (ps.of("c1"), ps.of("c2")) == ("NDC-01", "NDC-02")
    cases = [
        ("Turn the page and mark it.", "Turn the page and mark it."),
        ("Mark my words: Page was right.", "Mark my words: Page was right."),
        ("PAGE SAID NO.", "PAGE SAID NO."),
        ("I told Mark, and Page's reply came.", "I told NDC-01, and NDC-01's reply came."),
        ("Page, Okafor and I met.", "NDC-01, NDC-02 and I met."),
        ("Page's reply came.", "NDC-01's reply came."),
        ("MARK PAGE LEFT. Mark Page left. Page, Mark left.", "NDC-01 LEFT. NDC-01 left. NDC-01 left."),
    ]
    for text, expected in cases:
        assert ps.redact(text, anonymise=True) == expected, text
        assert leaked_names(expected, ps) == []


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
    s = pd.Series(["Then Marsh left.", pd.NA, "Bram stayed."], dtype="string")
    out = ps.redact(s, anonymise=True)
    assert out.iloc[0] == "Then NDC-02 left." and out.iloc[2] == "NDC-01 stayed." and pd.isna(out.iloc[1])


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
        {"person_id": "p1", "name": "Ada Quintrell", "pseudonym": "NDC-03"},
        {"person_id": "p2", "name": "Bram Okonjo", "pseudonym": "NDC-01"},
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


# ------------------------------------------------------- the regex of a run's names, compiled once

def test_every_case_of_a_run_shares_one_compiled_regex_and_redacts_as_before():
    from partnet.case import load_case, roster
    from partnet.pseudonyms import _REGEXES, prepare_names
    from partnet.report.outputs import hide_other_rosters
    from partnet.report.paths import bundled_cases

    cases = bundled_cases()
    names = [n for p in cases for n, _ in roster(p)]
    _REGEXES.clear()
    assert prepare_names(names) > len(names)
    prepared = set(_REGEXES.values())
    regexes, texts = [], []
    for path in cases:
        case = load_case(path)
        hide_other_rosters(case, cases)
        regexes.append(case.pseudonyms._index.regex)
        texts += list(case.segments["excerpt"])[:50]
    assert all(r is regexes[0] for r in regexes), "one regex for every case of the run"
    assert regexes[0] in prepared                        # each case found the run's regex ready
    # the same answers as an index that compiles its own regex
    case = load_case(cases[0])
    hide_other_rosters(case, cases)
    own = case.pseudonyms
    own._index.__dict__["regex"] = re.compile(own._index.regex.pattern)
    fresh = load_case(cases[0]).pseudonyms
    for other in cases[1:]:
        fresh.hide_also([n for n, _ in roster(other)], [c for _, c in roster(other)])
    _REGEXES.clear()
    for text in texts + [f"I met {n} and {n.split()[-1]}'s team" for n in names]:
        for anonymise in (True, False):
            assert own.redact(text, anonymise) == fresh.redact(text, anonymise), text


# ------------------------------------------- a run's rosters hidden from one shared index (Outsiders)

from partnet.pseudonyms import Outsiders  # noqa: E402

_FIRST = ["Ada", "Bram", "Mark", "May", "Megan", "Tomás", "Rose", "Will", "Ffion", "Zoë", "Grace", "Jo"]
_LAST = ["Quintrell", "Okafor", "O'Neill", "Page", "Smith-Jones", "van Berg", "Marsh", "Griffiths", "Okonjo",
         "Ørby", "D'Arcy", "Hope", "Brodie-Haraldsen", "Pennick", "Hill"]
_SPECIAL = ["Mark Page", "May", "Griffiths, Megan (Meg)", "Cllr Ada van Berg", "J O'Connor-Hughes", "Dr Will Marsh",
            "Rose-May Hill", "A", None, float("nan"), 3, "ADA OKAFOR", "tomas o\u2019neill", "Zoe Brodie-Haraldsen"]
_CONSENTS = [True, False, "yes", "no", None, float("nan"), pd.NA]


def _random_run(rng: random.Random, n_cases: int):
    """Rosters of invented people: shared first names and surnames, common words, odd names and non-names."""
    rosters = []
    for c in range(n_cases):
        rows = []
        for i in range(rng.randint(1, 9)):
            if rng.random() < 0.25:
                name = rng.choice(_SPECIAL)
            else:
                name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            rows.append((f"p{i}", name, rng.choice(["Northvale District Council", "Eastmarsh County Council"]),
                         rng.choice(_CONSENTS)))
        rosters.append((f"case-{c}", rows))
    # the same person in two rosters, named in one and not in the other
    rosters[0][1].append(("px", "Idris Oyelaran", "Westridge Fire Service", True))
    rosters[-1][1].append(("px", "Idris Oyelaran", "Westridge Fire Service", False))
    return rosters


def _texts(rng: random.Random, rosters) -> list[str]:
    names = [r[1] for _, rows in rosters for r in rows if isinstance(r[1], str)]
    parts = sorted({w.strip("(),") for n in names for w in n.split()} | {"Oyelaran", "Idris"})
    fillers = ["said", "the", "page", "may", "will", "mark", "and", "met", "of", "team", "hope", "grace", "."]
    texts = ["Nobody here.", "", "Turn the page; may we mark it? Grace and hope will do."]
    for n in names:
        texts += [n, f"I met {n} and {n.split()[-1]}'s team.", n.upper(), n.lower(), f"{n}. {n.split()[0]} agreed.",
                  f"Ask {n.split()[0]} ({n.split()[-1]}) about it", f"{n}\u2019s view"]
    for _ in range(300):
        words = []
        for _ in range(rng.randint(1, 10)):
            w = rng.choice(parts) if rng.random() < 0.55 else rng.choice(fillers)
            w = rng.choice([w, w.lower(), w.upper(), w + "'s", w + ",", w + ".", "(" + w, w + ":"])
            words.append(w)
        texts.append(" ".join(words))
    return texts


def _pseudonyms_of(rows) -> Pseudonyms:
    return Pseudonyms(pd.DataFrame(rows, columns=["person_id", "name", "organisation", "consent_named"]),
                      key=b"k" * 32)


def _outsiders_of(rosters) -> Outsiders:
    return Outsiders([(cid, [r[1] for r in rows], [r[3] for r in rows]) for cid, rows in rosters])


def _hidden_the_old_way(rows, rosters, own) -> Pseudonyms:
    ps = _pseudonyms_of(rows)
    for cid, other in rosters:
        if cid != own:
            ps.hide_also([r[1] for r in other], [r[3] for r in other])
    return ps


def _hides_someone(old: Pseudonyms, anonymise: bool) -> bool:
    """Whether the former full table of ``old`` (all its forms copied in) had any entry: else redact returns at once."""
    def hidden(p):
        return not (old._consent[p] if p in old._consent else old._outsiders[p])
    return any(anonymise or any(hidden(p) for p in owners) for owners in old._index.owners.values())


def _assert_same(new: Pseudonyms, old: Pseudonyms, texts, what):
    for anonymise in (True, False):                      # the fast path: nothing to look for, nothing looked for
        assert (new._replacements(anonymise) is not None) == _hides_someone(old, anonymise), (what, anonymise)
    for text in texts:
        for anonymise in (True, False):
            got, expected = new.redact(text, anonymise), old.redact(text, anonymise)
            assert got == expected, (what, anonymise, text)
            assert (got is text) == (expected is text), (what, anonymise, text)   # the same object when untouched
        assert leaked_names(text, new) == leaked_names(text, old), (what, text)     # in the same spelling


@pytest.mark.parametrize("seed", [2026, 7, 99, 4242])
def test_hide_outsiders_redacts_exactly_as_hide_also_per_roster(seed):
    rng = random.Random(seed)
    rosters = _random_run(rng, rng.randint(2, 6))
    texts = _texts(rng, rosters)
    run = _outsiders_of(rosters)
    for own, rows in rosters:
        old = _hidden_the_old_way(rows, rosters, own)
        new = _pseudonyms_of(rows).hide_outsiders(run, own=own)
        _assert_same(new, old, texts, own)
        # a case whose roster is not quite the one in the run (people gone, others new): still exact
        changed = [r for r in rows if rng.random() < 0.5] + [
            (f"q{i}", rng.choice([f"{rng.choice(_FIRST)} {rng.choice(_LAST)}".upper(), rng.choice(_SPECIAL)]),
             NDC, rng.choice(_CONSENTS)) for i in range(rng.randint(0, 2))]
        old = _hidden_the_old_way(changed, rosters, own)
        new = _pseudonyms_of(changed).hide_outsiders(run, own=own)
        _assert_same(new, old, texts, (own, "changed"))


def test_hide_outsiders_keeps_the_spelling_and_fast_path_of_a_changed_roster():
    run = Outsiders([("north", ["Ada Quintrell", "Bo Marsh", "Hana Idwal"], [True, True, False]),
                     ("east", ["ADA OKAFOR", "Megan Griffiths", "A", None], [True, True, False, False]),
                     ("west", ["ada quintrell"], [True])])
    people = pd.DataFrame({"person_id": ["p1"], "name": ["Bo Marsh"], "organisation": [NDC],
                           "consent_named": [True]})
    old = Pseudonyms(people).hide_also(["ADA OKAFOR", "Megan Griffiths", "A", None], [True, True, False, False])
    old.hide_also(["ada quintrell"], [True]).hide_also(["Megan GRIFFITHS"], [True])
    new = Pseudonyms(people).hide_outsiders(run, own="north").hide_also(["Megan GRIFFITHS"], [True])
    text = "Ada Quintrell met Griffiths, Hana and Marsh."
    assert leaked_names(text, new) == leaked_names(text, old) == ["ada quintrell", "Griffiths", "Marsh"]
    # Hana Idwal (north, no consent) left the case; "A" and None have no name form: nobody is hidden
    assert new.redact(text, False) is text
    _assert_same(new, old, [text, "Ada Okafor and Hana Idwal", "ADA", "May Page"], "changed")


def test_hide_outsiders_without_own_hides_every_roster():
    rng = random.Random(11)
    rosters = _random_run(rng, 4)
    texts = _texts(rng, rosters)
    run = _outsiders_of(rosters)
    rows = rosters[1][1]
    old = _hidden_the_old_way(rows, rosters, own=None)
    new = _pseudonyms_of(rows).hide_outsiders(run)
    for text in texts:
        for anonymise in (True, False):
            assert new.redact(text, anonymise) == old.redact(text, anonymise), (anonymise, text)


def test_own_roster_is_skipped():
    run = Outsiders([("north", ["Ada Quintrell", "Mark Page"], [True, True]),
                     ("east", ["Megan Griffiths"], [False])])
    people = pd.DataFrame({"person_id": ["p1", "p2"], "name": ["Ada Quintrell", "Mark Page"],
                           "organisation": [NDC] * 2, "consent_named": [True, True]})
    own = Pseudonyms(people, key=bytes(32)).hide_outsiders(run, own="north")
    everyone = Pseudonyms(people, key=bytes(32)).hide_outsiders(run)
    text = "Ada Quintrell and Page met Griffiths."
    # skipped: Ada and Page are this case's people, pseudonyms of their own
    assert own.redact(text, True) == f"{own.of('p1')} and {own.of('p2')} met [name]."
    assert own.redact(text, False) == "Ada Quintrell and Page met [name]."
    # not skipped: the same names are also outsiders' (the north roster again), so nobody can say who
    assert everyone.redact(text, True) == "[name] and [name] met [name]."


def test_hide_outsiders_combines_with_hide_also_before_and_after():
    rng = random.Random(5)
    rosters = _random_run(rng, 4)
    texts = _texts(rng, rosters)
    extra_before = (["Idris Oyelaran", "Hana Kowalczyk", None], [True, False, True])
    extra_after = (["Mark Kowalczyk", "Ada Page"], ["yes"])          # a name without a consent is left out
    own, rows = rosters[2]
    old = _pseudonyms_of(rows).hide_also(*extra_before)
    for cid, other in rosters:
        if cid != own:
            old.hide_also([r[1] for r in other], [r[3] for r in other])
    old.hide_also(*extra_after)
    new = _pseudonyms_of(rows).hide_also(*extra_before).hide_outsiders(_outsiders_of(rosters), own=own)
    new.redact("Ada Kowalczyk", True)                                 # a table made before the next hide_also
    new.hide_also(*extra_after)
    for text in texts + ["Mark Kowalczyk and Ada Page met Hana"]:
        for anonymise in (True, False):
            assert new.redact(text, anonymise) == old.redact(text, anonymise), (anonymise, text)
        assert leaked_names(text, new) == leaked_names(text, old), text


def test_named_mode_with_everyone_consenting_returns_the_same_object():
    run = Outsiders([("north", ["Ada Quintrell", "Mark Page"], [True, "yes"]),
                     ("east", ["Megan Griffiths", "May", None], [True, True, False])])
    people = pd.DataFrame({"person_id": ["p1", "p2"], "name": ["Ada Quintrell", "Mark Page"],
                           "organisation": [NDC] * 2, "consent_named": [True, True]})
    ps = Pseudonyms(people).hide_outsiders(run, own="north")
    text = "Ada Quintrell met Megan Griffiths and May; Page agreed."
    assert ps.redact(text, anonymise=False) is text
    assert ps._replacements(False) is None                            # nothing looked up at all
    assert ps.redact(text, anonymise=True) != text
    # one outsider without consent (with a name form): named mode redacts again
    hiding = Outsiders([("north", ["Ada Quintrell", "Mark Page"]), ("east", ["Megan Griffiths"], [False])])
    ps = Pseudonyms(people).hide_outsiders(hiding, own="north")
    assert ps.redact(text, anonymise=False) == "Ada Quintrell met [name] and May; Page agreed."
    assert ps.redact("Ada Quintrell agreed.", anonymise=False) == "Ada Quintrell agreed."


def test_a_case_keeps_only_its_own_forms_and_shares_the_runs_regex():
    rng = random.Random(3)
    rosters = _random_run(rng, 5)
    run = _outsiders_of(rosters)
    cases = []
    for own, rows in rosters:
        ps = _pseudonyms_of(rows)
        own_forms = len(ps._index.owners)
        ps.hide_outsiders(run, own=own)
        ps.redact("Ada met Page and Marsh.", True)
        assert len(ps._index.owners) == own_forms                     # nothing of the run copied in
        assert len(ps._replacements(True)) <= 3                       # replacements only of the forms found
        cases.append(ps)
    assert all(ps._index.regex is run.regex for ps in cases)


def test_a_second_shared_index_or_an_unknown_case_is_refused():
    run = Outsiders([("north", ["Ada Quintrell"]), ("east", ["Megan Griffiths"])])
    ps = Pseudonyms(pd.DataFrame({"person_id": ["p1"], "name": ["Ada Quintrell"], "organisation": [NDC]}))
    with pytest.raises(ParameterError, match="'west'"):
        ps.hide_outsiders(run, own="west")
    with pytest.raises(ParameterError, match="needs an Outsiders"):
        ps.hide_outsiders(["Megan Griffiths"])
    ps.hide_outsiders(run, own="north")
    with pytest.raises(ParameterError, match="already hides the rosters of a run"):
        ps.hide_outsiders(run, own="north")
    with pytest.raises(ParameterError, match="share the case id 'north'"):
        Outsiders([("north", ["Ada Quintrell"]), ("north", ["Megan Griffiths"])])
    with pytest.raises(ParameterError, match="roster 1 of the run"):
        Outsiders(["Ada Quintrell"])


def test_outsiders_of_the_bundled_run_redact_as_hide_other_rosters():
    from partnet.case import load_case, roster
    from partnet.pseudonyms import _REGEXES, prepare_names
    from partnet.report.outputs import hide_other_rosters
    from partnet.report.paths import bundled_cases

    paths = bundled_cases()
    cases = [load_case(p) for p in paths]
    rosters = [roster(p) for p in paths]
    run = Outsiders([(c.id, [n for n, _ in r], [ok for _, ok in r]) for c, r in zip(cases, rosters)])
    _REGEXES.clear()
    assert prepare_names(run) == len(run.keys)
    texts = [t for c in cases for t in list(c.segments["excerpt"])[:40]]
    texts += [f"I met {n} and {n.split()[-1]}'s team" for r in rosters for n, _ in r]
    for case, path in zip(cases, paths):
        old = load_case(path)
        hide_other_rosters(old, paths)
        case.pseudonyms.hide_outsiders(run, own=case.id)
        assert case.pseudonyms._index.regex is run.regex
        for text in texts:
            for anonymise in (True, False):
                assert case.pseudonyms.redact(text, anonymise) == old.pseudonyms.redact(text, anonymise), text

"""A report's tables.xlsx for analysts: contents, formatted sheets, ids to join on, a glossary, the same bytes."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import partnet as pn
from partnet.errors import ParameterError
from partnet.privacy import Roster, scan
from partnet.report import CaseReport
from partnet.workbook import (
    CONTENTS,
    GLOSSARY,
    MAX_WIDTH,
    MIN_WIDTH,
    people_with_keys,
    person_key,
    write_tables_workbook,
)

EXAMPLE = Path(__file__).parent / "fixtures" / "example"

# Ids that occur nowhere else, so that finding one in a file means it was written there.
IDS = {"p1": "zq101", "p2": "zq102", "p3": "zq103x", "p4": "zq104"}
HIDDEN = "zq102"               # Bram Okonjo did not consent to be named


def _rekey(text: str) -> str:
    for old, new in IDS.items():
        text = re.sub(rf"\b{old}\b", new, text)
    return text


class KeyedReport(CaseReport):
    """A case report with the people(), table() and finish() that partnet/report/outputs.py takes over."""

    def __init__(self, case, **options):
        super().__init__(case, **options)
        self.decimals: dict[str, int] = {}

    def people(self, df):
        return people_with_keys(df, self.case.pseudonyms, self.anonymise)

    def table(self, df, name, caption="", *, decimals=3, **options):
        super().table(df, name, caption, decimals=decimals, **options)
        self.decimals[name] = decimals

    def finish(self):
        return write_tables_workbook([(n, self.captions[n], t, self.decimals[n]) for n, t in self.tables.items()],
                                     self.folder / "tables.xlsx", date=self.file_date, anonymise=self.anonymise,
                                     redact=self.redact)


@pytest.fixture
def case(make_case):
    files = {stem: _rekey((EXAMPLE / f"{stem}.csv").read_text()) for stem in ("people", "ties", "segments")}
    return pn.load_case(make_case("keyed", **files))


def _report(case, anonymise, folder, monkeypatch):
    monkeypatch.setattr("partnet.report.outputs._display", lambda item: None)
    rep = KeyedReport(case, anonymise=anonymise, output_dir=folder)
    G = rep.graph
    nodes = pn.metrics.node_table(G)
    attributes = case.people.set_index("person_id")[["organisation", "role", "seniority"]]
    rep.table(attributes.join(nodes), "people", "Every person's network position (all measures)")
    rep.table(pn.metrics.whole_network(G).rename("value").to_frame(), "whole_network",
              "Whole-network profile: size, cohesion and centralization")
    rep.table(pn.metrics.block_density(G, "organisation"), "block_density", "Block density", decimals=2)
    rep.table(case.people.groupby(["role", "seniority"]).size().unstack(fill_value=0), "roles", "Roles")
    rep.table(case.segments[["person_id", "code", "excerpt"]], "segments", "Coded segments by person")
    return rep


@pytest.fixture
def named(case, tmp_path, monkeypatch):
    rep = _report(case, False, tmp_path / "named", monkeypatch)
    return rep, openpyxl.load_workbook(rep.finish())


@pytest.fixture
def anonymised(case, tmp_path, monkeypatch):
    rep = _report(case, True, tmp_path / "anonymised", monkeypatch)
    return rep, rep.finish()


def _rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


# ------------------------------------------------------------------ contents

def test_contents_lists_every_sheet_with_its_caption_and_a_link(named):
    rep, wb = named
    assert wb.sheetnames == [CONTENTS, "people", "whole_network", "block_density", "roles", "segments", GLOSSARY]
    ws = wb[CONTENTS]
    rows = _rows(ws)
    assert rows[0] == ["sheet", "caption", "rows"]
    assert [r[0] for r in rows[1:]] == wb.sheetnames[1:]
    assert [r[1] for r in rows[1:-1]] == list(rep.captions.values())
    assert rows[-1][1] == "Codes used in this workbook: plain label and meaning"
    assert [r[2] for r in rows[1:]] == [wb[s].max_row - 1 for s in wb.sheetnames[1:]]
    for cell in ws["A"][1:]:
        assert cell.hyperlink.location == f"'{cell.value}'!A1"     # a link inside the workbook,
        assert cell.hyperlink.target is None                       # not a file or a web address,
        assert cell.data_type == "s" and cell.font.u == "single"   # nor a HYPERLINK formula
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == f"A1:C{len(rows)}"


def test_reserved_sheet_names_stay_unique_and_links_follow_them(tmp_path):
    t = pd.DataFrame({"x": [1]})
    out = write_tables_workbook([("contents", "", t), ("it's", "", t), ("a" * 40, "", t)], tmp_path / "t.xlsx",
                                glossary=False)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [CONTENTS, "contents_2", "it's", "a" * 31]
    links = [c.hyperlink.location for c in wb[CONTENTS]["A"][1:]]
    assert links == ["'contents_2'!A1", "'it''s'!A1", f"'{'a' * 31}'!A1"]


# ------------------------------------------------------------------ one sheet a table

def test_headers_are_bold_wrapped_and_none_is_blank(named, tmp_path):
    _, wb = named
    for ws in wb.worksheets:
        for cell in ws[1]:
            assert cell.value not in (None, ""), (ws.title, cell.coordinate)
            assert cell.font.b is True and cell.alignment.wrap_text is True, (ws.title, cell.coordinate)
    assert wb["whole_network"]["A1"].value == "row"                 # an unnamed index is named
    assert wb["roles"]["A1"].value == "role"
    t = pd.DataFrame([[1, 2]], index=pd.MultiIndex.from_tuples([("a", "b")]),
                     columns=pd.MultiIndex.from_tuples([("in", "degree"), ("", "share")]))
    ws = openpyxl.load_workbook(write_tables_workbook({"t": t, "s": pd.Series([3])}, tmp_path / "t.xlsx"))
    assert [c.value for c in ws["t"][1]] == ["row 1", "row 2", "in / degree", "share"]
    assert [c.value for c in ws["s"][1]] == ["value"]


def test_header_row_frozen_with_the_row_labels_and_every_table_filtered(named):
    _, wb = named
    panes = {s: wb[s].freeze_panes for s in wb.sheetnames}
    assert panes == {CONTENTS: "B2", "people": "C2", "whole_network": "B2", "block_density": "B2", "roles": "B2",
                     "segments": "C2", GLOSSARY: "B2"}
    for ws in wb.worksheets:
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}", ws.title


def test_number_formats_show_numbers_as_the_page_does(named, tmp_path):
    _, wb = named
    ws = wb["people"]
    header = [c.value for c in ws[1]]
    column = {h: [c for c in ws[ws.cell(1, j + 1).column_letter][1:]] for j, h in enumerate(header)}
    assert {c.number_format for c in column["in_degree"]} == {"0"}
    assert all(isinstance(c.value, int) for c in column["in_degree"])
    fractions = [c for c in column["betweenness_norm"] if not float(c.value).is_integer()]
    assert fractions and {c.number_format for c in fractions} == {"0.000"}
    assert {c.number_format for c in column["organisation"]} == {"General"}
    profile = {r[0].value: r[1] for r in wb["whole_network"].iter_rows(min_row=2)}
    assert profile["n"].number_format == "0" and profile["density"].number_format == "0.000"
    blocks = [c for row in wb["block_density"].iter_rows(min_row=2, min_col=2) for c in row]
    assert {c.number_format for c in blocks if not float(c.value).is_integer()} == {"0.00"}    # decimals=2
    assert {c.number_format for c in wb["roles"]["B"][1:]} == {"0"}

    t = pd.DataFrame({"share": [0.123456789, 1.0, None], "n": pd.array([1, None, 3], dtype="Int64"),
                      "flag": [True, False, True], "when": pd.to_datetime(["2026-02-10"] * 3)})
    ws = openpyxl.load_workbook(write_tables_workbook({"t": t}, tmp_path / "t.xlsx"))["t"]
    assert [(c.value, c.number_format) for c in ws["A"][1:]] == [(0.123456789, "0.000"), (1, "0"), (None, "General")]
    assert [c.value for c in ws["B"][1:]] == [1, None, 3] and ws["B2"].number_format == "0"
    assert ws["C2"].value is True and ws["C2"].number_format == "General"
    assert ws["D2"].number_format == "yyyy-mm-dd" and ws["D2"].value.year == 2026


def test_columns_are_as_wide_as_their_content_and_long_text_wraps(named):
    _, wb = named
    ws = wb["people"]
    width = {c.value: ws.column_dimensions[c.column_letter].width for c in ws[1]}
    assert width["person"] == len("Cerys Vantongeren") + 2
    assert width["person_id"] == len("person_id") + 2                   # the header is wider than the ids
    assert width["in_degree"] == len("in_degree") + 2                   # the header is wider than "1"
    assert width["organisation"] == len("Northvale District Council") + 2
    assert all(MIN_WIDTH <= w <= MAX_WIDTH for w in width.values())
    segments = wb["segments"]
    excerpt = next(c for c in segments[1] if c.value == "excerpt")
    assert segments.column_dimensions[excerpt.column_letter].width == MAX_WIDTH
    cells = segments[excerpt.column_letter][1:]
    assert any(len(c.value) > MAX_WIDTH for c in cells)
    assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in cells)
    code = next(c for c in segments[1] if c.value == "code")
    assert not any(c.alignment.wrap_text for c in segments[code.column_letter][1:])


# ------------------------------------------------------------------ ids to join on

def test_named_person_tables_keep_the_shown_name_and_the_person_id(named, case):
    _, wb = named
    rows = _rows(wb["people"])
    assert rows[0][:3] == ["person", "person_id", "organisation"]
    shown = {r[1]: r[0] for r in rows[1:]}
    assert shown == {pid: case.pseudonyms.shown(pid, False) for pid in case.people["person_id"]}
    assert shown[HIDDEN] == case.pseudonyms.of(HIDDEN)                   # shown by pseudonym, joinable by id
    assert shown["zq101"] == "Ada Quintrell"
    segments = _rows(wb["segments"])
    assert segments[0] == ["person", "person_id", "code", "excerpt"]
    assert {r[1] for r in segments[1:]} <= set(IDS.values())


def test_anonymised_person_tables_join_by_pseudonym_and_hold_no_id_or_name(anonymised, case):
    rep, path = anonymised
    wb = openpyxl.load_workbook(path)
    ps = {pid: case.pseudonyms.of(pid) for pid in case.people["person_id"]}
    rows = _rows(wb["people"])
    assert rows[0][:3] == ["person", "pseudonym", "organisation"]
    assert sorted(r[1] for r in rows[1:]) == sorted(ps.values()) and all(r[0] == r[1] for r in rows[1:])
    assert _rows(wb["segments"])[0] == ["person", "pseudonym", "code", "excerpt"]
    text = _xml(path)
    assert "person_id" not in text
    assert not [pid for pid in IDS.values() if pid in text]
    assert not any(c.value == "person_id" for ws in wb.worksheets for row in ws.iter_rows() for c in row)
    found = scan(path, Roster(case.people["name"], case=case.id))            # the independent privacy gate
    assert found.ok, found.summary()
    assert found.files == 1


def test_the_gate_would_see_a_name_and_the_writer_refuses_an_id(case, tmp_path):
    """The checks above can fail: a roster name is found, a person_id table is refused when anonymising."""
    t = pd.DataFrame({"person_id": ["zq101"], "said": ["Ada Quintrell agreed"]})
    named = write_tables_workbook({"t": t}, tmp_path / "named.xlsx")
    assert not scan(named, Roster(case.people["name"])).ok
    with pytest.raises(ParameterError, match="anonymised workbook holds no person_id.*carry one: t;"):
        write_tables_workbook({"t": t}, tmp_path / "a.xlsx", anonymise=True)
    indexed = pd.DataFrame({"x": [1]}, index=pd.MultiIndex.from_tuples([("a", "zq101")], names=["g", "person_id"]))
    with pytest.raises(ParameterError, match="person_id"):
        write_tables_workbook([("i", "", indexed)], tmp_path / "a.xlsx", anonymise=True)
    assert not (tmp_path / "a.xlsx").exists()


def test_an_id_that_spells_a_hidden_name_is_redacted_like_any_text(make_case, tmp_path, monkeypatch):
    """A named report still hides who did not consent: an id holding their name is redacted, so it does not join."""
    ids = {"p1": "quintrell_a", "p2": "okonjo_b"}
    files = {stem: re.sub(r"\b(p1|p2)\b", lambda m: ids[m.group(1)], (EXAMPLE / f"{stem}.csv").read_text())
             for stem in ("people", "ties", "segments")}
    case = pn.load_case(make_case("spelt", **files))
    monkeypatch.setattr("partnet.report.outputs._display", lambda item: None)
    rep = KeyedReport(case, output_dir=tmp_path)
    rep.table(pn.metrics.node_table(rep.graph)[["in_degree"]], "people", "People")
    keys = [r[1] for r in _rows(openpyxl.load_workbook(rep.finish())["people"])[1:]]
    assert "quintrell_a" in keys                                        # Ada agreed to be named
    assert "okonjo_b" not in keys and not any("okonjo" in k.lower() for k in keys)


def test_people_with_keys(case):
    p = case.pseudonyms
    assert person_key(False) == "person_id" and person_key(True) == "pseudonym"
    t = pd.DataFrame({"code": ["a", "b"], "person_id": ["zq102", "visitor"]})
    named = people_with_keys(t, p, anonymise=False)
    assert list(named.columns) == ["code", "person", "person_id"]
    assert list(named["person"]) == [p.of("zq102"), "visitor"]          # not on the roster: left as it is
    anonymous = people_with_keys(t, p, anonymise=True)
    assert list(anonymous.columns) == ["code", "person", "pseudonym"]
    assert list(anonymous["pseudonym"]) == [p.of("zq102"), "visitor"]
    index = pd.MultiIndex.from_tuples([("w1", "zq101"), ("w2", "zq101")], names=["wave", "person_id"])
    waves = people_with_keys(pd.DataFrame({"degree": [1, 2]}, index=index), p, anonymise=False)
    assert list(waves.index.names) == ["wave", "person"]
    assert list(waves.index.get_level_values(1)) == ["Ada Quintrell"] * 2
    assert list(waves.columns) == ["person_id", "degree"]
    own = case.people.set_index("person_id")[["pseudonym", "role"]]            # a key column it already has
    assert list(people_with_keys(own, p, anonymise=True).columns) == ["pseudonym", "role"]
    plain = pd.DataFrame({"x": [1]})
    assert people_with_keys(plain, p, anonymise=True) is plain


# ------------------------------------------------------------------ glossary

def test_glossary_explains_the_codes_the_workbook_uses(named):
    from partnet.vocabulary import TERMS

    _, wb = named
    rows = _rows(wb[GLOSSARY])
    assert rows[0] == ["code", "label", "meaning"]
    codes = [r[0] for r in rows[1:]]
    assert codes == sorted(codes, key=lambda c: (c.casefold(), c))
    for code in ("in_degree", "density", "reciprocity_dyad", "n", "person", "person_id", "organisation"):
        assert code in codes, code
    assert "pseudonym" not in codes                                     # no such column in a named workbook
    assert "senior" not in codes                                        # a seniority in the roles table is data
    for code, label, meaning in rows[1:]:
        assert (label, meaning) == (TERMS[code].label, TERMS[code].meaning)
    used = {c.value for ws in wb.worksheets[1:-1] for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert set(codes) <= used
    ws = wb[GLOSSARY]
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == f"A1:C{len(rows)}"


def test_the_glossary_is_redacted_as_the_report_is(make_case, tmp_path, monkeypatch):
    """PageRank's meaning cites Brin & Page: in a case with a Mark Page, the gate would stop the workbook."""
    people = (EXAMPLE / "people.csv").read_text().replace("Ada Quintrell", "Mark Page")
    case = pn.load_case(make_case("page", people=people))
    monkeypatch.setattr("partnet.report.outputs._display", lambda item: None)
    rep = KeyedReport(case, anonymise=True, output_dir=tmp_path / "report")
    rep.table(pn.metrics.node_table(rep.graph)[["in_degree", "pagerank"]], "people", "People")
    roster = Roster(case.people["name"], case=case.id)
    path = rep.finish()
    assert scan(path, roster).ok, scan(path, roster).summary()
    meaning = {r[0]: r[2] for r in _rows(openpyxl.load_workbook(path)[GLOSSARY])}["pagerank"]
    assert "Brin & " in meaning and "Page 1998" not in meaning
    unredacted = write_tables_workbook([(n, rep.captions[n], t) for n, t in rep.tables.items()],
                                       tmp_path / "raw.xlsx", anonymise=True)
    assert [f.part for f in scan(unredacted, roster).leaks] == ["Page"]


def test_a_given_glossary_or_none(tmp_path):
    t = pd.DataFrame({"density": [0.5], "=calc": [1]}, index=pd.Index(["NDC"], name="organisation"))
    words = pd.DataFrame({"code": ["density", "unused", "=calc"], "label": ["Density", "x", "=1+1"],
                          "meaning": ["Share of possible ties present", "y", "+z"]})
    wb = openpyxl.load_workbook(write_tables_workbook({"t": t}, tmp_path / "g.xlsx", glossary=words))
    assert _rows(wb[GLOSSARY]) == [["code", "label", "meaning"], ["=calc", "=1+1", "+z"],
                                   ["density", "Density", "Share of possible ties present"]]
    assert all(c.data_type == "s" and c.quotePrefix for c in wb[GLOSSARY][2])
    wb = openpyxl.load_workbook(write_tables_workbook({"t": t}, tmp_path / "n.xlsx", glossary=False))
    assert wb.sheetnames == [CONTENTS, "t"] and len(_rows(wb[CONTENTS])) == 2
    with pytest.raises(ParameterError, match="meaning missing"):
        write_tables_workbook({"t": t}, tmp_path / "x.xlsx", glossary=words[["code", "label"]])


# ------------------------------------------------------------------ formula-safe, reproducible

def test_text_stays_text_on_every_sheet(tmp_path):
    t = pd.DataFrame({"quote": ['=HYPERLINK("http://evil.example","x")', "-note", "plain"], "change": [-3.5, 0, 2]},
                     index=pd.Index(["@a", "b", "c"], name="=who"))
    out = write_tables_workbook([("=sheet", "+caption", t)], tmp_path / "t.xlsx", glossary=False)
    wb = openpyxl.load_workbook(out)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells) and "<f>" not in _xml(out)
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert len(risky) == 6 and all(c.data_type == "s" and c.quotePrefix for c in risky)
    assert [(c.value, c.data_type) for c in wb["=sheet"]["C"][1:]] == [(-3.5, "n"), (0, "n"), (2, "n")]


def test_the_same_tables_give_the_same_bytes(named, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    tables = [("people", "People", pd.DataFrame({"person": ["NDC-01"], "pseudonym": ["NDC-01"], "in_degree": [2],
                                                  "share": [1 / 3]})),
              ("profile", "Profile", pd.Series({"n": 4.0, "density": 0.25}, name="value"), 2)]
    first = write_tables_workbook(tables, tmp_path / "a.xlsx", date="2026-02-10").read_bytes()
    time.sleep(1.1)                                     # a zip entry's time has a resolution of 2 s
    second = write_tables_workbook(tables, tmp_path / "b.xlsx", date="2026-02-10").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 2, 10, 0, 0, 0)}
        assert "<dcterms:created" in z.read("docProps/core.xml").decode() and \
            "2026-02-10T00:00:00Z" in z.read("docProps/core.xml").decode()
    assert openpyxl.load_workbook(tmp_path / "a.xlsx").properties.modified.isoformat() == "2026-02-10T00:00:00"


def test_a_report_workbook_is_byte_identical_when_written_again(case, tmp_path, monkeypatch):
    rep = _report(case, True, tmp_path / "one", monkeypatch)
    first = rep.finish().read_bytes()
    again = write_tables_workbook([(n, rep.captions[n], t, rep.decimals[n]) for n, t in rep.tables.items()],
                                  tmp_path / "two.xlsx", date=rep.file_date, anonymise=True).read_bytes()
    assert first == again


@pytest.mark.parametrize("tables, message", [
    ([("a", "", pd.DataFrame()), ("a", "", pd.DataFrame())], "two tables share a name: a"),
    ([("a", pd.DataFrame())], r"\(name, caption, table\)"),
    ([("a", "", pd.DataFrame(), -1)], "decimals must be"),
    ([("a", "", [1, 2])], "must be a pandas DataFrame or Series; list"),
], ids=["shared-name", "no-caption", "decimals", "not-a-table"])
def test_wrong_tables_are_refused(tables, message, tmp_path):
    with pytest.raises(ParameterError, match=message):
        write_tables_workbook(tables, tmp_path / "t.xlsx")

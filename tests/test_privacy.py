"""The independent privacy gate, partnet.privacy (docs/privacy.md); all names invented."""

from __future__ import annotations

import ast
import html
import json
import zipfile
from pathlib import Path

import pytest

from partnet import privacy
from partnet.privacy import Finding, Roster, Scan, common_words, normalise, scan, scan_text

NAMES = ["Megan Griffiths", "Søren Østergaard", "Łukasz Strauß", "Seán O'Connor", "Ann Smith-Jones",
         "Mary Kate Smith", "Ffion Marsh"]


@pytest.fixture(scope="module")
def roster():
    return Roster(NAMES, case="example")


# (id, text, part as the roster spells it, the roster name)
FOUND = [
    ("capitals", "GRIFFITHS", "Griffiths", "Megan Griffiths"),
    ("lower-case", "griffiths", "Griffiths", "Megan Griffiths"),
    ("underscore", "griffiths_m", "Griffiths", "Megan Griffiths"),
    ("zero-width-space", "Grif\u200bfiths", "Griffiths", "Megan Griffiths"),
    ("soft-hyphen", "Griff\u00adiths", "Griffiths", "Megan Griffiths"),
    ("ligature", "Gri\ufb03ths", "Griffiths", "Megan Griffiths"),
    ("full-width", "\uff27\uff52\uff49\uff46\uff46\uff49\uff54\uff48\uff53", "Griffiths", "Megan Griffiths"),
    ("no-accents", "Soren Ostergaard", "Østergaard", "Søren Østergaard"),
    ("no-accents-first", "Soren", "Søren", "Søren Østergaard"),
    ("special-letters", "Lukasz Strauss", "Strauß", "Łukasz Strauß"),
    ("special-letters-first", "Lukasz", "Łukasz", "Łukasz Strauß"),
    ("no-apostrophe", "OConnor", "O'Connor", "Seán O'Connor"),
    ("acute-apostrophe", "O\u00b4Connor", "O'Connor", "Seán O'Connor"),
    ("curly-apostrophe", "O\u2019Connor", "O'Connor", "Seán O'Connor"),
    ("two-words", "O Connor", "O Connor", "Seán O'Connor"),
    ("en-dash-first-half", "Smith\u2013Jones", "Smith", "Ann Smith-Jones"),
    ("en-dash-second-half", "Smith\u2013Jones", "Jones", "Ann Smith-Jones"),
    ("hyphen-whole", "Smith-Jones", "Smith-Jones", "Ann Smith-Jones"),
    ("hyphen-second-half", "Smith-Jones", "Jones", "Ann Smith-Jones"),
    ("first-name", "Mary", "Mary", "Mary Kate Smith"),
    ("middle-name", "Kate", "Kate", "Mary Kate Smith"),
    ("first-with-last", "Mary Smith", "Mary Smith", "Mary Kate Smith"),
    ("surname-comma-first", "Griffiths, Megan", "Griffiths, Megan", "Megan Griffiths"),
]
FOUND_IDS = [f[0] for f in FOUND]
NOT_FOUND = [
    ("longer-word", "Marshall"),
    ("pseudonym", "NDC-03"),
    ("placeholder", "[name]"),
    ("inside-word", "megangriffiths"),
    ("digits-after", "Griffiths2"),
    ("lower-case-common-word", "the smith works the marsh"),
]


def has(findings, part, name, kind="leak"):
    return any(f.part == part and f.name == name and f.kind == kind for f in findings)


def parts_of(findings):
    return sorted({(f.part, f.kind) for f in findings})


# ------------------------------------------------------------ normalisation

@pytest.mark.parametrize("text, expected", [
    ("Gri\u200bf\u00adf\u2060i\ufeffths", "griffiths"),
    ("O'Connor O\u2019Connor O\u00b4Connor O`Connor O\u2032Connor O\uff07Connor", " ".join(["oconnor"] * 6)),
    ("Smith\u2013Jones Smith\u2014Jones Smith\u2212Jones", "smith-jones smith-jones smith-jones"),
    ("Gri\ufb03ths \uff21\uff44\uff41", "griffiths ada"),
    ("Søren Østergaard Łukasz Strauß Đorđe Þóra Æsa Œdipe Iıl",
     "soren ostergaard lukasz strauss dorde thora aesa oedipe iil"),
    ("a \t\n\u00a0 b", "a b"),
    ("Marsh's view, Marsh's.", "marsh s view, marsh s."),
    ("Marsh'sy", "marshsy"),
])
def test_normalise(text, expected):
    assert normalise(text) == expected


def test_common_words_list():
    words = common_words()
    assert len(words) > 30000
    for w in ["mark", "may", "page", "long", "brown", "white", "green", "key", "head", "cross", "case", "will",
              "hall", "bill", "rose", "hope", "rich", "wood", "hill", "king", "young", "bell", "field", "lane",
              "price", "dean", "chase", "frost", "snow", "stone", "banks", "rivers", "little", "park", "north",
              "west", "smith", "marsh"]:
        assert w in words, w
    for w in ["john", "david", "sarah", "megan", "emma", "james", "mohammed", "oconnor", "jones", "williams",
              "taylor", "griffiths", "quintrell"]:
        assert w not in words, w
    assert all(w.isascii() and w.isalpha() and w.islower() and len(w) >= 2 for w in words)


# --------------------------------------------------------------- name parts

def test_name_parts():
    r = Roster(["Dr Jan van Berg", "Mary Kate Smith-Jones"], case="c")
    parts = r.parts
    for p in ["jan", "berg", "van berg", "jan van berg", "dr jan van berg", "berg, jan", "van berg, jan",
              "jan berg", "mary", "kate", "smith", "jones", "smith-jones", "mary smith-jones", "kate smith-jones",
              "smith-jones, mary"]:
        assert p in parts, p
    for p in ["van", "dr", "j"]:
        assert p not in parts, p
    assert parts["smith-jones, mary"] == [("Smith-Jones, Mary", "Mary Kate Smith-Jones", "c")]
    with pytest.raises(TypeError):
        parts["x"] = []  # a read-only view


def test_roster_skips_missing_values_and_accepts_series():
    pd = pytest.importorskip("pandas")
    r = Roster(pd.Series(["Ada Quintrell", None, pd.NA, float("nan"), "  "]), case="a")
    assert len(r) == 1
    assert {e[1] for entries in r.parts.values() for e in entries} == {"Ada Quintrell"}


# ------------------------------------------------------------ in plain text

@pytest.mark.parametrize("text, part, name", [f[1:] for f in FOUND], ids=FOUND_IDS)
def test_found_in_text(roster, text, part, name):
    findings = scan_text(f"Notes. Interview with {text}, later.", roster)
    assert has(findings, part, name), findings
    assert all(f.case == "example" and f.path == "" for f in findings)


@pytest.mark.parametrize("text", [t for _, t in NOT_FOUND], ids=[i for i, _ in NOT_FOUND])
def test_not_found(roster, text):
    assert scan_text(f"Notes: {text} here.", roster) == []


# ------------------------------------------------------ common-word parts

@pytest.mark.parametrize("text, expected", [
    ("the page loads", []),
    ("It was Page who said", [("Page", "leak")]),
    ("Page said it", [("Page", "ambiguous")]),
    ("PAGE", [("Page", "ambiguous")]),
    ("It was PAGE who said", [("Page", "ambiguous")]),
    ("Mark Page", [("Mark", "leak"), ("Mark Page", "leak"), ("Page", "leak")]),
    ("Page, Mark", [("Mark", "leak"), ("Page", "leak"), ("Page, Mark", "leak")]),
    ("Page's view", [("Page", "leak")]),
    ("the page's margin", []),
    ("Yes. Page said it", [("Page", "ambiguous")]),
    ("He said (Page agreed)", [("Page", "ambiguous")]),
    ("first line\nPage said", [("Page", "ambiguous")]),
    ("Dr. Page said", [("Page", "leak")]),
    ("a page by Megan", [("Megan", "leak")]),
    ("the page Megan wrote", [("Megan", "leak"), ("Page", "leak")]),
], ids=lambda v: v if isinstance(v, str) else None)
def test_common_word_rule(text, expected):
    r = Roster(["Mark Page", "Megan Griffiths"])
    assert parts_of(scan_text(text, r)) == expected


def test_two_lower_case_common_words_stay_words():
    r = Roster(["Mark Page", "May Key"])
    assert scan_text("the key page loads", r) == []
    assert parts_of(scan_text("Key Page loads", r)) == [("Key", "leak"), ("Page", "leak")]


def test_tag_end_starts_a_sentence():
    r = Roster(["Mark Page"])
    assert parts_of(scan_text("<p>Page said it</p>", r, markup=True)) == [("Page", "ambiguous")]
    assert parts_of(scan_text("<p>It was Page</p>", r, markup=True)) == [("Page", "leak")]
    assert parts_of(scan_text('<h2 id="3.-Page-views">3. Page views</h2>', r, markup=True)) == [("Page", "ambiguous")]


# ----------------------------------------------------------------- markup

def test_markup_skips_style_tag_names_and_data_uris():
    r = Roster(["Georgia Lang", "Megan Griffiths"])
    page = ('<html lang="en"><head><style>p { font-family: Georgia; }</style></head>'
            '<body><p style="font-family: Georgia">x</p><svg><text font-family="Georgia">y</text></svg>'
            '<img src="data:image/png;base64,iVBORw0KGgo/Griffiths/AAAA=="></body></html>')
    assert scan_text(page, r, markup=True) == []
    assert parts_of(scan_text(page.replace("<p ", "<p title='Georgia' "), r, markup=True)) == [("Georgia", "leak")]
    assert parts_of(scan_text(page + "<p>by Georgia</p>", r, markup=True)) == [("Georgia", "leak")]


def test_markup_decodes_nested_srcdoc_and_script_escapes():
    r = Roster(["Seán O'Connor", "Søren Østergaard"])
    inner = "<p>O&#x27;Connor</p>"
    page = f'<iframe srcdoc="{html.escape(inner, quote=True)}"></iframe>'
    assert "O&amp;#x27;Connor" in page
    assert parts_of(scan_text(page, r, markup=True)) == [("O'Connor", "leak")]
    data = '<script type="application/json">{"label": "S\\u00f8ren \\u00d8stergaard", "x": "a\\/b"}</script>'
    assert has(scan_text(data, r, markup=True), "Søren Østergaard", "Søren Østergaard")
    pair = '<script>var s = "\\ud835\\udc12\\u00f8ren";</script>'  # a mathematical bold S: NFKC makes it "S"
    assert has(scan_text(pair, r, markup=True), "Søren", "Søren Østergaard")


# ------------------------------------------------------------- file formats

def write_html_entities(folder: Path, text: str) -> Path:
    encoded = "".join(c if c.isascii() and c.isalnum() else f"&#x{ord(c):x};" for c in text)
    path = folder / "page.html"
    path.write_text(f"<html><body><p>Interview notes by</p><p title=\"{encoded}\">x</p></body></html>",
                    encoding="utf-8")
    return path


def write_html_json(folder: Path, text: str) -> Path:
    data = json.dumps({"people": [{"label": f"Interview with {text}"}]}, ensure_ascii=True).replace("/", "\\/")
    path = folder / "network.html"
    path.write_text(f'<html><body><script type="application/json">{data}</script></body></html>', encoding="utf-8")
    return path


def write_xlsx_cell(folder: Path, text: str) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "measures"
    wb.active["B3"] = f"Interview with {text}"
    path = folder / "tables.xlsx"
    wb.save(path)
    return path


def write_xlsx_sheet(folder: Path, text: str) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = text[:31]
    wb.active["A1"] = 1
    path = folder / "tables.xlsx"
    wb.save(path)
    return path


def write_png(folder: Path, text: str) -> Path:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Title", f"Sociogram drawn for {text}")  # tEXt (Pillow writes iTXt beyond Latin-1)
    path = folder / "figure.png"
    Image.new("RGB", (4, 4), "white").save(path, pnginfo=info)
    return path


def write_ipynb(folder: Path, text: str) -> Path:
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{
        "cell_type": "code", "id": "c1", "metadata": {}, "execution_count": 1, "source": ["x = 1\n", "x"],
        "outputs": [
            {"output_type": "display_data", "metadata": {},
             "data": {"image/png": "iVBORw0KGgo/Griffiths/OConnor/Mary/AAAA", "text/plain": ["<Figure>"]}},
            {"output_type": "error", "ename": "DataError", "evalue": "bad row",
             "traceback": ["\x1b[0;31m-----\x1b[0m", f"\x1b[0;31mDataError\x1b[0m: bad row for \x1b[1m{text}\x1b[0m"]},
        ]}]}
    path = folder / "case_study.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def write_file_name(folder: Path, text: str) -> Path:
    path = folder / "ego" / f"{text}.html"
    path.parent.mkdir()
    path.write_text("<p>NDC-03</p>", encoding="utf-8")
    return path


WRITERS = [write_html_entities, write_html_json, write_xlsx_cell, write_xlsx_sheet, write_png, write_ipynb,
           write_file_name]


@pytest.mark.parametrize("write", WRITERS, ids=lambda w: w.__name__.removeprefix("write_"))
@pytest.mark.parametrize("text, part, name", [f[1:] for f in FOUND], ids=FOUND_IDS)
def test_found_in_files(tmp_path, roster, write, text, part, name):
    written = write(tmp_path, text)
    found = scan(tmp_path, roster)
    assert not found.ok
    assert any(f.part == part and f.name == name and f.case == "example" and f.kind == "leak"
               and f.path == written.relative_to(tmp_path).as_posix() for f in found.leaks), found.leaks
    assert part in found.summary(limit=100)


@pytest.mark.parametrize("write", WRITERS, ids=lambda w: w.__name__.removeprefix("write_"))
def test_clean_files_pass(tmp_path, roster, write):
    write(tmp_path, "NDC-03")
    found = scan(tmp_path, roster)
    assert found.ok, found.summary()
    assert found.ambiguous == []
    assert found.files == 1


def test_png_compressed_text_chunks(tmp_path, roster):
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    for i, (chunk, add) in enumerate([("zTXt", lambda info: info.add_text("Author", "Megan Griffiths", zip=True)),
                                      ("iTXt", lambda info: info.add_itxt("Description", "Søren", zip=True))]):
        info = PngInfo()
        add(info)
        path = tmp_path / f"f{i}.png"
        Image.new("RGB", (4, 4)).save(path, pnginfo=info)
        assert chunk.encode() in path.read_bytes()
    found = scan(tmp_path, roster)
    assert {(f.path, f.part) for f in found.leaks} == {
        ("f0.png", "Megan Griffiths"), ("f0.png", "Megan"), ("f0.png", "Griffiths"), ("f1.png", "Søren")}


def test_png_utf8_in_latin1_chunk(tmp_path, roster):
    """The standard says Latin-1, but some writers put UTF-8 in tEXt: both readings are searched."""
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Strau\u00df".encode("utf-8").decode("latin-1"))
    Image.new("RGB", (4, 4)).save(tmp_path / "f.png", pnginfo=info)
    assert b"tEXtAuthor\x00Strau\xc3\x9f" in (tmp_path / "f.png").read_bytes()
    assert [f.part for f in scan(tmp_path, roster).leaks] == ["Strauß"]


def test_notebook_html_output_is_markup(tmp_path):
    nb = {"cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "display_data", "data": {
        "text/html": ["<div><style>.a { font-family: Georgia }</style>", "<p>Page said</p></div>"]}}]}]}
    (tmp_path / "n.ipynb").write_text(json.dumps(nb))
    found = scan(tmp_path, Roster(["Georgia Lang", "Mark Page"]))
    assert found.ok
    assert [(f.part, f.kind) for f in found.ambiguous] == [("Page", "ambiguous")]


# ------------------------------------------------------------- fails closed

def test_unreadable_files_fail_closed(tmp_path, roster):
    (tmp_path / "tables.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (tmp_path / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x01\x00tEXtshort")
    (tmp_path / "case_study.ipynb").write_text("{ not json")
    found = scan(tmp_path, roster)
    assert not found.ok
    assert [(f.path, f.part, f.kind) for f in found.leaks] == [
        ("case_study.ipynb", "(unreadable)", "leak"), ("figure.png", "(unreadable)", "leak"),
        ("tables.xlsx", "(unreadable)", "leak")]
    assert all(f.context.startswith("unreadable") for f in found.leaks)


def test_oversized_member_fails_closed(tmp_path, roster, monkeypatch):
    with zipfile.ZipFile(tmp_path / "tables.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", "<sst>" + "<si><t>ok</t></si>" * 5000 + "</sst>")
    monkeypatch.setattr(privacy, "MAX_MEMBER_BYTES", 10_000)
    found = scan(tmp_path, roster)
    assert [(f.part, f.kind) for f in found.leaks] == [("(unreadable)", "leak")]


def test_legacy_encoded_csv(tmp_path, roster):
    (tmp_path / "people.csv").write_bytes("id,name\n1,S\u00f8ren\n".encode("cp1252"))
    assert [f.part for f in scan(tmp_path, roster).leaks] == ["Søren"]


def test_office_text_split_into_runs(tmp_path, roster):
    with zipfile.ZipFile(tmp_path / "notes.docx", "w") as z:
        z.writestr("word/document.xml", "<w:p><w:r><w:t>Interview with Grif</w:t></w:r>"
                                        "<w:r><w:rPr><w:b/></w:rPr><w:t>fiths</w:t></w:r></w:p>")
    assert [f.part for f in scan(tmp_path, roster).leaks] == ["Griffiths"]


# ------------------------------------------------------------------ secrets

def test_secrets(tmp_path, roster):
    key = "9f2c4e1ab7d35f60c8e2a1b4d7f09e3c"
    (tmp_path / "report.html").write_text(f"<p>key: {key.upper()}</p>")
    (tmp_path / f"{key}.txt").write_text("nothing")
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = key
    wb.save(tmp_path / "tables.xlsx")
    (tmp_path / "clean.txt").write_text("nothing")
    found = scan(tmp_path, roster, secrets=[key, ""])
    assert not found.ok
    assert sorted((f.path, f.kind, f.part) for f in found.leaks) == [
        ("(secret).txt", "secret", "(secret)"), ("report.html", "secret", "(secret)"),
        ("tables.xlsx", "secret", "(secret)")]
    assert key not in found.summary() and key.upper() not in found.summary()
    assert all(key not in f.context and key not in f.name and key not in f.path for f in found.leaks)
    assert scan(tmp_path / "clean.txt", roster, secrets=[key]).ok


def test_two_rosters(tmp_path):
    r = Roster(["Ada Quintrell"], case="north").add(["Bram Okonjo", "Ada Fenwick"], case="east")
    (tmp_path / "report.html").write_text("<p>Quoted by Okonjo, and by Ada</p>")
    found = scan(tmp_path, r)
    assert sorted((f.part, f.name, f.case) for f in found.leaks) == [
        ("Ada", "Ada Fenwick", "east"), ("Ada", "Ada Quintrell", "north"), ("Okonjo", "Bram Okonjo", "east")]


def test_single_file_and_summary(tmp_path, roster):
    path = tmp_path / "report.html"
    path.write_text("<p>Megan Griffiths met Mary Smith and Søren, with Ann Smith-Jones</p>")
    found = scan(path, roster)
    assert found.files == 1
    assert found.summary(limit=3) == "report.html: Megan Griffiths, Megan, Griffiths (8 more)"
    assert Scan().summary() == "no roster name found in 0 files"


def test_finding_is_frozen():
    f = Finding("a", "b", "c", None, "leak", "")
    with pytest.raises(AttributeError):
        f.part = "x"


# ------------------------------------------------- partnet's own pages

PEOPLE = """person_id,name,organisation,role,directorate,seniority,responded,consent_named
p1,Pat Brown,Northvale District Council,officer,ICT,senior,yes,yes
p2,May Key,Northvale District Council,officer,citizen-facing,middle,yes,yes
p3,Ann Head,Eastmarsh County Council,councillor,none,senior,yes,yes
p4,Kay Cross,Eastmarsh County Council,officer,back-office,junior,no,yes
p5,Sam Page,Eastmarsh County Council,officer,back-office,junior,yes,yes
p6,Ben Barnes,Eastmarsh County Council,officer,ICT,middle,yes,yes
"""
TIES = """respondent,alter,relation,frequency
p1,p2,egov_contact,3
p2,p3,egov_contact,2
p1,p4,egov_contact,4
p5,p1,egov_contact,2
p6,p5,egov_contact,1
"""


@pytest.fixture
def common_word_case(make_case):
    return make_case(people=PEOPLE, ties=TIES)


def test_library_texts_hold_roster_words():
    """Without skipping, partnet's inlined texts alone would fail this roster."""
    from partnet.viz._html import asset_text, vis_network_js

    r = Roster([line.split(",")[1] for line in PEOPLE.splitlines()[1:]])
    assert has(scan_text(vis_network_js(), r), "Barnes", "Ben Barnes")
    assert has(scan_text(asset_text("network.js"), r), "Page", "Sam Page")


def test_network_page_anonymised_and_named(common_word_case, tmp_path):
    from partnet.viz import write_network_page

    r = Roster([line.split(",")[1] for line in PEOPLE.splitlines()[1:]], case="example")
    anonymised = write_network_page(common_word_case, tmp_path / "anon" / "network.html", anonymise=True)
    named = write_network_page(common_word_case, tmp_path / "named" / "network.html", anonymise=False)
    from partnet.viz._html import vis_network_js

    assert vis_network_js() in anonymised.read_text(encoding="utf-8")
    found = scan(anonymised.parent, r)
    assert found.ok, found.summary()
    assert {f.kind for f in found.ambiguous} <= {"ambiguous"}
    found = scan(named.parent, r)
    assert {f.name for f in found.leaks} == {"Pat Brown", "May Key", "Ann Head", "Kay Cross", "Sam Page",
                                             "Ben Barnes"}
    assert {"Pat Brown", "Sam Page", "Barnes"} <= {f.part for f in found.leaks}


def test_page_in_srcdoc(common_word_case):
    """A notebook embeds the page escaped inside an iframe's srcdoc: the library is still skipped."""
    from partnet.case import load_case
    from partnet.viz import interactive

    case = load_case(common_word_case)
    r = Roster(case.people["name"], case="example")
    for anonymise in (True, False):
        embedded = "<div>" + interactive(case.graph(), anonymise=anonymise).embed_html() + "</div>"
        assert "&lt;script&gt;" in embedded
        found = scan_text(embedded, r, markup=True)
        leaks = [f for f in found if f.kind == "leak"]
        if anonymise:
            assert leaks == []
        else:
            assert {f.name for f in leaks} == set(case.people["name"])


# ------------------------------------------------------------ independence

def test_independent_of_the_redaction():
    tree = ast.parse(Path(privacy.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
            imported |= {f"{node.module}.{a.name}" for a in node.names}
    assert not any(m.startswith(("partnet.pseudonyms", "partnet.report")) for m in imported), imported
    assert {m for m in imported if m.startswith("partnet")} <= {"partnet.viz", "partnet.viz._html"}

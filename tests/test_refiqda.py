"""REFI-QDA import: two real exports and hand-made variations built as ZIP files here."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from partnet.agreement import agreement_table
from partnet.errors import CodebookError, QdaImportError
from partnet.refiqda import read_qdc, read_qdpx

QDA = Path(__file__).parent / "fixtures" / "qda"
QC_DEMO = QDA / "qc_demo.qdpx"
NVIVO = QDA / "nvivo_project.qdpx"

NS = 'xmlns="urn:QDA-XML:project:1.0"'

CODES = """<CodeBook><Codes>
  <Code guid="c-gov" name="Governance" isCodable="true"><Description>Leadership and accountability</Description>
    <Code guid="c-lead" name="Leadership" isCodable="true">
      <Code guid="c-top" name="From the top" isCodable="true"/></Code>
    <Code guid="c-acc" name="Accountability" isCodable="true"/></Code>
  <Code guid="c-stab" name="Stability" isCodable="true">
    <Code guid="c-hist" name="History" isCodable="true"/>
    <Code guid="c-lead2" name="Leadership" isCodable="true"/></Code>
</Codes></CodeBook>"""

ROSTER = pd.DataFrame({
    "person_id": ["p1", "p2", "p3"],
    "name": ["Ada Quintrell", "Bram Okonjo", "Cerys Vantongeren"],
})


def make_qdpx(tmp_path, sources_xml, files=None, *, qde_name="project.qde", project_attrs='name="t"',
              extra="", users='<Users><User guid="u1" name="ann"/><User guid="u2" name="bo"/></Users>',
              name="p.qdpx"):
    """Write a .qdpx holding one .qde built from parts and the given files."""
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project {NS} {project_attrs}>{users}{CODES}{extra}'
           f"<Sources>{sources_xml}</Sources></Project>")
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(qde_name, qde.encode("utf-8"))
        for member, content in (files or {}).items():
            z.writestr(member, content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def selection(guid, start, end, *codes, user="u1"):
    codings = "".join(f'<Coding guid="{guid}-{i}" creatingUser="{user}"><CodeRef targetGUID="{c}"/></Coding>'
                      for i, c in enumerate(codes))
    return (f'<PlainTextSelection guid="{guid}" startPosition="{start}" endPosition="{end}">'
            f'{codings}</PlainTextSelection>')


def span(text, phrase):
    i = text.index(phrase)
    return i, i + len(phrase)


# ----------------------------------------------------------------------------- the real exports


@pytest.fixture(scope="module")
def qc():
    return read_qdpx(QC_DEMO)


def test_qc_demo_counts(qc):
    assert qc.origin == "qc 1.3.2"
    assert len(qc.segments) == 205  # codings
    assert qc.segments["segment_id"].nunique() == 158  # text selections
    assert len(qc.codebook) == 262
    assert qc.codebook["code"].is_unique
    assert qc.codebook["parent"].isna().sum() == 3
    assert sorted(qc.codebook["theme"].unique()) == ["rq1_definition", "rq2_curriculum_and_instruction", "rq3_process"]
    assert qc.segments["coder"].unique().tolist() == ["cp"]
    # codings per selection: 121 selections with one code, 29 two, 6 three, 2 four
    assert qc.segments.groupby("segment_id").size().value_counts().sort_index().tolist() == [121, 29, 6, 2]


def test_qc_demo_sources(qc):
    src = qc.sources.set_index("source")
    assert list(src.index) == ["board_2017.txt", "admin-1.txt"]
    assert src.loc["board_2017.txt", "file"] == "sources/board_2017.txt"
    assert src.loc["board_2017.txt", "characters"] == 52543
    assert src.loc["board_2017.txt", "selections"] == 158
    assert src.loc["board_2017.txt", "codings"] == 205
    assert src.loc["admin-1.txt", "codings"] == 0
    assert src.loc["board_2017.txt", "line_break_chars"] == 1


@pytest.mark.parametrize(
    "guid, where, excerpt",
    [
        ("37323865-3734-6533-3337-623138653238", "board_2017.txt:320-400",
         "This district goal is engage every student in joyful, purposeful learning that \n"),
        ("66383165-3335-3437-3635-383166623737", "board_2017.txt:474-552",
         "maximizes each student's opportunity to excel academically. Action step five \n"),
        ("31376439-3134-6130-6633-306337633566", "board_2017.txt:51547-51627",
         "similar equity issues [inaudible 00:54:11] access to that curriculum, which we \n"),
    ],
    ids=["offset-320", "offset-474", "offset-51547"],
)
def test_qc_demo_excerpts_at_known_offsets(qc, guid, where, excerpt):
    rows = qc.segments[qc.segments["segment_id"] == guid]
    assert set(rows["source"]) == {where}
    assert set(rows["excerpt"]) == {excerpt}
    assert set(rows["person_id"]) == {"board_2017"}


def test_qc_demo_duplicate_names_get_paths(qc):
    codes = set(qc.codebook["code"])
    assert {"competencies/programming", "cs_as_programming/programming"} <= codes
    assert "programming" not in codes
    assert {"practices/digital_citizenship/citizenship", "cs_literacy/digital_citizenship/citizenship"} <= codes
    cb = qc.codebook.set_index("code")
    assert cb.loc["cs_as_programming/programming", "parent"] == "cs_as_programming"
    assert cb.loc["cs_as_programming/programming", "theme"] == "rq1_definition"
    four = qc.segments[qc.segments["segment_id"] == "39366161-3264-6230-3763-663931336466"]
    assert sorted(four["code"]) == ["equity", "interdisciplinary_cs", "math", "tracking"]


def test_qc_demo_without_mapping_warns_no_dimension(qc):
    assert qc.codebook["dimension"].isna().all()
    assert [w.code for w in qc.warnings] == ["no-dimension"]
    assert "262 code(s)" in qc.warnings[0].message


def test_qc_demo_mapping_by_top_level_code():
    mapping = {"rq1_definition": ("definition", "governance"),
               "rq2_curriculum_and_instruction": {"dimension": "system stability"},
               "rq3_process": {"dimension": "network structure"},
               "cs_as_programming/programming": {"theme": "programming"}}
    p = read_qdpx(QC_DEMO, mapping=mapping)
    cb = p.codebook.set_index("code")
    assert cb["dimension"].notna().all()
    assert cb.loc["competencies/programming", "theme"] == "definition"
    assert cb.loc["cs_as_programming/programming", "theme"] == "programming"
    assert cb.loc["cs_as_programming/programming", "dimension"] == "governance"
    assert (cb["theme"] == "rq3_process").sum() == 108
    assert (cb["dimension"] == "system stability").sum() == 84
    assert p.warnings == []


def test_nvivo_codes_only():
    p = read_qdpx(NVIVO)
    assert p.origin == "NVivo for Mac 15.0.0"
    assert len(p.codebook) == 262
    assert len(p.segments) == 0
    assert list(p.segments.columns) == ["segment_id", "person_id", "code", "excerpt", "source", "coder"]
    # internal:// paths resolve to sources/<guid>.txt
    assert sorted(p.sources["file"]) == ["sources/d097e6fd-7671-4d95-a8b6-7795fa4a72e1.txt",
                                         "sources/e65f5ee2-9a55-47f1-bb0b-4921d8ce15c4.txt"]
    # the same code tree as the qc export of the same project
    qc = read_qdpx(QC_DEMO)
    assert p.codebook["code"].tolist() == qc.codebook["code"].tolist()


def test_read_qdc_from_a_project_and_from_xml(tmp_path):
    assert len(read_qdc(NVIVO).codebook) == 262
    xml = ('<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="x">'
           + CODES.replace("<CodeBook>", "").replace("</CodeBook>", "") + "</CodeBook>")
    path = tmp_path / "book.qdc"
    path.write_text(xml, encoding="utf-8")
    cb = read_qdc(path, mapping={"Governance": ("governance", "governance")}).codebook.set_index("code")
    assert list(cb.index) == ["Governance", "Governance/Leadership", "From the top", "Accountability",
                              "Stability", "History", "Stability/Leadership"]
    assert cb.loc["From the top", "parent"] == "Governance/Leadership"
    assert cb.loc["From the top", "dimension"] == "governance"
    assert cb.loc["Governance", "description"] == "Leadership and accountability"
    assert pd.isna(cb.loc["History", "dimension"]) and cb.loc["History", "theme"] == "Stability"


# ----------------------------------------------------------------------------- hand-made variations

TEXT = "Interviewer: Who leads?\nAda: The chief executives set the direction.\nAda: We have a long history.\n"


@pytest.mark.parametrize("folder", ["sources", "Sources"], ids=["lower", "upper"])
def test_sources_folder_either_case(tmp_path, folder):
    s, e = span(TEXT, "The chief executives set the direction.")
    src = (f'<TextSource guid="t1" name="Ada Quintrell" plainTextPath="internal://t1.txt">'
           f'{selection("s1", s, e, "c-top")}</TextSource>')
    p = read_qdpx(make_qdpx(tmp_path, src, {f"{folder}/t1.txt": TEXT}))
    assert p.segments.loc[0, "excerpt"] == "The chief executives set the direction."
    assert p.segments.loc[0, "code"] == "From the top"
    assert p.sources.loc[0, "file"] == f"{folder}/t1.txt"


@pytest.mark.parametrize("counted_as", [1, 2], ids=["crlf-as-one", "crlf-as-two"])
def test_crlf_counted_either_way(tmp_path, counted_as):
    crlf = TEXT.replace("\n", "\r\n")
    counted = crlf if counted_as == 2 else TEXT
    s1, e1 = span(counted, "The chief executives set the direction.")
    s2, e2 = span(counted, "We have a long history.")
    s3, e3 = span(counted, "Who leads?")
    src = (f'<TextSource guid="t1" name="ada" plainTextPath="internal://t1.txt">'
           f'{selection("s1", s1, e1, "c-top")}{selection("s2", s2, e2, "c-hist")}{selection("s3", s3, e3, "c-lead")}'
           f"</TextSource>")
    p = read_qdpx(make_qdpx(tmp_path, src, {"sources/t1.txt": crlf.encode("utf-8")}))
    got = dict(zip(p.segments["segment_id"], p.segments["excerpt"]))
    assert got == {"s1": "The chief executives set the direction.", "s2": "We have a long history.",
                   "s3": "Who leads?"}
    assert p.sources.loc[0, "line_break_chars"] == counted_as
    # positions are reported as the tool wrote them
    assert set(p.segments["source"]) == {f"ada:{s1}-{e1}", f"ada:{s2}-{e2}", f"ada:{s3}-{e3}"}


def test_crlf_multiline_excerpt_is_normalised(tmp_path):
    crlf = TEXT.replace("\n", "\r\n")
    s, e = span(crlf, "The chief executives set the direction.\r\nAda: We")
    src = (f'<TextSource guid="t1" name="ada" plainTextPath="internal://t1.txt">'
           f'{selection("s1", s, e, "c-top")}</TextSource>')
    p = read_qdpx(make_qdpx(tmp_path, src, {"sources/t1.txt": crlf.encode("utf-8")}))
    assert p.segments.loc[0, "excerpt"] == "The chief executives set the direction.\nAda: We"


@pytest.mark.parametrize("counted_as", [1, 2], ids=["newline-as-one", "newline-as-two"])
def test_inline_plain_text_content(tmp_path, counted_as):
    counted = TEXT if counted_as == 1 else TEXT.replace("\n", "\r\n")
    s, e = span(counted, "We have a long history.")
    # an XML parser turns CR LF inside element content into LF, so the inline text arrives with LF
    src = (f'<TextSource guid="t1" name="ada"><PlainTextContent>{TEXT.replace(chr(10), chr(13) + chr(10))}'
           f'</PlainTextContent>{selection("s1", s, e, "c-hist")}</TextSource>')
    p = read_qdpx(make_qdpx(tmp_path, src))
    assert p.segments.loc[0, "excerpt"] == "We have a long history."
    assert pd.isna(p.sources.loc[0, "file"])
    assert p.sources.loc[0, "line_break_chars"] == counted_as


def test_atlas_ti_style_export_leaks_nothing(tmp_path):
    home = r"C:\Users\jdoe-home\Documents\Scientific Software\ATLASti"
    s, e = span(TEXT, "We have a long history.")
    src = (f'<TextSource guid="t1" name="{home}\\Ada Quintrell.docx" plainTextPath="internal://t1.txt" '
           f'richTextPath="relative://Ada Quintrell.docx">{selection("s1", s, e, "c-hist")}</TextSource>')
    path = make_qdpx(tmp_path, src, {"sources/t1.txt": TEXT}, qde_name="Partnership study.qde",
                     project_attrs=f'name="Partnership study" origin="ATLAS.ti 23" basePath="{home}"')
    p = read_qdpx(path, people=ROSTER)
    assert p.segments.loc[0, "excerpt"] == "We have a long history."
    assert p.segments.loc[0, "person_id"] == "p1"
    assert p.sources.loc[0, "source"] == "Ada Quintrell.docx"
    out = "".join(t.to_csv() for t in (p.codebook, p.segments, p.codes, p.sources, p.cases))
    out += repr(p) + p.name + p.origin + "".join(str(w) for w in p.warnings)
    assert "jdoe" not in out and "Users" not in out


def test_cases_map_to_people_by_name(tmp_path):
    s1, e1 = span(TEXT, "The chief executives set the direction.")
    s2, e2 = span(TEXT, "Who leads?")
    src = (f'<TextSource guid="t1" name="interview 1" plainTextPath="internal://t1.txt">'
           f'{selection("s1", s1, e1, "c-top")}{selection("s2", s2, e2, "c-lead", user="u2")}</TextSource>')
    cases = ('<Cases><Case guid="k1" name="ada quintrell"><SourceRef targetGUID="t1"/></Case>'
             '<Case guid="k2" name="Interviewer Bram"><SelectionRef targetGUID="s2"/></Case></Cases>')
    path = make_qdpx(tmp_path, src, {"sources/t1.txt": TEXT}, extra=cases)
    p = read_qdpx(path, people=ROSTER, cases={"Interviewer Bram": "Bram Okonjo"})
    assert dict(zip(p.segments["segment_id"], p.segments["person_id"])) == {"s1": "p1", "s2": "p2"}
    assert dict(zip(p.segments["segment_id"], p.segments["coder"])) == {"s1": "ann", "s2": "bo"}
    assert p.cases[["case", "person_id"]].values.tolist() == [["ada quintrell", "p1"], ["Interviewer Bram", "p2"]]


def test_case_mapping_file(tmp_path):
    s, e = span(TEXT, "Who leads?")
    src = (f'<TextSource guid="t1" name="int-07.txt" plainTextPath="internal://t1.txt">'
           f'{selection("s1", s, e, "c-lead")}</TextSource>')
    path = make_qdpx(tmp_path, src, {"sources/t1.txt": TEXT})
    mapping = tmp_path / "cases.csv"
    mapping.write_text("case,person\nint-07,p3\n", encoding="utf-8")
    assert read_qdpx(path, people=ROSTER, cases=mapping).segments.loc[0, "person_id"] == "p3"
    # without a roster the mapped value is taken as the person_id
    assert read_qdpx(path, cases={"int-07.txt": "x9"}).segments.loc[0, "person_id"] == "x9"


def test_unmatched_case_did_you_mean(tmp_path):
    s, e = span(TEXT, "Who leads?")
    src = (f'<TextSource guid="t1" name="Ada Quintrel" plainTextPath="internal://t1.txt">'
           f'{selection("s1", s, e, "c-lead")}</TextSource>')
    with pytest.raises(QdaImportError, match="did you mean 'Ada Quintrell'") as info:
        read_qdpx(make_qdpx(tmp_path, src, {"sources/t1.txt": TEXT}), people=ROSTER)
    assert [p.code for p in info.value.problems] == ["unknown-person"]


@pytest.mark.parametrize(
    "cases, match",
    [
        (None, "the case \\(or source\\) name matches nobody on the roster.*found 'Bram Okonjoo'; "
               "did you mean 'Bram Okonjo'"),
        ({"Bram Okonjoo": "Cerys Vantongerne"}, "the case mapping gives a person who is not on the roster.*"
                                                "did you mean 'Cerys Vantongeren'"),
    ],
    ids=["case-name", "mapped-name"],
)
def test_unmatched_case_element_did_you_mean(tmp_path, cases, match):
    s, e = span(TEXT, "Who leads?")
    src = (f'<TextSource guid="t1" name="interview 1" plainTextPath="internal://t1.txt">'
           f'{selection("s1", s, e, "c-lead")}</TextSource>')
    extra = '<Cases><Case guid="k1" name="Bram Okonjoo"><SourceRef targetGUID="t1"/></Case></Cases>'
    with pytest.raises(QdaImportError, match=match) as info:
        read_qdpx(make_qdpx(tmp_path, src, {"sources/t1.txt": TEXT}, extra=extra), people=ROSTER, cases=cases)
    assert [p.code for p in info.value.problems] == ["unknown-person"]


def test_whole_source_coding_and_coder_rename(tmp_path):
    src = ('<TextSource guid="t1" name="ada" plainTextPath="internal://t1.txt">'
           '<Coding guid="w1" creatingUser="u2"><CodeRef targetGUID="c-stab"/></Coding></TextSource>')
    p = read_qdpx(make_qdpx(tmp_path, src, {"sources/t1.txt": TEXT}), coders={"bo": "coder B"})
    assert p.segments.loc[0, "excerpt"] == TEXT
    assert p.segments.loc[0, "segment_id"] == "t1"
    assert p.segments.loc[0, "coder"] == "coder B"
    assert p.segments.loc[0, "code"] == "Stability"


def test_two_coders_feed_agreement(tmp_path):
    s1, e1 = span(TEXT, "The chief executives set the direction.")
    s2, e2 = span(TEXT, "We have a long history.")
    both = "".join(
        f'<Coding guid="{g}" creatingUser="{u}"><CodeRef targetGUID="{c}"/></Coding>'
        for g, u, c in [("a1", "u1", "c-top"), ("a2", "u2", "c-top"), ("a3", "u2", "c-acc")])
    src = (f'<TextSource guid="t1" name="ada" plainTextPath="internal://t1.txt">'
           f'<PlainTextSelection guid="s1" startPosition="{s1}" endPosition="{e1}">{both}</PlainTextSelection>'
           f'{selection("s2", s2, e2, "c-hist", user="u1")}{selection("s2b", s2, e2, "c-hist", user="u2")}'
           f"</TextSource>")
    p = read_qdpx(make_qdpx(tmp_path, src, {"sources/t1.txt": TEXT}))
    t = agreement_table(p.segments)
    assert t.loc["From the top", ["both", "first_only", "second_only", "neither"]].tolist() == [1, 0, 0, 0]
    assert t.loc["Accountability", "second_only"] == 1


def test_write_case_tables(tmp_path):
    s, e = span(TEXT, "Who leads?")
    src = (f'<TextSource guid="t1" name="p1" plainTextPath="internal://t1.txt">'
           f'{selection("s1", s, e, "c-lead")}</TextSource>')
    p = read_qdpx(make_qdpx(tmp_path, src, {"sources/t1.txt": TEXT}),
                  mapping={"Governance": ("governance", "governance"), "Stability": ("history", "system stability")})
    written = p.write(tmp_path / "case")
    assert [w.name for w in written] == ["codebook.csv", "segments.csv"]
    seg = pd.read_csv(tmp_path / "case" / "segments.csv", dtype=str, keep_default_na=False)
    assert seg.loc[0].tolist() == ["s1", "p1", "Governance/Leadership", "Who leads?", f"p1:{s}-{e}", "ann"]
    cb = pd.read_csv(tmp_path / "case" / "codebook.csv", dtype=str, keep_default_na=False)
    assert cb.columns.tolist() == ["code", "theme", "dimension", "description", "parent"]
    assert (cb["dimension"] != "").all()
    with pytest.raises(Exception, match="overwrite=True"):
        p.write(tmp_path / "case")


def test_windows_1252_source_warns(tmp_path):
    text = "Siân said: the café partnership works."
    s, e = span(text, "café partnership")
    src = (f'<TextSource guid="t1" name="x" plainTextPath="internal://t1.txt">'
           f'{selection("s1", s, e, "c-hist")}</TextSource>')
    p = read_qdpx(make_qdpx(tmp_path, src, {"sources/t1.txt": text.encode("cp1252")}))
    assert p.segments.loc[0, "excerpt"] == "café partnership"
    assert "decoded-cp1252" in [w.code for w in p.warnings]


# ----------------------------------------------------------------------------- errors


def _write_zip(path, members):
    with zipfile.ZipFile(path, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    return path


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda d: (d / "x.qdpx").write_text("name,code\n") and d / "x.qdpx", "not a ZIP archive"),
        (lambda d: _write_zip(d / "x.qdpx", {"word/document.xml": "<w/>"}), "holds no .qde file"),
        (lambda d: _write_zip(d / "x.qdpx", {"project.qde": "<Project name='x'"}), "cannot be parsed"),
        (lambda d: _write_zip(d / "x.qdpx", {"project.qde": '<Project xmlns="urn:other" name="x"/>'}),
         "namespace 'urn:other'"),
        (lambda d: _write_zip(d / "x.qdpx", {"project.qde": '<Project name="x"/>'}), "without a namespace"),
        (lambda d: _write_zip(d / "x.qdpx", {"a.qde": f"<Project {NS}/>", "b.qde": f"<Project {NS}/>"}),
         "several .qde files"),
        (lambda d: (d / "b.qdc").write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>') and d / "b.qdc",
         "read_qdc"),
        (lambda d: d / "missing.qdpx", "no such file"),
    ],
    ids=["not-zip", "no-qde", "bad-xml", "wrong-namespace", "no-namespace", "two-qde", "codebook-given",
         "missing-file"],
)
def test_not_a_refi_project(tmp_path, make, match):
    with pytest.raises(QdaImportError, match=match):
        read_qdpx(make(tmp_path))


def test_read_qdc_rejects_other_xml(tmp_path):
    path = tmp_path / "x.qdc"
    path.write_text('<CodeBook xmlns="urn:QDA-XML:project:1.0"/>')
    with pytest.raises(QdaImportError, match="expected 'CodeBook' in namespace 'urn:QDA-XML:codebook:1.0'"):
        read_qdc(path)


def test_project_problems_listed_together(tmp_path):
    src = (f'<TextSource guid="t1" name="a" plainTextPath="internal://t1.txt">{selection("s1", 5, 999, "c-top")}'
           f'{selection("s2", 0, 5, "c-nope")}</TextSource>'
           f'<TextSource guid="t2" name="b" plainTextPath="relative://b.txt">'
           f'{selection("s3", 0, 5, "c-top")}</TextSource>')
    with pytest.raises(QdaImportError) as info:
        read_qdpx(make_qdpx(tmp_path, src, {"sources/t1.txt": TEXT}))
    assert sorted(p.code for p in info.value.problems) == ["missing-source", "selection-out-of-range", "unknown-code"]
    assert "points outside the archive" in str(info.value)


@pytest.mark.parametrize(
    "mapping, match",
    [
        ({"Leadrship": ("x", "governance")}, "did you mean .*'Governance/Leadership'"),
        ({"Leadership": ("x", "governance")}, "several codes have this name"),
        ({"Governance": ("x", "govrnance")}, "did you mean 'governance'"),
    ],
    ids=["unknown-code", "ambiguous-name", "bad-dimension"],
)
def test_mapping_errors(tmp_path, mapping, match):
    src = '<TextSource guid="t1" name="a"><PlainTextContent>x</PlainTextContent></TextSource>'
    with pytest.raises(CodebookError, match=match):
        read_qdpx(make_qdpx(tmp_path, src), mapping=mapping)


def test_imported_project_loads_as_a_case(tmp_path):
    import shutil

    import partnet
    from partnet import themes

    folder = tmp_path / "qc"
    shutil.copytree(Path(__file__).parent / "fixtures" / "example", folder)
    (folder / "case.yaml").write_text((folder / "case.yaml").read_text().replace("id: example", "id: qc"))
    roster = pd.read_csv(folder / "people.csv", dtype=str)
    mapping = {"rq1_definition": ("definition", "governance"),
               "rq2_curriculum_and_instruction": ("curriculum", "system stability"),
               "rq3_process": ("process", "network structure")}
    p = read_qdpx(QC_DEMO, mapping=mapping, people=roster, cases={"board_2017": "Ada Quintrell"})
    assert set(p.segments["person_id"]) == {"p1"}
    p.write(folder, overwrite=True)
    case = partnet.load_case(folder)
    assert len(case.segments) == 205 and case.segments["segment_id"].nunique() == 158
    assert len(case.codebook) == 262
    f = themes.frequencies(case)
    assert list(f.index) == ["definition", "curriculum", "process"]
    # distinct selections per top-level code (a selection may carry codes of two of them)
    assert f["segments"].tolist() == [58, 85, 36]
    assert f["people"].tolist() == [1, 1, 1]

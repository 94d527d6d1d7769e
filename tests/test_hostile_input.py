"""Hostile and broken input: every one ends as a clean problem, never a traceback, a hang or memory exhaustion.

The resource findings run the command line in a subprocess with its address
space capped (``RLIMIT_AS``) and a timeout, so that a regression fails the
test (MemoryError, a traceback, or the timeout) rather than the machine.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest

from partnet import load_case
from partnet._archive import read_member
from partnet.case import check_case, roster
from partnet.cli import main
from partnet.errors import QdaImportError
from partnet.readers import (
    EMPTY_ROW_RUN,
    MAX_FILE_BYTES,
    MAX_WORKBOOK_CELLS,
    MAX_YAML_BYTES,
    MAX_ZIP_MEMBERS,
    clean_text,
)
from partnet.refiqda import MAX_QDPX_BYTES, read_qdpx

from ._builders import PEOPLE

#: Address space the command may use: far more than any of these inputs needs when
#: read within the limits, far less than reading any of them whole would take.
MEMORY_CAP = 1_500_000_000
NS = 'xmlns="urn:QDA-XML:project:1.0"'


def _cap_memory():  # runs in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_capped(*args, timeout=120):
    """``partnet ARGS`` in a subprocess with memory capped; (returncode, stdout + stderr)."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    code = "import sys; from partnet.cli import main; sys.exit(main(sys.argv[1:]))"
    result = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                            timeout=timeout, preexec_fn=_cap_memory, env=env)
    return result.returncode, result.stdout + result.stderr


def no_traceback(output: str) -> bool:
    return "Traceback" not in output and "MemoryError" not in output


def codes(problems, code):
    return [p for p in problems if p.code == code]


# ----------------------------------------------------------------------------- 1. ZIP bombs in a .qdpx


QDE = (f'<?xml version="1.0" encoding="utf-8"?><Project {NS} name="bomb"><CodeBook><Codes>'
       '<Code guid="c1" name="leadership" isCodable="true"/></Codes></CodeBook><Sources>'
       '<TextSource guid="t1" name="Ada Quintrell" plainTextPath="internal://big.txt">'
       '<PlainTextSelection guid="s1" startPosition="0" endPosition="5"><Coding guid="k1">'
       '<CodeRef targetGUID="c1"/></Coding></PlainTextSelection></TextSource></Sources></Project>')


def _bomb(path: Path, member_bytes: int, chunk: int = 1 << 20) -> Path:
    """A .qdpx whose source text is ``member_bytes`` zeros, stream-written: never held in memory here."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("project.qde", QDE)
        info = zipfile.ZipInfo("sources/big.txt")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as f:
            block = bytes(chunk)
            for _ in range(member_bytes // chunk):
                f.write(block)
    return path


@pytest.fixture(scope="module")
def gib_bomb(tmp_path_factory):
    """2 MB on disk, 2 GiB unpacked (about 4 s to write)."""
    return _bomb(tmp_path_factory.mktemp("qdpx") / "bomb.qdpx", 2 * 1024 ** 3)


def test_qdpx_member_of_2_gib_is_refused_unread(gib_bomb, make_case, capsys):
    assert gib_bomb.stat().st_size < 5_000_000
    with pytest.raises(QdaImportError) as info:
        read_qdpx(gib_bomb)
    assert [(p.code, p.file, p.value) for p in info.value.problems] == [
        ("archive-limit", "bomb.qdpx", "sources/big.txt")]
    message = str(info.value)
    assert message.startswith("bomb.qdpx: ") and "'sources/big.txt' unpacks to 2.0 GiB" in message
    assert "ZIP bomb" in message
    folder = make_case()
    assert main(["import-qda", str(gib_bomb), str(folder), "--overwrite"]) == 1
    out = capsys.readouterr()
    assert "bomb.qdpx" in out.err and "sources/big.txt" in out.err and no_traceback(out.out + out.err)


def test_qdpx_bomb_through_the_command_line_in_bounded_memory(gib_bomb, make_case):
    status, output = run_capped("import-qda", gib_bomb, make_case(), "--overwrite")
    assert status == 1 and no_traceback(output)
    assert "error: bomb.qdpx:" in output and "'sources/big.txt' unpacks to 2.0 GiB" in output


def test_qdpx_member_compressed_too_well_is_refused(tmp_path):
    path = _bomb(tmp_path / "ratio.qdpx", 50 * 1024 ** 2)  # under the size limit, packed about 1,000 times
    with pytest.raises(QdaImportError, match=r"ratio.qdpx: the member 'sources/big.txt' is compressed [\d,]+ times"):
        read_qdpx(path)


def test_qdpx_member_whose_header_lies_about_its_size(tmp_path):
    """Both headers say 1,000 bytes, the data unpacks to 5 MiB: the size and ratio checks pass on the lie,
    the read stops at the size the directory gives and the CRC check fails: a clean error, not 5 MiB read."""
    path = tmp_path / "liar.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", QDE)
        z.writestr("sources/big.txt", bytes(5 << 20))
    data = bytearray(path.read_bytes())
    name = b"sources/big.txt"
    local = data.rfind(b"PK\x03\x04", 0, data.index(name))  # uncompressed size at offset 22
    central = data.rfind(b"PK\x01\x02", 0, data.rindex(name))  # uncompressed size at offset 24
    for at in (local + 22, central + 24):
        assert int.from_bytes(data[at:at + 4], "little") == 5 << 20
        data[at:at + 4] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(QdaImportError, match="liar.qdpx: the archive member 'sources/big.txt' cannot be unpacked "
                                             r"\(Bad CRC-32"):
        read_qdpx(path)


def test_member_read_stops_at_the_cap_whatever_the_header_says(tmp_path):
    path = _bomb(tmp_path / "cap.qdpx", 4 << 20)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("sources/big.txt")
        with pytest.raises(ValueError, match="unpacks to more than 1.0 MiB although its header says 4.0 MiB"):
            read_member(z, info, limit=1 << 20)


def test_qdpx_announcing_too_many_members_is_refused_before_its_directory_is_read(tmp_path):
    path = tmp_path / "many.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", QDE)
    data = bytearray(path.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    data[end + 8:end + 12] = (65_000).to_bytes(2, "little") * 2  # entries on this disk, entries in all
    path.write_bytes(bytes(data))
    with pytest.raises(QdaImportError,
                       match=f"lists 65,000 members, more than partnet opens \\({MAX_ZIP_MEMBERS:,}\\)"):
        read_qdpx(path)


# ----------------------------------------------------------------------------- 2. YAML alias bombs


BILLION_LAUGHS = textwrap.dedent("""\
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    """)
EXAMPLE_YAML = (Path(__file__).parent / "fixtures" / "example" / "case.yaml").read_text(encoding="utf-8")


def test_yaml_alias_bomb_is_refused(make_case, capsys):
    assert len(BILLION_LAUGHS) < 600
    folder = make_case(**{"case.yaml": EXAMPLE_YAML + BILLION_LAUGHS})
    _case, problems = check_case(folder)
    hit = codes(problems, "yaml-alias")
    first_anchor = EXAMPLE_YAML.count("\n") + 1
    assert [(p.file, p.row) for p in hit] == [("case.yaml", first_anchor)]
    assert "anchor or alias" in hit[0].message
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr()
    assert f"case.yaml, row {first_anchor}: case.yaml uses a YAML anchor or alias" in out.err
    assert no_traceback(out.out + out.err)


def test_yaml_alias_bomb_through_the_command_line_in_bounded_memory(make_case):
    status, output = run_capped("validate", make_case(**{"case.yaml": EXAMPLE_YAML + BILLION_LAUGHS}))
    assert status == 1 and no_traceback(output) and "[yaml-alias]" in output


@pytest.mark.parametrize(
    "extra, code, words",
    [
        ("notes: " + "[" * 5000 + "]" * 5000 + "\n", "invalid-yaml", "more than 20 levels deep"),
        ("size: " + "1" * 5000 + "\n", "invalid-yaml", "ValueError"),
        ("# padding\n" * (MAX_YAML_BYTES // 10 + 1), "file-too-large", "larger than partnet reads for case.yaml"),
    ],
    ids=["deep-nesting", "huge-number", "too-large"],
)
def test_case_yaml_that_would_exhaust_the_parser(make_case, capsys, extra, code, words):
    folder = make_case(**{"case.yaml": EXAMPLE_YAML + extra})
    _case, problems = check_case(folder)
    hit = codes(problems, code)
    assert [p.file for p in hit] == ["case.yaml"] and words in hit[0].message
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr()
    assert no_traceback(out.out + out.err)


# ----------------------------------------------------------------------------- 3. workbooks that declare everything


def _declare_everything(path: Path) -> Path:
    """Rewrite every sheet's <dimension> to A1:XFD1048576, as a 7 KB hostile file does."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>', data)
                assert n == 1
            zout.writestr(info, data)
    tmp.replace(path)
    return path


@pytest.fixture
def far_workbook(tmp_path, make_workbook):
    """A valid workbook case whose sheets declare A1:XFD1048576 and whose People sheet has a cell at row 1,000,000."""
    path = make_workbook(tmp_path / "far.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["People"].cell(row=1_000_000, column=2, value="stray note")
    wb["ties"].cell(row=3, column=200, value=None)
    wb.save(path)
    return _declare_everything(path)


def test_workbook_declaring_a1_xfd1048576_reads_only_its_cells(far_workbook, capsys):
    assert far_workbook.stat().st_size < 20_000
    case, problems = check_case(far_workbook)
    assert case is not None and len(case.people) == 4 and len(case.ties) == 3
    hit = codes(problems, "sheet-truncated")
    assert [(p.file, p.row, p.severity) for p in hit] == [("far.xlsx:People", 1_000_000, "warning")]
    assert f"{EMPTY_ROW_RUN:,} empty rows" in hit[0].message
    assert main(["validate", str(far_workbook)]) == 0
    out = capsys.readouterr()
    assert "far.xlsx:People, row 1000000: the table ends at row 5" in out.out and no_traceback(out.out + out.err)


def test_workbook_declaring_a1_xfd1048576_through_the_command_line(far_workbook):
    status, output = run_capped("validate", far_workbook, timeout=120)
    assert status == 0 and no_traceback(output) and "[sheet-truncated]" in output


def test_workbook_spanning_too_many_cells_is_refused(tmp_path, capsys, make_workbook):
    path = make_workbook(tmp_path / "wide.xlsx")
    wb = openpyxl.load_workbook(path)
    rows = MAX_WORKBOOK_CELLS // 16_384 + 2
    for r in range(6, 6 + rows):
        wb["People"].cell(row=r, column=16_384, value="x")  # each such row spans every column to XFD
    wb.save(path)
    path = _declare_everything(path)
    case, problems = check_case(path)
    assert case is None
    assert [(p.code, p.file) for p in problems] == [("sheet-limit", "wide.xlsx:People")]
    assert f"more than {MAX_WORKBOOK_CELLS:,} cells" in problems[0].message
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    assert "wide.xlsx:People, row" in out.err and no_traceback(out.out + out.err)
    status, output = run_capped("validate", path)
    assert status == 1 and no_traceback(output) and "[sheet-limit]" in output


def test_workbook_zip_bomb_is_refused(tmp_path, make_workbook):
    path = make_workbook(tmp_path / "bombwb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        with z.open("xl/media/image1.png", "w", force_zip64=True) as f:
            for _ in range(300):
                f.write(bytes(1 << 20))
    _case, problems = check_case(path)
    assert [(p.code, p.file, p.value) for p in problems] == [("archive-limit", "bombwb.xlsx", "xl/media/image1.png")]
    assert "unpacks to 300.0 MiB" in problems[0].message


# ----------------------------------------------------------------------------- 4. files too large to read


@pytest.mark.parametrize(
    "name, size, what",
    [
        ("people.csv", MAX_FILE_BYTES + 1, "a table"),
        ("ties.csv", MAX_FILE_BYTES + 1, "a table"),
        ("case.yaml", MAX_YAML_BYTES + 1, "case.yaml"),
    ],
)
def test_file_too_large_is_refused_unread(make_case, capsys, name, size, what):
    folder = make_case()
    with open(folder / name, "r+b") as f:
        f.truncate(size)  # sparse: no disk used, and partnet must not read it
    _case, problems = check_case(folder)
    hit = codes(problems, "file-too-large")
    assert [(p.file, p.severity) for p in hit] == [(name, "error")]
    assert f"larger than partnet reads for {what}" in hit[0].message
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr()
    assert f"{name}: the file is larger than partnet reads" in out.err and no_traceback(out.out + out.err)


def test_dl_and_workbook_too_large(make_case):
    folder = make_case(drop=["ties.csv"])
    with open(folder / "ties.dl", "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    with open(folder / "case.xlsx", "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    _case, problems = check_case(folder)
    assert sorted(p.file for p in codes(problems, "file-too-large")) == ["case.xlsx", "ties.dl"]
    assert not codes(problems, "missing-file")  # the tables may be in the workbook: not reported missing


def test_qdpx_too_large_is_refused_unread(tmp_path, make_case, capsys):
    path = tmp_path / "huge.qdpx"
    with open(path, "wb") as f:
        f.truncate(MAX_QDPX_BYTES + 1)
    with pytest.raises(QdaImportError, match="huge.qdpx: the file is 2.0 GiB, larger than partnet opens"):
        read_qdpx(path)
    assert main(["import-qda", str(path), str(make_case()), "--overwrite"]) == 1
    out = capsys.readouterr()
    assert "huge.qdpx" in out.err and no_traceback(out.out + out.err)


# ----------------------------------------------------------------------------- 5. fields of the wrong type


def test_relation_list_is_an_invalid_field(make_case, capsys):
    folder = make_case(**{"case.yaml": EXAMPLE_YAML.replace("relation: egov_contact", "relation: [a, b]")})
    _case, problems = check_case(folder)
    hit = codes(problems, "invalid-field")
    assert [(p.file, p.column, p.value) for p in hit] == [("case.yaml", "relation", "['a', 'b']")]
    assert "relation must be text, not a list" in hit[0].message and "quotes" in hit[0].expected
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr()
    assert "case.yaml, column 'relation': relation must be text, not a list" in out.err
    assert no_traceback(out.out + out.err)


@pytest.mark.parametrize(
    "old, new, column, kind",
    [
        ("title: Example partnership (fictional)", "title: yes", "title", "true/false"),
        ("description: Two organisations", "description: {a: Two organisations}", "description", None),
        ("id: example", "id: 3.5", "id", "a number"),
        ("survey_date: 2026-03-01", "survey_date: [2026-03-01]", "survey_date", "a list"),
    ],
)
def test_other_fields_of_the_wrong_type(make_case, old, new, column, kind):
    text = EXAMPLE_YAML.replace(old, new) if "{" not in new else re.sub(r"description: .*", new, EXAMPLE_YAML)
    _case, problems = check_case(make_case(**{"case.yaml": text}))
    hit = codes(problems, "invalid-field")
    assert [(p.file, p.column) for p in hit] == [("case.yaml", column)]
    assert kind is None or hit[0].message.endswith(kind)


def test_a_number_id_is_read_as_its_text(make_case):
    case = load_case(make_case(name="2024"))  # case.yaml says id: 2024, read by YAML as a number
    assert case.id == "2024" and case.meta["id"] == "2024"


# ----------------------------------------------------------------------------- 6. control characters


def test_control_characters_are_cleaned_with_warnings_and_graph_files_parse(make_case, tmp_path, capsys):
    from partnet.export import export

    people = PEOPLE.replace("Ada Quintrell", "Ada\x0bQuin\x07trell").replace("Cerys Vantongeren",
                                                                              "Cerys\x0bVantongeren")
    segments = ("segment_id,person_id,code,excerpt,source,coder\n"
                "s1,p1,lead_top,\"Without a push\x0bfrom the chief\x07 executives, we wait.\",interview p1,\n"
                "s2,p3,leadership,We need someone at the top\x0c to own this.,interview\x07 p3,\n")
    folder = make_case(people=people, segments=segments)
    case = load_case(folder)
    warned = [(w.code, w.file, w.row, w.column) for w in case.warnings]
    assert warned == [("control-characters", "people.csv", 2, "name"),
                      ("control-characters", "segments.csv", 2, "excerpt"),
                      ("control-characters", "segments.csv", 3, "source")]
    assert "also on row 4" in case.warnings[0].message
    assert list(case.people["name"][:3]) == ["Ada Quintrell", "Bram Okonjo", "Cerys Vantongeren"]
    assert list(case.segments["excerpt"]) == ["Without a push\nfrom the chief executives, we wait.",
                                              "We need someone at the top\n to own this."]
    assert case.segments["source"].iloc[1] == "interview p3"
    for fmt in ("gexf", "graphml"):
        out = export(case, fmt, tmp_path / f"graph.{fmt}")
        root = ET.parse(out).getroot()  # a control character would make this raise
        assert "Ada Quintrell" in ET.tostring(root, encoding="unicode")
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr()
    assert "people.csv, row 2, column 'name': 2 cells held invisible control characters" in out.out
    assert no_traceback(out.out + out.err)


def test_control_characters_in_a_workbook_dl_labels_and_case_yaml(make_case, tmp_path, make_workbook):
    # Excel stores Word's line break as _x000B_; openpyxl passes the escape through.
    path = make_workbook(tmp_path / "ctl.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["People"]["B2"] = "Ada_x000B_Quintrell_x0007_"
    wb.save(path)
    case = load_case(path)
    assert case.people["name"].iloc[0] == "Ada Quintrell"
    assert [(w.file, w.row, w.column) for w in case.warnings if w.code == "control-characters"] == [
        ("ctl.xlsx:People", 2, "name")]

    dl = "dl n=3 format=edgelist1\nlabels:\np1,p2,\"Cerys\x0bVantongeren\"\ndata:\n1 2 3\n1 3 4\x07\n"
    yaml_text = EXAMPLE_YAML.replace("title: Example partnership", 'title: "Example\\a partnership').replace(
        "(fictional)\n", '(fictional)"\n', 1)
    folder = make_case(drop=["ties.csv"], **{"ties.dl": dl, "case.yaml": yaml_text})
    case = load_case(folder)
    assert case.title == "Example partnership (fictional)"
    assert sorted(case.ties["alter"]) == ["p2", "p3"]
    assert sorted((w.file, w.row, w.column) for w in case.warnings if w.code == "control-characters") == [
        ("case.yaml", None, "title"), ("ties.dl", 3, None)]


def test_clean_text_rules():
    assert clean_text("a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i", free_text=True) == "a\nb\nc\nd\ne\nf\ng\nh\ni"
    assert clean_text("a\x0bb\x85c\u2028d") == "a b c d"
    assert clean_text("a\tb", free_text=True) == "a\tb" and clean_text("a\tb") == "a b"
    assert clean_text("a\x00b\x1fc\x7fd\x9fe\ud800f\ufffeg\n\r") == "abcdefg\n\r"


# ----------------------------------------------------------------------------- 7. links out of the case folder


def test_symlink_outside_the_case_folder_is_refused(make_case, tmp_path, capsys):
    folder = make_case()
    secret = tmp_path / "secret.csv"
    secret.write_text((folder / "organisations.csv").read_text() + "Root Shadow,other,1,ROOT\n")
    (folder / "organisations.csv").unlink()
    (folder / "organisations.csv").symlink_to(secret)
    _case, problems = check_case(folder)
    hit = codes(problems, "link-outside-case")
    assert [(p.file, p.value) for p in hit] == [("organisations.csv", str(secret.resolve()))]
    assert "outside the case folder" in hit[0].message
    assert not codes(problems, "missing-file")
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr()
    assert "organisations.csv: the file is a symbolic link to a file outside the case folder" in out.err
    assert "Root Shadow" not in out.out + out.err and no_traceback(out.out + out.err)


@pytest.mark.parametrize("name", ["case.yaml", "people.csv", "ties.dl", "case.xlsx"])
def test_every_file_of_the_case_is_held_to_the_folder(make_case, tmp_path, name):
    folder = make_case()
    outside = tmp_path / f"outside_{name}"
    outside.write_bytes(b"anything")
    (folder / name).unlink(missing_ok=True)
    if name == "ties.dl":
        (folder / "ties.csv").unlink()
    (folder / name).symlink_to(outside)
    _case, problems = check_case(folder)
    assert [p.file for p in codes(problems, "link-outside-case")] == [name]
    if name == "people.csv":
        assert roster(folder) == []


def test_symlink_inside_the_case_folder_is_read(make_case):
    folder = make_case()
    (folder / "data").mkdir()
    (folder / "organisations.csv").rename(folder / "data" / "orgs.csv")
    (folder / "organisations.csv").symlink_to(Path("data") / "orgs.csv")
    assert len(load_case(folder).organisations) == 2


def test_dangling_symlink_is_not_a_file(make_case, tmp_path):
    folder = make_case()
    (folder / "organisations.csv").unlink()
    (folder / "organisations.csv").symlink_to(tmp_path / "gone.csv")
    _case, problems = check_case(folder)
    assert [p.file for p in codes(problems, "missing-file")] == ["organisations.csv"]


# ----------------------------------------------------------------------------- noticed on the way: .qde code trees


def _qde_codes(tmp_path, codes: str) -> Path:
    path = tmp_path / "tree.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", f'<Project {NS} name="t"><CodeBook><Codes>{codes}</Codes></CodeBook></Project>')
    return path


def test_code_tree_nested_thousands_deep_is_refused_not_a_recursion_error(tmp_path):
    codes = "".join(f'<Code guid="g{i}" name="c{i}">' for i in range(3000)) + "</Code>" * 3000
    with pytest.raises(QdaImportError, match="tree.qdpx: the code tree nests more than 100 levels deep"):
        read_qdpx(_qde_codes(tmp_path, codes))


def test_codes_sharing_a_guid_are_refused_not_a_hang(tmp_path):
    with pytest.raises(QdaImportError, match="the codes 'a' and 'b' share the GUID 'x'"):
        read_qdpx(_qde_codes(tmp_path, '<Code guid="x" name="a"><Code guid="x" name="b"/></Code>'))


def test_code_named_like_another_codes_path_gets_a_number_not_a_hang(tmp_path):
    codes = ('<Code guid="1" name="a/b"/><Code guid="2" name="a"><Code guid="3" name="b"/></Code>'
             '<Code guid="4" name="c"><Code guid="5" name="b"/></Code>')
    project = read_qdpx(_qde_codes(tmp_path, codes))
    assert list(project.codes["code"]) == ["a/b", "a", "a/b (2)", "c", "c/b"]

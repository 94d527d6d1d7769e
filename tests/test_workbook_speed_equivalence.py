"""tables.xlsx written fast is the workbook openpyxl writes cell by cell: the same values, formats, layout and bytes.

:func:`partnet.workbook.write_tables_workbook` writes each sheet's cells as XML
itself and lets openpyxl write the rest. These tests pin what an analyst sees
(values, number formats, widths, frozen panes, filters, links, fonts) and
compare the file, byte for byte, with the one openpyxl writes when every cell
is set through its API (:func:`_cell_by_cell`, the way the workbook used to be
written), so that a change of openpyxl's output shows here.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import numpy as np
import openpyxl
import pandas as pd
import pytest

from partnet._xlsx import fixed_dates, text_cells_stay_text
from partnet.export import file_date, sheet_names
from partnet.workbook import (
    _GLOSSARY_CAPTION,
    _LINE_HEIGHT,
    CONTENTS,
    GLOSSARY,
    MAX_WIDTH,
    MIN_WIDTH,
    PERSON,
    _glossary_table,
    _Grid,
    _shown_length,
    _styles,
    write_tables_workbook,
)

WORDS = pd.DataFrame({"code": ["density", "ties", "organisation"], "label": ["Density", "Ties", "Organisation"],
                      "meaning": ["Share of possible ties present", "=Ties reported", "The person's employer"]})


def _cell_by_cell(tables, path, *, date=None, glossary=None):
    """The workbook as openpyxl writes it when every cell is set through its API (partnet 's former writer)."""
    import textwrap

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    def write_sheet(ws, grid, styles):
        if not grid.headers:
            return
        for j, header in enumerate(grid.headers, start=1):
            cell = ws.cell(row=1, column=j, value=header)
            cell.font, cell.alignment, cell.border = (styles["header_font"], styles["header_alignment"],
                                                      styles["header_border"])
        lines = 1
        for j, (header, cells, formats) in enumerate(zip(grid.headers, grid.columns, grid.formats), start=1):
            longest = max((_shown_length(v, f) for v, f in zip(cells, formats)), default=0)
            word = max((len(w) for w in header.split()), default=0)
            width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2, word + 2))
            for i, (value, fmt) in enumerate(zip(cells, formats), start=2):
                cell = ws.cell(row=i, column=j, value=value)
                if fmt != "General":
                    cell.number_format = fmt
                if longest + 2 > MAX_WIDTH and isinstance(value, str):
                    cell.alignment = styles["wrapped"]
            ws.column_dimensions[get_column_letter(j)].width = width
            lines = max(lines, len(textwrap.wrap(header, width=max(1, int(width) - 1))) or 1)
        if lines > 1:
            ws.row_dimensions[1].height = _LINE_HEIGHT * lines
        ws.freeze_panes = ws.cell(row=2, column=grid.frozen + 1).coordinate
        ws.auto_filter.ref = f"A1:{get_column_letter(len(grid.headers))}{grid.rows + 1}"

    entries = [(name, caption, table, rest[0] if rest else 3) for name, caption, table, *rest in tables]
    grids = [_Grid(table, decimals) for _, _, table, decimals in entries]
    names = sheet_names([CONTENTS, GLOSSARY, *(name for name, *_ in entries)])
    codes = set().union(*(g.codes(skip=(PERSON, "person_id", "pseudonym")) for g in grids))
    words = _glossary_table(glossary, codes)
    listed = [(sheet, caption, grid.rows) for sheet, (_, caption, _, _), grid in zip(names[2:], entries, grids)]
    if words is not None:
        listed.append((names[1], _GLOSSARY_CAPTION, len(words)))
    styles = _styles()
    wb = Workbook()
    ws = wb.active
    ws.title = names[0]
    write_sheet(ws, _Grid(pd.DataFrame(listed, columns=["sheet", "caption", "rows"]).set_index("sheet")), styles)
    for i, (sheet, *_) in enumerate(listed, start=2):
        cell = ws.cell(row=i, column=1)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location="'" + sheet.replace("'", "''") + "'!A1")
        cell.font = styles["link_font"]
    for sheet, grid in zip(names[2:], grids):
        write_sheet(wb.create_sheet(sheet), grid, styles)
    if words is not None:
        write_sheet(wb.create_sheet(names[1]), _Grid(words.set_index("code")), styles)
    for sheet in wb.worksheets:
        text_cells_stay_text(sheet)
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(fixed_dates(buffer.getvalue(), file_date(date)))
    return path


def _tables():
    long_text = "a meaning that runs on for longer than the widest column a sheet has " * 2
    density = pd.DataFrame({"density": [0.25, 1.0, None], "ties": [3, 4, 5],
                            "share of possible ties present": [1 / 3, 0.5, 2.0],
                            "note": ["=SUM(A1)", "  padded ", long_text]},
                           index=pd.Index(["NDC", "ECC", "T&C <ltd>"], name="organisation"))
    people = pd.DataFrame({"person": ["Ada Quintrell", "NDC-01"], "person_id": ["p1", "p2"], "in_degree": [2, 0],
                           "opinion_leader": [True, False], "joined": [dt.date(2025, 3, 1), None],
                           "seen": [pd.Timestamp("2026-02-10 09:30"), pd.Timestamp("2026-02-11")],
                           "score": np.array([0.5, np.nan], dtype="float32"), "flag": ["#N/A", "-"]})
    blocks = pd.DataFrame([[1, 2], [3, 4]], columns=pd.MultiIndex.from_tuples([("to", "NDC"), ("to", "")]),
                          index=pd.MultiIndex.from_tuples([("NDC", 1), ("ECC", 2)]))
    return [("block density", "Density by organisation", density, 2),
            ("people", "+People: who is who", people),
            ("blocks", "Ties between blocks", blocks, 0),
            ("empty", "", pd.DataFrame(columns=["a", "b"])),
            ("profile", "Whole-network profile", pd.Series({"n": 4.0, "density": 0.123456, "inf": np.inf}), 4),
            ("it's", "A quoted sheet name", pd.DataFrame({"x": ["one"]}))]


def test_what_an_analyst_sees(tmp_path):
    out = write_tables_workbook(_tables(), tmp_path / "t.xlsx", date="2026-02-10", glossary=WORDS)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [CONTENTS, "block density", "people", "blocks", "empty", "profile", "it's", GLOSSARY]

    contents = wb[CONTENTS]
    assert [c.value for c in contents["A"]] == ["sheet", "block density", "people", "blocks", "empty", "profile",
                                                "it's", GLOSSARY]
    assert contents["A7"].hyperlink.location == "'it''s'!A1" and contents["A2"].font.u == "single"
    assert contents["B3"].value == "+People: who is who" and contents["B3"].quotePrefix
    assert (contents.freeze_panes, contents.auto_filter.ref) == ("B2", "A1:C8")

    ws = wb["block density"]
    assert [c.value for c in ws[1]] == ["organisation", "density", "ties", "share of possible ties present", "note"]
    assert all(c.font.b and c.alignment.wrap_text and c.border.bottom.style == "thin" for c in ws[1])
    assert [c.value for c in ws["A"][1:]] == ["NDC", "ECC", "T&C <ltd>"]
    assert [(c.value, c.number_format) for c in ws["B"][1:]] == [(0.25, "0.00"), (1, "0"), (None, "General")]
    assert [(c.value, c.number_format) for c in ws["C"][1:]] == [(3, "0"), (4, "0"), (5, "0")]
    assert [c.number_format for c in ws["D"][1:]] == ["0.00", "0.00", "0"] and ws["D2"].value == 1 / 3
    assert (ws["E2"].value, ws["E2"].data_type, ws["E2"].quotePrefix) == ("=SUM(A1)", "s", True)
    assert ws["E3"].value == "  padded " and ws["E4"].alignment.wrap_text and not ws["C2"].alignment.wrap_text
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    assert widths == {"A": 14, "B": 9, "C": MIN_WIDTH, "D": 10, "E": MAX_WIDTH}   # header word, value or 8
    assert ws.row_dimensions[1].height == 4 * _LINE_HEIGHT          # "share of / possible / ties / present"
    assert (ws.freeze_panes, ws.auto_filter.ref, ws.dimensions) == ("B2", "A1:E4", "A1:E4")

    ws = wb["people"]
    assert [c.value for c in ws[1]] == ["person", "person_id", "in_degree", "opinion_leader", "joined", "seen",
                                        "score", "flag"]
    assert ws.freeze_panes == "C2"                                    # the person and the id stay in view
    assert [(c.value, c.number_format) for c in ws[2]][2:] == [
        (2, "0"), (True, "General"), (dt.datetime(2025, 3, 1), "yyyy-mm-dd"),
        (dt.datetime(2026, 2, 10, 9, 30), "yyyy-mm-dd hh:mm:ss"), (0.5, "0.000"), ("#N/A", "General")]
    assert [ws["E3"].value, ws["G3"].value, ws["H2"].data_type, ws["H3"].quotePrefix] == [None, None, "e", True]

    ws = wb["blocks"]
    assert [c.value for c in ws[1]] == ["row 1", "row 2", "to / NDC", "to"] and ws.freeze_panes == "C2"
    ws = wb["empty"]
    assert ([c.value for c in ws[1]], ws.freeze_panes, ws.auto_filter.ref, ws.max_row) == (["a", "b"], "A2", "A1:B1", 1)
    ws = wb["profile"]
    assert [(c.value, c.number_format) for c in ws["B"][1:]] == [(4, "0"), (0.123456, "0.0000"), ("inf", "General")]
    assert [c.value for c in wb[GLOSSARY]["A"]] == ["code", "density", "organisation", "ties"]
    assert wb[GLOSSARY]["C4"].quotePrefix and wb.properties.created == dt.datetime(2026, 2, 10)


@pytest.mark.parametrize("glossary", [WORDS, False], ids=["glossary", "no-glossary"])
def test_the_same_bytes_as_openpyxl_cell_by_cell(glossary, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    fast = write_tables_workbook(_tables(), tmp_path / "fast.xlsx", date="2026-02-10", glossary=glossary)
    slow = _cell_by_cell(_tables(), tmp_path / "slow.xlsx", date="2026-02-10", glossary=glossary)
    with zipfile.ZipFile(fast) as f, zipfile.ZipFile(slow) as s:
        assert f.namelist() == s.namelist()
        assert [n for n in f.namelist() if f.read(n) != s.read(n)] == []
    assert fast.read_bytes() == slow.read_bytes()


def test_a_report_workbook_is_openpyxls_cell_by_cell(tmp_path, monkeypatch):
    import partnet as pn
    from partnet.report import CaseReport
    from partnet.workbook import people_with_keys

    monkeypatch.setattr("partnet.report.outputs._display", lambda item: None)
    rep = CaseReport("shire", anonymise=True, output_dir=tmp_path / "report")
    nodes = pn.metrics.node_table(rep.graph)
    tables = [("nodes", "Every person's position", people_with_keys(nodes, rep.case.pseudonyms, True), 3),
              ("blocks", "Block density", pn.metrics.block_density(rep.graph, "organisation"), 2),
              ("profile", "Profile", pn.metrics.whole_network(rep.graph).rename("value").to_frame(), 3)]
    fast = write_tables_workbook(tables, tmp_path / "fast.xlsx", date=rep.file_date)
    assert fast.read_bytes() == _cell_by_cell(tables, tmp_path / "slow.xlsx", date=rep.file_date).read_bytes()


def test_the_file_is_dated_as_fixed_dates_dates_it(tmp_path):
    out = write_tables_workbook(_tables(), tmp_path / "t.xlsx", date="1970-01-01", glossary=False)
    data = out.read_bytes()
    assert fixed_dates(data, file_date("1970-01-01")) == data
    with zipfile.ZipFile(out) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.create_system for i in z.infolist()} == {3}

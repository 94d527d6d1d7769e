"""The workbook cell rule every workbook partnet writes follows: text stays text.

Used by :mod:`partnet.export` (the tables and graph workbooks) and
:mod:`partnet.template` (the blank data template).
"""

from __future__ import annotations

__all__ = ["FORMULA_STARTS", "text_cells_stay_text"]

#: First characters that make a spreadsheet read a text cell as a formula
#: (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cells_stay_text(ws) -> None:
    """Write every text cell of an openpyxl sheet that a spreadsheet could run as a formula as quoted text.

    A str value starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return (and any cell openpyxl typed ``"f"``: partnet writes no formulas,
    so it came from data) becomes a string cell (``data_type = "s"``) with
    the style's ``quotePrefix`` set, which Excel and LibreOffice keep as text
    even when the cell is edited. Numbers, negative ones included, are not
    str and stay numbers.
    """
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, str) and (cell.data_type == "f" or value.startswith(FORMULA_STARTS)):
                cell.data_type = "s"
                cell.quotePrefix = True

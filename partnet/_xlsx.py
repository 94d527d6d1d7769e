"""What every workbook partnet writes follows: text stays text, and the file carries no time of writing.

Used by :mod:`partnet.export` (the graph workbooks), :mod:`partnet.workbook`
(a report's ``tables.xlsx``) and :mod:`partnet.template` (the blank data
template).
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile

__all__ = ["FORMULA_STARTS", "ZIP_EPOCH", "text_cells_stay_text", "dated_entry", "fixed_dates"]

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


#: The earliest date a zip entry can hold (MS-DOS time).
ZIP_EPOCH = _dt.datetime(1980, 1, 1)


def dated_entry(name: str, when: _dt.datetime, *, compress_type: int, external_attr: int) -> zipfile.ZipInfo:
    """A zip entry dated ``when`` (1980-01-01 at the earliest), as written on Unix: every part of partnet's workbooks.

    Parameters
    ----------
    name : str
        The entry's name in the archive.
    when : datetime.datetime
        Its date (:func:`partnet.export.file_date`).
    compress_type : int
        ``zipfile.ZIP_DEFLATED`` or ``zipfile.ZIP_STORED``.
    external_attr : int
        The entry's file mode and attributes, as openpyxl gave them.

    Returns
    -------
    zipfile.ZipInfo

    Examples
    --------
    >>> entry = dated_entry("a.xml", _dt.datetime(1970, 1, 1), compress_type=zipfile.ZIP_DEFLATED,
    ...                     external_attr=0o600 << 16)
    >>> entry.date_time, entry.create_system
    ((1980, 1, 1, 0, 0, 0), 3)
    """
    entry = zipfile.ZipInfo(name, date_time=max(when, ZIP_EPOCH).timetuple()[:6])
    entry.compress_type = compress_type
    entry.external_attr = external_attr
    entry.create_system = 3          # as on Unix, whichever system wrote it
    return entry


def fixed_dates(data: bytes, when: _dt.datetime) -> bytes:
    """An ``.xlsx`` file with its created and modified properties and every zip entry's date set to ``when``.

    openpyxl dates a workbook's properties (``docProps/core.xml``) and each
    zip entry with the time of writing; this writes them again with
    ``when`` (from :func:`partnet.export.file_date`), so the same tables give
    the same file, byte for byte. The entries keep their order, names,
    contents and compression; only ``docProps/core.xml`` is written again
    (by openpyxl, as it wrote it). A zip entry cannot be dated before 1980:
    an earlier ``when`` dates the entries 1980-01-01.

    Examples
    --------
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as z:
    ...     z.writestr("a.xml", "<a/>")
    >>> fixed = zipfile.ZipFile(io.BytesIO(fixed_dates(buffer.getvalue(), _dt.datetime(2000, 1, 1))))
    >>> [(i.filename, i.date_time) for i in fixed.infolist()]
    [('a.xml', (2000, 1, 1, 0, 0, 0))]
    """
    from openpyxl.packaging.core import DocumentProperties
    from openpyxl.xml.functions import fromstring, tostring

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                properties = DocumentProperties.from_tree(fromstring(content))
                properties.created = properties.modified = when
                content = tostring(properties.to_tree())
            target.writestr(dated_entry(info.filename, when, compress_type=info.compress_type,
                                        external_attr=info.external_attr), content)
    return out.getvalue()

"""Check written outputs for roster names: the last gate before a report is moved into place."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

__all__ = ["TEXT_SUFFIXES", "readable_text", "leaks"]

#: Files read as text when looking for names (PNG and other images are
#: drawn from text that was redacted before drawing).
TEXT_SUFFIXES = {".html", ".htm", ".svg", ".gexf", ".graphml", ".dl", ".csv", ".txt", ".json", ".xml", ".md",
                 ".ipynb", ".tex", ".js", ".css"}

_ZIPPED = {".xlsx", ".docx", ".pptx", ".odt", ".ods"}
_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]+")


def readable_text(path) -> str | None:
    """The text of an output file as a reader (or a search) would see it.

    HTML entities are decoded (a name inside an iframe's ``srcdoc`` or
    written ``O&#x27;Neill`` is still found) and base64 ``data:`` payloads
    (inlined pictures) are dropped. Workbooks and other zipped Office
    files are read through their XML parts. Returns None for a file that
    holds no text (PNG).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.html"
    >>> _ = p.write_text('<img src="data:image/png;base64,QWRh+/Ada/"><iframe srcdoc="&lt;b&gt;Ada&lt;/b&gt;">')
    >>> readable_text(p)
    '<img src=""><iframe srcdoc="<b>Ada</b>">'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _ZIPPED:
        with zipfile.ZipFile(path) as z:
            parts = [z.read(n).decode("utf-8", "replace") for n in sorted(z.namelist())
                     if n.endswith((".xml", ".rels", ".vml"))]
        return html.unescape("\n".join(parts))
    if suffix not in TEXT_SUFFIXES:
        return None
    text = path.read_text(encoding="utf-8", errors="replace")
    return html.unescape(_DATA_URI.sub("", text))


def leaks(folder, people) -> dict[str, list[str]]:
    """Roster names found as whole words in the files under a folder.

    Parameters
    ----------
    folder : str or pathlib.Path
        An output folder (searched recursively) or one file.
    people : pandas.DataFrame, Pseudonyms or iterable of str
        The roster whose names must not appear (see
        :func:`partnet.pseudonyms.leaked_names`).

    Returns
    -------
    dict of str to list of str
        File (relative to ``folder``) -> the name forms found; empty when
        nothing leaked.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "ok.gexf").write_text('<node label="NDC-01"/>')
    >>> _ = (d / "bad.dl").write_text("labels:\\nAda Quintrell,NDC-02")
    >>> leaks(d, ["Ada Quintrell"])
    {'bad.dl': ['Ada Quintrell']}
    """
    from partnet.pseudonyms import leaked_names

    root = Path(folder)
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    found: dict[str, list[str]] = {}
    for path in files:
        text = readable_text(path)
        names = leaked_names(text, people) if text else []
        if names:
            found[path.name if path == root else path.relative_to(root).as_posix()] = names
    return found

"""(private) Writing into a researcher's case folder safely, shared by the imports (not API).

An import (``partnet import-survey``: :mod:`partnet.importing`;
``partnet import-notes``: :mod:`partnet.notes`) replaces a file of the case
as a whole or not at all (:func:`replace_text`), and keeps the file it
replaces under :data:`BACKUP_FOLDER` first (:func:`backup`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["BACKUP_FOLDER", "replace_text", "backup"]

#: Where an import keeps the previous version of a case file it rewrites (``people.csv``,
#: ``responses.csv``, ``notes.csv``), inside the case folder.
BACKUP_FOLDER = Path(".partnet") / "before-import"


def replace_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, line ends as given) beside ``path`` and move it in: the old file or the new, never half.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "notes.csv"
    >>> replace_text(p, "note_id,target_type,note\\n")
    >>> p.read_text(), [f.name for f in p.parent.iterdir()]
    ('note_id,target_type,note\\n', ['notes.csv'])
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def backup(folder: Path, path: Path) -> Path:
    """Copy ``path`` under the case's :data:`BACKUP_FOLDER` as ``<stem>.<n><suffix>``, never over an earlier copy.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "notes.csv").write_text("old")
    >>> [backup(folder, folder / "notes.csv").relative_to(folder).as_posix() for _ in range(2)]
    ['.partnet/before-import/notes.1.csv', '.partnet/before-import/notes.2.csv']
    """
    target_dir = folder / BACKUP_FOLDER
    target_dir.mkdir(parents=True, exist_ok=True)
    n = 1
    while (target := target_dir / f"{path.stem}.{n}{path.suffix}").exists():
        n += 1
    target.write_bytes(path.read_bytes())
    return target

"""Bounded reading of ZIP archives, shared by :mod:`partnet.readers` (``.xlsx``)
and :mod:`partnet.refiqda` (``.qdpx``).

The limits themselves are :mod:`partnet.readers`' (:data:`~partnet.readers.MAX_ZIP_MEMBERS`,
:data:`~partnet.readers.MAX_ZIP_MEMBER_BYTES`, :data:`~partnet.readers.MAX_ZIP_RATIO`,
...); the callers pass them in.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

__all__ = ["size_text", "entry_count", "member_problem", "read_member"]


def size_text(n: int) -> str:
    """A number of bytes as people read it.

    Examples
    --------
    >>> size_text(200 * 1024 * 1024), size_text(1536), size_text(12)
    ('200.0 MiB', '1.5 KiB', '12 bytes')
    """
    for unit, k in (("GiB", 1024 ** 3), ("MiB", 1024 ** 2), ("KiB", 1024)):
        if n >= k:
            return f"{n / k:.1f} {unit}"
    return f"{n} bytes"


def entry_count(path: Path) -> int | None:
    """Entries the archive's end record announces, read before its directory is loaded (None if unknown)."""
    end_record = getattr(zipfile, "_EndRecData", None)  # what ZipFile itself uses; private, hence the guard
    if end_record is None:
        return None
    try:
        with open(path, "rb") as f:
            rec = end_record(f)
    except (OSError, ValueError, zipfile.BadZipFile):
        return None
    return None if not rec else int(rec[getattr(zipfile, "_ECD_ENTRIES_TOTAL", 4)])


def member_problem(info: zipfile.ZipInfo, max_bytes: int, max_ratio: int, ratio_grace_bytes: int) -> str | None:
    """Why one member of an archive may not be unpacked, or None.

    A member may unpack to at most ``max_bytes``; one larger than
    ``ratio_grace_bytes`` may be compressed at most ``max_ratio`` times.
    """
    if info.file_size > max_bytes:
        return (f"the member {info.filename!r} unpacks to {size_text(info.file_size)}, more than partnet unpacks from "
                f"one member ({size_text(max_bytes)})")
    if info.file_size > ratio_grace_bytes and info.file_size > max_ratio * max(info.compress_size, 1):
        return (f"the member {info.filename!r} is compressed {info.file_size // max(info.compress_size, 1):,} "
                f"times ({size_text(info.compress_size)} unpacks to {size_text(info.file_size)}), more than the "
                f"{max_ratio} times real files reach")
    return None


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """A member's bytes read in chunks, raising ValueError past ``limit`` whatever its header says."""
    out = bytearray()
    with zf.open(info) as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            out += chunk
            if len(out) > limit:
                raise ValueError(f"the member {info.filename!r} unpacks to more than {size_text(limit)} although its "
                                 f"header says {size_text(info.file_size)}")
    return bytes(out)

"""Provenance of a report: data checksum, software versions, parameters, date."""

from __future__ import annotations

import datetime as _dt
import os
import platform
from importlib.metadata import PackageNotFoundError, version

import pandas as pd

__all__ = ["KEY_LIBRARIES", "versions", "source_date", "run_date", "provenance"]

#: Libraries whose versions a report states: the ones its numbers and
#: pictures come from, and the ones that made the page.
KEY_LIBRARIES = ("networkx", "igraph", "numpy", "scipy", "pandas", "matplotlib", "seaborn", "pyvis",
                 "papermill", "nbconvert")


def versions() -> dict[str, str]:
    """Versions of Python, partnet and :data:`KEY_LIBRARIES`, as installed.

    Examples
    --------
    >>> v = versions()
    >>> list(v)[:3]
    ['partnet', 'python', 'networkx']
    >>> all(isinstance(x, str) and x for x in v.values())
    True
    """
    from partnet import __version__

    found = {"partnet": __version__, "python": platform.python_version()}
    for name in KEY_LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def source_date() -> _dt.datetime | None:
    """The moment ``SOURCE_DATE_EPOCH`` names (UTC), or None when it is not set (or not a whole number).

    Examples
    --------
    >>> import os
    >>> saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    >>> source_date() is None
    True
    >>> os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    >>> source_date()
    datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)
    >>> _ = os.environ.pop("SOURCE_DATE_EPOCH") if saved is None else os.environ.update(SOURCE_DATE_EPOCH=saved)

    Notes
    -----
    ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) is the reproducible-
    builds convention (https://reproducible-builds.org/specs/source-date-epoch/).
    It dates the provenance of reports (:func:`run_date`) and the metadata
    of every workbook and GEXF file partnet writes
    (:func:`partnet.export.file_date`).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC)


def run_date() -> str:
    """Today's date in UTC (ISO 8601), or the date of ``SOURCE_DATE_EPOCH`` when set.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.get("SOURCE_DATE_EPOCH")
    >>> os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    >>> run_date()
    '2026-01-01'
    >>> _ = os.environ.pop("SOURCE_DATE_EPOCH") if saved is None else os.environ.update(SOURCE_DATE_EPOCH=saved)

    Notes
    -----
    ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) is the reproducible-
    builds convention (https://reproducible-builds.org/specs/source-date-epoch/):
    set it to render an archived report again with the same date.
    """
    when = source_date() or _dt.datetime.now(tz=_dt.UTC)
    return when.date().isoformat()


def provenance(case, parameters: dict) -> pd.DataFrame:
    """The provenance table of a report.

    Parameters
    ----------
    case : partnet.Case or list of partnet.Case
        The case reported on (its ``id`` and ``checksum``), or the cases of
        a cross-case report (one checksum row each).
    parameters : dict
        The analysis parameters as used (after case defaults were applied).

    Returns
    -------
    pandas.DataFrame
        Columns ``item`` and ``value`` (both text): case id, data checksum
        (SHA-256 over the case's files), each parameter, the run date and
        the software versions.

    Examples
    --------
    >>> import partnet as pn
    >>> case = pn.load_case(EXAMPLE_CASE)
    >>> table = provenance(case, {"relation": "egov_contact", "min_frequency": 1})
    >>> table.head(4)
                        item         value
    0                   case       example
    1  data checksum (SHA-256)  ...
    2     parameter: relation  egov_contact
    3  parameter: min_frequency             1
    >>> "software: partnet" in set(table["item"])
    True
    """
    if isinstance(case, (list, tuple)):
        rows = [(f"data checksum (SHA-256): {c.id}", c.checksum) for c in case]
    else:
        rows = [("case", case.id), ("data checksum (SHA-256)", case.checksum)]
    rows += [(f"parameter: {k}", "" if v is None else str(v)) for k, v in parameters.items()]
    rows.append(("date (UTC)", run_date()))
    rows += [(f"software: {k}", v) for k, v in versions().items()]
    return pd.DataFrame(rows, columns=["item", "value"]).astype("string")

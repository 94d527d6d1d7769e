"""Plain Python values from pandas and numpy ones: the one converter for graph
attributes, graph files and the pages partnet writes."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["plain"]


def plain(value):
    """A pandas or numpy value as the plain Python value it stands for; missing as ``None``.

    numpy scalars become Python ones (``np.int64(3)`` is ``3``,
    ``np.bool_(True)`` is ``True``); ``None``, ``pd.NA``, ``pd.NaT`` and NaN
    (Python's or numpy's) become ``None``. Anything else is returned as it
    is, an array of more than one value too.

    Examples
    --------
    >>> import numpy as np
    >>> [plain(v) for v in (np.int64(3), np.float64(0.5), np.bool_(True), np.str_("Shire"), "x", 2)]
    [3, 0.5, True, 'Shire', 'x', 2]
    >>> [plain(v) for v in (None, pd.NA, pd.NaT, float("nan"), np.float32("nan"), np.datetime64("NaT"))]
    [None, None, None, None, None, None]
    >>> type(plain(np.int64(3))), plain(np.array([1, 2]))
    (<class 'int'>, array([1, 2]))
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic) or (hasattr(value, "item") and not isinstance(value, (str, bytes))):
        try:
            value = value.item()
        except (ValueError, AttributeError):  # an array of several values
            pass
    if isinstance(value, float) and value != value:
        return None
    return value

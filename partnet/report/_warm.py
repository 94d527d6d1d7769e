"""What the kernels' template process imports once (:mod:`partnet.report.kernels`); never imported elsewhere.

Importing this module only imports: it creates no figure, kernel, socket
or thread of its own. The template's environment (matplotlib's backend,
threads of linear algebra) is set by :func:`partnet.report.kernels._context`
before the template starts, since importing this module imports
partnet's package, and numpy and matplotlib with it, first.
"""

import os

import ipykernel.ipkernel  # noqa: F401
import ipykernel.kernelapp  # noqa: F401
import matplotlib.pyplot  # noqa: F401
import nbconvert.filters  # noqa: F401
import networkx  # noqa: F401
import pandas  # noqa: F401
import seaborn  # noqa: F401

import partnet  # noqa: F401
from partnet import metrics, mixed, report, themes, viz  # noqa: F401


def _prepare_names() -> None:
    """The run's roster names, if the worker gave them (:func:`partnet.report.kernels.prepare`): forms and regex."""
    import json

    from partnet.pseudonyms import prepare_names
    from partnet.report.kernels import NAMES_VARIABLE

    path = os.environ.pop(NAMES_VARIABLE, None)
    if not path:
        return
    try:
        with open(path, encoding="utf-8") as f:
            names = json.load(f)
    except (OSError, ValueError):
        return
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
    if isinstance(names, list):
        prepare_names(n for n in names if isinstance(n, str))


_prepare_names()

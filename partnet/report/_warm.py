"""What the kernels' template process imports once (:mod:`partnet.report.kernels`); never imported elsewhere.

Importing this module only imports: it creates no figure, kernel, socket
or thread of its own. The template's environment (matplotlib's backend,
threads of linear algebra) is set by :func:`partnet.report.kernels._context`
before the template starts, since importing this module imports
partnet's package, and numpy and matplotlib with it, first.
"""

import os

import igraph  # noqa: F401
import ipykernel.ipkernel  # noqa: F401
import ipykernel.kernelapp  # noqa: F401
import matplotlib.backends.backend_agg  # noqa: F401
import matplotlib.backends.backend_svg  # noqa: F401
import matplotlib.pyplot  # noqa: F401
import mistune.plugins.def_list  # noqa: F401 - the plugins nbconvert's Markdown (the methods page) loads
import mistune.plugins.task_lists  # noqa: F401
import mistune.plugins.url  # noqa: F401
import nbconvert.filters  # noqa: F401
import networkx  # noqa: F401
import openpyxl  # noqa: F401
import openpyxl.packaging.extended  # noqa: F401
import pandas  # noqa: F401
import PIL.Image
import pyvis.network  # noqa: F401
import seaborn  # noqa: F401
import yaml  # noqa: F401

import partnet  # noqa: F401
from partnet import (  # noqa: F401 - what a case-study report uses besides the package's own imports
    case,
    dl,
    export,
    metrics,
    mixed,
    pajek,
    readers,
    report,
    themes,
    validate,
    viz,
    workbook,
)

PIL.Image.preinit()     # the image formats PIL registers on first use (PNG among them): imports only


def _prepare_names() -> None:
    """The run's roster names, if the worker gave them (:func:`partnet.report.kernels.prepare`): forms and regex.

    With the run's rosters too, they are kept as one shared index for the
    kernels' :func:`partnet.report.outputs.hide_other_rosters`
    (:func:`partnet.report.outputs.prepare_rosters`).
    """
    import json

    from partnet.pseudonyms import prepare_names
    from partnet.report.kernels import NAMES_VARIABLE
    from partnet.report.outputs import prepare_rosters

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
    if not isinstance(names, dict):
        return
    if isinstance(names.get("rosters"), list) and names["rosters"]:
        try:
            if prepare_rosters(names["rosters"]):       # the same names' forms and regex, and the shared index
                return
        except (TypeError, ValueError):     # not what a worker writes: each kernel reads the rosters itself
            pass
    if isinstance(names.get("names"), list):
        prepare_names(n for n in names["names"] if isinstance(n, str))


_prepare_names()

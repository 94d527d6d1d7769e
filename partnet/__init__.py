"""partnet: partnership networks and coded interviews, side by side.

Load a case study, analyse its network with UCINET's conventions, set each
person's network position beside what they said, and render offline
reports. Submodules are imported on first use, so ``import partnet`` is
quick::

    import partnet as pn
    case = pn.load_case("data/examples/shire")
    G = case.graph()
    pn.metrics.whole_network(G)
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version

from partnet import jupyter
from partnet.errors import (
    CodebookError,
    DataError,
    GraphError,
    NotebookFailed,
    ParameterError,
    PartnetError,
    Problem,
    QdaImportError,
    ReportError,
    SynthError,
)

try:
    __version__ = version("partnet")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

_SUBMODULES = (
    "agreement",
    "case",
    "dl",
    "explorer",
    "export",
    "importing",
    "jupyter",
    "metrics",
    "mixed",
    "netcanvas",
    "notes",
    "options",
    "pajek",
    "pseudonyms",
    "readers",
    "refiqda",
    "report",
    "schema",
    "survey",
    "synth",
    "template",
    "themes",
    "validate",
    "viz",
    "vocabulary",
)

__all__ = [
    "__version__",
    "load_case",
    "Case",
    "PartnetError",
    "DataError",
    "CodebookError",
    "QdaImportError",
    "ReportError",
    "NotebookFailed",
    "ParameterError",
    "GraphError",
    "SynthError",
    "Problem",
    "explore",
    *_SUBMODULES,
]


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f"partnet.{name}")
    if name == "explore":
        from partnet.explorer import explore

        return explore
    if name in ("load_case", "Case"):
        from partnet import case as _case

        return getattr(_case, name)
    raise AttributeError(f"module 'partnet' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))


# In a Jupyter kernel (JupyterLab, papermill) partnet's own errors show as their message, not a traceback.
if jupyter.kernel_shell() is not None:
    jupyter.short_errors(jupyter.kernel_shell())

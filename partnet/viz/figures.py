"""Figure setup shared by every publication figure: style, new axes, display and saving.

The figures themselves live in :mod:`partnet.viz.sociograms` (network
drawings: :func:`~partnet.viz.sociograms.sociogram`,
:func:`~partnet.viz.sociograms.ego_network`) and :mod:`partnet.viz.charts`
(statistical charts: block densities, degree distributions, themes by
position, case comparisons). Each draws on an axes and returns it;
``ax=None`` makes a new figure with :func:`new_axes` on matplotlib's Agg
canvas (no pyplot state, no window, nothing left open; in a notebook
``ax.figure`` shows itself as a PNG, :class:`NotebookFigure`); pass an
axes to place a drawing in a figure of your own. Every figure is drawn
under :data:`STYLE`, and :func:`save_figure` writes PNG and SVG that are
byte-identical from run to run, with text kept as text in the SVG.
Colours come from :mod:`partnet.viz.palette`, the same as the interactive
page and the ego sheets.

For compatibility, the drawings and charts that used to be defined here
are still importable from this module (``from partnet.viz.figures import
sociogram``): ``sociogram`` and ``ego_network`` from
:mod:`partnet.viz.sociograms`; ``block_density_heatmap``,
``degree_distribution``, ``theme_position_heatmap`` and
``case_comparison_bars`` from :mod:`partnet.viz.charts`. They are looked
up on first use (module ``__getattr__``), as those modules import the
setup from here.
"""

from __future__ import annotations

import io
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib
from matplotlib.figure import Figure

from partnet.errors import ParameterError, PartnetError

if TYPE_CHECKING:  # given out by __getattr__ (below): those modules import this one
    from partnet.viz.charts import (
        block_density_heatmap,
        case_comparison_bars,
        degree_distribution,
        theme_position_heatmap,
    )
    from partnet.viz.sociograms import ego_network, sociogram

__all__ = [
    "STYLE",
    "new_axes",
    "sociogram",
    "ego_network",
    "block_density_heatmap",
    "degree_distribution",
    "theme_position_heatmap",
    "case_comparison_bars",
    "save_figure",
]

#: Matplotlib settings for every partnet figure: small serif-free type for
#: print, text kept as text in SVG, no maths parsing of names ("$" stays "$"),
#: unhinted text (widths independent of the resolution), a fixed hash salt
#: so SVG ids do not change between runs.
STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Liberation Sans"],
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 7,
    "legend.title_fontsize": 7,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.parse_math": False,
    # Unhinted glyphs: text is as wide at 110 dpi as at 300, so names placed
    # apart when the figure was drawn stay apart in every saved size.
    "text.hinting": "no_hinting",
    "svg.fonttype": "none",
    "svg.hashsalt": "partnet",
    "savefig.dpi": 300,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.05,
    "figure.dpi": 100,
    "path.simplify": True,
}


class NotebookFigure(Figure):
    """A Figure that shows itself in Jupyter as a PNG, without pyplot."""

    def _repr_png_(self):
        buf = io.BytesIO()
        with matplotlib.rc_context(STYLE):
            self.savefig(buf, format="png", dpi=120, metadata={"Software": None})
        return buf.getvalue()


def new_axes(figsize=(6.5, 4.5), rect=None):
    """A new figure on the Agg canvas and its one axes (no pyplot state).

    With ``rect`` (left, bottom, width, height as figure fractions) the
    axes is placed there and the figure has no automatic layout; else the
    layout is "constrained".

    Examples
    --------
    >>> ax = new_axes((3, 2))
    >>> type(ax.figure.canvas).__name__, ax.figure.get_size_inches().tolist()
    ('FigureCanvasAgg', [3.0, 2.0])
    >>> ax.figure._repr_png_()[:4]  # shown as a picture in a notebook
    b'\x89PNG'

    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with matplotlib.rc_context(STYLE):
        fig = NotebookFigure(figsize=figsize, layout=None if rect is not None else "constrained")
        FigureCanvasAgg(fig)
        return fig.add_axes(rect) if rect is not None else fig.add_subplot()


def save_figure(fig, path_stem, *, formats=("png", "svg"), dpi: int = 300) -> list[Path]:
    """Write a figure as PNG and SVG that are byte-identical between runs.

    Parameters
    ----------
    fig : matplotlib.figure.Figure or matplotlib.axes.Axes
        The figure (an axes stands for its figure).
    path_stem : str or pathlib.Path
        Path without extension; ``.png`` and ``.svg`` are added.
    formats : tuple of str, default ("png", "svg")
        Formats to write (also ``"pdf"``).
    dpi : int, default 300
        Resolution of the PNG.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    ParameterError
        For an unknown format.
    PartnetError
        If a file cannot be written.

    Notes
    -----
    SVG keeps text as ``<text>`` (``svg.fonttype = "none"``), so names and
    labels stay searchable and editable; ids come from a fixed
    ``svg.hashsalt`` and no date is written (``metadata={"Date": None}``).
    PNG is written without the "Software" entry, PDF without dates, so
    nothing in the files depends on when or with which version they were
    made.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> ax = new_axes((2, 2)); _ = ax.plot([0, 1], [0, 1])
    >>> stem = pathlib.Path(tempfile.mkdtemp()) / "line"
    >>> [p.name for p in save_figure(ax, stem)]
    ['line.png', 'line.svg']
    """
    from matplotlib.axes import Axes

    if isinstance(fig, Axes):
        fig = fig.figure
    metadata = {"png": {"Software": None}, "svg": {"Date": None, "Creator": "partnet"},
                "pdf": {"CreationDate": None, "ModDate": None, "Creator": "partnet", "Producer": "partnet"}}
    unknown = [f for f in formats if f not in metadata]
    if unknown:
        raise ParameterError(f"formats must be among png, svg, pdf; {unknown[0]!r} was given")
    stem = Path(path_stem)
    written = []
    extra = {"png": {"pil_kwargs": {"compress_level": 3}}}    # zlib 3: faster than 6 and no larger here
    with matplotlib.rc_context(STYLE):
        try:
            stem.parent.mkdir(parents=True, exist_ok=True)
            for fmt in formats:
                path = stem.with_name(stem.name + f".{fmt}")
                fig.savefig(path, format=fmt, dpi=dpi, metadata=metadata[fmt], **extra.get(fmt, {}))
                written.append(path)
        except OSError as exc:
            raise PartnetError(f"cannot write the figure {stem}: {exc.strerror or exc}") from exc
    return written


#: Where the figures once defined here live now; this module still gives them out.
_MOVED = {
    "sociogram": "partnet.viz.sociograms",
    "ego_network": "partnet.viz.sociograms",
    "block_density_heatmap": "partnet.viz.charts",
    "degree_distribution": "partnet.viz.charts",
    "theme_position_heatmap": "partnet.viz.charts",
    "case_comparison_bars": "partnet.viz.charts",
}


def __getattr__(name: str):
    """A figure that moved to :mod:`partnet.viz.sociograms` or :mod:`partnet.viz.charts`, by its old path."""
    if name in _MOVED:
        return getattr(import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_MOVED})

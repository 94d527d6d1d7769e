"""The live explorer of a case in JupyterLab: widgets that redraw the network and its key tables in place.

:func:`explore` gives an :class:`Explorer`: drop-downs and sliders for the
relation, the least tie value kept, the treatment of non-respondents, the
wave, the colouring and the node size (ipywidgets), over the workshop page
of the network as those options make it (:func:`partnet.viz.interactive`)
and two tables: the whole-network profile and who ranks highest on the
size measure. Changing a widget recomputes the graph and redraws the page
and the tables without re-running a cell.

A notebook saved with an explorer in it keeps a small static picture of
the network as the cell first drew it, with a line saying how to get the
live network back (:meth:`Explorer.static_html`): the live widgets hide it
while they run, and a notebook opened again, where the widgets cannot
show, shows it (trusted or not). The page itself lives in the widgets'
state, which JupyterLab does not save by default, so a saved run keeps
the picture (about 70 KB), not the page (about 800 KB).
"""

from __future__ import annotations

import base64
import html
import uuid

import pandas as pd

from partnet.errors import ParameterError, check_choice
from partnet.viz._shared import term_label

__all__ = ["explore", "Explorer", "RELOAD_NOTE"]

#: The line under the static picture a reopened notebook shows in place of the live widgets.
RELOAD_NOTE = ("Static picture of the network as this cell first drew it: run the cell again for the live network "
               "and its controls.")

_PROFILE_ROWS = ("n", "ties", "density", "reciprocity_dyad", "transitivity", "components",
                 "in_degree_centralization", "out_degree_centralization", "degree_centralization",
                 "betweenness_centralization")


def explore(case, *, relation: str | None = None, min_frequency: int | None = None,
            nonrespondents: str | None = None, wave: str | None = None, colour_by: str = "org_type",
            size_by: str = "in_degree", anonymise: bool | None = None, seed: int = 0, top: int = 10,
            height: int = 620) -> Explorer:
    """Live widgets over a case's network and key tables, for JupyterLab.

    Parameters
    ----------
    case : partnet.Case, str or pathlib.Path
        A loaded case, its folder, or the id of a bundled demo case.
    relation, min_frequency, nonrespondents, wave
        Where the widgets start; None: the case's own (``case.yaml``), as
        ``case.graph()`` takes them. Every value is checked at once, with
        the nearest valid one named.
    colour_by : str, default "org_type"
        Where the colour widget starts: one of
        :data:`partnet.viz.interactive.COLOUR_CHOICES` the case has.
    size_by : str, default "in_degree"
        Where the size widget starts: a node-table column of numbers (an
        undirected network's ``in_degree`` is its ``degree``).
    anonymise : bool, optional
        Pseudonyms only (fixed for the explorer's life: it is a promise
        made to the participants, not a view). A case whose ``case.yaml``
        says ``anonymise: true`` is anonymised whatever is given.
    seed : int, default 0
        Layout seed: the same options and seed give the same picture.
    top : int, default 10
        Rows of the "who ranks highest" table.
    height : int, default 620
        Height of the network in pixels.

    Returns
    -------
    Explorer
        Shown by a notebook as the widgets; ``.controls`` are the widgets
        by option name, ``.graph``, ``.node_table``, ``.tables`` and
        ``.page`` what they show now.

    Raises
    ------
    ParameterError
        An option that is not valid for the case (with the nearest valid
        value), or a case that is not found.

    Examples
    --------
    >>> ex = explore(EXAMPLE_CASE, seed=1)
    >>> ex.graph.number_of_edges(), ex.controls["min_frequency"].value
    (3, 1)
    >>> ex.controls["min_frequency"].value = 3      # what moving the slider to "3 monthly" does
    >>> ex.graph.number_of_edges(), ex.tables["profile"].iloc[1]["measure"], int(ex.tables["profile"].iloc[1]["value"])
    (2, 'ties', 2)
    """
    return Explorer(case, relation=relation, min_frequency=min_frequency, nonrespondents=nonrespondents,
                    wave=wave, colour_by=colour_by, size_by=size_by, anonymise=anonymise, seed=seed, top=top,
                    height=height)


class Explorer:
    """The widgets of :func:`explore` and what they show now.

    Attributes
    ----------
    case : partnet.Case
    controls : dict
        Option name (``relation``, ``min_frequency``, ``nonrespondents``,
        ``wave``, ``colour_by``, ``size_by``) -> its ipywidgets widget. A
        case without waves has no ``wave``; a relation without tie values
        keeps the slider, disabled at 1.
    graph : networkx.DiGraph or networkx.Graph
        The network the widgets make now (``case.graph(...)``).
    node_table : pandas.DataFrame
        ``partnet.metrics.node_table(graph)``.
    tables : dict of pandas.DataFrame
        ``profile`` (the whole-network profile, in plain words) and
        ``ranking`` (the ``top`` people by the size measure, shown by
        name or pseudonym as the explorer shows them).
    page : partnet.viz.interactive.NetworkPage
        The workshop page drawn now.
    widget : ipywidgets.VBox
        Controls, network and tables, as the notebook shows them.
    """

    def __init__(self, case, *, relation, min_frequency, nonrespondents, wave, colour_by, size_by, anonymise,
                 seed, top, height):
        import ipywidgets as w

        from partnet.case import Case, load_case
        from partnet.options import check_anonymise, check_seed
        from partnet.report.paths import resolve_case
        from partnet.viz.interactive import COLOUR_CHOICES

        if anonymise is not None:
            check_anonymise(anonymise)
        self.case = case if isinstance(case, Case) else load_case(resolve_case(case))
        self.anonymise = self.case.anonymised(bool(anonymise))
        self.seed = check_seed(seed)
        if isinstance(top, bool) or not isinstance(top, int) or top < 1:
            raise ParameterError(f"top must be a whole number of rows, at least 1; {top!r} was given")
        if isinstance(height, bool) or not isinstance(height, int) or height < 200:
            raise ParameterError(f"height must be a whole number of pixels, at least 200; {height!r} was given")
        self.top, self.height = top, height
        # The options as case.graph() takes them: checked at once, the case's defaults filled in.
        first = self.case.graph(relation=relation, min_frequency=min_frequency, nonrespondents=nonrespondents,
                                **({"wave": wave} if wave is not None else {}))
        colours = [c for c in COLOUR_CHOICES if any(d.get(c) is not None for _, d in first.nodes(data=True))]
        colour_by = check_choice(colour_by, colours, "colour_by", what="an attribute to colour by")

        style = {"description_width": "9em"}
        layout = w.Layout(width="24em")
        self.controls = {
            "relation": w.Dropdown(options=list(self.case.relations), value=first.graph["relation"],
                                   description="Relation", style=style, layout=layout,
                                   disabled=len(self.case.relations) < 2),
            "min_frequency": w.SelectionSlider(options=[("1", 1)], value=1, description="Ties at least",
                                               style=style, layout=layout, continuous_update=False),
            "nonrespondents": w.Dropdown(options=[("keep them", "keep"), ("drop them", "drop"),
                                                  ("reconstruct their ties", "reconstruct")],
                                         value=first.graph["nonrespondents"], description="Non-respondents",
                                         style=style, layout=layout),
        }
        if self.case.waves:
            self.controls["wave"] = w.Dropdown(options=list(self.case.waves), value=first.graph["wave"],
                                               description="Wave", style=style, layout=layout)
        self.controls["colour_by"] = w.Dropdown(options=[(term_label(c), c) for c in colours], value=colour_by,
                                                description="Colour by", style=style, layout=layout)
        self.controls["size_by"] = w.Dropdown(options=[("in-degree", "in_degree")], value="in_degree",
                                              description="Size by", style=style, layout=layout)
        self._scale_options(first, first.graph["min_frequency"])
        self._graph_view = w.HTML()
        self._tables_view = w.HTML()
        self._status = w.HTML()
        self.widget = w.VBox([
            w.HBox([w.VBox(list(self.controls.values())[:3]), w.VBox(list(self.controls.values())[3:])]),
            self._status, self._graph_view, self._tables_view])
        self._size_by = size_by
        self._busy = False
        self._id = uuid.uuid4().hex[:12]
        self._draw(first, size_by=size_by)
        for control in self.controls.values():
            control.observe(self._changed, names="value")

    def __repr__(self) -> str:
        return (f"<Explorer {self.case.id!r}: {self.graph.number_of_nodes()} people, "
                f"{self.graph.number_of_edges()} ties>")

    # ------------------------------------------------------------------ updates

    def _scale_options(self, G, value) -> None:
        """The tie-value slider over the relation's scale, at ``value``."""
        from partnet.schema import FREQUENCY_LABELS

        control = self.controls["min_frequency"]
        scale = G.graph.get("scale", "frequency")
        if scale == "frequency":
            options = [(f"{k} {FREQUENCY_LABELS[k]}", k) for k in sorted(FREQUENCY_LABELS)]
        elif scale == "count":
            top = int(G.graph.get("highest") or 1)
            options = [(str(k), k) for k in range(1, max(top, 1) + 1)]
        else:
            options = [("1", 1)]
        self._busy = True
        try:
            control.options = options
            control.value = value if value in [v for _, v in options] else options[0][1]
            control.disabled = scale == "binary"
        finally:
            self._busy = False

    def _changed(self, change) -> None:
        if self._busy:
            return
        owner = change["owner"]
        name = next(k for k, c in self.controls.items() if c is owner)
        options = {k: c.value for k, c in self.controls.items() if k not in ("colour_by", "size_by")}
        if name == "relation":
            options["min_frequency"] = self.case.relation_spec(options["relation"]).lowest
        G = self.case.graph(**options)
        if name == "relation":
            self._scale_options(G, G.graph["min_frequency"])
        if name == "size_by":
            self._size_by = owner.value
        # the size asked for, as this network has it (an undirected network's in_degree is its degree, and
        # back again when a directed relation is chosen)
        self._draw(G, size_by=self._size_by)

    def _draw(self, G, *, size_by) -> None:
        """Compute the node table, the page and the tables of ``G``; show them."""
        from partnet import metrics
        from partnet.viz.interactive import check_size_by, interactive, size_choices

        table = metrics.node_table(G)
        size_by = check_size_by(size_by, table)
        self._busy = True
        try:
            control = self.controls["size_by"]
            control.options = [(term_label(c), c) for c in size_choices(table)]
            control.value = size_by
        finally:
            self._busy = False
        self.graph, self.node_table = G, table
        title = self.case.pseudonyms.redact(self.case.title, self.anonymise)
        self.page = interactive(G, table, colour_by=self.controls["colour_by"].value, size_by=size_by,
                                anonymise=self.anonymise, seed=self.seed, title=title, case=self.case)
        self.tables = {"profile": self._profile(G), "ranking": self._ranking(table, size_by)}
        self._graph_view.value = self.page.embed_html(height=self.height)
        self._tables_view.value = self._tables_html()
        shown = ", ".join(f"{term_label(k)}: {html.escape(str(v))}" for k, v in
                          (("relation", G.graph["relation"]), ("ties at least", G.graph["min_frequency"]),
                           ("non-respondents", G.graph["nonrespondents"]), ("wave", G.graph.get("wave"))) if v)
        # the style hides the static picture of this explorer while the widgets live (static_html)
        self._status.value = (f'<style>div.partnet-static[data-explorer="{self._id}"] {{ display: none; }}</style>'
                              f"<p><b>{G.number_of_nodes()} people, {G.number_of_edges()} ties</b> ({shown})</p>")

    def _profile(self, G) -> pd.DataFrame:
        from partnet import metrics, vocabulary
        from partnet._values import plain

        whole = metrics.whole_network(G)
        rows = [k for k in _PROFILE_ROWS if k in whole.index]
        return pd.DataFrame({"measure": [vocabulary.label(k) for k in rows],
                             "value": [plain(whole[k]) for k in rows]})

    def _ranking(self, table: pd.DataFrame, size_by: str) -> pd.DataFrame:
        people = self.case.people.set_index("person_id")
        top = table.sort_values(size_by, ascending=False, kind="mergesort").head(self.top)
        return pd.DataFrame({"person": [self.case.pseudonyms.shown(v, self.anonymise) for v in top.index],
                             "organisation": [self.case.pseudonyms.redact(str(people.at[v, "organisation"]),
                                                                          self.anonymise) for v in top.index],
                             term_label(size_by): top[size_by].to_numpy()})

    def _tables_html(self) -> str:
        from partnet._values import plain
        from partnet.viz._shared import format_value

        ranking = f"Top {self.top} by {term_label(self.controls['size_by'].value)}"
        parts = []
        for caption, df in (("Whole-network profile", self.tables["profile"]), (ranking, self.tables["ranking"])):
            shown = df.map(lambda x: x if isinstance(x, str) else format_value(plain(x)))
            body = shown.to_html(index=False, escape=True, border=0)
            parts.append(f'<div style="display:inline-block; vertical-align:top; margin-right:2em">'
                         f"<h4>{html.escape(caption)}</h4>{body}</div>")
        return "".join(parts)

    # ------------------------------------------------------------------ display

    def static_png(self) -> bytes:
        """The network as it is now, as a PNG (the picture a reopened notebook shows, :meth:`static_html`).

        The sociogram of :func:`partnet.viz.sociogram` (the page's layout
        and colours) at 80 dpi, in 128 colours: about 50 KB for 80 people.
        """
        import io

        import matplotlib
        from PIL import Image

        from partnet.viz.figures import STYLE
        from partnet.viz.sociograms import sociogram

        ax = sociogram(self.graph, self.node_table, colour_by=self.controls["colour_by"].value,
                       size_by=self.controls["size_by"].value, anonymise=self.anonymise, seed=self.seed,
                       width=7.0, title=self.page.title)
        buf = io.BytesIO()
        with matplotlib.rc_context(STYLE):
            ax.figure.savefig(buf, format="png", dpi=80, metadata={"Software": None})
        # a palette of 128 colours: the picture stays sharp and a saved notebook stays small
        small = io.BytesIO()
        Image.open(io.BytesIO(buf.getvalue())).convert("RGB").quantize(colors=128).save(small, "PNG", optimize=True)
        return small.getvalue()

    def static_html(self) -> str:
        """The saved notebook's picture: :meth:`static_png` and :data:`RELOAD_NOTE`, hidden while the widgets live.

        An ``<img>`` with the PNG inline (JupyterLab keeps it in an
        untrusted notebook, whose HTML it sanitizes) and the line under
        it. The live widgets carry a style that hides it, so a running
        explorer shows the network once; a notebook opened again, where
        the widgets cannot show, shows this.
        """
        png = base64.b64encode(self.static_png()).decode("ascii")
        alt = html.escape(f"{self.page.title}: {self.graph.number_of_nodes()} people, "
                          f"{self.graph.number_of_edges()} ties", quote=True)
        return (f'<div class="partnet-static" data-explorer="{self._id}">'
                f'<img src="data:image/png;base64,{png}" alt="{alt}" style="max-width: 100%;">'
                f"<p><em>{html.escape(RELOAD_NOTE)}</em></p></div>")

    def _ipython_display_(self) -> None:
        """Two outputs: the static picture a reopened notebook shows, then the live widgets (which hide it)."""
        from IPython.display import display

        plain = (f"partnet explorer of {self.page.title}: {self.graph.number_of_nodes()} people, "
                 f"{self.graph.number_of_edges()} ties. {RELOAD_NOTE}")
        display({"text/html": self.static_html(), "text/plain": plain}, raw=True)
        # the widgets, with a line of text (not the widget's repr) where a notebook cannot show them
        live = self.widget._repr_mimebundle_()
        live = dict(live[0] if isinstance(live, tuple) else live)
        live["text/plain"] = "The live explorer's controls show here while the notebook's kernel runs this cell."
        display(live, raw=True)


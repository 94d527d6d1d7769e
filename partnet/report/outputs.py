"""What a report notebook shows, kept: tables to the page and the workbook, figures to PNG and SVG.

The notebooks stay thin: they ask a :class:`CaseReport` (or
:class:`CrossCaseReport`) to show a table or a figure, and it makes sure
that what the page shows is escaped, carries no name it must not, and is
also written to ``tables.xlsx`` and ``figures/``.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pandas as pd

from partnet.errors import ParameterError, check_choice
from partnet.options import check_anonymise, check_seed

__all__ = ["CaseReport", "CrossCaseReport", "hide_other_rosters", "slug", "md_escape", "MAX_SIDE_BY_SIDE_SOCIOGRAMS"]

#: Most cases whose sociograms a cross-case report shows side by side: 12.
#: Up to a dozen, pictures of the networks next to each other help compare
#: them; beyond, the page grows long and each picture small, and each case's
#: own report (and its workshop page) has its sociogram.
MAX_SIDE_BY_SIDE_SOCIOGRAMS = 12

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def slug(name: str) -> str:
    """A file-name-safe form of a table or figure name.

    Examples
    --------
    >>> slug("Block density (organisations)")
    'block_density_organisations'
    """
    text = re.sub(r"[^0-9A-Za-z]+", "_", str(name)).strip("_").lower()
    return text or "item"


def md_escape(text: str) -> str:
    r"""Text from the data made inert in Markdown: HTML-escaped, Markdown punctuation backslashed.

    Examples
    --------
    >>> print(md_escape("<b>*Shire*</b> [x](y)"))
    &lt;b&gt;\*Shire\*&lt;/b&gt; \[x\]\(y\)
    """
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def _number(decimals: int):
    def fmt(x) -> str:
        return f"{x:.0f}" if float(x).is_integer() else f"{x:.{decimals}f}"
    return fmt


def _table_html(df: pd.DataFrame, table_id: str, caption: str, decimals: int) -> str:
    """A table as escaped HTML, with text columns left-aligned and long text given room.

    Examples
    --------
    >>> t = pd.DataFrame({"who": ["<b>A</b>"], "n": [3.0], "share": [0.25]})
    >>> page = _table_html(t, "partnet-t", "Caption & more", 2)
    >>> "&lt;b&gt;A&lt;/b&gt;" in page, "<td>3</td>" in page, "<td>0.25</td>" in page
    (True, True, True)
    >>> "#partnet-t td:nth-of-type(1) { text-align: left; }" in page, "Caption &amp; more" in page
    (True, True)
    """
    index = not (isinstance(df.index, pd.RangeIndex) and df.index.name is None)
    page = df.to_html(escape=True, index=index, na_rep="", border=0, classes="partnet-table", table_id=table_id,
                      float_format=_number(decimals))
    # Index cells are <th>, data cells <td>: td:nth-of-type counts data cells only, so the rule
    # finds its column also in rows whose index cell is spanned from a row above (MultiIndex).
    rules = []
    for j in range(df.shape[1]):
        values = df.iloc[:, j]
        if values.dtype == "object" or pd.api.types.is_string_dtype(values.dtype):
            longest = values.map(lambda v: len(v) if isinstance(v, str) else 0).max() if len(values) else 0
            width = " min-width: 22em;" if longest > 60 else ""
            rules.append(f"#{table_id} td:nth-of-type({j + 1}) {{ text-align: left;{width} }}")
    style = f"<style>{' '.join(rules)}</style>" if rules else ""
    head = f'<p class="partnet-caption"><b>{html.escape(caption)}</b></p>' if caption else ""
    return f'<div class="partnet-block">{style}{head}{page}</div>'


def _display(obj) -> None:
    from IPython.display import display

    display(obj)


_FILE_DPI = 300    # figure files, publication quality
_PAGE_DPI = 110    # the picture shown in the report page


def _downscaled_png(path: Path, factor: float) -> bytes:
    """A PNG file scaled by ``factor`` (Lanczos), as PNG bytes with no metadata.

    Examples
    --------
    >>> import tempfile
    >>> from PIL import Image as PILImage
    >>> path = Path(tempfile.mkdtemp()) / "a.png"
    >>> PILImage.new("RGB", (300, 150), "white").save(path)
    >>> PILImage.open(io.BytesIO(_downscaled_png(path, 110 / 300))).size
    (110, 55)
    """
    from PIL import Image as PILImage

    with PILImage.open(path) as im:
        size = (max(1, round(im.width * factor)), max(1, round(im.height * factor)))
        small = im.convert("RGBA").resize(size, PILImage.Resampling.LANCZOS)
    buf = io.BytesIO()
    small.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def _redact_figure(fig, redact) -> None:
    """Redact every text a figure draws: titles, legends, annotations and tick labels.

    Tick labels are not fixed texts: an axis formats them again each time
    the figure is drawn (seaborn's heatmap labels live in a
    ``FixedFormatter``), so a label redacted as a ``Text`` would come back
    in the PNG and SVG. Each axis's formatters are wrapped so that what
    they produce is redacted on every draw.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_xticks([0, 1], labels=["Griffiths", "other"])
    >>> _ = ax.set_title("Griffiths' view")
    >>> _redact_figure(fig, lambda t: t.replace("Griffiths", "[name]"))
    >>> fig.canvas.draw()
    >>> [t.get_text() for t in ax.get_xticklabels()], ax.get_title()
    (['[name]', 'other'], "[name]' view")
    >>> plt.close(fig)
    """
    from matplotlib.text import Text
    from matplotlib.ticker import Formatter

    class Redacting(Formatter):
        def __init__(self, inner):
            self.inner = inner

        def set_axis(self, axis):
            super().set_axis(axis)
            self.inner.set_axis(axis)

        def __call__(self, x, pos=None):
            return redact(self.inner(x, pos))

        def format_ticks(self, values):
            return [redact(t) for t in self.inner.format_ticks(values)]

        def format_data_short(self, value):
            return redact(self.inner.format_data_short(value))

        def get_offset(self):
            return redact(self.inner.get_offset())

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for get, put in ((axis.get_major_formatter, axis.set_major_formatter),
                             (axis.get_minor_formatter, axis.set_minor_formatter)):
                formatter = get()
                if not isinstance(formatter, Redacting):
                    put(Redacting(formatter))
    for t in fig.findobj(Text):
        text = t.get_text()
        if text:
            new = redact(text)
            if new != text:
                t.set_text(new)


class _Shown:
    """Tables and figures a report shows, recorded for its workbook and figure files."""

    def __init__(self, folder, anonymise: bool, pseudonyms: dict):
        self.folder = Path(folder) if folder else None
        self.anonymise = anonymise
        self._pseudonyms = pseudonyms   # case id -> Pseudonyms
        self.tables: dict[str, pd.DataFrame] = {}
        self.captions: dict[str, str] = {}
        self.figures: dict[str, list[Path]] = {}
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)

    # -- names ------------------------------------------------------------
    def redact(self, text, case: str | None = None):
        """Roster names in free text replaced as this report must (see ``Pseudonyms.redact``).

        ``case`` limits the names to one case's roster: text about one case
        is redacted with its own people only, so a first name that a
        person of another case shares is left alone.
        """
        if case is not None:
            check_choice(case, self._pseudonyms, "case", what="a case of this report")
        for cid, p in self._pseudonyms.items():
            if case is None or cid == case:
                text = p.redact(text, self.anonymise)
        return text

    def _label(self, x, case=None):
        if isinstance(x, str):
            return self.redact(x, case)
        if isinstance(x, tuple):
            return tuple(self._label(v, case) for v in x)
        return x

    def clean(self, df, case: str | None = None) -> pd.DataFrame:
        """A copy of a table with every text cell, index label and column name redacted."""
        if isinstance(df, pd.Series):
            df = df.to_frame()
        out = df.copy()

        def label(x):
            return self._label(x, case)

        for col in out.columns:
            if out[col].dtype == "object" or pd.api.types.is_string_dtype(out[col].dtype):
                out[col] = out[col].map(label)
        if not isinstance(out.index, pd.RangeIndex):      # a plain row number stays one (and stays hidden)
            out.index = out.index.map(label)
        out.columns = out.columns.map(label)
        if isinstance(out.index, pd.MultiIndex):
            out.index.names = [label(n) for n in out.index.names]
        else:
            out.index.name = label(out.index.name)
        return out

    # -- showing ----------------------------------------------------------
    def table(self, df, name: str, caption: str = "", *, decimals: int = 3, show: bool = True,
              case: str | None = None) -> None:
        """Show a table (escaped) and keep it for the workbook.

        Parameters
        ----------
        df : pandas.DataFrame or pandas.Series
            The table. Rows indexed by ``person_id`` (or a ``person_id``
            column) are labelled with the names the report may show.
        name : str
            Its sheet name in ``tables.xlsx``; unique within the report.
        caption : str
            Shown above the table and listed in the workbook.
        decimals : int, default 3
            Decimals shown on the page for fractional numbers (whole
            numbers are shown whole; the workbook keeps full precision).
        show : bool, default True
            False records the table without showing it.
        case : str, optional
            In a cross-case report, the case the table is about: names are
            redacted with that case's roster only.

        Notes
        -----
        The table as kept (names redacted) is ``self.tables[name]``. The
        page shows it through ``DataFrame.to_html(escape=True)``: every
        cell, label and caption is HTML-escaped. Text columns are
        left-aligned, long ones given room to wrap.
        """
        if name in self.tables:
            raise ParameterError(f"a table named {name!r} is already in this report; give each table its own name")
        shown = self.clean(self.people(df), case)
        self.tables[name] = shown
        self.captions[name] = self.redact(caption, case)
        if show:
            from IPython.display import HTML

            _display(HTML(_table_html(shown, f"partnet-{slug(name)}", self.captions[name], decimals)))

    def people(self, df):
        """Person ids in the index or a ``person_id`` column replaced by shown names (hook for subclasses)."""
        return df

    def figure(self, fig, name: str, caption: str = "", *, case: str | None = None) -> None:
        """Show a matplotlib figure and write it as PNG and SVG under ``figures/``.

        Every text in the figure is redacted first, so a label drawn from
        free text cannot carry a name the report must not show.

        Parameters
        ----------
        fig : matplotlib.figure.Figure or matplotlib.axes.Axes
            The drawing (an axes stands for its figure), e.g. from
            :mod:`partnet.viz`.
        name : str
            File stem under ``figures/`` (made file-name safe); unique
            within the report.
        caption : str
            Shown under the figure.
        case : str, optional
            In a cross-case report, the case the figure is about: names are
            redacted with that case's roster only.

        Notes
        -----
        The files written by :func:`partnet.viz.save_figure` are
        ``self.figures[stem]`` (none without an output folder). The page
        shows a 110 dpi PNG; the files are the full-resolution PNG and the
        SVG (text kept as text), identical from run to run.
        """
        import matplotlib
        from IPython.display import HTML, Image
        from matplotlib.axes import Axes

        from partnet.viz.figures import STYLE, save_figure

        if isinstance(fig, Axes):
            fig = fig.figure
        stem = slug(name)
        if stem in self.figures:
            raise ParameterError(f"a figure named {name!r} is already in this report; give each figure its own name")
        _redact_figure(fig, lambda text: self.redact(text, case))
        files: list[Path] = []
        if self.folder is not None:
            files = save_figure(fig, self.folder / "figures" / stem, dpi=_FILE_DPI)
        self.figures[stem] = files
        png = [f for f in files if f.suffix == ".png"]
        if png:       # the page's picture is the file's, scaled down: one drawing fewer per figure
            data = _downscaled_png(png[0], _PAGE_DPI / _FILE_DPI)
        else:
            buf = io.BytesIO()
            with matplotlib.rc_context(STYLE):
                fig.savefig(buf, format="png", dpi=_PAGE_DPI, metadata={"Software": None})
            data = buf.getvalue()
        _display(Image(data=data, format="png"))
        if caption:
            _display(HTML(f'<p class="partnet-note">{html.escape(self.redact(caption, case))}</p>'))

    def text(self, template: str, **values) -> None:
        """Show a Markdown paragraph; the values filled in are redacted and escaped.

        Parameters
        ----------
        template : str
            Markdown written by the notebook, with ``{name}`` fields
            (``str.format`` syntax, e.g. ``{rate:.0%}``).
        **values
            Values for the fields. Text values (from the data) are
            redacted, HTML-escaped and Markdown-escaped, so a quote or a
            title cannot change the page.

        """
        from IPython.display import Markdown

        safe = {k: (md_escape(self.redact(v)) if isinstance(v, str) else v) for k, v in values.items()}
        _display(Markdown(template.format(**safe)))

    #: The date in the workbook's metadata (:func:`partnet.export.file_date`); a case report uses its survey date.
    file_date = None

    def finish(self) -> Path | None:
        """Write every table shown to ``tables.xlsx`` (one sheet each); return its path."""
        if self.folder is None:
            return None
        from partnet.export import write_tables

        return write_tables(self.tables, self.folder / "tables.xlsx", captions=self.captions, date=self.file_date)


def hide_other_rosters(case, others) -> None:
    """Hide the people of other rosters in ``case``'s redaction (``Pseudonyms.hide_also``).

    Parameters
    ----------
    case : partnet.Case
        The case whose outputs are being written.
    others : list of (str, pathlib.Path or partnet.Case)
        Other case folders, bundled case ids or loaded cases of the same
        run; ``case`` itself may be among them and is skipped.

    Examples
    --------
    >>> import partnet as pn
    >>> case = pn.load_case(EXAMPLE_CASE)
    >>> hide_other_rosters(case, [pn.load_case(EXAMPLE_CASE), "shire"])
    >>> case.pseudonyms.redact("Adaeze Okonjo came.", anonymise=True)
    '[name] came.'
    """
    from partnet.case import Case, roster
    from partnet.report.paths import resolve_case

    if isinstance(others, (str, Path, Case)):
        others = [others]
    for other in others or ():
        if isinstance(other, Case):
            if other is case:
                continue
            names = list(zip(other.people["name"], other.people["consent_named"]))
        else:
            path = resolve_case(other)
            if path == Path(case.path).resolve():
                continue
            names = roster(path)
        case.pseudonyms.hide_also([n for n, _ in names], [c for _, c in names])


class CaseReport(_Shown):
    """One case, its graph and the options of a report, checked at once.

    Parameters
    ----------
    case : str, pathlib.Path or partnet.Case
        A case folder or workbook, the id of a bundled case, or a loaded case.
    relation : str, optional
        Relation analysed; default the case's.
    min_frequency : int, optional
        Ties of at least this frequency (1 yearly .. 5 daily); default the
        case's or 1.
    nonrespondents : {"keep", "drop", "reconstruct"}, optional
        Default the case's or ``"keep"``.
    anonymise : bool, default False
        Pseudonyms for every person. ``anonymise: true`` in ``case.yaml``
        cannot be switched off here.
    seed : int, default 0
        Seed for layouts and permutation tests.
    output_dir : str or pathlib.Path, optional
        Folder for ``tables.xlsx`` and ``figures/``; None writes nothing.
    other_cases : list of str or pathlib.Path, optional
        Other case folders of the same run: their people's names are
        hidden in this report too (as ``[name]``: always when anonymising,
        otherwise those without consent), so a quote naming someone of
        another partnership does not name them.

    Raises
    ------
    ParameterError
        An unknown case or option (a ``ValueError`` too), with the nearest
        valid value.
    DataError
        The case's files have problems.

    Examples
    --------
    >>> rep = CaseReport(EXAMPLE_CASE, anonymise=True)
    >>> rep.case.id, rep.graph.number_of_edges(), rep.parameters["nonrespondents"]
    ('example', 3, 'keep')
    >>> rep.people(pd.DataFrame({"in_degree": [1, 1]}, index=pd.Index(["p2", "p4"], name="person_id")))
            in_degree
    person
    NDC-01          1
    ECC-01          1
    >>> CaseReport(EXAMPLE_CASE, nonrespondents="dorp")
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: nonrespondents must be one of keep, drop, reconstruct; 'dorp' was given;
    did you mean 'drop'?
    """

    def __init__(self, case, *, relation: str | None = None, min_frequency: int | None = None,
                 nonrespondents: str | None = None, anonymise: bool = False, seed: int = 0, output_dir=None,
                 other_cases=()):
        from partnet.case import Case, load_case
        from partnet.report.paths import resolve_case

        check_anonymise(anonymise)
        self.seed = check_seed(seed)
        self.case = case if isinstance(case, Case) else load_case(resolve_case(case))
        hide_other_rosters(self.case, other_cases)
        anonymise = self.case.anonymised(anonymise)
        self.graph = self.case.graph(relation=relation, min_frequency=min_frequency, nonrespondents=nonrespondents)
        self.parameters = {"case": self.case.id, "relation": self.graph.graph["relation"],
                           "directed": self.graph.is_directed(), "scale": self.graph.graph["scale"],
                           "min_frequency": self.graph.graph["min_frequency"],
                           "nonrespondents": self.graph.graph["nonrespondents"], "anonymise": anonymise,
                           "seed": self.seed}
        super().__init__(output_dir, anonymise, {self.case.id: self.case.pseudonyms})
        self.file_date = self.case.meta.get("survey_date")     # as partnet export dates the case's files

    def __repr__(self) -> str:
        return f"<CaseReport {self.case.id!r}: {self.parameters}>"

    def name(self, person_id) -> str:
        """The name this report shows for a person: pseudonym when anonymising or without consent."""
        return self.case.pseudonyms.shown(person_id, self.anonymise)

    def people(self, df):
        """A table with person ids (index or ``person_id`` column) replaced by the names shown.

        The index (or column) becomes ``person``; ids not on the roster
        are left as they are.
        """
        if isinstance(df, pd.Series):
            df = df.to_frame()
        known = self.case.pseudonyms

        def shown(pid):
            return self.name(pid) if isinstance(pid, str) and pid in known else pid

        if df.index.name == "person_id":
            df = df.copy()
            df.index = pd.Index([shown(v) for v in df.index], name="person")
        if "person_id" in df.columns:
            df = df.copy()
            if "person" not in df.columns:
                df.insert(list(df.columns).index("person_id"), "person", [shown(v) for v in df["person_id"]])
            df = df.drop(columns="person_id")
        return df

    def describe_data(self) -> None:
        """Show how the ties were collected and what the analysis keeps, in the case's own terms.

        The question respondents were asked is ``case.yaml``'s
        ``question`` when given; otherwise the sentence names the relation
        and its scale (how often, a count, or a tie). Then the roster, the
        response and the ties kept. A directed relation adds that people
        who did not answer appear only through the ties others reported.
        """
        case, G = self.case, self.graph
        people = case.people
        scale = G.graph["scale"]
        question = case.meta.get("question")
        how = {"frequency": ", and how often", "count": ", and how many times", "binary": ""}[scale]
        if question:
            self.text("Each person on the roster was asked: \u201c{question}\u201d", question=question)
        elif G.is_directed():
            self.text("Each person on the roster was asked whom they deal with on *{relation}*" + how + ".",
                      relation=G.graph["relation"])
        else:
            self.text("The ties of *{relation}* join two people without a sender (an undirected relation)"
                      + {"frequency": ", each with a frequency", "count": ", each with a count", "binary": ""}[scale]
                      + ".", relation=G.graph["relation"])
        if G.is_directed():
            self.text("The response rate limits what the network can show: people who did not answer appear only "
                      "through the ties others reported to them.")
        value = {"frequency": "frequency {min_frequency} or more", "count": "a count of {min_frequency} or more",
                 "binary": "every tie"}[scale]
        self.text("**{n} people** in **{k} organisations**; **{r} answered** the questionnaire, a response rate of "
                  "**{rate:.0%}**. {ties} ties of the relation *{relation}* were reported; the analysis keeps "
                  + ("those of " if scale != "binary" else "") + value
                  + " and treats non-respondents as *{treatment}*.",
                  n=len(people), k=len(case.organisations), r=int(people["responded"].sum()),
                  rate=case.response_rate, ties=int((case.ties["relation"] == G.graph["relation"]).sum()),
                  relation=G.graph["relation"], min_frequency=G.graph["min_frequency"],
                  treatment=G.graph["nonrespondents"])

    def provenance(self) -> None:
        """Show and keep the provenance table (checksum, parameters, date, versions)."""
        from partnet.report.provenance import provenance

        self.table(provenance(self.case, self.parameters), "provenance",
                          "Provenance: the data, the options and the software behind every number above")

    def methods(self) -> None:
        """Show the methods paragraph for these options, ready to cite."""
        from IPython.display import Markdown

        from partnet.report.methods import methods_paragraph

        question = self.case.meta.get("question")
        _display(Markdown(self.redact(methods_paragraph({**self.parameters, "question": question}))))


class CrossCaseReport(_Shown):
    """Several cases analysed with the same options, for side-by-side tables and figures.

    Parameters
    ----------
    cases : list of (str, pathlib.Path or partnet.Case)
        Case folders, bundled case ids or loaded cases; None or empty means
        every bundled case.
    relation, min_frequency, nonrespondents, anonymise, seed, output_dir
        As for :class:`CaseReport`, applied to every case.

    Examples
    --------
    >>> rep = CrossCaseReport([EXAMPLE_CASE])
    >>> list(rep.graphs), rep.parameters["cases"]
    (['example'], 'example')
    """

    def __init__(self, cases=None, *, relation: str | None = None, min_frequency: int | None = None,
                 nonrespondents: str | None = None, anonymise: bool = False, seed: int = 0, output_dir=None):
        from partnet.case import Case, load_case
        from partnet.report.paths import bundled_cases, resolve_case

        check_anonymise(anonymise)
        self.seed = check_seed(seed)
        if isinstance(cases, (str, Path, Case)):
            cases = [cases]
        cases = list(cases) if cases else bundled_cases()
        if not cases:
            raise ParameterError("no cases to compare: give case folders, or put cases in data/cases")
        self.cases = [c if isinstance(c, Case) else load_case(resolve_case(c)) for c in cases]
        for c in self.cases:
            hide_other_rosters(c, self.cases)
        ids = [c.id for c in self.cases]
        if len(set(ids)) != len(ids):
            raise ParameterError(f"two cases share an id: {', '.join(sorted({i for i in ids if ids.count(i) > 1}))}")
        anonymise = any(c.anonymised(anonymise) for c in self.cases)
        self.graphs = {c.id: c.graph(relation=relation, min_frequency=min_frequency, nonrespondents=nonrespondents)
                       for c in self.cases}
        self.parameters = {"cases": ", ".join(ids), "relation": relation, "min_frequency": min_frequency,
                           "nonrespondents": nonrespondents, "anonymise": anonymise, "seed": self.seed}
        super().__init__(output_dir, anonymise, {c.id: c.pseudonyms for c in self.cases})

    def __repr__(self) -> str:
        return f"<CrossCaseReport {[c.id for c in self.cases]}: {self.parameters}>"

    @property
    def sociograms_side_by_side(self) -> bool:
        """Whether this report shows each case's sociogram: at most :data:`MAX_SIDE_BY_SIDE_SOCIOGRAMS` cases.

        Examples
        --------
        >>> CrossCaseReport([EXAMPLE_CASE]).sociograms_side_by_side
        True
        """
        return len(self.graphs) <= MAX_SIDE_BY_SIDE_SOCIOGRAMS

    def _used(self) -> dict:
        """The graph options each case was analysed with (case id -> value, per option)."""
        used = {k: {cid: G.graph[k] for cid, G in self.graphs.items()}
                for k in ("relation", "scale", "min_frequency", "nonrespondents")}
        used["directed"] = {cid: G.is_directed() for cid, G in self.graphs.items()}
        return used

    def provenance(self) -> None:
        """Show and keep the provenance table (one checksum per case, options, date, versions)."""
        from partnet.report.provenance import provenance

        used = {k: "; ".join(f"{cid}: {v}" for cid, v in values.items()) for k, values in self._used().items()}
        parameters = {**used, "anonymise": self.anonymise, "seed": self.seed}
        self.table(provenance(self.cases, parameters), "provenance",
                          "Provenance: the data, the options and the software behind every number above")

    def methods(self) -> None:
        """Show the methods paragraph for the options the cases were analysed with."""
        from IPython.display import Markdown

        from partnet.report.methods import methods_paragraph

        questions = {c.id: c.meta.get("question") for c in self.cases}
        _display(Markdown(self.redact(methods_paragraph({**self._used(), "question": questions,
                                                          "anonymise": self.anonymise,
                                                          "seed": self.seed}))))

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
from partnet.options import check_anonymise, check_bool, check_seed
from partnet.report.readings import among_cases, centralization_band, ei_reading, profile_readings

__all__ = ["CaseReport", "CrossCaseReport", "hide_other_rosters", "prepare_rosters", "slug", "md_escape",
           "MAX_SIDE_BY_SIDE_SOCIOGRAMS"]

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


def _table_html(df: pd.DataFrame, table_id: str, caption: str, decimals: int, *, note: str = "",
                caption_class: str = "partnet-caption", block_id: str | None = None, one_line: bool = False) -> str:
    """A table as escaped HTML, with text columns left-aligned and long text given room.

    The table sits in a ``partnet-scroll`` box: a table wider than the page
    scrolls inside it instead of widening the page (in print it wraps, see
    the report template). ``note`` (HTML, written by partnet) goes under it.
    ``one_line`` keeps every text on one line (a preview, whose texts are
    already shortened): each row is one line high.

    Examples
    --------
    >>> t = pd.DataFrame({"who": ["<b>A</b>"], "n": [3.0], "share": [0.25]})
    >>> page = _table_html(t, "partnet-t", "Caption & more", 2)
    >>> "&lt;b&gt;A&lt;/b&gt;" in page, "<td>3</td>" in page, "<td>0.25</td>" in page
    (True, True, True)
    >>> "#partnet-t td:nth-of-type(1) { text-align: left; white-space: nowrap; }" in page, "Caption &amp; more" in page
    (True, True)
    >>> '<div class="partnet-scroll">' in page
    True
    """
    index = not (isinstance(df.index, pd.RangeIndex) and df.index.name is None)
    page = df.to_html(escape=True, index=index, na_rep="", border=0, classes="partnet-table", table_id=table_id,
                      float_format=_number(decimals))
    # Index cells are <th>, data cells <td>: td:nth-of-type counts data cells only, so the rule
    # finds its column also in rows whose index cell is spanned from a row above (MultiIndex).
    rules = []
    # a text column's header is left-aligned over it (one header row: the first th's are the index's)
    offset = df.index.nlevels if index else 0
    plain_header = not isinstance(df.columns, pd.MultiIndex)
    for j in range(df.shape[1]):
        values = df.iloc[:, j]
        if values.dtype == "object" or pd.api.types.is_string_dtype(values.dtype):
            if plain_header:
                rules.append(f"#{table_id} thead tr:first-child th:nth-child({offset + j + 1}) {{ text-align: left; }}")
            longest = values.map(lambda v: len(v) if isinstance(v, str) else 0).max() if len(values) else 0
            # long text wraps in a column given room; short text (a name, an organisation) stays on one line
            width = (" white-space: nowrap;" if one_line or longest <= 40 else
                     " min-width: 22em;" if longest > 60 else "")
            rules.append(f"#{table_id} td:nth-of-type({j + 1}) {{ text-align: left;{width} }}")
    style = f"<style>{' '.join(rules)}</style>" if rules else ""
    head = f'<p class="{caption_class}"><b>{html.escape(caption)}</b></p>' if caption else ""
    where = f' id="{html.escape(block_id)}"' if block_id else ""
    return f'<div class="partnet-block"{where}>{style}{head}<div class="partnet-scroll">{page}</div>{note}</div>'


#: Rows of a long table that the report's main text shows (:meth:`_Shown.table`); the rest is in the appendix.
PREVIEW_ROWS = 10

#: A table of up to this many rows is shown whole: cutting it would save little and hide some rows.
WHOLE_UP_TO = 15

#: Characters of a text cell the main text shows; a longer text is cut at a word and ends in "…".
#: A shortened table keeps each row on one line (the appendix shows the texts whole).
PREVIEW_TEXT = 60


def _shorter(text: str, limit: int = PREVIEW_TEXT) -> str:
    """Text cut to about ``limit`` characters at a word boundary, ending in an ellipsis.

    Examples
    --------
    >>> _shorter("short")
    'short'
    >>> _shorter("one two three four", 10)
    'one two…'
    """
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.-(")
    return (cut or text[:limit]) + "\u2026"


def _preview(df: pd.DataFrame, rows: int | None) -> tuple[pd.DataFrame, int, bool]:
    """The part of a table the main text shows: its top rows and its texts shortened.

    Returns the part, the number of rows left out and whether a text was shortened.
    ``rows=None`` keeps the table whole.

    Examples
    --------
    >>> t = pd.DataFrame({"n": range(40), "said": ["x " * 60] + ["y"] * 39})
    >>> part, left, short = _preview(t, PREVIEW_ROWS)
    >>> len(part), left, short, part.iloc[0, 1].endswith("\u2026")
    (10, 30, True, True)
    >>> _preview(t.head(15), PREVIEW_ROWS)[1]      # up to WHOLE_UP_TO rows: shown whole
    0
    >>> _preview(t.head(15), 0)[1]                 # no row: the caption and the line under it
    15
    """
    if rows is None:
        return df, 0, False
    left = 0
    if len(df) > (max(rows, WHOLE_UP_TO) if rows else 0):
        left = len(df) - rows
        df = df.head(rows)
    shortened = False
    out = df
    for j in range(df.shape[1]):
        values = df.iloc[:, j]
        if values.dtype == "object" or pd.api.types.is_string_dtype(values.dtype):
            short = values.map(lambda v: _shorter(v) if isinstance(v, str) else v)
            if not short.equals(values):
                if out is df:
                    out = df.copy()
                out.isetitem(j, short)
                shortened = True
    return out, left, shortened


def _relabel(df: pd.DataFrame) -> pd.DataFrame:
    """A table's partnet code names as the words a reader knows (:func:`partnet.vocabulary.relabel`)."""
    from partnet.vocabulary import relabel

    return relabel(df)


#: The treatments of non-respondents in words (``Case.graph``'s ``nonrespondents``).
_NONRESPONDENTS = {"keep": "kept, with only the ties others reported to them",
                   "drop": "left out, with their ties",
                   "reconstruct": "kept, each tie reported to them mirrored back (reconstructed by reciprocity)"}

_SCALES = {"frequency": "frequency, 1 (yearly) to 5 (daily)", "count": "a count", "binary": "tie or no tie"}


def _option_word(key: str, value, scale: str | None = None) -> str:
    """One analysis option's value in words.

    Examples
    --------
    >>> _option_word("anonymise", False), _option_word("directed", True), _option_word("min_frequency", 2)
    ('no', 'yes', 'frequency 2 or more')
    >>> _option_word("nonrespondents", "drop"), _option_word("min_frequency", None)
    ('left out, with their ties', "each case's own")
    """
    if value is None:
        return "each case's own"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key == "nonrespondents":
        return _NONRESPONDENTS.get(value, str(value))
    if key == "scale":
        return _SCALES.get(value, str(value))
    if key == "min_frequency":
        return {"count": f"a count of {value} or more", "binary": "every tie"}.get(scale or "", f"frequency {value} "
                                                                                            "or more")
    return str(value)


def _option_words(parameters: dict, scales: dict | None = None) -> dict:
    """A report's options named (:func:`partnet.vocabulary.label`) and valued in words.

    A value per case (a dict) reads once when every case shares it.

    Examples
    --------
    >>> _option_words({"anonymise": False, "min_frequency": {"a": 1, "b": 1}}, scales={"a": "frequency",
    ...                                                                               "b": "frequency"})
    {'everyone by pseudonym': 'no', 'least tie value kept': 'frequency 1 or more'}
    >>> _option_words({"relation": {"a": "x", "b": "y"}})
    {'relation': 'a: x; b: y'}
    """
    from partnet.vocabulary import label

    out = {}
    for key, value in parameters.items():
        if isinstance(value, dict):
            words = {cid: _option_word(key, v, (scales or {}).get(cid)) for cid, v in value.items()}
            shown = (next(iter(words.values())) if len(set(words.values())) == 1 else
                     "; ".join(f"{cid}: {w}" for cid, w in words.items()))
        else:
            shown = _option_word(key, value, parameters.get("scale") if isinstance(parameters.get("scale"), str)
                                 else None)
        out[label(key)] = shown
    return out


def _in_words(table: pd.DataFrame) -> pd.DataFrame:
    """A provenance table whose option rows are named as the option ("everyone by pseudonym", not "parameter: ...")."""
    table = table.copy()
    table["item"] = table["item"].str.replace("parameter: ", "", regex=False)
    return table


def _reading_basis(link: str | None) -> str:
    """Where the readings come from, for the text beside them (Markdown)."""
    where = f"[methods]({link})" if link else "docs/methods.md"
    return ("Density is read against the other cases of this run only: partnet cites no published range for "
            "comparable partnership networks, and density depends on a network's size; network-level measures "
            "are constrained by size and density (Faust 2006), so compare cases of similar size. "
            "Centralization is read in partnet's bands: below .25 low, .25 to .50 moderate, .50 or more high. "
            "Freeman (1979) defines the index; the bands are partnet's convention, not a published standard "
            f"(see {where}, \u201cReading the numbers\u201d).")


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
        return _scaled(im.convert("RGBA"), factor)


def _scaled(im, factor: float) -> bytes:
    from PIL import Image as PILImage

    size = (max(1, round(im.width * factor)), max(1, round(im.height * factor)))
    small = im.resize(size, PILImage.Resampling.LANCZOS)
    buf = io.BytesIO()
    small.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def _page_picture(fig, path: Path, factor: float) -> bytes:
    """:func:`_downscaled_png` of the PNG file just saved from ``fig``, from the drawing rather than the file.

    Saving a PNG leaves its pixels in the figure's Agg canvas (matplotlib
    saves the canvas's RGBA buffer); when the canvas still holds a buffer
    of the file's size, the picture is scaled from it, which saves
    decoding the file. Otherwise (a figure without an Agg canvas) the
    file is read. The bytes are the same either way (PNG is lossless;
    ``tests/test_report_parts.py`` compares them).

    Examples
    --------
    >>> import tempfile
    >>> from partnet.viz.figures import new_axes, save_figure
    >>> ax = new_axes((2, 1)); _ = ax.plot([0, 1], [0, 1])
    >>> png = save_figure(ax, Path(tempfile.mkdtemp()) / "line", formats=("png",))[0]
    >>> _page_picture(ax.figure, png, 110 / 300) == _downscaled_png(png, 110 / 300)
    True
    """
    from PIL import Image as PILImage

    try:
        buffer = fig.canvas.buffer_rgba()
    except AttributeError:       # not an Agg canvas: no pixels kept
        buffer = None
    with PILImage.open(path) as im:           # the size only: the pixels are decoded on load
        size = im.size
        if buffer is None or (buffer.shape[1], buffer.shape[0]) != size or buffer.shape[2:] != (4,):
            return _scaled(im.convert("RGBA"), factor)
    import numpy as np

    return _scaled(PILImage.fromarray(np.asarray(buffer), "RGBA"), factor)


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
        self._appendix: dict[str, int] = {}       # tables the main text shortened -> their decimals
        self.decimals: dict[str, int] = {}        # every table -> the decimals its page shows (the workbook's format)
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
              case: str | None = None, rows: int | None = PREVIEW_ROWS) -> None:
        """Show a table (escaped, in the words of :mod:`partnet.vocabulary`) and keep it for the workbook.

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
        rows : int or None, default :data:`PREVIEW_ROWS`
            Rows the main text shows of a table longer than
            :data:`WHOLE_UP_TO` rows; None shows the table whole, every
            row and every text in full (for a short table the reader
            needs whole, such as the whole-network profile); 0 shows only
            its caption and where it is (for a table a figure beside it
            shows, such as a heatmap's).

        Notes
        -----
        The table as kept (names redacted) is ``self.tables[name]``: whole,
        with partnet's column names, for the workbook. The page shows it
        through ``DataFrame.to_html(escape=True)``: every cell, label and
        caption is HTML-escaped, and partnet's code names become the labels
        of :func:`partnet.vocabulary.relabel`. Text columns are
        left-aligned, long ones given room to wrap; a wide table scrolls
        inside the page. A long table shows its top ``rows`` rows and a
        text longer than :data:`PREVIEW_TEXT` characters is cut; a line
        under it says how many rows are left out, and :meth:`appendix`
        shows the whole table at the end of the report.
        """
        if name in self.tables:
            raise ParameterError(f"a table named {name!r} is already in this report; give each table its own name")
        shown = self.clean(self.people(df), case)
        self.tables[name] = shown
        self.captions[name] = self.redact(caption, case)
        self.decimals[name] = decimals
        if show:
            from IPython.display import HTML

            part, left, shortened = _preview(self._page(shown), rows)
            note = ""
            if left or shortened:
                self._appendix[name] = decimals
                note = self._more(name, left if len(part) else -left, shortened)
            if len(part) or not left:
                page = _table_html(_relabel(part), f"partnet-{slug(name)}", self.captions[name], decimals,
                                   note=note, one_line=bool(note), block_id=f"table-{slug(name)}")
            else:        # no row in the main text: its caption and where the table is
                caption = f'<p class="partnet-caption"><b>{html.escape(self.captions[name])}</b></p>'
                page = f'<div class="partnet-block" id="table-{slug(name)}">{caption}{note}</div>'
            _display(HTML(page))

    def _more(self, name: str, left: int, shortened: bool) -> str:
        """The line under a shortened table: what is left out, and links to where it is in full.

        Examples
        --------
        >>> rep = _Shown(None, False, {})
        >>> print(rep._more("people", 70, True))  # doctest: +NORMALIZE_WHITESPACE
        <p class="partnet-more">70 more rows, and the long texts in full, in the
        <a href="#appendix-people">appendix</a>.</p>
        >>> print(rep._more("quotes", 0, True))  # doctest: +NORMALIZE_WHITESPACE
        <p class="partnet-more">Long texts are shortened here; in full in the
        <a href="#appendix-quotes">appendix</a>.</p>
        >>> print(rep._more("blocks", -13, False))  # doctest: +NORMALIZE_WHITESPACE
        <p class="partnet-more">The table (13 rows) is in the <a href="#appendix-blocks">appendix</a>.</p>

        A negative ``left``: no row is shown here.
        """
        where = f'the <a href="#appendix-{slug(name)}">appendix</a>'
        if self.folder is not None:
            where += f' and in <a href="{html.escape(self._href("tables.xlsx"))}">tables.xlsx</a>'
        if not left:
            return f'<p class="partnet-more">Long texts are shortened here; in full in {where}.</p>'
        if left < 0:
            return f'<p class="partnet-more">The table ({-left} row{"s" if left != -1 else ""}) is in {where}.</p>'
        rows = f"{left} more row{'s' if left != 1 else ''}"
        return f'<p class="partnet-more">{rows}{", and the long texts in full," if shortened else ""} in {where}.</p>'

    def _href(self, name: str) -> str:
        """A link from the report's page to a file in its output folder (the page sits in that folder)."""
        return name

    def people(self, df):
        """Person ids in the index or a ``person_id`` column replaced by shown names (hook for subclasses)."""
        return df

    def _page(self, df):
        """A kept table as the page shows it: without the key column the workbook keeps to join rows to the data."""
        from partnet.workbook import person_key

        return df.drop(columns=person_key(self.anonymise), errors="ignore")

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
        SVG (text kept as text), identical from run to run. The caption
        (else the name) is the picture's alt text, for screen readers and
        for a page whose pictures do not load.
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
            data = _page_picture(fig, png[0], _PAGE_DPI / _FILE_DPI)
        else:
            buf = io.BytesIO()
            with matplotlib.rc_context(STYLE):
                fig.savefig(buf, format="png", dpi=_PAGE_DPI, metadata={"Software": None})
            data = buf.getvalue()
        caption = self.redact(caption, case) if caption else ""
        # The picture's alt text (the report template writes it; nbconvert would say "No description").
        alt = caption or f"Figure: {self.redact(str(name), case)}"
        _display(Image(data=data, format="png", metadata={"alt": alt}))
        if caption:
            _display(HTML(f'<p class="partnet-note">{html.escape(caption)}</p>'))

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

    # -- the page's top and end ------------------------------------------
    #: What the report is, shown under its title.
    kind = "Report"

    def links(self) -> list[tuple[str, str, str]]:
        """The files that come with this report: (link from its page, label, what it holds); hook for subclasses."""
        return []

    def _methods_back(self) -> str:
        """The link from the bundled methods page back to the report's page."""
        return "report.html"

    def _header(self, title: str, description: str, intro: str, values: dict) -> None:
        from IPython.display import HTML

        from partnet.report.render import METHODS_PAGE, write_methods_page

        if self.folder is not None:
            write_methods_page(self.folder, back=self._methods_back(), redact=self.redact)
        top = "# {_title}\n\n*{_kind}*" + ("\n\n{_description}" if description else "")
        self.text(top + ("\n\n" + intro if intro else ""), _title=title, _kind=self.kind,
                  _description=description, **values)
        parts = []
        if self.folder is not None:
            items = [(href, label, hint) for href, label, hint in self.links()
                     if href != self._href(METHODS_PAGE) or (self.folder / METHODS_PAGE).is_file()]
            parts.append('<p class="partnet-links"><b>With this report:</b> ' + " \u00b7 ".join(
                f'<a href="{html.escape(href)}">{html.escape(label)}</a>'
                + (f" ({html.escape(hint)})" if hint else "") for href, label, hint in items) + "</p>")
        # Filled with the page's section headings when the notebook is rendered (partnet.report.render_html).
        parts.append('<nav id="contents" class="partnet-contents"></nav>')
        _display(HTML("\n".join(parts)))

    def appendix(self) -> None:
        """Show in full every table the main text shortened, where the line under each shortened table links to.

        Each table comes with its caption and a link back to where the text
        shows its top rows; ``tables.xlsx`` holds every table too.
        """
        from IPython.display import HTML

        if not self._appendix:
            self.text("Every table is shown in full above" + ("; tables.xlsx holds them too." if self.folder else "."))
            return
        for name, decimals in self._appendix.items():
            stem = slug(name)
            back = f'<p class="partnet-more"><a href="#table-{stem}">Back to the text</a></p>'
            _display(HTML(_table_html(_relabel(self._page(self.tables[name])), f"partnet-appendix-{stem}",
                                      self.captions[name] or name, decimals, note=back,
                                      caption_class="partnet-appendix-caption", block_id=f"appendix-{stem}")))

    def _methods_link(self) -> str:
        """A sentence pointing to the methods page bundled with the report (Markdown), or '' without one."""
        from partnet.report.render import METHODS_PAGE

        if self.folder is None or not (self.folder / METHODS_PAGE).is_file():
            return ""
        return (f"\n\nThe methods page, with every definition and its source, comes with this report: "
                f"[{METHODS_PAGE}]({self._href(METHODS_PAGE)}).")

    #: The date in the workbook's metadata (:func:`partnet.export.file_date`); a case report uses its survey date.
    file_date = None

    def finish(self) -> Path | None:
        """Write every table to ``tables.xlsx`` (a contents sheet, one sheet each, a glossary); return its path.

        :func:`partnet.workbook.write_tables_workbook`: whole tables with
        partnet's column names, each person table with its key column
        (``person_id``, or ``pseudonym`` when anonymised).
        """
        if self.folder is None:
            return None
        from partnet.workbook import write_tables_workbook

        return write_tables_workbook([(n, self.captions[n], t, self.decimals[n]) for n, t in self.tables.items()],
                                     self.folder / "tables.xlsx", date=self.file_date, anonymise=self.anonymise,
                                     redact=self.redact)


def run_profiles(cases, *, relation: str | None = None, min_frequency: int | None = None,
                 nonrespondents: str | None = None) -> dict[str, list]:
    """People and density of each case analysed with these options: ``{case_id: [people, density]}``.

    What :meth:`CaseReport.run_profile` reads for the other cases of a
    run; ``partnet report`` computes it once per run rather than in every
    case's report. A case that cannot be loaded or analysed with these
    options is left out; a case id given twice counts once (the first).

    Parameters
    ----------
    cases : list of (str, pathlib.Path or partnet.Case)
        Case folders, bundled case ids or loaded cases.
    relation, min_frequency, nonrespondents : optional
        As in :meth:`partnet.Case.graph` (None: each case's own).

    Returns
    -------
    dict
        Case id -> ``[people, density]`` (an int and a float), in the
        order given.

    Examples
    --------
    >>> profile = run_profiles([EXAMPLE_CASE, "no-such-case"])
    >>> list(profile), profile["example"][0]
    (['example'], 4)
    """
    from partnet.case import Case, load_case
    from partnet.errors import PartnetError
    from partnet.metrics import density
    from partnet.report.paths import resolve_case

    rows: dict[str, list] = {}
    for other in cases or ():
        try:
            case = other if isinstance(other, Case) else load_case(resolve_case(other))
            if case.id in rows:
                continue
            G = case.graph(relation=relation, min_frequency=min_frequency, nonrespondents=nonrespondents)
        except PartnetError:
            continue
        rows[case.id] = [G.number_of_nodes(), float(density(G))]
    return rows


#: A run's rosters kept as one shared index (:func:`prepare_rosters`): ``rosters`` as given (folders
#: resolved), ``outsiders`` their :class:`partnet.pseudonyms.Outsiders`, whose case ids are the folders.
_PREPARED: dict = {}


def prepare_rosters(rosters) -> bool:
    """Keep a run's rosters as one shared name index for :func:`hide_other_rosters`.

    ``partnet report``'s workers, and the template their kernels are
    forked from, do so once per run: each case then hides every other
    roster of the run from this index (``Pseudonyms.hide_outsiders``) at
    the cost of its own roster, where reading and adding the 81 other
    rosters of a run of 82 cases took 0.1 to 0.2 s per case. The regex
    over the run's names is compiled here too (what
    :func:`partnet.pseudonyms.prepare_names` does for the same names).
    :func:`hide_other_rosters` uses it only for exactly these rosters in
    this order, so what is redacted does not change.

    Parameters
    ----------
    rosters : list of (str or pathlib.Path, list of str, list of bool)
        Each case folder of the run, the names on its roster and whether
        each agreed to be named, as :func:`partnet.case.roster` reads them.

    Returns
    -------
    bool
        True when kept; False (and nothing kept) when a folder is given
        twice.

    Examples
    --------
    >>> import partnet as pn
    >>> from partnet.case import roster
    >>> from partnet.report.paths import resolve_case
    >>> run = [resolve_case(c) for c in (EXAMPLE_CASE, "shire")]
    >>> prepare_rosters([(p, [n for n, _ in roster(p)], [c for _, c in roster(p)]) for p in run])
    True
    >>> case = pn.load_case(EXAMPLE_CASE)
    >>> hide_other_rosters(case, run)
    >>> case.pseudonyms.redact("Adaeze Okonjo came.", anonymise=True)
    '[name] came.'
    >>> _PREPARED.clear()
    """
    from partnet.pseudonyms import Outsiders, prepare_names

    rosters = [(str(Path(p).resolve()), list(names), list(consents)) for p, names, consents in rosters]
    folders = tuple(folder for folder, _, _ in rosters)
    if _PREPARED.get("rosters") == rosters:
        return True
    _PREPARED.clear()
    if len(set(folders)) != len(folders):
        return False
    outsiders = Outsiders(rosters)
    prepare_names(outsiders)        # its regex compiled now, once for every case (and kernel) that hides them
    _PREPARED.update(rosters=rosters, outsiders=outsiders)
    return True


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
    others = list(others or ())
    if _PREPARED and others and not any(isinstance(o, Case) for o in others):
        outsiders = _PREPARED["outsiders"]
        folders = outsiders.case_ids
        own = str(Path(case.path).resolve())
        asked = [str(resolve_case(o)) for o in others]
        if [f for f in asked if f != own] == [f for f in folders if f != own]:      # these rosters, in this order
            try:
                case.pseudonyms.hide_outsiders(outsiders, own=own if own in folders else None)
                return
            except ParameterError:      # the case already hides a run: add these as before
                pass
    for other in others:
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
    other_profiles : dict, optional
        People and density of each case of ``other_cases`` analysed with
        this report's options, ``{case_id: [people, density]}``, as
        :func:`run_profiles` computes them (``partnet report`` does once
        per run and passes them to every case); None reads each of
        ``other_cases`` for :meth:`run_profile`.
    case_files : bool, default False
        :meth:`finish` also writes the case's workshop page, graph files
        and ego sheets into ``output_dir`` (:meth:`write_case_files`), from
        this report's graph and measures, and keeps what the cross-case
        report compares (:mod:`partnet.report.compared`; ``partnet report``
        asks for them).

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
           pseudonym  in_degree
    person
    NDC-01    NDC-01          1
    ECC-01    ECC-01          1
    >>> CaseReport(EXAMPLE_CASE, nonrespondents="dorp")
    Traceback (most recent call last):
    ...
    partnet.errors.ParameterError: nonrespondents must be one of keep, drop, reconstruct; 'dorp' was given;
    did you mean 'drop'?
    """

    def __init__(self, case, *, relation: str | None = None, min_frequency: int | None = None,
                 nonrespondents: str | None = None, anonymise: bool = False, seed: int = 0, output_dir=None,
                 other_cases=(), other_profiles: dict | None = None, case_files: bool = False):
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
        self._options = {"relation": relation, "min_frequency": min_frequency, "nonrespondents": nonrespondents}
        self._other_cases = [c for c in (other_cases or ()) if not isinstance(c, Case) or c is not self.case]
        self._other_profiles = None if other_profiles is None else dict(other_profiles)
        self._case_files = check_bool(case_files, "case_files")
        self._run_profile: pd.DataFrame | None = None

    def __repr__(self) -> str:
        return f"<CaseReport {self.case.id!r}: {self.parameters}>"

    def name(self, person_id) -> str:
        """The name this report shows for a person: pseudonym when anonymising or without consent."""
        return self.case.pseudonyms.shown(person_id, self.anonymise)

    def people(self, df):
        """A table with person ids (index or ``person_id`` column) replaced by the names shown, the key kept beside.

        The index (or column) becomes ``person``; ids not on the roster
        are left as they are. The key column the workbook joins on stays
        beside it (``person_id``, or ``pseudonym`` when anonymised:
        :func:`partnet.workbook.people_with_keys`); the page leaves it out.
        """
        from partnet.workbook import people_with_keys

        return people_with_keys(df, self.case.pseudonyms, self.anonymise)

    def describe_data(self) -> None:
        """Show how the ties were collected and what the analysis keeps, in the case's own terms.

        The question respondents were asked is ``case.yaml``'s
        ``question`` when given; otherwise the sentence names the relation
        and its scale (how often, a count, or a tie). Then the roster, the
        response and the ties kept. A directed relation adds that people
        who did not answer appear only through the ties others reported;
        a case with workshop notes (:attr:`partnet.Case.notes`) says how
        many.
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
                  + "; non-respondents: {treatment}.",
                  n=len(people), k=len(case.organisations), r=int(people["responded"].sum()),
                  rate=case.response_rate, ties=int((case.ties["relation"] == G.graph["relation"]).sum()),
                  relation=G.graph["relation"], min_frequency=G.graph["min_frequency"],
                  treatment=_NONRESPONDENTS[G.graph["nonrespondents"]])
        notes = len(getattr(case, "notes", ()))
        if notes:
            self.text("**{n} workshop note" + ("s** (imported with `partnet import-notes`) add" if notes != 1 else
                                                 "** (imported with `partnet import-notes`) adds")
                      + " what a workshop said about people, ties, organisations or the whole network; the joint "
                      "displays show " + ("them" if notes != 1 else "it") + " beside what people said in interview.",
                      n=notes)

    def provenance(self) -> None:
        """Show and keep the provenance table (checksum, the options in words, date, versions)."""
        from partnet.report.provenance import provenance

        words = {k: v for k, v in self.parameters.items() if k != "case"}
        self.table(_in_words(provenance(self.case, _option_words(words))), "provenance",
                   "Provenance: the data, the options and the software behind every number above")

    def methods(self) -> None:
        """Show the methods paragraph for these options, ready to cite, and a link to the methods page."""
        from IPython.display import Markdown

        from partnet.report.methods import methods_paragraph

        question = self.case.meta.get("question")
        _display(Markdown(self.redact(methods_paragraph({**self.parameters, "question": question}))
                          + self._methods_link()))

    # -- the top of the page and the readings of the numbers ----------------
    kind = "Case study report"

    def links(self) -> list[tuple[str, str, str]]:
        """The files partnet report writes with a case's report, linked from its page (all in or beside its folder).

        Examples
        --------
        >>> [href for href, _, _ in CaseReport(EXAMPLE_CASE).links()]
        ['network.html', 'ego/index.html', 'tables.xlsx', 'methods.html', '../index.html', '../cross_case.html']
        """
        from partnet.report.render import METHODS_PAGE

        return [("network.html", "workshop page", "the network to explore"),
                ("ego/index.html", "ego sheets", "one page per person"),
                ("tables.xlsx", "tables.xlsx", "every table in full"),
                (METHODS_PAGE, "methods", "how each number is made"),
                ("../index.html", "all reports of this run", ""),
                ("../cross_case.html", "cross-case comparison", "")]

    def header(self, intro: str = "", **values) -> None:
        """Show the top of the report: the case's title and description, the files that come with it, its contents.

        Parameters
        ----------
        intro : str
            Markdown written by the notebook under the description, with
            ``{name}`` fields filled from ``values`` as :meth:`text` does.
        **values
            Values for the fields (text redacted and escaped).

        Notes
        -----
        With an output folder, the links lead to the files ``partnet
        report`` writes beside the report (workshop page, ego sheets,
        tables, the index and the cross-case report, one level up), and
        the methods page (``docs/methods.md``) is written into the folder
        as ``methods.html``. The list of contents is an empty
        ``<nav id="contents">`` that :func:`partnet.report.render_html`
        fills with the page's section headings.
        """
        self._header(self.case.title, self.case.meta.get("description", "") or "", intro, values)

    def finish(self) -> Path | None:
        """Write every table to ``tables.xlsx`` and return its path; with ``case_files``, the case's files too.

        The workbook as :meth:`_Shown.finish` writes it; ``case_files=True``
        first writes the workshop page, graph files and ego sheets
        (:meth:`write_case_files`) and what the cross-case report compares
        of the case (:func:`partnet.report.compared.kept_results`, kept
        when no label of it holds a name).
        """
        if self._case_files and self.folder is not None:
            from partnet.report.compared import kept_results, write_kept

            self.write_case_files()
            write_kept(self.folder, kept_results(self.case, self.graph,
                                                 redact=lambda text: self.case.pseudonyms.redact(text, True)))
        return super().finish()

    def write_case_files(self) -> list[Path]:
        """Write the case's workshop page, graph files and ego sheets into the output folder.

        What ``partnet report`` puts beside each report, from this report's
        graph, options and redaction (the names of other cases of the run
        hidden too): ``network.html`` (:func:`partnet.viz.write_network_page`),
        ``<case_id>.gexf``, ``.graphml`` and ``.dl`` (:func:`partnet.export.write_graph`,
        dated with the case's survey date) and ``ego/`` (:func:`partnet.viz.write_ego_sheets`,
        from the node table the report's measures share).

        Returns
        -------
        list of pathlib.Path
            The page, the graph files and the ego folder.

        Raises
        ------
        ParameterError
            The report has no output folder.

        Examples
        --------
        >>> import tempfile
        >>> rep = CaseReport(EXAMPLE_CASE, output_dir=tempfile.mkdtemp())
        >>> [p.name for p in rep.write_case_files()]
        ['network.html', 'example.gexf', 'example.graphml', 'example.dl', 'ego']
        """
        from partnet.export import write_graph
        from partnet.metrics import node_table
        from partnet.report.pipeline import GRAPH_FORMATS
        from partnet.viz import write_ego_sheets, write_network_page

        if self.folder is None:
            raise ParameterError("this report has no output folder: give output_dir to write the case's files")
        G, anonymise = self.graph, self.anonymise
        written = [Path(write_network_page(self.case, self.folder / "network.html", anonymise=anonymise,
                                           seed=self.seed, **self._options))]
        for fmt in GRAPH_FORMATS:
            path = self.folder / f"{self.case.id}.{fmt}"
            write_graph(G, path, fmt, anonymise=anonymise, date=self.case.meta.get("survey_date"))
            written.append(path)
        write_ego_sheets(self.case, G, node_table(G), self.folder / "ego", anonymise=anonymise)
        return [*written, self.folder / "ego"]

    def run_profile(self) -> pd.DataFrame:
        """People and density of this case and of every other case of the run, with this report's options.

        Returns
        -------
        pandas.DataFrame
            Indexed by case id (this case first), columns ``people`` and
            ``density``. The other cases are ``other_cases``, each analysed
            with the options given to this report (None: that case's own);
            a case that cannot be loaded or analysed so is left out.

        Examples
        --------
        >>> CaseReport(EXAMPLE_CASE).run_profile().index.tolist()
        ['example']
        """
        if self._run_profile is None:
            from partnet.metrics import density

            rows = {self.case.id: (self.graph.number_of_nodes(), density(self.graph))}
            others = (run_profiles(self._other_cases, **self._options) if self._other_profiles is None
                      else self._other_profiles)
            for case_id, (people, dens) in others.items():
                rows.setdefault(case_id, (int(people), float(dens)))
            self._run_profile = pd.DataFrame.from_dict(rows, orient="index", columns=["people", "density"])
        return self._run_profile

    def read_profile(self, profile: pd.Series) -> pd.DataFrame:
        """The whole-network profile with the usual reading of each number that has one (:func:`profile_readings`).

        Examples
        --------
        >>> from partnet.metrics import whole_network
        >>> rep = CaseReport(EXAMPLE_CASE)
        >>> rep.read_profile(whole_network(rep.graph)).columns.tolist()
        ['value', 'reading']
        """
        return pd.DataFrame({"value": profile.astype(float),
                             "reading": profile_readings(profile, self.case.id, self.run_profile())})

    def describe_ei(self, whole: pd.Series) -> None:
        """Say how the whole network's E-I index between organisations reads (:func:`ei_reading`).

        ``whole`` is ``partnet.metrics.ei_index(G, "organisation").whole``.
        """
        self.text("The E-I index of the whole network (Krackhardt and Stern's: \u22121 when every tie is within an "
                  "organisation, +1 when every tie is between two) is **{ei:+.2f}**: {reading}.",
                  ei=whole["ei"], reading=ei_reading(whole))

    def describe_structure(self, profile: pd.Series) -> None:
        """Say in words how density and centralization read, with the basis of each reading.

        Density against the other cases of the run (:meth:`run_profile`),
        centralization in partnet's bands (:data:`partnet.report.readings.CENTRALIZATION_BANDS`).
        """
        from partnet.metrics import measure_for
        from partnet.report.render import METHODS_PAGE

        run = self.run_profile()
        others = run.drop(index=self.case.id)
        degree = measure_for("degree_centralization_in", self.graph)
        size = (f"this network has {len(self.graph)} people, the others "
                + (f"{int(others['people'].min())}" if others["people"].min() == others["people"].max() else
                   f"{int(others['people'].min())} to {int(others['people'].max())}")
                if len(others) else "")
        link = self._href(METHODS_PAGE) + "#10.-Reading-the-numbers" if self._methods_link() else None
        self.text("**Reading the numbers.** Density is **{density:.3f}**: {share:.1%} of the ties that could exist "
                  "are there, {among}" + (f"; {size}" if size else "") + ". "
                  "{degree_label} is **{degree:.2f}**, *{degree_band}*, and betweenness centralization "
                  "**{between:.2f}**, *{between_band}*.\n\n" + _reading_basis(link),
                  density=profile["density"], share=profile["density"], among=among_cases(run["density"],
                                                                                         self.case.id),
                  degree_label="In-degree centralization" if self.graph.is_directed() else "Degree centralization",
                  degree=profile[degree], degree_band=centralization_band(profile[degree]),
                  between=profile["betweenness_centralization"],
                  between_band=centralization_band(profile["betweenness_centralization"]))


class CrossCaseReport(_Shown):
    """Several cases analysed with the same options, for side-by-side tables and figures.

    Parameters
    ----------
    cases : list of (str, pathlib.Path or partnet.Case)
        Case folders, bundled case ids or loaded cases; None or empty means
        every bundled case.
    relation, min_frequency, nonrespondents, anonymise, seed, output_dir
        As for :class:`CaseReport`, applied to every case.
    kept_results : str or pathlib.Path, optional
        An output folder of ``partnet report``: what each case's report
        kept there (``<kept_results>/<case id>/``,
        :func:`partnet.report.compared.read_kept`) is taken instead of
        computed again, where it was written from the same data, options
        and partnet code; every other case is computed. The tables are the
        same either way.

    Examples
    --------
    >>> rep = CrossCaseReport([EXAMPLE_CASE])
    >>> list(rep.graphs), rep.parameters["cases"]
    (['example'], 'example')
    """

    def __init__(self, cases=None, *, relation: str | None = None, min_frequency: int | None = None,
                 nonrespondents: str | None = None, anonymise: bool = False, seed: int = 0, output_dir=None,
                 kept_results=None):
        from partnet.case import Case, load_case
        from partnet.pseudonyms import Outsiders
        from partnet.report.paths import bundled_cases, resolve_case

        check_anonymise(anonymise)
        self.seed = check_seed(seed)
        if isinstance(cases, (str, Path, Case)):
            cases = [cases]
        cases = list(cases) if cases else bundled_cases()
        if not cases:
            raise ParameterError("no cases to compare: give case folders (yours are in data/cases), or the demos in "
                                 "data/examples")
        self.cases = [c if isinstance(c, Case) else load_case(resolve_case(c)) for c in cases]
        ids = [c.id for c in self.cases]
        if len(set(ids)) != len(ids):
            raise ParameterError(f"two cases share an id: {', '.join(sorted({i for i in ids if ids.count(i) > 1}))}")
        # hide_other_rosters(c, self.cases) for each case: one shared index of the rosters, each case's own skipped
        rosters = [(c.id, list(c.people["name"]), list(c.people["consent_named"])) for c in self.cases]
        everyone = Outsiders(rosters)
        for c in self.cases:
            try:
                c.pseudonyms.hide_outsiders(everyone, own=c.id)
            except ParameterError:      # a loaded case given to an earlier report already hides a run: add these
                for cid, names, consent in rosters:
                    if cid != c.id:
                        c.pseudonyms.hide_also(names, consent)
        anonymise = any(c.anonymised(anonymise) for c in self.cases)
        self.graphs = {c.id: c.graph(relation=relation, min_frequency=min_frequency, nonrespondents=nonrespondents)
                       for c in self.cases}
        self.parameters = {"cases": ", ".join(ids), "relation": relation, "min_frequency": min_frequency,
                           "nonrespondents": nonrespondents, "anonymise": anonymise, "seed": self.seed}
        self._kept: dict[str, dict] = {}
        if kept_results is not None:
            from partnet.report.compared import read_kept

            for c in self.cases:
                found = read_kept(Path(kept_results) / c.id, c, self.graphs[c.id])
                if found is not None:
                    self._kept[c.id] = found
        super().__init__(output_dir, anonymise, {c.id: c.pseudonyms for c in self.cases})

    def __repr__(self) -> str:
        return f"<CrossCaseReport {[c.id for c in self.cases]}: {self.parameters}>"

    def _known(self, part: str) -> dict:
        """Case id -> what its report kept of ``part`` (:mod:`partnet.report.compared`), for the cases that kept it."""
        return {cid: kept[part] for cid, kept in self._kept.items() if kept[part] is not None}

    def whole_network_profiles(self) -> pd.DataFrame:
        """:func:`partnet.metrics.whole_network` of every case, one column per case id.

        Taken from what each case's report kept where the report was built
        with ``kept_results``, else computed: the same numbers either way.

        Examples
        --------
        >>> CrossCaseReport([EXAMPLE_CASE]).whole_network_profiles().loc[["n", "density"]]
                 example
        n           4.00
        density     0.25
        """
        from partnet.metrics import whole_network

        known = self._known("whole_network")
        return pd.DataFrame({cid: known[cid] if cid in known else whole_network(G) for cid, G in self.graphs.items()})

    def effectiveness_profiles(self) -> pd.DataFrame:
        """The effectiveness-profile indicators of every case, side by side (:func:`partnet.mixed.cross_case_profile`).

        With its defaults (partition by organisation, seed 0, definitions),
        each case's column taken from what its report kept where the report
        was built with ``kept_results``.

        Examples
        --------
        >>> float(CrossCaseReport([EXAMPLE_CASE]).effectiveness_profiles().loc[("governance", "segments"), "example"])
        2.0
        """
        from partnet.mixed import cross_case_profile

        return cross_case_profile(self.cases, self.graphs, known=self._known("indicators"))

    def theme_shares(self) -> pd.DataFrame | None:
        """Share of interviewees raising each theme, per case with coded segments (``themes.case_frequencies``).

        Returns
        -------
        pandas.DataFrame or None
            One column per case with coded segments; None when no case has
            any. Taken from what each case's report kept where the report
            was built with ``kept_results``.

        Examples
        --------
        >>> CrossCaseReport([EXAMPLE_CASE]).theme_shares()
                    example
        theme
        leadership      1.0
        """
        from partnet.themes import case_frequencies

        coded = [c for c in self.cases if len(c.segments)]
        if not coded:
            return None
        return case_frequencies(coded, measure="share_people", known=self._known("themes"))

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
        """Show and keep the provenance table (one checksum per case, the options in words, date, versions)."""
        from partnet.report.provenance import provenance

        used = self._used()
        parameters = _option_words({**used, "anonymise": self.anonymise, "seed": self.seed}, scales=used["scale"])
        self.table(_in_words(provenance(self.cases, parameters)), "provenance",
                   "Provenance: the data, the options and the software behind every number above")

    def methods(self) -> None:
        """Show the methods paragraph for the options the cases were analysed with."""
        from IPython.display import Markdown

        from partnet.report.methods import methods_paragraph

        questions = {c.id: c.meta.get("question") for c in self.cases}
        _display(Markdown(self.redact(methods_paragraph({**self._used(), "question": questions,
                                                          "anonymise": self.anonymise,
                                                          "seed": self.seed})) + self._methods_link()))

    # -- the top of the page and the readings of the numbers ----------------
    kind = "Cross-case report: the case studies of this run side by side"

    def _href(self, name: str) -> str:
        """A link from the page to a file of the output folder: the page is written one level up, beside it."""
        return f"{self.folder.name}/{name}" if self.folder is not None else name

    def _methods_back(self) -> str:
        return "../cross_case.html"

    def links(self) -> list[tuple[str, str, str]]:
        """The files that come with the cross-case report, linked from its page (which sits beside the case folders).

        Examples
        --------
        >>> [href for href, _, _ in CrossCaseReport([EXAMPLE_CASE], output_dir="out/cross_case").links()]
        ['example/report.html', 'cross_case/tables.xlsx', 'cross_case/methods.html', 'index.html']
        """
        from partnet.report.render import METHODS_PAGE

        cases = [(f"{c.id}/report.html", f"{c.id} report", "") for c in self.cases]
        return [*cases, (self._href("tables.xlsx"), "tables.xlsx", "every table in full"),
                (self._href(METHODS_PAGE), "methods", "how each number is made"),
                ("index.html", "all reports of this run", "")]

    def header(self, intro: str = "", **values) -> None:
        """Show the top of the report: its title, the cases, links to each case's report and its files, contents.

        See :meth:`CaseReport.header`; the page is written beside the case
        folders, so the links lead into them.
        """
        n = len(self.cases)
        described = f"{n} case{'s' if n != 1 else ''}: " + "; ".join(f"{c.title} ({c.id})" for c in self.cases) + "."
        self._header("Cross-case comparison", described, intro, values)

    def readings(self, profiles: pd.DataFrame) -> pd.DataFrame:
        """How each case's density and centralization read: density among the run's cases, centralization in bands.

        Parameters
        ----------
        profiles : pandas.DataFrame
            :func:`partnet.metrics.whole_network` of each case, one column
            per case id.

        Returns
        -------
        pandas.DataFrame
            One row per case: people, density and where it stands among
            the cases (:func:`among_cases`), (in-)degree and betweenness
            centralization with partnet's band (:func:`centralization_band`).

        Examples
        --------
        >>> from partnet.metrics import whole_network
        >>> rep = CrossCaseReport([EXAMPLE_CASE])
        >>> columns = rep.readings(pd.DataFrame({c: whole_network(G) for c, G in rep.graphs.items()})).columns
        >>> for c in columns: print(c)
        people
        density
        density among the cases
        degree centralization
        degree centralization reads
        betweenness centralization
        betweenness centralization reads
        """
        from partnet.metrics import measure_for

        rows = {}
        for cid, G in self.graphs.items():
            p = profiles[cid]
            degree = p.get(measure_for("degree_centralization_in", G))
            rows[cid] = {"people": int(p["n"]), "density": p["density"],
                         "density among the cases": among_cases(profiles.loc["density"], cid, short=True),
                         "degree centralization": degree,
                         "degree centralization reads": centralization_band(degree),
                         "betweenness centralization": p["betweenness_centralization"],
                         "betweenness centralization reads": centralization_band(p["betweenness_centralization"])}
        table = pd.DataFrame.from_dict(rows, orient="index")
        table.index.name = "case"
        return table

    def reading_basis(self) -> None:
        """Say where the readings of density and centralization come from (:func:`_reading_basis`)."""
        from partnet.report.render import METHODS_PAGE

        link = self._href(METHODS_PAGE) + "#10.-Reading-the-numbers" if self._methods_link() else None
        self.text("**Reading the numbers.** (In-)degree centralization is of in-degree for a directed relation "
                  "and of degree for an undirected one. " + _reading_basis(link))

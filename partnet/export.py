"""Graph files and workbooks of a case's network: GEXF, GraphML, UCINET DL, Excel.

Every file names people the way a page may show them: by name only when
they agreed to be named and the output is not anonymised, otherwise by
pseudonym (:func:`partnet.pseudonyms.shown_name`). The ``name`` attribute
never leaves partnet; the shown name travels as ``label``. In a named
(not anonymised) file node ids are the roster's ``person_id``, for the
researcher's own use; in an anonymised file node ids are the pseudonyms
and nothing of ``person_id`` or ``consent_named`` is written
(``docs/privacy.md``).

Every workbook partnet writes keeps text as text: a value that a
spreadsheet would run as a formula is written as a quoted string (see
:func:`write_tables`).

Every file is the same, byte for byte, for the same graph or tables: the
dates a workbook (its properties and zip entries) and a GEXF header carry
are fixed (:func:`file_date`), not the time of writing.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from pathlib import Path

import networkx as nx
import pandas as pd

from partnet._values import plain
from partnet._xlsx import fixed_dates, text_cells_stay_text
from partnet.errors import ParameterError, PartnetError, choice_error

__all__ = ["FORMATS", "NODE_ATTRIBUTES", "NAMED_ONLY_ATTRIBUTES", "FIXED_DATE", "export", "export_graph",
           "write_graph", "network_tables", "write_tables", "sheet_names", "file_date"]

#: The formats :func:`export` writes.
FORMATS = ("gexf", "graphml", "dl", "xlsx")

#: Node attributes copied into graph files (``name`` is never among them). An
#: anonymised file leaves out those of :data:`NAMED_ONLY_ATTRIBUTES`.
NODE_ATTRIBUTES = ("label", "pseudonym", "organisation", "org_type", "org_size", "role", "directorate",
                   "seniority", "responded", "consent_named")

#: Node attributes written only when not anonymising: in an anonymised file the
#: label (and node id) is the pseudonym, and consent says who is on the roster.
NAMED_ONLY_ATTRIBUTES = ("pseudonym", "consent_named")

_EXCEL_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

#: The date in a workbook's or GEXF file's metadata when neither
#: ``SOURCE_DATE_EPOCH`` nor a date is given (see :func:`file_date`).
FIXED_DATE = _dt.datetime(2000, 1, 1)


def file_date(date=None) -> _dt.datetime:
    """The date partnet writes into a file's metadata, the same on every run (UTC, without time zone).

    Parameters
    ----------
    date : datetime.date, datetime.datetime or str, optional
        A date that belongs to the data, such as the case's
        ``survey_date`` (``YYYY-MM-DD``, ``YYYY-MM`` for the first of the
        month, or an ISO date and time).

    Returns
    -------
    datetime.datetime
        The moment ``SOURCE_DATE_EPOCH`` names when it is set (the
        reproducible-builds convention, which also dates a report's
        provenance: :func:`partnet.report.provenance.run_date`); else
        ``date`` (midnight, when only a day is given); else
        :data:`FIXED_DATE`, 2000-01-01. Never the time of writing, so the
        same inputs give the same file, byte for byte.

    Raises
    ------
    ParameterError
        ``date`` is text that is not an ISO date.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    >>> file_date()
    datetime.datetime(2000, 1, 1, 0, 0)
    >>> file_date("2007-06")
    datetime.datetime(2007, 6, 1, 0, 0)
    >>> os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    >>> file_date("2007-06-05")
    datetime.datetime(2026, 1, 1, 0, 0)
    >>> _ = os.environ.pop("SOURCE_DATE_EPOCH") if saved is None else os.environ.update(SOURCE_DATE_EPOCH=saved)
    """
    from partnet.report.provenance import source_date

    when = source_date()
    if when is None:
        when = FIXED_DATE if date is None or date == "" else date
        if isinstance(when, str):
            text = when.strip()
            try:
                when = _dt.datetime.fromisoformat(text + "-01" if re.fullmatch(r"\d{4}-\d{2}", text) else text)
            except ValueError:
                raise ParameterError(f"date must be an ISO date (YYYY-MM-DD or YYYY-MM); {date!r} was given") \
                    from None
        elif not isinstance(when, _dt.datetime):
            if not isinstance(when, _dt.date):
                raise ParameterError(f"date must be a date or an ISO date text; {date!r} was given")
            when = _dt.datetime(when.year, when.month, when.day)
    if when.tzinfo is not None:
        when = when.astimezone(_dt.UTC).replace(tzinfo=None)
    return when.replace(microsecond=0)


def _file_value(value):
    """A value GEXF and GraphML can write: Python bool/int/float/str, or None to leave out.

    >>> import numpy as np
    >>> [_file_value(v) for v in (np.int64(2), np.nan, "x", (1, 2))]
    [2, None, 'x', '(1, 2)']
    """
    value = plain(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _check_format(fmt: str) -> str:
    value = str(fmt).lower().lstrip(".")
    if value not in FORMATS:
        raise choice_error(fmt, FORMATS, "format")
    return value


def _labels(G, anonymise: bool) -> dict:
    """Shown name per node; a name two people share gets the person_id added.

    Anonymised labels are node ids, so they must be unique: a pseudonym two
    nodes share is refused (the person_ids are not named in the message).
    """
    from partnet.pseudonyms import shown_name

    labels = {v: shown_name(d, anonymise) for v, d in G.nodes(data=True)}
    counts = pd.Series(list(labels.values()), dtype="object").value_counts()
    if anonymise:
        shared = sorted(str(s) for s, n in counts.items() if n > 1)
        if shared:
            raise ParameterError(
                f"an anonymised graph file uses pseudonyms as node ids, but {len(shared)} pseudonym(s) are "
                f"shared by several people: {', '.join(shared)}; give each person a unique pseudonym "
                "(a graph from case.graph() always has)")
        return labels
    return {v: (f"{s} ({v})" if counts[s] > 1 else s) for v, s in labels.items()}


def export_graph(G, anonymise: bool = False) -> nx.DiGraph | nx.Graph:
    """A copy of a case graph ready for graph files: shown names, plain values.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        From :meth:`partnet.Case.graph` (nodes carry ``name``, ``pseudonym``
        and ``consent_named``).
    anonymise : bool, default False
        True: every label is a pseudonym, and the pseudonyms are the node ids.

    Returns
    -------
    networkx.DiGraph or networkx.Graph
        Directed as ``G`` is (an undirected relation gives a ``Graph``, so
        GEXF and GraphML files say ``edgedefault="undirected"`` and the DL
        matrix is symmetric), with the same edges. Nodes carry ``label`` (the shown name) and the
        attributes of :data:`NODE_ATTRIBUTES` that have a value; ``name`` is
        dropped. Not anonymised: node ids are the ``person_id`` (as str).
        Anonymised: node ids are the pseudonyms (equal to ``label``), edges
        are keyed by them, and the attributes of
        :data:`NAMED_ONLY_ATTRIBUTES` (``pseudonym``, ``consent_named``) are
        left out, so nothing of the roster's ``person_id`` is written. Edges
        carry ``frequency``, ``weight`` (= frequency, which Gephi reads),
        ``relation`` and ``imputed``. Graph attributes: ``case_id``,
        ``relation``, ``scale``, ``min_frequency``, ``nonrespondents``,
        ``anonymised``.
        Every value is a Python bool, int, float or str; missing values are
        left out.

    Raises
    ------
    ParameterError
        A node has no pseudonym to show (the graph was not built by
        ``case.graph()``), or, when anonymising, two nodes share a
        pseudonym.

    Examples
    --------
    >>> import partnet as pn
    >>> G = pn.load_case(EXAMPLE_CASE).graph()
    >>> H = export_graph(G)
    >>> [H.nodes[v]["label"] for v in H]    # p2 did not consent to be named
    ['Ada Quintrell', 'NDC-01', 'Cerys Vantongeren', 'Dov Haraldsen']
    >>> list(nx.get_node_attributes(export_graph(G, anonymise=True), "label").values())
    ['NDC-02', 'NDC-01', 'ECC-02', 'ECC-01']
    >>> any("name" in d for _, d in H.nodes(data=True))
    False
    >>> H.edges["p1", "p2"]
    {'frequency': 3, 'weight': 3, 'relation': 'egov_contact', 'imputed': False}

    Anonymised, the pseudonyms are the node ids and no person_id or consent
    is left:

    >>> A = export_graph(G, anonymise=True)
    >>> sorted(A)
    ['ECC-01', 'ECC-02', 'NDC-01', 'NDC-02']
    >>> all(v == d["label"] for v, d in A.nodes(data=True))
    True
    >>> sorted(set().union(*(d for _, d in A.nodes(data=True))))
    ['directorate', 'label', 'org_size', 'org_type', 'organisation', 'responded', 'role', 'seniority']
    >>> pseudonyms = pn.load_case(EXAMPLE_CASE).pseudonyms
    >>> A.edges[pseudonyms.of("p1"), pseudonyms.of("p2")]["frequency"]
    3
    """
    from partnet.pseudonyms import shown_graph

    anonymise = bool(anonymise)
    G = shown_graph(G, anonymise)          # organisations named after a hidden person, redacted
    labels = _labels(G, anonymise)
    ids = {v: (labels[v] if anonymise else str(v)) for v in G}
    copied = [k for k in NODE_ATTRIBUTES[1:] if not (anonymise and k in NAMED_ONLY_ATTRIBUTES)]
    H = nx.DiGraph() if G.is_directed() else nx.Graph()
    for key in ("case_id", "relation", "scale", "min_frequency", "nonrespondents"):
        value = _file_value(G.graph.get(key))
        if value is not None:
            H.graph[key] = value
    H.graph["anonymised"] = anonymise
    for v, d in G.nodes(data=True):
        attrs = {"label": labels[v]}
        for key in copied:
            value = _file_value(d.get(key))
            if value is not None:
                attrs[key] = value
        H.add_node(ids[v], **attrs)
    for u, v, d in G.edges(data=True):
        attrs = {}
        frequency = _file_value(d.get("frequency"))
        if frequency is not None:
            attrs["frequency"] = frequency
            attrs["weight"] = frequency
        for key in ("relation", "imputed"):
            value = _file_value(d.get(key))
            if value is not None:
                attrs[key] = value
        H.add_edge(ids[u], ids[v], **attrs)
    return H


def write_graph(G, path, fmt: str | None = None, *, anonymise: bool = False, date=None) -> Path:
    """Write a case graph as GEXF, GraphML or UCINET DL.

    Parameters
    ----------
    G : networkx.DiGraph
        From :meth:`partnet.Case.graph`.
    path : str or pathlib.Path
        File to write; folders are created.
    fmt : {"gexf", "graphml", "dl"}, optional
        Default: the file's suffix.
    anonymise : bool, default False
        Pseudonyms for every person, as labels and node ids; no
        ``person_id`` or ``consent_named`` in the file (see
        :func:`export_graph`).
    date : datetime.date or str, optional
        The GEXF header's ``lastmodifieddate`` (see :func:`file_date`:
        ``SOURCE_DATE_EPOCH`` when set, else this date, else 2000-01-01).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ParameterError
        For an unknown format or date, or see :func:`export_graph`.

    Examples
    --------
    >>> import tempfile, pathlib, partnet as pn
    >>> G = pn.load_case(EXAMPLE_CASE).graph()
    >>> out = write_graph(G, pathlib.Path(tempfile.mkdtemp()) / "example.dl", anonymise=True)
    >>> print(out.read_text())
    dl n=4 format=fullmatrix
    labels:
    NDC-02,NDC-01,ECC-02,ECC-01
    data:
    0 3 0 4
    0 0 2 0
    0 0 0 0
    0 0 0 0
    <BLANKLINE>

    Notes
    -----
    GEXF 1.2 (``networkx.write_gexf``) is what Gephi opens; GraphML keeps
    every attribute for yEd, Cytoscape and igraph; the DL file is a
    labelled ``fullmatrix`` of tie frequencies (0 = no tie), the format
    UCINET's *Data > Import text file > DL* reads (Borgatti, Everett &
    Freeman 2002). The networkx GEXF writer puts today's date in the header
    (``<meta lastmodifieddate>``); partnet writes :func:`file_date` there
    instead, so the same graph gives the same file on any day. GraphML and
    DL carry no date.
    """
    path = Path(path)
    fmt = _check_format(fmt or path.suffix)
    if fmt == "xlsx":
        raise ParameterError("write_graph writes gexf, graphml or dl; use export(..., 'xlsx') for a workbook")
    H = export_graph(G, anonymise=anonymise)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "gexf":
        day = file_date(date).date()         # checked before anything is written
        buffer = io.BytesIO()
        nx.write_gexf(H, buffer)
        path.write_bytes(_fixed_gexf(buffer.getvalue(), day))
    elif fmt == "graphml":
        nx.write_graphml(H, path, named_key_ids=True)
    else:
        from partnet.dl import write_dl

        write_dl(H, path, label="label")
    return path


_GEXF_DATE = re.compile(rb'(<meta\b[^>]*?\blastmodifieddate=")[^"]*(")')


def _fixed_gexf(data: bytes, day: _dt.date) -> bytes:
    """A GEXF document with ``day`` as the header's ``lastmodifieddate`` (the first ``<meta>`` tag only).

    Examples
    --------
    >>> _fixed_gexf(b'<gexf><meta lastmodifieddate="2031-05-17"><creator>x</creator></meta></gexf>',
    ...             _dt.date(2000, 1, 1))
    b'<gexf><meta lastmodifieddate="2000-01-01"><creator>x</creator></meta></gexf>'
    """
    return _GEXF_DATE.sub(lambda m: m.group(1) + day.isoformat().encode("ascii") + m.group(2), data, count=1)


def network_tables(G, anonymise: bool = False) -> dict[str, pd.DataFrame]:
    """The network as tables: nodes, edges and the labelled adjacency matrix.

    Parameters
    ----------
    G : networkx.DiGraph
        From :meth:`partnet.Case.graph`.
    anonymise : bool, default False
        Pseudonyms for every person, and no ``person_id``.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``nodes`` (person_id, label and the node attributes; anonymised:
        label and the node attributes without ``pseudonym`` and
        ``consent_named``, no person_id), ``edges`` (source, target, their
        labels, relation, frequency, imputed; source and target are the
        node ids of :func:`export_graph`: person_ids, or the pseudonyms when
        anonymised) and ``matrix`` (frequency of the tie row -> column, 0
        for none; rows and columns labelled).

    Examples
    --------
    >>> import partnet as pn
    >>> tables = network_tables(pn.load_case(EXAMPLE_CASE).graph(), anonymise=True)
    >>> tables["edges"][["source_label", "target_label", "frequency"]]
      source_label target_label  frequency
    0       NDC-02       NDC-01          3
    1       NDC-02       ECC-01          4
    2       NDC-01       ECC-02          2
    >>> tables["matrix"].loc["NDC-02", "ECC-01"]
    np.int64(4)
    >>> list(tables["nodes"].columns)
    ['label', 'organisation', 'org_type', 'org_size', 'role', 'directorate', 'seniority', 'responded']
    >>> list(network_tables(pn.load_case(EXAMPLE_CASE).graph())["nodes"].columns[:3])
    ['person_id', 'label', 'pseudonym']
    """
    anonymise = bool(anonymise)
    H = export_graph(G, anonymise=anonymise)
    if anonymise:
        columns = [k for k in NODE_ATTRIBUTES if k not in NAMED_ONLY_ATTRIBUTES]
        nodes = pd.DataFrame([{k: d.get(k) for k in columns} for _, d in H.nodes(data=True)], columns=columns)
    else:
        nodes = pd.DataFrame([{"person_id": v, **{k: d.get(k) for k in NODE_ATTRIBUTES}}
                              for v, d in H.nodes(data=True)], columns=["person_id", *NODE_ATTRIBUTES])
    label = nx.get_node_attributes(H, "label")
    edges = pd.DataFrame([{"source": u, "target": v, "source_label": label[u], "target_label": label[v],
                           "relation": d.get("relation"), "frequency": d.get("frequency"),
                           "imputed": d.get("imputed")} for u, v, d in H.edges(data=True)],
                         columns=["source", "target", "source_label", "target_label", "relation", "frequency",
                                  "imputed"])
    order = list(H)
    matrix = nx.to_pandas_adjacency(H, nodelist=order, weight="frequency", dtype=int) if order else pd.DataFrame()
    matrix.index = matrix.columns = [label[v] for v in order]
    return {"nodes": nodes, "edges": edges, "matrix": matrix}


def sheet_names(names) -> list[str]:
    """Excel sheet names for table names: at most 31 characters, no ``[]:*?/\\``, unique.

    Examples
    --------
    >>> sheet_names(["block density", "a/b", "x" * 40, "x" * 40])
    ['block density', 'a_b', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxx_2']
    """
    out: list[str] = []
    taken: set[str] = set()
    for name in names:
        base = _EXCEL_FORBIDDEN.sub("_", str(name)).strip("'") or "sheet"
        candidate, n = base[:31], 1
        while candidate.casefold() in taken:
            n += 1
            suffix = f"_{n}"
            candidate = base[:31 - len(suffix)] + suffix
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


def _flat_columns(df: pd.DataFrame) -> pd.DataFrame:
    if isinstance(df.columns, pd.MultiIndex):
        df = df.copy()
        df.columns = [" / ".join(str(x) for x in col if str(x) != "") for col in df.columns]
    return df


def _keeps_index(df: pd.DataFrame) -> bool:
    return not (isinstance(df.index, pd.RangeIndex) and df.index.name is None)


def write_tables(tables: dict, path, *, captions: dict | None = None, date=None) -> Path:
    """Write tables to one Excel workbook, one sheet each, with a contents sheet.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame or pandas.Series
        Sheet name -> table, in the order the sheets should appear.
    path : str or pathlib.Path
        The ``.xlsx`` file to write (folders are created).
    captions : dict of str to str, optional
        A caption per table, listed on the ``contents`` sheet.
    date : datetime.date or str, optional
        The workbook's created and modified dates (see :func:`file_date`:
        ``SOURCE_DATE_EPOCH`` when set, else this date, such as the case's
        ``survey_date``, else 2000-01-01).

    Returns
    -------
    pathlib.Path
        The workbook written.

    Raises
    ------
    PartnetError
        The file cannot be written (open in Excel, a read-only folder).
    ParameterError
        ``date`` is not a date.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "tables.xlsx"
    >>> t = pd.DataFrame({"density": [0.25]}, index=pd.Index(["NDC"], name="organisation"))
    >>> _ = write_tables({"block density": t}, out, captions={"block density": "Density by organisation"})
    >>> wb = openpyxl.load_workbook(out)
    >>> wb.sheetnames
    ['contents', 'block density']
    >>> [[c.value for c in row] for row in wb["block density"].iter_rows()]
    [['organisation', 'density'], ['NDC', 0.25]]

    >>> t = pd.DataFrame({"quote": ["=1+1", "-note"], "change": [-3.5, 0]})
    >>> ws = openpyxl.load_workbook(write_tables({"q": t}, out))["q"]
    >>> [(c.value, c.data_type, c.quotePrefix) for c in ws[2]]
    [('=1+1', 's', True), (-3.5, 'n', False)]

    The same tables give the same bytes, whenever they are written:

    >>> first = write_tables({"q": t}, out, date="2007-06-05").read_bytes()
    >>> first == write_tables({"q": t}, out, date="2007-06-05").read_bytes()
    True

    See Also
    --------
    partnet.workbook.write_tables_workbook : a report's ``tables.xlsx``,
        formatted for analysts (links, frozen headers, filters, number
        formats, a glossary).

    Notes
    -----
    A table with a named or non-default index keeps it as its first
    columns; column levels of a MultiIndex are joined with " / ". Missing
    values are empty cells.

    Text is never written as a formula, following OWASP's guidance on CSV
    (formula) injection [1]_: a text value (a cell, an index label or a
    column header) that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return is written as a string cell with the quote prefix set
    (the ``'`` Excel shows in the formula bar), so a quote or a name such
    as ``=HYPERLINK("http://...")`` stays text, also when the cell is
    edited. Numbers, negative ones included, stay numbers. The rule holds
    on every sheet, ``contents`` included, and for every workbook partnet
    writes (:func:`export` and the ``partnet init`` template too).

    openpyxl dates a workbook's properties (``docProps/core.xml``) and each
    zip entry with the time of writing; partnet sets both to
    :func:`file_date` instead, so the same tables, written at any time in
    any process, give the same file, byte for byte.

    References
    ----------
    .. [1] OWASP Foundation. CSV Injection.
       https://owasp.org/www-community/attacks/CSV_Injection
    """
    path = Path(path)
    captions = captions or {}
    names = list(tables)
    sheets = sheet_names(names)
    contents = pd.DataFrame({"sheet": sheets, "table": names,
                             "caption": [captions.get(n, "") for n in names]})
    when = file_date(date)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        contents.to_excel(writer, sheet_name="contents", index=False)
        for name, sheet in zip(names, sheets):
            table = tables[name]
            if isinstance(table, pd.Series):
                table = table.to_frame()
            table = _flat_columns(table)
            table.to_excel(writer, sheet_name=sheet, index=_keeps_index(table))
        for ws in writer.book.worksheets:
            text_cells_stay_text(ws)
    try:
        path.write_bytes(fixed_dates(buffer.getvalue(), when))
    except OSError as exc:
        raise PartnetError(f"cannot write the workbook {path}: {exc.strerror or exc}") from exc
    return path


def _load(case_or_dir):
    from partnet.case import Case, load_case

    return case_or_dir if isinstance(case_or_dir, Case) else load_case(case_or_dir)


def _survey_date(case):
    """The case's ``survey_date`` when it is a date :func:`file_date` reads, else None.

    Validation checks its shape only (``YYYY-MM-DD`` or ``YYYY-MM``), so a
    month 13 falls back to :data:`FIXED_DATE` rather than stopping an export.
    """
    value = case.meta.get("survey_date")
    try:
        file_date(value)
    except ParameterError:
        return None
    return value


def export(case_or_dir, fmt: str, out=None, *, anonymise: bool = False, relation: str | None = None,
           min_frequency: int | None = None, nonrespondents: str | None = None) -> Path:
    """Write a case's network as GEXF, GraphML, UCINET DL or an Excel workbook (``partnet export``).

    Parameters
    ----------
    case_or_dir : partnet.Case, str or pathlib.Path
        A loaded case or its folder.
    fmt : {"gexf", "graphml", "dl", "xlsx"}
        The format.
    out : str or pathlib.Path, optional
        File to write; default ``<case_id>.<fmt>`` in the current folder. A
        folder writes ``<case_id>.<fmt>`` inside it.
    anonymise : bool, default False
        Pseudonyms for every person. A case whose ``case.yaml`` says
        ``anonymise: true`` is always anonymised. People with
        ``consent_named`` = no are shown by pseudonym either way.
    relation, min_frequency, nonrespondents : optional
        Passed to :meth:`partnet.Case.graph`.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    DataError
        The case does not load.
    ParameterError
        An unknown format or graph option.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> export(EXAMPLE_CASE, "graphml", folder, anonymise=True).name
    'example.graphml'
    >>> import networkx as nx
    >>> H = nx.read_graphml(folder / "example.graphml")
    >>> sorted(nx.get_node_attributes(H, "label").values())
    ['ECC-01', 'ECC-02', 'NDC-01', 'NDC-02']

    Notes
    -----
    The workbook has sheets ``about`` (case, graph options, checksum),
    ``nodes``, ``edges`` and ``matrix`` (see :func:`network_tables`); text
    that a spreadsheet would run as a formula is kept as text (see
    :func:`write_tables`). An anonymised file uses pseudonyms as node ids
    and holds no ``person_id`` or ``consent_named`` (see
    :func:`export_graph`). The workbook's properties and the GEXF header
    are dated by the case's ``survey_date`` (``SOURCE_DATE_EPOCH`` instead,
    when set; see :func:`file_date`), so exporting the same case again
    gives the same file.
    """
    fmt = _check_format(fmt)
    case = _load(case_or_dir)
    anonymise = case.anonymised(anonymise)
    G = case.graph(relation=relation, min_frequency=min_frequency, nonrespondents=nonrespondents)
    target = Path(out) if out is not None else Path(f"{case.id}.{fmt}")
    if target.is_dir():
        target = target / f"{case.id}.{fmt}"
    if fmt != "xlsx":
        try:
            return write_graph(G, target, fmt, anonymise=anonymise, date=_survey_date(case))
        except OSError as exc:
            raise PartnetError(f"cannot write {target}: {exc.strerror or exc}") from exc
    from partnet import __version__

    about = pd.DataFrame({"field": ["case_id", "title", "relation", "min_frequency", "nonrespondents",
                                    "anonymised", "data checksum (SHA-256)", "partnet version"],
                          "value": [case.id, case.pseudonyms.redact(case.title, anonymise), G.graph["relation"],
                                    str(G.graph["min_frequency"]), G.graph["nonrespondents"],
                                    "yes" if anonymise else "no", case.checksum, __version__]})
    return write_tables({"about": about, **network_tables(G, anonymise=anonymise)}, target,
                        date=_survey_date(case))

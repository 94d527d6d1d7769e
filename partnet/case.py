"""A case study: its validated tables and its network as a graph."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from partnet import schema
from partnet._values import plain
from partnet.dl import read_dl_ties
from partnet.errors import DataError, ParameterError, Problem, check_choice, nearest
from partnet.options import check_min_frequency, check_nonrespondents
from partnet.pajek import read_pajek
from partnet.readers import (
    MAX_YAML_BYTES,
    RawTable,
    decode_bytes,
    matrix_to_ties,
    normalise_header,
    read_csv,
    read_limited,
    read_workbook,
)
from partnet.validate import (
    PersonResolver,
    check_columns,
    check_meta,
    clean_codebook,
    clean_notes,
    clean_organisations,
    clean_people,
    clean_responses,
    clean_segments,
    clean_ties,
    relation_of,
    wave_ids,
)

__all__ = ["Case", "load_case", "load_roster", "check_case", "roster"]

_TIE_SOURCES = ("ties.csv", "ties_matrix.csv", "ties.dl", "ties.net", "ties.paj")

#: Deepest nesting read from case.yaml: 20. The file is flat (field: value); a few
#: levels leave room for a list of notes, while thousands of nested brackets would
#: exhaust the YAML parser's recursion.
_YAML_MAX_DEPTH = 20

#: Largest CSV considered a blank template file beside a workbook: 64 KiB. A header
#: row is under 200 bytes; a larger file holds data and is never read just to check.
_BLANK_CSV_BYTES = 64 * 1024

#: Problems after which a workbook is not read at all (its tables may be anything).
_WORKBOOK_FATAL = ("unreadable-workbook", "file-too-large", "archive-limit", "sheet-limit", "link-outside-case")


@dataclass
class Case:
    """A validated case study.

    Use :func:`load_case` to make one. The tables follow the case format
    (see the README); ``people`` also carries ``pseudonym`` and
    ``org_type``, and text columns are trimmed and normalised to the
    allowed spellings.

    Attributes
    ----------
    id, title : str
        From ``case.yaml``.
    path : pathlib.Path
        The folder or workbook the case was read from.
    meta : dict
        Every field of ``case.yaml``.
    organisations, people, ties, codebook, segments : pandas.DataFrame
        The validated tables (codebook and segments may be empty).
    warnings : list of Problem
        Warnings found while loading (errors raise :class:`DataError`).
    checksum : str
        SHA-256 over the names and bytes of the files read, for provenance.
    pseudonyms : partnet.pseudonyms.Pseudonyms
        Stable pseudonyms and the consent rules.
    responses : pandas.DataFrame
        Who answered each survey wave (:attr:`waves`): person_id, wave,
        responded (``"yes"``, ``"no"`` or ``"absent"``), one row per wave
        and person; from ``responses.csv``, ``people.csv``'s ``responded``
        where it gives none. Empty (with those columns) for a case
        without waves.
    notes : pandas.DataFrame
        Workshop notes (``notes.csv``, written by ``partnet
        import-notes``): note_id, target_type (person, tie, organisation,
        network), target (a person_id, the first person's of a tie, the
        organisation, blank for the network), alter (a tie's other
        person), note, date, facilitator, view. Empty (with those columns)
        for a case without notes.
    """

    id: str
    path: Path
    meta: dict
    organisations: pd.DataFrame
    people: pd.DataFrame
    ties: pd.DataFrame
    codebook: pd.DataFrame
    segments: pd.DataFrame
    warnings: list[Problem] = field(default_factory=list)
    checksum: str = ""
    pseudonyms: object = None
    responses: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(schema.columns("responses"))))
    notes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(schema.columns("notes"))))

    @property
    def title(self) -> str:
        """The case's title from ``case.yaml``."""
        return str(self.meta.get("title", self.id))

    @property
    def relations(self) -> list[str]:
        """Relations present in the ties or declared in ``case.yaml``, the default relation first."""
        default = self.meta.get("relation")
        found = sorted(set(self.ties["relation"]) | set(self.meta.get("relations") or {}))
        return [default] + [r for r in found if r != default] if default in found else found

    @property
    def waves(self) -> list[str]:
        """The survey waves' ids, in the order ``case.yaml``'s ``waves:`` lists them (the order they were run).

        Empty for a case without waves (one survey, as before). With waves,
        ``ties`` has a ``wave`` column, :attr:`responses` says who answered
        (or was absent from) each wave, and :meth:`graph` draws one wave's
        network (the last by default).

        Examples
        --------
        >>> load_case(EXAMPLE_CASE).waves
        []

        The example case surveyed twice: Cerys (p3) had left by the second
        wave, Dov (p4) answered only the second.

        >>> import shutil, tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp()) / "example"
        >>> _ = shutil.copytree(EXAMPLE_CASE, folder)
        >>> with open(folder / "case.yaml", "a", encoding="utf-8") as f:
        ...     _ = f.write("waves:\\n  - {id: w1, survey_date: 2026-03-01}\\n"
        ...                 "  - {id: w2, survey_date: 2027-03-01}\\n")
        >>> _ = (folder / "ties.csv").write_text("respondent,alter,relation,frequency,wave\\n"
        ...     "p1,p2,egov_contact,3,w1\\np2,p3,egov_contact,2,w1\\n"
        ...     "p1,p2,egov_contact,4,w2\\np4,p1,egov_contact,2,w2\\n")
        >>> _ = (folder / "responses.csv").write_text("person_id,wave,responded\\np4,w2,yes\\np3,w2,absent\\n")
        >>> case = load_case(folder)
        >>> case.waves, case.wave_dates
        (['w1', 'w2'], {'w1': '2026-03-01', 'w2': '2027-03-01'})
        >>> case.responses[case.responses["wave"] == "w2"]["responded"].tolist()
        ['yes', 'yes', 'absent', 'yes']
        >>> G = case.graph()  # the last wave
        >>> G.graph["wave"], G.graph["survey_date"], sorted(G), sorted(G.edges)
        ('w2', '2027-03-01', ['p1', 'p2', 'p4'], [('p1', 'p2'), ('p4', 'p1')])
        >>> G1 = case.graph(wave="w1")
        >>> sorted(G1), G1.nodes["p4"]["responded"], sorted(G1.edges)
        (['p1', 'p2', 'p3', 'p4'], False, [('p1', 'p2'), ('p2', 'p3')])
        """
        return [w["id"] for w in self.meta.get("waves") or []]

    @property
    def wave_dates(self) -> dict[str, str]:
        """Each wave's ``survey_date`` (YYYY-MM-DD or YYYY-MM), by wave id in order; empty without waves.

        The case's own ``survey_date`` stays its reference date (usually
        the first wave's).

        Examples
        --------
        >>> load_case(EXAMPLE_CASE).wave_dates
        {}

        See :attr:`waves` for a case with waves.
        """
        return {w["id"]: w["survey_date"] for w in self.meta.get("waves") or []}

    def relation_spec(self, relation: str | None = None) -> schema.Relation:
        """How a relation's ties read: directed or not, and the scale of their values.

        Parameters
        ----------
        relation : str, optional
            Default the case's ``relation``.

        Returns
        -------
        partnet.schema.Relation
            As declared under ``relations:`` in ``case.yaml``; a relation
            not declared there (every relation of a case without
            ``relations:``) is directed, on the frequency scale.

        Examples
        --------
        >>> load_case(EXAMPLE_CASE).relation_spec()
        Relation(name='egov_contact', directed=True, scale='frequency')
        """
        return relation_of(self.meta, self.meta.get("relation") if relation is None else relation)

    def anonymised(self, asked: bool = False) -> bool:
        """Whether an output of this case shows everyone by pseudonym.

        True when anonymising was asked for (``--anonymise``) or the case's
        ``case.yaml`` says ``anonymise: true``, which no option switches
        off (docs/privacy.md).

        Examples
        --------
        >>> case = load_case(EXAMPLE_CASE)
        >>> case.anonymised(), case.anonymised(True)
        (False, True)
        """
        return bool(asked) or bool(self.meta.get("anonymise", False))

    @property
    def response_rate(self) -> float:
        """Share of the roster marked ``responded`` = yes (0 for an empty roster)."""
        n = len(self.people)
        return float(self.people["responded"].sum()) / n if n else 0.0

    def response_by_organisation(self) -> pd.DataFrame:
        """Each organisation's type, size, people on the roster and response to the questionnaire.

        The table "Organisations" of a case report (``organisations`` in
        its ``tables.xlsx``): :attr:`response_rate` broken down by
        organisation.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``organisation``, in the order of the organisations
            table, with columns

            ============= ====================================================
            org_type      the organisation's type
            size          staff or population, as in organisations.csv
            people        people of the organisation on the roster
            responded     of them, those marked ``responded`` = yes
            response_rate responded / people, 0..1
            ============= ====================================================

            An organisation with nobody on the roster has 0 ``people``, 0
            ``responded`` and ``response_rate`` missing (NaN): no rate
            can be given.

        See Also
        --------
        response_rate : the same share over the whole roster.

        Examples
        --------
        >>> case = load_case(EXAMPLE_CASE)
        >>> table = case.response_by_organisation()
        >>> list(table.columns)
        ['org_type', 'size', 'people', 'responded', 'response_rate']
        >>> print(table[["people", "responded", "response_rate"]].to_string())
                                    people  responded  response_rate
        organisation
        Northvale District Council       2          2            1.0
        Eastmarsh County Council         2          1            0.5
        """
        people = self.people
        response = people.groupby("organisation").agg(people=("person_id", "size"), responded=("responded", "sum"))
        table = self.organisations.set_index("organisation")[["org_type", "size"]].join(response)
        for column in ("people", "responded"):
            table[column] = table[column].fillna(0).astype("int64")
        table["response_rate"] = (table["responded"] / table["people"].where(table["people"] > 0)).astype("float64")
        return table

    def __repr__(self) -> str:
        return (f"<Case {self.id!r}: {len(self.organisations)} organisations, {len(self.people)} people, "
                f"{len(self.ties)} ties, {len(self.segments)} coded segments>")

    def graph(self, relation: str | None = None, min_frequency: int | None = None,
              nonrespondents: str | None = None, wave: str | None = None) -> nx.DiGraph | nx.Graph:
        """The case's network: a directed graph, or an undirected one for an undirected relation.

        Parameters
        ----------
        relation : str, optional
            Which relation; default the ``relation`` of ``case.yaml``.
        min_frequency : int, optional
            Keep ties whose value is at least this: a frequency 1 (yearly)
            .. 5 (daily), on a count scale any whole number 1 or more, on
            a binary scale 1 (:func:`partnet.options.check_min_frequency`).
            Default ``case.yaml``'s ``min_frequency`` for a relation on the
            frequency scale (or 1), and 1 on the others (every tie).
        nonrespondents : {"keep", "drop", "reconstruct"}, optional
            Treatment of people who did not answer; default
            ``case.yaml``'s ``nonrespondents`` or ``"keep"``.
        wave : str, optional
            For a case with waves (:attr:`waves`): the wave whose network
            to draw; default the last wave. Its nodes are the people not
            absent from that wave (:attr:`responses`), ``responded`` is
            whether they answered that wave (so ``drop`` and
            ``reconstruct`` work wave by wave), its edges the ties of that
            wave; ``G.graph`` gains ``wave`` and ``survey_date`` (the
            wave's). Not allowed for a case without waves, whose graph has
            neither key.

        Returns
        -------
        networkx.DiGraph or networkx.Graph
            A ``Graph`` when the relation is declared ``directed: false``
            in ``case.yaml`` (:meth:`relation_spec`), else a ``DiGraph``.
            Nodes are person_ids with the people and organisation attributes
            (``name``, ``pseudonym``, ``organisation``, ``org_type``,
            ``org_size``, ``role``, ``directorate``, ``seniority``,
            ``responded``, ``consent_named``); an edge ``u -> v`` means u
            named v (undirected: u and v are tied), with ``frequency`` (the
            value, whatever the scale), ``relation`` and ``imputed``. The
            graph's attributes name the case, the relation, its ``scale``
            and the options used; on a count scale ``highest`` is the
            relation's largest value (drawings scale tie widths to it; over
            every wave for a case with waves, so that the waves' drawings
            share one scale).

        Raises
        ------
        ParameterError
            For an unknown relation, a ``min_frequency`` outside the
            relation's scale, an unknown treatment, an unknown wave, or a
            wave asked of a case without waves.

        Notes
        -----
        The three treatments of non-respondents (see Huisman 2009 for a
        comparison):

        ``keep``
            Every roster member is a node; non-respondents have only the
            in-ties others reported, so their out-degree is 0 by design, not
            by behaviour. Measures that use out-ties understate them.
        ``drop``
            Non-respondents and every tie to or from them are removed: the
            network of respondents only, the usual default in UCINET-based
            studies when the response rate is high (Wasserman & Faust 1994,
            ch. 2).
        ``reconstruct``
            For each non-respondent j, every tie i -> j reported by a
            respondent is mirrored as j -> i with the same frequency and
            ``imputed=True`` (reconstruction by reciprocity, Stork &
            Richards 1992; "simple imputation" in Huisman 2009). Ties
            between two non-respondents stay unknown.

        In an undirected relation a tie has no sender, so ``reconstruct``
        adds nothing and is the same graph as ``keep``.

        References
        ----------
        .. [1] Stork, D. & Richards, W. D. (1992). Nonrespondents in
           communication network studies. *Group & Organization Management*
           17(2), 193-209.
        .. [2] Huisman, M. (2009). Imputation of missing network data: some
           simple procedures. *Journal of Social Structure* 10(1).

        Examples
        --------
        >>> case = load_case(EXAMPLE_CASE)
        >>> G = case.graph(nonrespondents="reconstruct")
        >>> G.number_of_nodes(), G.number_of_edges()
        (4, 4)
        >>> sorted((u, v) for u, v, d in G.edges(data=True) if d["imputed"])
        [('p4', 'p1')]
        >>> "wave" in G.graph
        False

        A case with waves draws one wave at a time: see :attr:`waves`.
        """
        relation = self.meta.get("relation") if relation is None else relation
        known = set(self.ties["relation"]) | {self.meta.get("relation")} | set(self.meta.get("relations") or {})
        check_choice(relation, sorted(known, key=str), "relation", what="a relation of the case")
        spec = self.relation_spec(relation)
        if min_frequency is None:
            min_frequency = self.meta.get("min_frequency", 1) if spec.scale == "frequency" else 1
        if nonrespondents is None:
            nonrespondents = self.meta.get("nonrespondents", "keep")
        check_nonrespondents(nonrespondents)
        min_frequency = check_min_frequency(min_frequency, spec.scale)
        waves = self.waves
        if waves:
            wave = waves[-1] if wave is None else check_choice(wave, waves, "wave", what="a wave of the case")
        elif wave is not None:
            raise ParameterError(f"wave: case {self.id!r} declares no waves (case.yaml waves:), so there is one "
                                 f"network; {wave!r} was given")
        G = (nx.DiGraph if spec.directed else nx.Graph)(
            case_id=self.id, title=self.title, relation=relation, scale=spec.scale, min_frequency=min_frequency,
            nonrespondents=nonrespondents)
        if waves:
            G.graph["wave"] = wave
            G.graph["survey_date"] = self.wave_dates[wave]
            of_wave = self.responses[self.responses["wave"] == wave]
            status = dict(zip(of_wave["person_id"], of_wave["responded"]))
        for rec in self.people.to_dict("records"):
            attrs = _node_attrs(rec)
            if waves:
                if status.get(rec["person_id"]) == "absent":
                    continue
                attrs["responded"] = status.get(rec["person_id"]) == "yes"
            G.add_node(rec["person_id"], **attrs)
        of_relation = self.ties[self.ties["relation"] == relation]
        if spec.scale == "count":
            # the relation's largest value over every wave: drawings of the waves share one width scale
            G.graph["highest"] = int(of_relation["frequency"].max()) if len(of_relation) else 0
        if waves:
            of_relation = of_relation[of_relation["wave"] == wave]
        ties = of_relation[of_relation["frequency"] >= min_frequency]
        for a, b, f in zip(ties["respondent"], ties["alter"], ties["frequency"]):
            G.add_edge(a, b, frequency=int(f), relation=relation, imputed=False)
        missing = [v for v, d in G.nodes(data=True) if not d["responded"]]
        if nonrespondents == "drop":
            G.remove_nodes_from(missing)
        elif nonrespondents == "reconstruct" and spec.directed:
            for j in missing:
                for i in list(G.predecessors(j)):
                    if G.nodes[i]["responded"] and not G.has_edge(j, i):
                        G.add_edge(j, i, frequency=G.edges[i, j]["frequency"], relation=relation, imputed=True)
        return G


def _node_attrs(rec: dict) -> dict:
    attrs = {k: plain(v) for k, v in rec.items() if k != "person_id"}
    attrs["responded"] = bool(attrs["responded"])
    attrs["consent_named"] = bool(attrs["consent_named"])
    return attrs


# ---------------------------------------------------------------- loading


def _find(folder: Path, name: str) -> Path | None:
    exact = folder / name
    if exact.is_file():
        return exact
    for p in folder.iterdir():
        if p.is_file() and p.name.casefold() == name.casefold():
            return p
    return None


def _missing_file(folder: Path, name: str, what: str) -> Problem:
    others = [p.name for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
    return Problem("missing-file", name, f"the file is missing: {what}", expected=f"{folder / name}",
                   suggestion=nearest(name, others, n=1, cutoff=0.6))


def _link_problem(folder: Path, p: Path) -> Problem | None:
    """A ``link-outside-case`` problem when ``p`` resolves to a file outside ``folder``, else None."""
    try:
        target = p.resolve(strict=True)
        root = folder.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link or a loop
        return Problem("link-outside-case", p.name, "the file is a symbolic link that cannot be followed",
                       expected="a file inside the case folder")
    if root in target.parents:
        return None
    return Problem("link-outside-case", p.name, "the file is a symbolic link to a file outside the case folder; "
                   "partnet reads only files inside the case folder: copy the file into it",
                   value=str(target), expected=f"a file inside {root}")


def _blank_csv(path: Path) -> bool:
    """:func:`_header_only`, without reading a file too large to be a blank template."""
    try:
        if path.stat().st_size > _BLANK_CSV_BYTES:
            return False
    except OSError:
        return False
    return _header_only(path)


class _YamlRefused(Exception):
    """case.yaml uses an anchor or alias, or nests too deeply."""

    def __init__(self, code: str, message: str, line: int):
        super().__init__(message)
        self.code, self.message, self.line = code, message, line


@functools.lru_cache(maxsize=1)
def _case_yaml_loader():
    """A SafeLoader that refuses anchors and aliases (a few hundred bytes of nested aliases expand to gigabytes)
    and nesting deeper than :data:`_YAML_MAX_DEPTH`."""
    import yaml

    class CaseYamlLoader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent, index):
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise _YamlRefused(
                    "yaml-alias", "case.yaml uses a YAML anchor or alias (& or *), which partnet does not read: "
                    "a few lines of them can expand to gigabytes; write each value out", event.start_mark.line + 1)
            if self.depth >= _YAML_MAX_DEPTH:
                raise _YamlRefused("invalid-yaml", f"case.yaml nests lists or fields more than {_YAML_MAX_DEPTH} "
                                   "levels deep; it holds field: value lines", event.start_mark.line + 1)
            self.depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return CaseYamlLoader


def _load_case_yaml(text: str, case_id: str, file: str, problems: list[Problem]) -> dict:
    """case.yaml's fields, checked; {} with a problem when the text cannot be read."""
    import yaml

    try:
        data = yaml.load(text, Loader=_case_yaml_loader())  # noqa: S506 - a SafeLoader subclass
    except _YamlRefused as exc:
        problems.append(Problem(exc.code, file, exc.message, row=exc.line, expected="field: value lines"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem("invalid-yaml", file, f"case.yaml cannot be read ({exc.__class__.__name__})",
                                row=mark.line + 1 if mark else None, expected="field: value lines"))
    except (ValueError, OverflowError, RecursionError) as exc:  # e.g. a whole number of 5,000 digits
        problems.append(Problem("invalid-yaml", file, f"case.yaml cannot be read ({type(exc).__name__}: "
                                f"{str(exc)[:120]})", expected="field: value lines"))
    else:
        return check_meta(data, case_id, file, problems)
    return {}


def _sheet_scalar(text: str):
    """A case sheet value read as YAML would (whole numbers, true/false), text when long."""
    return text if len(text) > 100 else _yaml_scalar(text)


def _read_sources(path: Path, problems: list[Problem], tie_files: list | None = None,
                  require_ties: bool = True) -> tuple[str, dict, dict[str, RawTable], list[Path]]:
    """Locate and read the case's files. Returns case id, meta, raw tables, files read.

    A UCINET DL or Pajek ties file's :class:`partnet.dl.TieFile` (its
    relations and their direction as the file gives them) is appended to
    ``tie_files`` when given.

    A file of the case that is a symbolic link to a file outside the case
    folder is not read (``link-outside-case``); every file is read within
    the limits of :mod:`partnet.readers`.
    """
    if path.is_file() and path.suffix.lower() == ".xlsx":
        folder, case_id, workbook = path.parent, path.stem, path
    elif path.is_dir():
        folder, case_id = path, path.name
        workbook = _find(folder, "case.xlsx") or _find(folder, f"{case_id}.xlsx")
    else:
        problems.append(Problem("missing-file", str(path), "no case folder or .xlsx workbook at this path"))
        return path.name, {}, {}, []
    checked: dict[Path, bool] = {}

    def usable(p: Path) -> bool:
        """False, reported once, for a link out of the case folder; a workbook named directly is the case itself."""
        if p == path:
            return True
        if p not in checked:
            problem = _link_problem(folder, p)
            if problem is not None:
                problems.append(problem)
            checked[p] = problem is None
        return checked[p]

    files: list[Path] = []
    sheets: dict[str, RawTable] = {}
    workbook_failed = False
    if workbook is not None:
        if usable(workbook):
            files.append(workbook)
            before = len(problems)
            sheets = read_workbook(workbook, problems)
            workbook_failed = any(p.severity == "error" and p.code in _WORKBOOK_FATAL for p in problems[before:])
        else:
            workbook_failed = True
        if path.is_file() and workbook_failed:
            return case_id, {}, {}, files  # nothing else to read: say so once

    def missing(name: str, sheet: str, what: str, sheet_what: str | None = None) -> None:
        if workbook_failed:
            return  # the table may well be in the workbook that could not be read
        if workbook is not None and path.is_file():
            what = sheet_what or what
            # A workbook named directly: the table is a sheet it lacks, not a file beside it.
            problems.append(Problem("missing-file", workbook.name, f"the workbook has no sheet {sheet!r}: {what}",
                                    expected=f"a sheet named {sheet}",
                                    suggestion=nearest(sheet, [t.file.split(":", 1)[1] for t in sheets.values()],
                                                       n=1, cutoff=0.6)))
        else:
            problems.append(_missing_file(folder, name, what))

    # case.yaml, or a "case" sheet of field/value rows.
    meta: dict = {}
    yaml_path = _find(folder, "case.yaml") or _find(folder, "case.yml")
    if yaml_path is not None and workbook is not None and path.is_file():
        yaml_path = None  # a workbook named directly carries its own case sheet
    waves_sheet = sheets.pop("waves", None)
    if yaml_path is not None:
        if waves_sheet is not None:
            problems.append(Problem("ambiguous-source", waves_sheet.file,
                                    "the waves are given in the workbook while case.yaml describes the case; "
                                    f"list them under waves: in {yaml_path.name} and delete the waves sheet"))
        if usable(yaml_path):
            files.append(yaml_path)
            raw_yaml = read_limited(yaml_path, problems, limit=MAX_YAML_BYTES, what="case.yaml")
            if raw_yaml is not None:
                # The same decoding rules as the tables: UTF-8 with or without BOM, Windows-1252 with a warning.
                text = decode_bytes(raw_yaml, yaml_path.name, problems) if raw_yaml.strip() else ""
                if text is not None:
                    meta = _load_case_yaml(text, case_id, yaml_path.name, problems)
    elif "case" in sheets:
        sheet = sheets.pop("case")
        raw = {}
        records = [sheet.raw_columns] + [list(row.values()) for row in sheet.rows]
        if [normalise_header(v) for v in records[0][:2]] == ["field", "value"]:
            records = records[1:]
        for vals in records:
            if vals and vals[0]:
                value = vals[1] if len(vals) > 1 else ""
                text_field = str(vals[0]).strip() in schema.CASE_TEXT_FIELDS + ("survey_date",)
                raw[vals[0]] = value if text_field else _sheet_scalar(value)
        if waves_sheet is not None:
            raw["waves"] = _sheet_waves(waves_sheet, problems)
        meta = check_meta(raw, case_id, sheet.file, problems)
    else:
        missing("case.yaml", "case", "the case description (id, title, relation, ...)")

    tables: dict[str, RawTable] = {}
    for stem in ("organisations", "people", "codebook", "segments", "responses", "notes"):
        csv_path = _find(folder, f"{stem}.csv")
        linked_out = csv_path is not None and not usable(csv_path)
        if linked_out:
            csv_path = None
        if csv_path is not None and stem in sheets and _blank_csv(csv_path):
            csv_path = None  # the blank CSV beside a filled workbook (as `partnet init` writes them)
        if csv_path is not None and stem in sheets:
            problems.append(Problem("ambiguous-source", csv_path.name,
                                    f"{stem} is given both as {csv_path.name} and as a sheet of {workbook.name}; "
                                    "keep one"))
        if stem in sheets:
            tables[stem] = sheets[stem]
        elif csv_path is not None:
            files.append(csv_path)
            t = read_csv(csv_path, problems)
            if t is not None:
                tables[stem] = t
        elif stem in ("organisations", "people") and not linked_out:
            missing(f"{stem}.csv", stem, f"the {stem} table")

    relation = str(meta.get("relation") or "")
    found = [(name, _find(folder, name)) for name in _TIE_SOURCES]
    found = [(n, p) for n, p in found if p is not None]
    linked = [n for n, p in found if not usable(p)]
    found = [(n, p) for n, p in found if n not in linked and not (sheets and _blank_csv(p))]
    found += [(f"{workbook.name}:{s}", None) for s in ("ties", "ties_matrix") if s in sheets]
    if len(found) > 1:
        problems.append(Problem("ambiguous-source", found[0][0],
                                "the ties are given more than once: " + ", ".join(n for n, _ in found) + "; keep one"))
    elif not found:
        if not linked and require_ties:
            missing("ties.csv", "ties", "the ties (or ties_matrix.csv, ties.dl, ties.net, ties.paj, a ties sheet)",
                    "the ties (or a ties_matrix sheet)")
    else:
        name, p = found[0]
        if p is not None:
            files.append(p)
        if name == "ties.csv":
            t = read_csv(p, problems)
        elif name == "ties_matrix.csv":
            t = read_csv(p, problems, corner_ok=True)
            t = matrix_to_ties(t, relation, problems) if t is not None else None
        elif name in ("ties.dl", "ties.net", "ties.paj"):
            tie_file = (read_dl_ties if name == "ties.dl" else read_pajek)(p, relation, problems)
            t = tie_file.table if tie_file is not None else None
            if tie_file is not None and tie_files is not None:
                tie_files.append(tie_file)
        elif name.endswith(":ties"):
            t = sheets["ties"]
        else:
            t = matrix_to_ties(sheets["ties_matrix"], relation, problems)
        if t is not None:
            tables["ties"] = t
    return case_id, meta, tables, files


def _sheet_waves(sheet: RawTable, problems: list[Problem]) -> list[dict]:
    """A workbook's ``waves`` sheet (columns id, survey_date; one row per wave, in order) as case.yaml's ``waves:``."""
    for col in schema.WAVE_KEYS:
        if col not in sheet.columns:
            problems.append(Problem("missing-column", sheet.file, "a required column is missing", row=1, column=col,
                                    expected="columns " + ", ".join(schema.WAVE_KEYS),
                                    suggestion=nearest(col, [c for c in sheet.raw_columns if c], cutoff=0.5)))
    return [{key: row.get(key) or None for key in schema.WAVE_KEYS} for row in sheet.rows]


def _check_file_relations(tie_file, meta: dict, problems: list[Problem]) -> None:
    """A DL or Pajek file's relations against case.yaml: the case's relation is among them; edges declared.

    A file of several matrices (or Pajek relations) names its relations;
    ``case.yaml``'s ``relation`` must be one of them. A relation the file
    gives as undirected edges only (Pajek ``*Edges``, a DL half matrix)
    that ``case.yaml`` does not declare ``directed: false`` is read as ties
    both ways, with an ``undeclared-undirected`` warning saying how to
    declare it.
    """
    relation = meta.get("relation")
    found = list(tie_file.relations)
    if found and isinstance(relation, str) and relation and relation not in found:
        problems.append(Problem("invalid-field", "case.yaml",
                                f"the case's relation is not one of the relations of {tie_file.file}",
                                column="relation", value=relation, expected=", ".join(found),
                                suggestion=nearest(relation, found, n=1, cutoff=0.5)))
    declared = meta.get("relations") or {}
    for name in found:
        if not tie_file.directed.get(name, True) and name not in declared:
            problems.append(Problem(
                "undeclared-undirected", tie_file.file,
                f"{tie_file.file} gives the relation as undirected edges, but case.yaml does not declare it "
                "undirected; it is read as ties both ways", column="relation", value=name,
                expected=f"relations: {{{name}: {{directed: false}}}} in case.yaml", severity="warning"))


def _header_only(path: Path) -> bool:
    """True for a CSV holding at most a header row (a blank template file)."""
    lines = [ln for ln in path.read_bytes().splitlines() if ln.strip(b" ,;\t\xef\xbb\xbf")]
    return len(lines) <= 1


def _yaml_scalar(text: str):
    import yaml

    try:
        value = yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return text
    return value if isinstance(value, (int, bool)) else text


def _checksum(files: list[Path], root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(set(files)):
        h.update(p.name.encode("utf-8") + b"\0")
        h.update(p.read_bytes())
    return h.hexdigest()


def check_case(path, *, require_ties: bool = True) -> tuple[Case | None, list[Problem]]:
    """Read and validate a case; return it (or None) with every problem found.

    Unlike :func:`load_case` this never raises for bad data, so a tool can
    list all problems of several cases. With ``require_ties=False`` a case
    without any ties file is read with no ties (a roster waiting for its
    questionnaire: :func:`load_roster`).

    Examples
    --------
    >>> case, problems = check_case(EXAMPLE_CASE)
    >>> case.id, [p.code for p in problems]
    ('example', [])
    """
    path = Path(path)
    problems: list[Problem] = []
    tie_files: list = []
    case_id, meta, tables, files = _read_sources(path, problems, tie_files, require_ties)
    for tie_file in tie_files:
        _check_file_relations(tie_file, meta, problems)
    ok = {stem: check_columns(t, stem, problems) for stem, t in tables.items()}
    for stem in ("organisations", "people"):
        if ok.get(stem) and not tables[stem].rows:
            problems.append(Problem("empty-table", tables[stem].file, f"the {stem} table has no rows",
                                    expected="one row per "
                                    + ("organisation" if stem == "organisations" else "person")))
            ok[stem] = False
    empty = {stem: pd.DataFrame(columns=list(schema.columns(stem))) for stem in schema.TABLES}
    ties_columns = list(schema.TABLES["ties"][0]) + (["wave"] if wave_ids(meta) else [])
    empty["ties"] = pd.DataFrame(columns=ties_columns)
    orgs = clean_organisations(tables["organisations"], problems) if ok.get("organisations") else empty["organisations"]
    people = (clean_people(tables["people"], orgs, problems, organisations_known=bool(ok.get("organisations")))
              if ok.get("people") else empty["people"])
    if not ok.get("people"):
        people["responded"] = people["responded"].astype("boolean")
    # A roster that could not be read is reported once, not as an unknown person on every tie.
    resolver = PersonResolver(people, known=bool(ok.get("people")))
    relation = str(meta.get("relation") or "")
    waves = wave_ids(meta)
    responses, status = clean_responses(tables["responses"] if ok.get("responses") else None, people, resolver,
                                        waves, problems)
    ties = (clean_ties(tables["ties"], people, resolver, relation, problems, meta.get("relations"), waves, status)
            if ok.get("ties") else empty["ties"])
    if ok.get("ties") and not tables["ties"].rows:
        problems.append(Problem("no-ties", tables["ties"].file, "the ties table has no rows: every network measure "
                                "will be zero", expected="one row per named contact", severity="warning"))
    codebook = clean_codebook(tables["codebook"], problems) if ok.get("codebook") else empty["codebook"]
    if ok.get("segments"):
        if "codebook" not in tables:
            problems.append(Problem("missing-codebook", tables["segments"].file,
                                    "coded segments need a codebook.csv (code, theme, dimension, description)"))
        segments = clean_segments(tables["segments"], codebook, resolver, problems,
                                  codebook_known=bool(ok.get("codebook")))
    else:
        segments = empty["segments"]
    notes = pd.DataFrame(columns=list(schema.columns("notes")))
    if ok.get("notes"):
        # the organisations a note may be about: as listed, and the one small ones are shown together as
        named = list(orgs["organisation"]) + ([schema.OTHER_ORGANISATION]
                                              if meta.get("small_organisations") == "other" else [])
        notes = clean_notes(tables["notes"], resolver, named, problems,
                            organisations_known=bool(ok.get("organisations")))
    if any(p.severity == "error" for p in problems):
        return None, problems
    from partnet.pseudonyms import Pseudonyms, key_path, read_key

    people, orgs = _small_organisations(people, orgs, meta, tables["people"].file, problems)
    if len(notes):
        # a note about an organisation shown with the other small ones is about them all, as its people are
        merged = notes["target_type"].eq("organisation") & ~notes["target"].isin(set(orgs["organisation"]))
        notes.loc[merged, "target"] = schema.OTHER_ORGANISATION
    try:
        key = read_key(path)
    except (ParameterError, OSError) as exc:
        where = key_path(path)
        message = (str(exc) if isinstance(exc, ParameterError) else
                   f"cannot create the pseudonym key {where}: {exc.strerror or exc}")
        problems.append(Problem("pseudonym-key", where.name, message,
                                expected=f"a folder partnet may write {where.parent.name}/{where.name} into "
                                         "(pseudonyms must stay the same from run to run)"))
        return None, problems
    pseudonyms = Pseudonyms(people, orgs, key=key)
    people = people.copy()
    people["pseudonym"] = [pseudonyms.of(pid) for pid in people["person_id"]]
    people["organisation_named"] = [pseudonyms.organisation(o, False) for o in people["organisation"]]
    people["organisation_anonymised"] = [pseudonyms.organisation(o, True) for o in people["organisation"]]
    org_type = dict(zip(orgs["organisation"], orgs["org_type"]))
    org_size = dict(zip(orgs["organisation"], orgs["size"]))
    people["org_type"] = people["organisation"].map(org_type)
    people["org_size"] = people["organisation"].map(org_size).astype("Int64")
    orgs = orgs.copy()
    orgs["code"] = [pseudonyms.org_code(o) for o in orgs["organisation"]]
    case = Case(id=case_id, path=path, meta=meta, organisations=orgs, people=people, ties=ties,
                codebook=codebook, segments=segments, warnings=list(problems),
                checksum=_checksum(files, path), pseudonyms=pseudonyms, responses=responses, notes=notes)
    return case, problems


def roster(path) -> list[tuple[str, bool]]:
    """The names on a case's roster and whether each agreed to be named, read without validating the case.

    Used to hide one case's people in another case's outputs (a quote in
    one partnership naming someone of another) and by the privacy gate,
    which must know every roster of a run. It reads only the people table,
    so it is quick and works on a case with errors elsewhere.

    Parameters
    ----------
    path : str or pathlib.Path
        A case folder or workbook.

    Returns
    -------
    list of (str, bool)
        (name, consent_named = yes) per roster row with a name; empty when
        the roster cannot be read.

    Examples
    --------
    >>> roster(EXAMPLE_CASE)[:2]
    [('Ada Quintrell', True), ('Bram Okonjo', False)]
    """
    path = Path(path)
    problems: list[Problem] = []
    table = None
    if path.is_file() and path.suffix.lower() == ".xlsx":
        table = read_workbook(path, problems).get("people")
    elif path.is_dir():
        # Never a file outside the case folder (a link to /etc/passwd is no roster).
        workbook, csv_path = (p if p is not None and _link_problem(path, p) is None else None
                              for p in (_find(path, "case.xlsx") or _find(path, f"{path.name}.xlsx"),
                                        _find(path, "people.csv")))
        if csv_path is not None and not (workbook is not None and _blank_csv(csv_path)):
            table = read_csv(csv_path, problems)
        elif workbook is not None:
            table = read_workbook(workbook, problems).get("people")
    if table is None or "name" not in table.columns:
        return []
    return [(row["name"], row.get("consent_named", "").strip().casefold() in ("yes", "y", "true", "1"))
            for row in table.rows if row.get("name", "").strip()]


def _small_organisations(people: pd.DataFrame, orgs: pd.DataFrame, meta: dict, file: str,
                         problems: list[Problem]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Organisations whose roster is so small that their code identifies their people.

    With ``small_organisations: other`` in case.yaml they become one
    organisation, :data:`partnet.schema.OTHER_ORGANISATION` (type
    ``other``, size the sum of theirs); unset, each gets a
    ``small-organisation`` warning; ``keep`` keeps them silently.
    """
    option = meta.get("small_organisations")
    counts = people["organisation"].value_counts()
    small = [o for o in orgs["organisation"] if counts.get(o, 0) <= schema.SMALL_ORGANISATION]
    if not small or option == "keep":
        return people, orgs
    if option is None:
        for org in small:
            n = int(counts.get(org, 0))
            problems.append(Problem(
                "small-organisation", file,
                f"{n} {'person' if n == 1 else 'people'} of this organisation on the roster: in anonymised outputs "
                "its code identifies them", column="organisation", value=str(org),
                expected="small_organisations: other in case.yaml to show such organisations together as "
                         f"'{schema.OTHER_ORGANISATION}', or small_organisations: keep", severity="warning"))
        return people, orgs
    people = people.copy()
    people["organisation"] = people["organisation"].where(~people["organisation"].isin(small),
                                                          schema.OTHER_ORGANISATION)
    merged = orgs[orgs["organisation"].isin(small)]
    other = {c: pd.NA for c in orgs.columns}
    sizes = pd.to_numeric(merged["size"], errors="coerce")
    other.update({"organisation": schema.OTHER_ORGANISATION, "org_type": "other",
                  "size": int(sizes.sum()) if sizes.notna().any() else pd.NA})
    if "code" in orgs.columns:
        other["code"] = "OTH"
    orgs = pd.concat([orgs[~orgs["organisation"].isin(small)], pd.DataFrame([other])], ignore_index=True)
    orgs["size"] = orgs["size"].astype("Int64")
    return people, orgs


def load_roster(path) -> Case:
    """Read and validate a case whose ties are not there yet: its roster, organisations and ``case.yaml``.

    For the step before the ties exist: importing a survey export
    (``partnet import-survey``) needs the people to match and the relation
    to read the answers on. A ties file, when there, is read and checked
    as :func:`load_case` does. A case with waves is read with its waves
    and responses (``responses.csv``), so that one wave can be imported
    while the others' ties are there or not yet.

    Parameters
    ----------
    path : str or pathlib.Path
        A case folder or workbook.

    Returns
    -------
    Case
        With no ties when the folder has no ties file.

    Raises
    ------
    DataError
        With every problem of the other files.

    Examples
    --------
    >>> import shutil, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "example"
    >>> _ = shutil.copytree(EXAMPLE_CASE, folder)
    >>> (folder / "ties.csv").unlink()
    >>> case = load_roster(folder)
    >>> len(case.people), len(case.ties)
    (4, 0)
    """
    case, problems = check_case(path, require_ties=False)
    if case is None:
        raise DataError(Path(path).name, problems)
    return case


def load_case(path) -> Case:
    """Read and validate a case study.

    Parameters
    ----------
    path : str or pathlib.Path
        A case folder (CSV files, or a workbook ``case.xlsx`` /
        ``<case_id>.xlsx`` in it) or an ``.xlsx`` workbook.

    Returns
    -------
    Case
        The validated case; warnings are in ``case.warnings``.

    Raises
    ------
    DataError
        With every problem of every file (``err.problems``, each with a
        reason code, file, row and column).

    Examples
    --------
    >>> case = load_case(EXAMPLE_CASE)
    >>> case
    <Case 'example': 2 organisations, 4 people, 3 ties, 2 coded segments>
    >>> round(case.response_rate, 2)
    0.75
    """
    case, problems = check_case(path)
    if case is None:
        raise DataError(Path(path).name, problems)
    return case

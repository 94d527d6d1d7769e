"""``partnet report``: one report per case in separate processes, then the cross-case report and an index.

Each case runs in its own process: papermill executes
``notebooks/case_study.ipynb`` with the case's parameters, nbconvert
renders it, and the workshop page, graph files and ego sheets are written
beside it, all into a staging folder inside the output folder. Only a case
that completed every step (and, when anonymising, passed the check for
roster names) is moved into ``<out>/<case_id>/``; a case that failed leaves
no report, its executed notebook is kept in ``<out>/_failed/<case_id>/``
and the index says what went wrong.

Runs add up: the reports of cases not in this run stay in the output
folder, listed in the index and compared in the cross-case report when
they were written with this run's options and privacy setting from data
that has not changed since (each case folder's :data:`MARKER` records how
it was written). ``<out>/summary.json`` states each case's outcome for a
script, and :data:`EXIT_STATUS` the command's exit status.

Runs are incremental: a case of the run whose report in ``<out>`` is up
to date is not rendered again, and its folder is left exactly as it is
(its marker records its data's checksum, the options, the privacy inputs,
the other cases of the run as its report compares them, partnet's
version, the notebook's and every output file's SHA-256, written only
once the report had passed the privacy gate). The cross-case report
is skipped the same way when no case was rendered and it compares the
same cases. ``force=True`` (``--force``) renders everything.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from partnet.errors import ParameterError, PartnetError, ReportError
from partnet.options import check_bool, check_min_frequency, check_nonrespondents, check_seed

__all__ = ["CaseResult", "RunResult", "KeptReport", "Skipped", "run", "run_cli", "kept_reports", "read_mark",
           "code_digest",
           "FAILED_DIR", "GRAPH_FORMATS", "MARKER", "SUMMARY", "EXIT_STATUS"]

#: Sub-folder of the output folder where failed cases' notebooks are kept.
FAILED_DIR = "_failed"

#: Graph files written for every case.
GRAPH_FORMATS = ("gexf", "graphml", "dl")

_CROSS = "cross_case"

#: The run's outcome for scripts, in the output folder (format: :func:`summary`).
SUMMARY = "summary.json"

#: Exit status of ``partnet report`` -> what it means (the README and ``partnet report --help`` say the same).
EXIT_STATUS = {
    0: "every case of the run and the cross-case report were written (or were up to date and left as they were)",
    1: "nothing was rendered: no case of the run succeeded, or the run could not start (a case with bad data "
       "when it is the only one, an unknown case, a bad option value, a refused --out or --key-out, another run "
       "writing into --out)",
    2: "the command line was not understood (argparse prints the usage)",
    3: "some cases (or the cross-case report) failed and the others were written: summary.json and index.html "
       "say which and why",
    130: "interrupted (Ctrl-C or SIGTERM); nothing half-written is left",
}

#: The analysis options a report is written with; a kept report is compared only with the same ones.
ANALYSIS_OPTIONS = ("relation", "min_frequency", "nonrespondents", "seed")


@dataclass
class CaseResult:
    """What happened to one case (or to the cross-case report).

    Attributes
    ----------
    source : str
        The case folder as given.
    case_id, title : str
        From ``case.yaml`` (the folder name when the case did not load).
    ok : bool
        Every output was written and moved into place.
    stage : str
        Where a failure happened: ``data``, ``notebook``, ``render``,
        ``files``, ``privacy`` or ``crash``; empty on success.
    error : str
        What went wrong, safe to show (names redacted when anonymising).
    debug : str or None
        The kept executed notebook, relative to the output folder.
    files : list of str
        Outputs, relative to the case's folder.
    seconds : float
        Wall time of the case.
    anonymised : bool
        Every person is shown by pseudonym (``--anonymise`` or the case's
        ``anonymise: true``).
    warnings : list of str
        What the privacy gate could not decide (a roster name that is also
        a common word, capitalised at the start of a sentence).
    previous : bool
        The case failed and its report from an earlier run was kept.
    compared : list of str
        For the cross-case report: the ids of the cases it compares (this
        run's and kept ones).
    up_to_date : bool
        Its report in the output folder was up to date and was left as it
        was, not rendered again (``ok`` is True; ``title``, ``anonymised``
        and ``files`` are those of that report).
    """

    source: str
    case_id: str
    title: str = ""
    ok: bool = False
    stage: str = ""
    error: str = ""
    debug: str | None = None
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0
    anonymised: bool = False
    warnings: list[str] = field(default_factory=list)
    previous: bool = False
    compared: list[str] = field(default_factory=list)
    up_to_date: bool = False


@dataclass
class KeptReport:
    """A case report in the output folder that this run did not write (from an earlier run).

    Attributes
    ----------
    case_id : str
        The folder's name.
    anonymised : bool or None
        As its marker records; None when it has none (an older partnet:
        treat as named).
    title : str
        As its report shows it.
    source : str or None
        The case folder it was rendered from.
    mark : dict or None
        Its marker (:func:`read_mark`).
    files : list of str
        Its files, relative to its folder.
    failed_now : bool
        Its case is in this run and failed: this is its previous report.
    compared : bool
        It is in this run's cross-case report.
    reason : str
        Why it is not compared (empty when it is).
    note : str
        What else the reader should know (its case folder no longer exists).
    """

    case_id: str
    anonymised: bool | None = None
    title: str = ""
    source: str | None = None
    mark: dict | None = None
    files: list[str] = field(default_factory=list)
    failed_now: bool = False
    compared: bool = False
    reason: str = ""
    note: str = ""


@dataclass
class Skipped:
    """A case argument that is not a case (``partnet report data/cases/*`` names the folder's README too)."""

    source: str
    reason: str = "not a case folder or an .xlsx workbook"


@dataclass
class RunResult:
    """The outcome of :func:`run`."""

    out: Path
    cases: list[CaseResult]
    cross_case: CaseResult | None
    index: Path
    key: Path | None
    seconds: float
    kept: list[KeptReport] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    summary: Path | None = None

    @property
    def failed(self) -> list[CaseResult]:
        """Cases (and the cross-case report) that failed."""
        return [r for r in [*self.cases, self.cross_case] if r is not None and not r.ok]

    @property
    def ok(self) -> bool:
        """True when every case and the cross-case report succeeded."""
        return not self.failed and self.cross_case is not None

    @property
    def exit_status(self) -> int:
        """What ``partnet report`` exits with (:data:`EXIT_STATUS`): 0 all written, 1 nothing, 3 some failed.

        Examples
        --------
        >>> ok, bad = CaseResult("a", "a", ok=True), CaseResult("b", "b", stage="data")
        >>> cross = CaseResult("cross_case", "cross_case", ok=True)
        >>> [RunResult(Path("."), cases, c, Path("index.html"), None, 0.0).exit_status
        ...  for cases, c in (([ok], cross), ([ok, bad], cross), ([bad], None))]
        [0, 3, 1]
        """
        if not any(r.ok for r in self.cases):
            return 1
        return 0 if self.ok else 3


# ----------------------------------------------------------------- workers
# These run in child processes (spawned), one case each: papermill changes
# the working folder of the process it runs in.


def _problem_text(problems) -> str:
    """Data problems for the index: where and what, never the values or suggestions (they may be names).

    The index is a page that may be shared with the reports, and a case
    that failed to load has no pseudonyms to redact with; the full list,
    values included, is what ``partnet validate`` prints on the
    researcher's own terminal.
    """
    lines = []
    for p in problems:
        if p.severity != "error":
            continue
        where = p.file + (f", row {p.row}" if p.row is not None else "") + \
            (f", column {p.column!r}" if p.column else "")
        lines.append(f"{where}: {p.message} [{p.code}]")
    if lines:
        lines.append("(values are not shown here; run partnet validate on the case to see them)")
    return "\n".join(lines)


#: Notebook output types that are pictures: no check can read a name drawn in them.
_PICTURES = ("image/png", "image/jpeg", "image/gif", "image/webp")


def _redact_notebook(path: Path, redact, anonymise: bool) -> None:
    """Redact every text output of an executed notebook in place (tracebacks included).

    When anonymising, pictures are removed too: a name drawn into a PNG
    cannot be found by the privacy gate, and the figures are kept as SVG
    beside the report only when the whole case succeeds.
    """
    import nbformat

    nb = nbformat.read(str(path), as_version=4)

    def clean(value):
        if isinstance(value, str):
            return redact(value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    for cell in nb.cells:
        cell["source"] = clean(cell.get("source", ""))
        for output in cell.get("outputs", []):
            data = output.get("data")
            if anonymise and isinstance(data, dict) and any(k in data for k in _PICTURES):
                for k in _PICTURES:
                    data.pop(k, None)
                data["text/plain"] = "[picture removed: anonymised run]"
            for key in ("text", "data", "evalue", "traceback"):
                if key in output:
                    output[key] = clean(output[key])
    nbformat.write(nb, str(path))


def _fail(result: CaseResult, stage: str, error: str, start: float) -> CaseResult:
    result.ok, result.stage, result.error = False, stage, error
    result.seconds = time.perf_counter() - start
    return result


def _keep_notebook(executed: Path, staging: Path, name: str, redact, job: dict, anonymise: bool) -> str | None:
    """Keep a failed run's executed notebook for debugging, redacted; None when it still holds a name.

    Never raises: a notebook that cannot be read or written (cut short by
    a full disk) is not kept, and the failure that stopped the run is the
    one reported, not this one.
    """
    try:
        return _kept(executed, staging, name, redact, job, anonymise)
    except Exception:
        executed.unlink(missing_ok=True)
        return None


def _kept(executed: Path, staging: Path, name: str, redact, job: dict, anonymise: bool) -> str | None:
    if not executed.is_file():
        return None
    _redact_notebook(executed, redact, anonymise)
    if anonymise and not _gate(job, executed).ok:
        executed.unlink()
        return None
    target = staging / FAILED_DIR / name / "case_study.ipynb"
    if name == _CROSS:
        target = target.with_name("cross_case.ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(executed), target)
    return f"{FAILED_DIR}/{name}/{target.name}"


def _gate(job: dict, *paths: Path):
    """The privacy gate (:func:`partnet.privacy.scan`) over files or folders, with every roster of the run.

    The run's rosters are read into one :class:`partnet.privacy.Roster` for
    all ``paths``; the findings of all of them come back as one scan.
    """
    from partnet.privacy import Roster, Scan, scan

    roster = Roster()
    for case_id, names in job["rosters"].items():
        roster.add(names, case=case_id)
    found = [scan(path, roster, secrets=job["secrets"]) for path in paths]
    return Scan(leaks=[f for s in found for f in s.leaks], ambiguous=[f for s in found for f in s.ambiguous],
                files=sum(s.files for s in found))


def _withheld(found) -> str:
    return ("names of people were found in " + found.summary() + "; the outputs were withheld (see docs/privacy.md: "
            "a name the redaction missed, or a name that is also a common word used as a name)")


def _expected(folder: Path, case_id: str) -> list[str]:
    """Outputs a finished case must have; returns the ones missing."""
    need = ["report.html", "network.html", "tables.xlsx", *(f"{case_id}.{f}" for f in GRAPH_FORMATS)]
    missing = [n for n in need if not (folder / n).is_file()]
    if not any((folder / "figures").glob("*.svg")):
        missing.append("figures/*.svg")
    if not (folder / "ego").is_dir() or not any((folder / "ego").iterdir()):
        missing.append("ego/")
    return missing


def _message(exc: BaseException) -> str:
    """An exception in words: partnet's own messages as they are, the system's reason for an OSError
    ("No space left on device"), others with their class name.

    Examples
    --------
    >>> import errno
    >>> _message(OSError(errno.ENOSPC, "No space left on device", "reports/shire/report.html"))
    'No space left on device: reports/shire/report.html'
    >>> _message(ValueError("bad"))
    'ValueError: bad'
    """
    if isinstance(exc, PartnetError):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f": {exc.filename}" if exc.filename else "")
    return f"{type(exc).__name__}: {exc}"


def _run_case(job: dict) -> CaseResult:
    """Run one case from data to finished folder inside the staging folder (child process).

    Whatever goes wrong, in partnet or in a library, ends as a failed
    result naming the stage, never as a lost worker.
    """
    start = time.perf_counter()
    source = Path(job["case_dir"])
    result = CaseResult(source=job["source"], case_id=source.stem if source.is_file() else source.name)
    state = {"stage": "data", "redact": lambda text: text}
    try:
        return _case_steps(job, result, state, start)
    except Exception as exc:
        return _fail(result, state["stage"], state["redact"](_message(exc)), start)


def _case_steps(job: dict, result: CaseResult, state: dict, start: float) -> CaseResult:
    from partnet.case import check_case
    from partnet.report import kernels
    from partnet.report.outputs import hide_other_rosters, prepare_rosters
    from partnet.report.render import NotebookFailed, execute_notebook, render_html

    source, staging = Path(job["case_dir"]), Path(job["staging"])
    case, problems = check_case(source)
    if case is None:
        return _fail(result, "data", _problem_text(problems), start)
    others = [p for p in job["case_dirs"] if Path(p) != source]
    rosters = _run_rosters(job)
    if rosters:     # one shared index of the run's rosters, here and in the kernels' template
        prepare_rosters(rosters)
    hide_other_rosters(case, others)
    kernels.prepare((name for names in job["rosters"].values() for name in names), rosters)
    anonymise = case.anonymised(job["anonymise"])
    state["redact"] = redact = lambda text: case.pseudonyms.redact(text, anonymise)  # noqa: E731
    result.case_id, result.title, result.anonymised = case.id, redact(case.title), anonymise
    folder = staging / case.id
    executed = staging / f"{case.id}.executed.ipynb"
    folder.mkdir(parents=True)
    # The kernel writes the workshop page, graph files and ego sheets too (case_files), from the graph and
    # measures the report computed; the other cases' people and density come computed once for the run.
    parameters = {"case_dir": str(source), "output_dir": str(folder), "anonymise": anonymise,
                  "other_cases": others, "other_profiles": job["other_profiles"], "case_files": True,
                  **{k: job[k] for k in ("relation", "min_frequency", "nonrespondents", "seed")}}
    state["stage"] = "notebook"
    try:
        nb = execute_notebook(job["notebook"], executed, parameters, cwd=folder, timeout=job["timeout"])
    except NotebookFailed:
        result.debug = _keep_notebook(executed, staging, case.id, redact, job, anonymise)
        raise
    state["stage"] = "render"
    try:
        page = render_html(nb, title=f"{redact(case.title)} - partnet report")
    except Exception:
        result.debug = _keep_notebook(executed, staging, case.id, redact, job, anonymise)
        raise
    (folder / "report.html").write_text(page, encoding="utf-8")
    executed.unlink(missing_ok=True)
    state["stage"] = "files"
    missing = _expected(folder, case.id)
    if missing:
        return _fail(result, "files", "outputs missing after the run: " + ", ".join(missing), start)
    record = {"title": result.title, "source": str(source), "checksum": case.checksum, **_record(job, case.id),
              "privacy": _case_privacy(job, _folder_id(source), anonymise), "run": job.get("run")}
    _mark(folder, case.id, anonymise, **record)
    if anonymise:
        state["stage"] = "privacy"
        found = _gate(job, folder)
        result.warnings = _ambiguous_text(found.ambiguous)
        if not found.ok:
            return _fail(result, "privacy", _withheld(found), start)
    # Only now, with the gate passed (or nothing to hide), does the marker say which files are the report:
    # a later run leaves the folder alone only while its files are exactly these.
    outputs = _digests(folder)
    _mark(folder, case.id, anonymise, **record, outputs=outputs)
    result.files = sorted(outputs)
    result.ok = True
    result.seconds = time.perf_counter() - start
    return result


def _ambiguous_text(findings) -> list[str]:
    """One line per name part the gate could not decide, naming up to three files it stands in.

    Examples
    --------
    >>> from partnet.privacy import Finding
    >>> found = [Finding(f"ego/NDC-0{i}.html", "Key", "Mark Key", "shire", "ambiguous", "") for i in range(1, 6)]
    >>> _ambiguous_text(found)  # doctest: +NORMALIZE_WHITESPACE
    ["'Key' (a name on the roster of shire that is also a common word) stands at the start of a sentence or in
      capitals in ego/NDC-01.html, ego/NDC-02.html, ego/NDC-03.html and 2 more files; check that it does not
      mean the person"]
    """
    files: dict[tuple[str, str | None], list[str]] = {}
    for f in findings:
        paths = files.setdefault((f.part, f.case), [])
        if f.path not in paths:
            paths.append(f.path)
    lines = []
    for (part, case), paths in files.items():
        where = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more file{'s' if len(paths) > 4 else ''}"
                                         if len(paths) > 3 else "")
        lines.append(f"{part!r} (a name on the roster of {case} that is also a common word) stands at the start "
                     f"of a sentence or in capitals in {where}; check that it does not mean the person")
    return lines


#: The file in each case's output folder that records how it was written (read by the index and by later runs).
MARKER = ".partnet-output.json"

#: The marker's format: 1 held only ``case_id`` and ``anonymised``; 2 adds what a later run compares; 3 adds
#: what decides whether a report is up to date (``notebook``, ``code``, ``privacy``, ``run``, ``outputs``; the
#: cross-case report's ``checksums``).
MARKER_FORMAT = 3


def _mark(folder: Path, case_id: str, anonymise: bool, **record) -> None:
    """Record in a case's output folder how it was written (the index and later runs read it: :func:`read_mark`).

    ``anonymise`` is whether the outputs show everyone by pseudonym (the
    option, or the case's ``anonymise: true``). ``record`` adds, for a
    case: ``title`` (as shown), ``anonymise`` (the run's option; passed
    as ``option``), ``source`` (the case folder, absolute), ``checksum``
    (of its data, :attr:`partnet.Case.checksum`), ``options`` (the analysis
    options asked for, None meaning the case's default), ``report`` and
    ``workbook`` (paths relative to the output folder), ``partnet`` (the
    version), ``date`` (the run's, UTC), ``notebook`` (SHA-256 of the
    notebook file the report was executed from), ``code`` (SHA-256 of
    partnet's own files: :func:`code_digest`), ``privacy`` (SHA-256 of
    what decides what the outputs may show besides the case's data:
    :func:`_fingerprint`), ``run`` (SHA-256 of the run's other cases as
    the report compares the case with them, their people and density:
    :func:`_run_profile`) and ``outputs`` (every file of the folder but
    the marker, relative path -> SHA-256, recorded once the privacy gate
    has passed); the cross-case report records ``cases``, the ids it
    compares, and ``checksums`` (case id -> data checksum), and its
    ``outputs`` include ``../cross_case.html``. Keys are written in this
    order, so the same run writes the same bytes.
    """
    import json

    option = record.pop("option", None)
    data = {"format": MARKER_FORMAT, "case_id": case_id, "anonymised": bool(anonymise)}
    if option is not None:
        data["anonymise"] = bool(option)
    data.update(record)
    (folder / MARKER).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _record(job: dict, case_id: str) -> dict:
    """What every marker of a run shares: the option asked for, the analysis options, version, date and notebook.

    The notebook's SHA-256 is the one the main process took before the run
    (``notebook_sha256``, the value a later run compares), else the file's.
    """
    import partnet
    from partnet.report.provenance import run_date

    return {"option": bool(job["anonymise"]), "options": {k: job[k] for k in ANALYSIS_OPTIONS},
            "report": f"{case_id}/report.html" if case_id != _CROSS else "cross_case.html",
            "workbook": f"{case_id}/tables.xlsx", "partnet": partnet.__version__, "date": run_date(),
            "notebook": job.get("notebook_sha256") or _sha256(job["notebook"]), "code": code_digest()}


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 of partnet's own files (code, templates, scripts, data), as installed: the code a report comes from.

    A report written by other code is not up to date, whatever the version
    number says: a checkout of partnet between two releases keeps its
    version while its numbers or pages change. Compiled files
    (``__pycache__``) do not count.

    Examples
    --------
    >>> len(code_digest()), code_digest() == code_digest()
    (64, True)
    """
    import hashlib

    import partnet

    root = Path(partnet.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def read_mark(folder) -> dict | None:
    """What :func:`_mark` recorded in a case's output folder, or None (not a partnet case folder, or damaged).

    A marker of format 1 (an older partnet) has only ``case_id`` and
    ``anonymised``; ``format`` is then 1.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> read_mark(d) is None
    True
    >>> _mark(d, "shire", True)
    >>> read_mark(d)
    {'format': 3, 'case_id': 'shire', 'anonymised': True}
    >>> _ = (d / MARKER).write_text('{"case_id": "shire", "anonymised": false}')
    >>> read_mark(d)["format"], read_mark(d)["anonymised"]
    (1, False)
    """
    import json

    try:
        data = json.loads((Path(folder) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("anonymised"), bool):
        return None
    return {"format": 1, **data} if "format" not in data else data


# ---------------------------------------------------------- up to date
# A report is up to date when its marker (format 3) records exactly what this run would write it from and
# its folder holds exactly the files recorded once it had passed the privacy gate.


def _sha256(path) -> str:
    """SHA-256 of a file's bytes, in hex.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = f.write_bytes(b"abc")
    >>> _sha256(f)[:16]
    'ba7816bf8f01cfea'
    """
    import hashlib

    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _output_files(folder: Path) -> list[str]:
    """Every file under an output folder but its marker, as sorted relative POSIX paths."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p != folder / MARKER)


def _digests(folder: Path, page: bool = False) -> dict[str, str]:
    """Every file under an output folder but its marker -> SHA-256 (the marker's ``outputs``).

    ``page`` adds the cross-case report's page beside the folder, as
    ``../cross_case.html``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "ego").mkdir(); _ = (folder / "ego" / "a.html").write_text("a")
    >>> _mark(folder, "shire", False)
    >>> [(name, digest[:8]) for name, digest in _digests(folder).items()]
    [('ego/a.html', 'ca978112')]
    >>> _unchanged(folder, _digests(folder)), _unchanged(folder, {})
    (True, False)
    """
    found = {name: _sha256(folder / name) for name in _output_files(folder)}
    if page:
        found["../cross_case.html"] = _sha256(folder.parent / "cross_case.html")
    return found


def _unchanged(folder: Path, outputs, page: bool = False) -> bool:
    """Whether ``folder`` holds exactly the files ``outputs`` records: none missing, none added, the same bytes."""
    if not isinstance(outputs, dict) or not folder.is_dir():
        return False
    names = _output_files(folder)
    if page and (folder.parent / "cross_case.html").is_file():
        names.append("../cross_case.html")
    if set(names) != set(outputs):
        return False
    return all(_sha256(folder / name) == outputs[name] for name in names)


def _run_rosters(job: dict) -> list[tuple[str, list, list]] | None:
    """The run's case folders with their rosters as the main process read them (:func:`_privacy_inputs`).

    None when two folders of the run share a name, which keys the
    rosters: then each case reads the others' rosters itself.

    Examples
    --------
    >>> job = {"case_dirs": ["/a/north", "/b/east"], "rosters": {"north": ["Ada Q"], "east": []},
    ...        "consents": {"north": [True], "east": []}}
    >>> _run_rosters(job)
    [('/a/north', ['Ada Q'], [True]), ('/b/east', [], [])]
    >>> _run_rosters({**job, "case_dirs": ["/a/north", "/b/north"]}) is None
    True
    """
    ids = [_folder_id(Path(p)) for p in job["case_dirs"]]
    if len(set(ids)) != len(ids):
        return None
    return [(p, job["rosters"][i], job["consents"][i]) for p, i in zip(job["case_dirs"], ids)]


def _folder_id(source: Path) -> str:
    """A case argument's name in the run's rosters: the folder's name, or a workbook's stem."""
    return source.stem if source.is_file() else source.name


def _fingerprint(anonymised: bool, option: bool, rosters, keys) -> str:
    """SHA-256 of what decides what a report may show besides its case's data (the marker's ``privacy``).

    Parameters
    ----------
    anonymised : bool
        Everyone is shown by pseudonym (``--anonymise`` or the case's
        ``anonymise: true``).
    option : bool
        ``--anonymise`` as asked for.
    rosters : iterable of (str, bool)
        People of other cases whose names the report hides (name, and
        whether they agreed to be named), in any order.
    keys : iterable of str or None
        SHA-256 of each pseudonym key whose pseudonyms the report shows
        (None: no key); never the key itself.

    Returns
    -------
    str
        64 hexadecimal digits.

    Examples
    --------
    >>> named = _fingerprint(False, False, [("Ada Quintrell", True), ("Bram Okonjo", False)], [None])
    >>> len(named), named == _fingerprint(False, False, [("Bram Okonjo", False), ("Ada Quintrell", True)], [None])
    (64, True)
    >>> named == _fingerprint(False, False, [("Ada Quintrell", True)], [None])
    False
    >>> named == _fingerprint(True, True, [("Ada Quintrell", True), ("Bram Okonjo", False)], [None])
    False
    """
    import hashlib
    import json

    payload = {"anonymised": bool(anonymised), "anonymise": bool(option),
               "rosters": sorted([str(name), bool(consent)] for name, consent in rosters),
               "keys": sorted(key or "" for key in keys)}
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _case_privacy(job: dict, folder_id: str, anonymised: bool) -> str:
    """A case's privacy fingerprint: its anonymisation, the option, the other rosters of the run and its key."""
    others = [(name, consent) for cid, names in job["rosters"].items() if cid != folder_id
              for name, consent in zip(names, job["consents"][cid])]
    return _fingerprint(anonymised, job["anonymise"], others, [job["keys"].get(folder_id)])


def _cross_privacy(job: dict, done, anonymised: bool) -> str:
    """The cross-case report's privacy fingerprint: every roster it hides or shows and the compared cases' keys."""
    everyone = [(name, consent) for cid, names in job["rosters"].items()
                for name, consent in zip(names, job["consents"][cid])]
    return _fingerprint(anonymised, job["anonymise"], everyone,
                        [job["keys"].get(_folder_id(Path(p))) for p in done])


def _same(mark: dict | None, case_id: str, now: dict) -> bool:
    """Whether a marker is of this format, of ``case_id``, and records every value of ``now``."""
    if mark is None or mark.get("format") != MARKER_FORMAT or mark.get("case_id") != case_id:
        return False
    return all(type(mark.get(k)) is type(v) and mark.get(k) == v for k, v in now.items())


def _survey(sources: list[Path], options: dict) -> dict[str, dict | None]:
    """Each case of the run as it loads now, for the up-to-date checks and the run profiles (main process).

    Returns, per case argument (``str(path)``), None when the case does not
    load, else ``case_id``, ``checksum``, ``anonymised`` (as this run would
    show it) and ``profile``: ``[people, density]`` of its graph with the
    run's analysis options, as another case's report of the run compares
    itself with it (:meth:`partnet.report.CaseReport.run_profile`), or None
    when the graph cannot be drawn with them.
    """
    from partnet.case import check_case
    from partnet.report.outputs import run_profiles

    found: dict[str, dict | None] = {}
    for p in sources:
        try:
            case, _ = check_case(p)
        except Exception:  # the case's own run reports why
            case = None
        if case is None:
            found[str(p)] = None
            continue
        profile = run_profiles([case], **{k: options[k] for k in ("relation", "min_frequency", "nonrespondents")})
        found[str(p)] = {"case_id": case.id, "checksum": case.checksum,
                         "anonymised": case.anonymised(options["anonymise"]), "profile": profile.get(case.id)}
    return found


def _other_profiles(survey: dict[str, dict | None], sources: list[Path], p: Path) -> dict[str, list]:
    """The run's other cases as case ``p``'s report compares itself with them: ``{case_id: [people, density]}``.

    With the run's options, in the run's order, each id once, the case's
    own id and cases that do not load or cannot be drawn left out, as
    :func:`partnet.report.outputs.run_profiles` reads them; passed to the
    case's notebook (``other_profiles``), so that no report reads every
    other case of the run again.

    Examples
    --------
    >>> survey = {"a": {"case_id": "a", "profile": [40, 0.1]}, "b": {"case_id": "b", "profile": [60, 0.2]},
    ...           "c": None}
    >>> _other_profiles(survey, [Path("a"), Path("b"), Path("c")], Path("a"))
    {'b': [60, 0.2]}
    """
    own = survey.get(str(p))
    seen = {own["case_id"]} if own else set()
    rows: dict[str, list] = {}
    for other in sources:
        facts = survey.get(str(other))
        if other == p or facts is None or facts["profile"] is None or facts["case_id"] in seen:
            continue
        seen.add(facts["case_id"])
        rows[facts["case_id"]] = list(facts["profile"])
    return rows


def _run_profile(survey: dict[str, dict | None], sources: list[Path], p: Path) -> str:
    """SHA-256 of the run's other cases as case ``p``'s report compares itself with them (the marker's ``run``).

    Their ids, people and density with the run's options
    (:func:`_other_profiles`).

    Examples
    --------
    >>> survey = {"a": {"case_id": "a", "profile": [40, 0.1]}, "b": {"case_id": "b", "profile": [60, 0.2]},
    ...           "c": None}
    >>> sources = [Path("a"), Path("b"), Path("c")]
    >>> _run_profile(survey, sources, Path("a")) == _run_profile({**survey, "c": {"case_id": "c", "profile": None}},
    ...                                                          sources, Path("a"))
    True
    >>> _run_profile(survey, sources, Path("a")) == _run_profile(survey, sources, Path("b"))
    False
    """
    import hashlib
    import json

    rows = [[case_id, *profile] for case_id, profile in _other_profiles(survey, sources, p).items()]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


def _up_to_date(p: Path, out: Path, job: dict, notebook_sha: str, facts: dict | None) -> CaseResult | None:
    """A case whose report in ``out`` is up to date, as this run's result; None: render it.

    Up to date: its marker is of this format, records this case folder,
    the data checksum of the case as it loads now (``facts``, from
    :func:`_survey`), this run's analysis options, ``--anonymise`` and
    effective anonymisation, partnet's version and code (:func:`code_digest`),
    the notebook's SHA-256, the privacy fingerprint (:func:`_case_privacy`) and the run's other
    cases as its report compares them (``job["run"]``,
    :func:`_run_profile`), and the folder holds exactly the files the
    marker lists, byte for byte. A case that does not load is never up to
    date (it runs, and fails, as it would).
    """
    import partnet

    if facts is None:
        return None
    start = time.perf_counter()
    folder = out / facts["case_id"]
    now = {"anonymised": facts["anonymised"], "anonymise": bool(job["anonymise"]), "source": str(p),
           "checksum": facts["checksum"], "options": {k: job[k] for k in ANALYSIS_OPTIONS},
           "partnet": partnet.__version__, "notebook": notebook_sha, "code": code_digest(),
           "privacy": _case_privacy(job, _folder_id(p), facts["anonymised"]), "run": job["run"]}
    mark = read_mark(folder)
    if not _same(mark, facts["case_id"], now) or not _unchanged(folder, mark.get("outputs")):
        return None
    return CaseResult(source=str(p), case_id=facts["case_id"], title=str(mark.get("title") or ""), ok=True,
                      files=sorted(mark["outputs"]), anonymised=facts["anonymised"], up_to_date=True,
                      seconds=time.perf_counter() - start)


def _cross_up_to_date(out: Path, job: dict, done: list[Path], ids: list[str], checksums: dict, anonymised: bool,
                      notebook_sha: str) -> CaseResult | None:
    """The cross-case report in ``out`` as this run's result when it is up to date (see :func:`run`); else None."""
    import partnet

    folder = out / _CROSS
    now = {"anonymised": anonymised, "anonymise": bool(job["anonymise"]), "cases": list(ids),
           "checksums": dict(checksums), "options": {k: job[k] for k in ANALYSIS_OPTIONS},
           "partnet": partnet.__version__, "notebook": notebook_sha, "code": code_digest(),
           "privacy": _cross_privacy(job, done, anonymised)}
    mark = read_mark(folder)
    if not _same(mark, _CROSS, now) or not _unchanged(folder, mark.get("outputs"), page=True):
        return None
    return CaseResult(source=_CROSS, case_id=_CROSS, title=str(mark.get("title") or "Cross-case comparison"),
                      ok=True, anonymised=anonymised, compared=list(ids), up_to_date=True,
                      files=sorted(name for name in mark["outputs"] if not name.startswith("../")))


def _run_cross(job: dict) -> CaseResult:
    """Run the cross-case notebook over the cases that succeeded (child process)."""
    start = time.perf_counter()
    result = CaseResult(source=_CROSS, case_id=_CROSS, title="Cross-case comparison", anonymised=job["anonymise"])
    state = {"stage": "data", "redact": lambda text: text}
    try:
        return _cross_steps(job, result, state, start)
    except Exception as exc:
        return _fail(result, state["stage"], state["redact"](_message(exc)), start)


def _cross_steps(job: dict, result: CaseResult, state: dict, start: float) -> CaseResult:
    from partnet.report.render import NotebookFailed, execute_notebook, render_html

    staging = Path(job["staging"])
    # What the main process found for the compared cases (their ids and checksums as the marker records them,
    # whether the comparison shows everyone by pseudonym): the cases themselves are read by the notebook alone.
    ids, checksums, anonymise = list(job["ids"]), dict(job["checksums"]), bool(job["anonymised"])
    result.anonymised = anonymise
    cases: list = []

    def redact(text):
        """Names of the compared cases (and the run's others) redacted: for what a failure leaves behind."""
        from partnet.case import load_case
        from partnet.report.outputs import hide_other_rosters

        if not cases:
            try:
                loaded = [load_case(p) for p in job["done"]]
            except Exception:  # a case that no longer loads: its error names the file, as a data error does
                return text
            for c in loaded:
                hide_other_rosters(c, job["case_dirs"])
            cases.extend(loaded)
        for c in cases:
            text = c.pseudonyms.redact(text, anonymise)
        return text

    state["redact"] = redact
    folder = staging / _CROSS
    folder.mkdir(parents=True)
    executed = staging / "cross_case.executed.ipynb"
    parameters = {"case_dirs": list(job["done"]), "output_dir": str(folder), "anonymise": anonymise,
                  "kept_results": job["kept_results"],
                  **{k: job[k] for k in ("relation", "min_frequency", "nonrespondents", "seed")}}
    state["stage"] = "notebook"
    try:
        nb = execute_notebook(job["notebook"], executed, parameters, cwd=folder, timeout=job["timeout"])
    except NotebookFailed:
        result.debug = _keep_notebook(executed, staging, _CROSS, redact, job, anonymise)
        raise
    state["stage"] = "render"
    try:
        page = render_html(nb, title="Cross-case comparison - partnet report")
    except Exception:
        result.debug = _keep_notebook(executed, staging, _CROSS, redact, job, anonymise)
        raise
    (staging / "cross_case.html").write_text(page, encoding="utf-8")
    executed.unlink(missing_ok=True)
    record = {"title": result.title, "cases": ids, "checksums": checksums, **_record(job, _CROSS),
              "privacy": _cross_privacy(job, job["done"], anonymise)}
    _mark(folder, _CROSS, anonymise, **record)
    result.compared = ids
    if anonymise:
        state["stage"] = "privacy"
        found = _gate(job, folder, staging / "cross_case.html")
        result.warnings = _ambiguous_text(found.ambiguous)
        if not found.ok:
            return _fail(result, "privacy", _withheld(found), start)
    outputs = _digests(folder, page=True)
    _mark(folder, _CROSS, anonymise, **record, outputs=outputs)
    result.files = sorted(name for name in outputs if not name.startswith("../"))
    result.ok = True
    result.seconds = time.perf_counter() - start
    return result


# ------------------------------------------------------------- main process


def _replace(src: Path, dst: Path) -> None:
    """Move ``src`` to ``dst``, replacing what was there (renames on one file system)."""
    if dst.exists():
        old = dst.with_name(f".{dst.name}.old-{os.getpid()}")
        dst.rename(old)
        src.rename(dst)
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    else:
        src.rename(dst)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def _settle(result: CaseResult, staging: Path, out: Path) -> None:
    """Move a finished case into place; a failed one leaves the previous report of the case as it was."""
    name = result.case_id
    if result.ok:
        _remove(out / FAILED_DIR / name)
        _replace(staging / name, out / name)
        if name == _CROSS:
            _replace(staging / "cross_case.html", out / "cross_case.html")
        return
    result.previous = (out / name).is_dir() and _is_output(out / name)
    if result.debug:
        (out / FAILED_DIR).mkdir(exist_ok=True)
        _replace(staging / FAILED_DIR / name, out / FAILED_DIR / name)
    else:
        _remove(out / FAILED_DIR / name)


def _is_output(folder: Path) -> bool:
    """Whether a folder was written by partnet report (a case's or the cross-case output), so it may be replaced."""
    return read_mark(folder) is not None or (folder / "report.html").is_file() or (folder / "tables.xlsx").is_file()


def _sources(cases) -> tuple[list[Path], list[Skipped]]:
    """The case folders (and workbooks) of a run, and the arguments skipped as not cases (a README)."""
    from partnet.report.paths import bundled_cases, examples_dir, is_case_argument, resolve_case

    if cases is None or isinstance(cases, (str, Path)) and not str(cases):
        cases = []
    if isinstance(cases, (str, Path)):
        cases = [cases]
    given = [resolve_case(c) for c in cases] if cases else bundled_cases()
    paths = [p for p in given if is_case_argument(p)]
    skipped = [Skipped(str(p)) for p in given if not is_case_argument(p)]
    if not paths:
        if skipped:
            raise ReportError("no cases to report on: " + ", ".join(s.source for s in skipped)
                              + " is not a case folder or an .xlsx workbook")
        raise ReportError(f"no cases to report on: give case folders, or put the demo cases back in {examples_dir()}")
    ids = [p.stem if p.is_file() else p.name for p in paths]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ParameterError(f"two case folders have the same name ({', '.join(twice)}); a case id names its "
                             "report folder, so each must be unique")
    if _CROSS in ids or FAILED_DIR in ids or "index" in ids:
        raise ParameterError(f"a case may not be called {_CROSS!r}, {FAILED_DIR!r} or 'index': the report folder "
                             "uses those names")
    return paths, skipped


def _privacy_inputs(sources: list[Path]) -> dict:
    """Every roster of the run (for the privacy gate) and the cases' pseudonym keys (which no output may hold).

    Returns ``rosters`` (folder name -> names) and ``secrets`` (the keys,
    hex) for the gate, and for the privacy fingerprints of the markers
    (:func:`_fingerprint`) ``consents`` (folder name -> whether each of
    ``rosters`` agreed to be named) and ``keys`` (folder name -> SHA-256
    of its key, or None).

    Each key is created here if the case has none yet, so that the first
    run is checked for it too; a damaged key is left for the case's own
    run to report.
    """
    import hashlib

    from partnet.case import roster
    from partnet.pseudonyms import read_key

    rosters, consents, secrets, keys = {}, {}, [], {}
    for p in sources:
        people = roster(p)
        rosters[_folder_id(p)] = [name for name, _ in people]
        consents[_folder_id(p)] = [bool(consent) for _, consent in people]
        keys[_folder_id(p)] = None
        try:
            key = read_key(p)
        except (PartnetError, OSError):
            continue
        secrets.append(key.hex())
        keys[_folder_id(p)] = hashlib.sha256(key).hexdigest()
    return {"rosters": rosters, "consents": consents, "secrets": secrets, "keys": keys}


class _Lock:
    """An exclusive lock on an output folder for one run (``<out>/.partnet-lock``)."""

    def __init__(self, out: Path):
        self.path = out / ".partnet-lock"
        self.file = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the run

    def acquire(self) -> _Lock:
        try:
            import fcntl
        except ImportError:      # pragma: no cover - Windows: no advisory locks in the standard library
            return self
        try:
            fcntl.flock(self.file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.file.close()
            raise ReportError(f"another partnet report is writing into {self.path.parent}; wait until it has "
                              "finished, or give this run another --out folder") from None
        return self

    def close(self) -> None:
        self.file.close()


def _lock(out: Path) -> _Lock:
    """Lock ``out`` for this run: two runs (a named and an anonymised one) never write into one folder at once."""
    return _Lock(out).acquire()


def _check_out(out: Path, sources: list[Path]) -> None:
    """Refuse an output folder that would overwrite a case's data (docs: "Never destroy inputs").

    The output folder may not be a case folder, lie inside one, contain
    one, or be the folder that holds a case; and a folder in it that a
    case's report would replace must be an earlier partnet report.
    """
    for p in sources:
        folder = p.resolve() if p.is_dir() else p.resolve().parent
        holder = folder.parent if p.is_dir() else folder
        clash = (out == folder or folder in out.parents or out in folder.parents or out == holder)
        if clash:
            raise ReportError(f"the output folder {out} would overwrite case data: it is, holds or lies inside the "
                              f"case {p}. Choose a folder of its own, e.g. --out {holder.parent / 'reports'}")
    for p in sources:
        target = out / (p.stem if p.is_file() else p.name)
        if target.exists() and not (target.is_dir() and _is_output(target)):
            raise ReportError(f"{target} exists and is not a partnet report; the report of {p.name} would replace it. "
                              "Move it, or choose another --out folder")


def _check_key_out(key_out, out: Path, sources: list[Path], overwrite: bool = False) -> Path | None:
    if key_out is None:
        return None
    key = Path(key_out).expanduser().resolve()
    if key == out or out in key.parents:
        raise ReportError(f"the pseudonym key may not be written inside the output folder ({out}): anyone given the "
                          "reports would hold the key. Choose a path outside it, "
                          f"e.g. {out.parent / 'pseudonym-key.csv'}")
    if key.is_dir():
        raise ReportError(f"--key-out must be a file path, {key} is a folder")
    for p in sources:
        case = p.resolve()
        if key == case or (case.is_dir() and case in key.parents):
            raise ReportError(f"--key-out {key} is inside the case {p}: the key table is never written among a case's "
                              "data. Choose a path outside every case folder")
    if key.exists() and not overwrite:
        raise ReportError(f"--key-out {key} exists; add --overwrite to replace it, or choose another file")
    return key


def _write_key(sources: list[Path], key: Path) -> Path:
    import pandas as pd

    from partnet.case import check_case

    tables = []
    for p in sources:
        case, _ = check_case(p)
        if case is not None:
            tables.append(case.pseudonyms.key().assign(case_id=case.id))
    table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(
        columns=["person_id", "name", "pseudonym", "case_id"])
    key.parent.mkdir(parents=True, exist_ok=True)
    table[["case_id", "person_id", "name", "pseudonym"]].to_csv(key, index=False, encoding="utf-8")
    return key


def _check_options(jobs, timeout, seed, min_frequency, nonrespondents) -> tuple[int, int | None]:
    """Refuse an option outside its allowed values; return ``seed`` and ``min_frequency`` as ``int``."""
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ParameterError(f"jobs must be a whole number 1 or more; {jobs!r} was given")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ParameterError(f"timeout must be a number of seconds above 0; {timeout!r} was given")
    seed = check_seed(seed)
    if min_frequency is not None:
        # the loosest scale here (a whole number 1 or more); each case checks it against its relation's scale
        min_frequency = check_min_frequency(min_frequency, "count")
    if nonrespondents is not None:
        check_nonrespondents(nonrespondents)
    return seed, min_frequency


def run(cases=None, out="reports", *, anonymise: bool = False, key_out=None, jobs: int | None = None,
        relation: str | None = None, min_frequency: int | None = None, nonrespondents: str | None = None,
        seed: int = 0, timeout: float = 600, progress: bool = True, notebooks=None, overwrite: bool = False,
        timings: bool = False, force: bool = False) -> RunResult:
    """Render every case's report, the cross-case report and an index (``partnet report``).

    Parameters
    ----------
    cases : list of str or pathlib.Path, optional
        Case folders (or workbooks, or bundled case ids); default the
        fictional demo cases in ``data/examples`` (:func:`partnet.report.paths.bundled_cases`).
        A file that is not an ``.xlsx`` workbook (the README that
        ``data/cases/*`` also names) is skipped and said so.
    out : str or pathlib.Path, default "reports"
        Output folder; created if needed.
    anonymise : bool, default False
        Pseudonyms for every person in every output, quotes included. Cases
        whose ``case.yaml`` says ``anonymise: true`` are anonymised anyway.
    key_out : str or pathlib.Path, optional
        Write the pseudonym key (case_id, person_id, name, pseudonym) here
        as CSV. Refused inside ``out`` or a case folder, and onto an
        existing file unless ``overwrite``. Without it no key is written.
    jobs : int, optional
        Cases run at once, each in its own process; default one per core.
    relation, min_frequency, nonrespondents : optional
        Graph options for every case (default: each case's own).
    seed : int, default 0
        Seed for layouts and permutation tests.
    timeout : float, default 600
        Seconds any one notebook cell may run.
    progress : bool, default True
        Show a progress bar over cases on standard error.
    notebooks : str or pathlib.Path, optional
        Folder with ``case_study.ipynb`` and ``cross_case.ipynb``; default
        the project's ``notebooks/``.
    overwrite : bool, default False
        Replace an existing ``key_out`` file.
    timings : bool, default False
        Show elapsed seconds in ``index.html`` and ``summary.json`` (off by
        default, so that two runs of the same cases write the same files).
    force : bool, default False
        Render every case and the cross-case report, even those whose
        report in ``out`` is up to date (``--force``).

    Returns
    -------
    RunResult
        Per-case results, the cross-case result, the reports kept from
        earlier runs, the skipped arguments, the index page, the summary
        and the key file. ``result.ok`` is False when anything failed;
        ``result.exit_status`` is the command's (:data:`EXIT_STATUS`).

    Raises
    ------
    ParameterError
        An unknown case path or option, or two cases with the same id.
    ReportError
        ``out`` is, holds or lies inside a case folder; ``key_out`` inside
        ``out`` or a case, or an existing file; another run is writing into
        ``out``; or the notebooks are missing.

    Notes
    -----
    Output layout, per case ``<out>/<case_id>/``: ``report.html``,
    ``network.html``, ``tables.xlsx``, ``figures/*.png|svg``,
    ``<case_id>.gexf``, ``.graphml``, ``.dl`` and ``ego/``; then
    ``<out>/cross_case.html`` (its tables and figures in
    ``<out>/cross_case/``), ``<out>/index.html`` and ``<out>/summary.json``
    (:func:`partnet.report.index.summary`). Each case is written
    in a staging folder and replaces its previous report only when complete
    and checked; a failed case leaves its previous report as it was (the
    index says so) and its executed notebook in ``<out>/_failed/<case_id>/``.

    Runs add up. Folders of cases not in this run are left alone and
    listed in the index; each case folder's marker (:data:`MARKER`, see
    :func:`_mark`) records its case folder, data checksum, privacy and
    options, so the cross-case report compares a kept case with this run's
    when its folder still holds the same data and it was written with this
    run's analysis options and privacy (named, or anonymised, as the case
    would be in this run). Any other kept case is left out of the
    comparison, and the index and ``summary.json`` say why (its case
    folder gone, another ``--anonymise`` setting, other options, changed
    data, written by an older partnet). The cross-case report lists this
    run's cases first, then the kept ones by name.

    Runs are incremental. A case of the run is not rendered again when its
    report in ``out`` is up to date: its marker (format 3) records this
    case folder, the checksum of its data as it loads now, this run's
    analysis options, ``anonymise`` and the effective anonymisation,
    partnet's version, the SHA-256 of the case-study notebook, a privacy
    fingerprint (the effective anonymisation, ``anonymise``, the names on
    the rosters of the run's other cases, which the report hides, and a
    SHA-256 of the case's pseudonym key), the run's other cases as the
    report compares the case with them (their people and density with
    the run's options) and the SHA-256 of every file in its folder,
    recorded once the folder had passed the privacy gate;
    the folder must hold exactly those files. Such a case is left exactly
    as it is (not moved, rewritten or touched) and is this run's case in
    every other way: a result with ``ok`` and ``up_to_date`` True, listed
    in the index and compared in the cross-case report. A case folder
    without such a marker (none, an older format), with other data, other
    options, another ``anonymise`` setting, another set of cases in the
    run (or another case's network changed: its density is compared),
    another notebook or another partnet, or with a file missing,
    added or changed, is rendered. When every case of the run is up to
    date, the cross-case report is left as it is too if its marker
    records the same compared cases with the same checksums, options,
    privacy fingerprint, partnet and notebook and its files are unchanged
    (then no worker process is started at all). ``force`` renders
    everything.

    Worker processes end with the main process, whatever ends it (a
    ``SIGKILL`` included; Linux); ``SIGTERM`` is handled like Ctrl-C. A
    staging folder left by a killed run is removed by the next run.
    """
    from tqdm import tqdm

    from partnet.report.index import write_index, write_summary
    from partnet.report.paths import notebook

    started = time.perf_counter()
    seed, min_frequency = _check_options(jobs, timeout, seed, min_frequency, nonrespondents)
    for flag, value in (("anonymise", anonymise), ("overwrite", overwrite), ("timings", timings), ("force", force)):
        check_bool(value, flag)
    sources, skipped = _sources(cases)
    out = Path(out).expanduser().resolve()
    _check_out(out, sources)
    key = _check_key_out(key_out, out, sources, overwrite)
    case_nb, cross_nb = notebook("case_study", notebooks), notebook("cross_case", notebooks)
    out.mkdir(parents=True, exist_ok=True)
    lock = _lock(out)
    results: list[CaseResult] = []
    cross: CaseResult | None = None
    pool = staging = done_run = None
    try:
        with _terminate_as_interrupt():
            _clean_stale(out)
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
            options = {"relation": relation, "min_frequency": min_frequency, "nonrespondents": nonrespondents,
                       "seed": seed, "timeout": timeout, "anonymise": anonymise, "staging": str(staging),
                       "case_dirs": [str(p) for p in sources], **_privacy_inputs(sources)}
            case_sha, cross_sha = _sha256(case_nb), _sha256(cross_nb)
            survey = _survey(sources, options)
            case_jobs = {str(p): {**options, "case_dir": str(p), "source": str(p), "notebook": str(case_nb),
                                  "notebook_sha256": case_sha, "run": _run_profile(survey, sources, p),
                                  "other_profiles": _other_profiles(survey, sources, p)}
                         for p in sources}
            fresh: dict[str, CaseResult] = {}
            for p in [] if force else sources:
                found = _up_to_date(p, out, case_jobs[str(p)], case_sha, survey[str(p)])
                if found is not None:
                    fresh[str(p)] = found
                    _remove(out / FAILED_DIR / found.case_id)       # as a case of this run that succeeded
            todo = [p for p in sources if str(p) not in fresh]
            by_source: dict[str, CaseResult] = dict(fresh)
            futures = {}
            if todo:
                pool = _pool(jobs, len(todo))
                futures = {pool.submit(_run_case, case_jobs[str(p)]): p for p in todo}
            with tqdm(total=len(todo) + 1, desc="partnet report", unit="report", file=sys.stderr,
                      disable=not progress) as bar:
                if fresh:
                    bar.set_postfix_str(f"{len(fresh)} up to date")
                for future in as_completed(futures):
                    p = futures[future]
                    result = _outcome(future, CaseResult(source=str(p), case_id=p.stem if p.is_file() else p.name))
                    _settle(result, staging, out)
                    by_source[str(p)] = result
                    bar.set_postfix_str(f"{result.case_id} {'ok' if result.ok else 'FAILED'}")
                    bar.update()
                results = [by_source[str(p)] for p in sources]
                done = [Path(r.source) for r in results if r.ok]
                kept = kept_reports(out, results)
                _judge(kept, anonymise, options)
                compared = [Path(k.source) for k in kept if k.compared]
                cross_options = {**options, "case_dirs": [str(p) for p in [*sources, *compared]],
                                 **_privacy_inputs([*sources, *compared])}
                bar.set_postfix_str("cross-case")
                if done:
                    rendered = any(r.ok and not r.up_to_date for r in results)
                    ids = [r.case_id for r in results if r.ok] + [k.case_id for k in kept if k.compared]
                    # as each report's marker records it: the data the report was written from
                    checksums = {r.case_id: (read_mark(out / r.case_id) or {}).get("checksum")
                                 or survey[r.source]["checksum"] for r in results if r.ok}
                    checksums.update({k.case_id: k.mark.get("checksum") for k in kept if k.compared})
                    shown = bool(anonymise) or any(r.anonymised for r in results if r.ok) or any(
                        bool(k.anonymised) for k in kept if k.compared)
                    if not force and not rendered:
                        cross = _cross_up_to_date(out, cross_options, [*done, *compared], ids, checksums, shown,
                                                  cross_sha)
                    if cross is not None:
                        _remove(out / FAILED_DIR / _CROSS)
                    else:
                        pool = pool or _pool(jobs, 1)
                        future = pool.submit(_run_cross, {**cross_options, "done": [str(p) for p in [*done, *compared]],
                                                          "ids": ids, "checksums": checksums, "anonymised": shown,
                                                          "kept_results": str(out), "notebook": str(cross_nb),
                                                          "notebook_sha256": cross_sha})
                        cross = _outcome(future, CaseResult(source=_CROSS, case_id=_CROSS,
                                                            title="Cross-case comparison"))
                        _settle(cross, staging, out)
                bar.update()
            key_path = _write_key(sources, key) if key is not None else None
            seconds = time.perf_counter() - started
            parameters = {k: options[k] for k in ("anonymise", *ANALYSIS_OPTIONS)}
            index = write_index(out, results, cross, parameters=parameters, seconds=seconds,
                                gate=lambda path: _gate(cross_options, path), timings=timings, kept=kept,
                                skipped=skipped)
            done_run = RunResult(out=out, cases=results, cross_case=cross, index=index, key=key_path,
                                 seconds=seconds, kept=kept, skipped=skipped)
            done_run.summary = write_summary(done_run, parameters, gate=lambda path: _gate(cross_options, path),
                                             timings=timings)
    finally:
        if pool is not None:
            _stop(pool)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        lock.close()
    return done_run


def _pool(jobs: int | None, count: int) -> ProcessPoolExecutor:
    """Worker processes for ``count`` reports, ``jobs`` at most (default one per core), spawned, not forked."""
    import multiprocessing

    return ProcessPoolExecutor(max_workers=max(1, min(jobs or os.cpu_count() or 1, count)),
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_start, initargs=(os.getpid(),))


def kept_reports(out, results=()) -> list[KeptReport]:
    """Case reports in ``out`` that ``results`` did not write, as their markers describe them.

    A case of this run that failed keeps its previous report: it is listed
    here too (``failed_now``). Folders that are not partnet reports, the
    cross-case report, ``_failed`` and hidden folders are not.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> (out / "shire").mkdir(); _mark(out / "shire", "shire", False, source="/nowhere/shire")
    >>> (out / "old").mkdir(); _ = (out / "old" / "report.html").write_text("...")
    >>> [(k.case_id, k.anonymised, k.source, k.files) for k in kept_reports(out)]
    [('old', None, None, ['report.html']), ('shire', False, '/nowhere/shire', [])]
    """
    out = Path(out)
    written = {r.case_id for r in results if r.ok} | {_CROSS, FAILED_DIR}
    failed = {r.case_id for r in results if not r.ok}
    found = []
    for folder in sorted(out.iterdir()) if out.is_dir() else []:
        if not folder.is_dir() or folder.name in written or folder.name.startswith("."):
            continue
        mark = read_mark(folder)
        if mark is None and not (folder / "report.html").is_file():
            continue
        files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != MARKER)
        source = mark.get("source") if mark else None
        found.append(KeptReport(folder.name, mark["anonymised"] if mark else None,
                                title=str(mark.get("title") or "") if mark else "",
                                source=source if isinstance(source, str) else None, mark=mark, files=files,
                                failed_now=folder.name in failed))
    return found


def _shown_option(name: str, value) -> str:
    return f"{name} {'case default' if value is None else value}"


def _judge(kept: list[KeptReport], anonymise: bool, options: dict) -> None:
    """Decide which kept reports the cross-case report compares, and say why the others are left out.

    A kept report is compared when its case folder is still there, holds
    the same data (checksum) and it was written with this run's analysis
    options and privacy (named or anonymised as the case would be in this
    run): then its report and the comparison show the same numbers, and
    the comparison names nobody that a report of the folder hides.
    """
    from partnet.case import check_case

    for k in kept:
        k.compared, k.reason, k.note = False, "", ""
        source = Path(k.source) if k.source else None
        if source is not None and not source.exists():
            k.note = f"its case folder {k.source} no longer exists; the report is kept as it was written"
        if k.failed_now:
            k.reason = "its case failed in this run (above); this is its report from an earlier run"
            continue
        if k.mark is None or source is None:
            k.reason = ("written by an older partnet, which did not record its case folder and options: render it "
                        "again to compare it")
            continue
        if not source.exists():
            k.reason = "its case folder no longer exists"
            continue
        reasons = []
        recorded = k.mark.get("options") if isinstance(k.mark.get("options"), dict) else {}
        differ = [o for o in ANALYSIS_OPTIONS if recorded.get(o) != options[o]]
        case, _ = check_case(source)
        now = case.anonymised(anonymise) if case is not None else k.anonymised
        if k.anonymised is not now:
            if now:
                reasons.append("its report names people (where they consented) and this run is anonymised: left out "
                               "so that the comparison shows no names; render it again with --anonymise to compare it")
            else:
                reasons.append("its report is anonymised and this run names people: left out so that the comparison "
                               "does not name its people; render this run with --anonymise to compare it")
        if differ:
            reasons.append("written with other analysis options (" + ", ".join(
                f"{_shown_option(o, recorded.get(o))}; this run: {_shown_option(o, options[o])}" for o in differ)
                + "); render it again with this run's options to compare it")
        if case is None:
            reasons.append("its case no longer loads (partnet validate lists its problems)")
        elif case.id != k.case_id:
            reasons.append(f"its case folder now holds the case {case.id}")
        elif case.checksum != k.mark.get("checksum"):
            reasons.append("its data changed after the report was written (another checksum); render it again to "
                           "compare it")
        k.reason = "; ".join(reasons)
        k.compared = not reasons


#: Name prefix of a run's staging folder inside the output folder.
STAGING_PREFIX = ".partnet-staging-"


def _outcome(future, failed: CaseResult) -> CaseResult:
    """A worker's result, or ``failed`` marked as a crash when the worker itself died."""
    try:
        return future.result()
    except Exception as exc:  # a worker died (BrokenProcessPool, MemoryError, ...)
        failed.stage, failed.error = "crash", f"the worker process failed: {_message(exc)}"
        return failed


def _clean_stale(out: Path) -> None:
    """Remove what a killed run left in ``out`` (its staging folder, a half-written index); the lock is ours."""
    for path in out.iterdir():
        if path.name.startswith(STAGING_PREFIX) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.name in (".index.html.part", f".{SUMMARY}.part"):
            path.unlink(missing_ok=True)


def _worker_start(parent: int) -> None:
    """In each worker: die with the main process, even when it is killed with SIGKILL (Linux), and keep quiet.

    ``PR_SET_PDEATHSIG`` asks the kernel to send SIGKILL to this process
    when its parent dies; the notebook kernels a worker starts end with it
    (ipykernel watches its parent). If the parent died before this ran,
    the worker ends at once.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C is the main process's to handle
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):  # pragma: no cover - no prctl: workers end when their queue closes
            pass
    if os.getppid() != parent:
        os._exit(1)
    # What a worker and its notebook kernels print is not for the terminal: results and errors come back
    # as CaseResults, and a kernel cut off while starting (the run was interrupted and its staging folder
    # removed) would otherwise print a traceback after the run said "interrupted".
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)
    os.close(quiet)


def _stop(pool) -> None:
    """Shut the workers down without waiting for a running notebook (after an error or an interrupt)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=10)


class _terminate_as_interrupt:
    """Within the block, SIGTERM raises KeyboardInterrupt as Ctrl-C does, so the run cleans up the same way."""

    def __enter__(self):
        import signal
        import threading

        self.previous = None
        if threading.current_thread() is threading.main_thread():
            def interrupt(signum, frame):
                raise KeyboardInterrupt
            self.previous = signal.signal(signal.SIGTERM, interrupt)
        return self

    def __exit__(self, *exc):
        import signal

        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)
        return False


def _rendered_line(result: RunResult) -> str:
    """What a run rendered and what it left as it was, in one line (``partnet report`` prints it).

    Examples
    --------
    >>> def case(name, ok=True, fresh=False):
    ...     return CaseResult(name, name, ok=ok, up_to_date=fresh)
    >>> def line(cases, cross=None):
    ...     return _rendered_line(RunResult(Path("."), cases, cross, Path("index.html"), None, 0.0))
    >>> line([case("a", fresh=True), case("b", fresh=True), case("c", fresh=True), case("d")])
    '3 cases up to date, 1 rendered (--force renders every case again)'
    >>> line([case("a", fresh=True), case("b", ok=False)])
    '1 case up to date, 0 rendered, 1 failed (--force renders every case again)'
    >>> line([case("a"), case("b")])
    '0 cases up to date, 2 rendered'
    >>> line([case("a", fresh=True)], CaseResult("cross_case", "cross_case", ok=True, up_to_date=True))
    '1 case up to date, 0 rendered; cross-case report up to date (--force renders every case again)'
    """
    fresh = sum(r.up_to_date for r in result.cases)
    rendered = sum(r.ok and not r.up_to_date for r in result.cases)
    failed = sum(not r.ok for r in result.cases)
    line = f"{fresh} case{'' if fresh == 1 else 's'} up to date, {rendered} rendered"
    if failed:
        line += f", {failed} failed"
    if result.cross_case is not None and result.cross_case.up_to_date:
        line += "; cross-case report up to date"
    if fresh or (result.cross_case is not None and result.cross_case.up_to_date):
        line += " (--force renders every case again)"
    return line


def run_cli(args) -> int:
    """``partnet report`` from parsed arguments; prints a summary and returns the exit status.

    Parameters
    ----------
    args : argparse.Namespace
        ``case_dirs``, ``out``, ``anonymise``, ``key_out``, ``jobs`` and,
        when present, ``relation``, ``min_frequency``, ``nonrespondents``,
        ``seed``, ``timeout``, ``overwrite``, ``timings``, ``force``.

    Returns
    -------
    int
        :attr:`RunResult.exit_status`: 0 when every report was written, 3
        when some failed and others were written, 1 when none was (a run
        that cannot start raises, and the command exits 1 too:
        :data:`EXIT_STATUS`).
    """
    result = run(args.case_dirs or None, args.out, anonymise=bool(args.anonymise), key_out=args.key_out,
                 jobs=args.jobs, relation=getattr(args, "relation", None),
                 min_frequency=getattr(args, "min_frequency", None),
                 nonrespondents=getattr(args, "nonrespondents", None),
                 seed=getattr(args, "seed", None) or 0, timeout=getattr(args, "timeout", None) or 600,
                 overwrite=bool(getattr(args, "overwrite", False)), timings=bool(getattr(args, "timings", False)),
                 force=bool(getattr(args, "force", False)))
    n_ok = sum(r.ok for r in result.cases)
    print(f"Wrote {result.index} ({n_ok} of {len(result.cases)} cases, {result.seconds:.0f} s)")
    print(_rendered_line(result), file=sys.stderr)
    print(f"Summary for scripts: {result.summary}")
    for s in result.skipped:
        print(f"skipped {s.source}: {s.reason}", file=sys.stderr)
    for k in result.kept:
        if k.note:
            print(f"note: {k.case_id} (kept from an earlier run): {k.note}", file=sys.stderr)
        if not k.compared and not k.failed_now and result.cross_case is not None and result.cross_case.ok:
            print(f"note: {k.case_id} (kept from an earlier run) is left out of the cross-case report: {k.reason}",
                  file=sys.stderr)
    for r in [*result.cases, *([result.cross_case] if result.cross_case else [])]:
        for warning in r.warnings:
            print(f"warning: {r.case_id}: {warning}", file=sys.stderr)
    for r in result.failed:
        kept = f" (executed notebook: {result.out / r.debug})" if r.debug else ""
        if r.previous:
            kept += f"; its previous report in {result.out / r.case_id} is kept"
        print(f"FAILED {r.case_id} [{r.stage}]{kept}:\n  " + r.error.replace("\n", "\n  "), file=sys.stderr)
    if result.key is not None:
        print(f"Pseudonym key written to {result.key}; keep it apart from the reports.")
    status = result.exit_status
    if status:
        print(f"exit status {status}: {EXIT_STATUS[status]}", file=sys.stderr)
    return status

"""``partnet report``: one report per case in separate processes, then the cross-case report and an index.

Each case runs in its own process: papermill executes
``notebooks/case_study.ipynb`` with the case's parameters, nbconvert
renders it, and the workshop page, graph files and ego sheets are written
beside it, all into a staging folder inside the output folder. Only a case
that completed every step (and, when anonymising, passed the check for
roster names) is moved into ``<out>/<case_id>/``; a case that failed leaves
no report, its executed notebook is kept in ``<out>/_failed/<case_id>/``
and the index says what went wrong.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from partnet.errors import ParameterError, PartnetError, ReportError
from partnet.options import check_bool, check_min_frequency, check_nonrespondents, check_seed

__all__ = ["CaseResult", "RunResult", "run", "run_cli", "FAILED_DIR", "GRAPH_FORMATS"]

#: Sub-folder of the output folder where failed cases' notebooks are kept.
FAILED_DIR = "_failed"

#: Graph files written for every case.
GRAPH_FORMATS = ("gexf", "graphml", "dl")

_CROSS = "cross_case"


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


@dataclass
class RunResult:
    """The outcome of :func:`run`."""

    out: Path
    cases: list[CaseResult]
    cross_case: CaseResult | None
    index: Path
    key: Path | None
    seconds: float

    @property
    def failed(self) -> list[CaseResult]:
        """Cases (and the cross-case report) that failed."""
        return [r for r in [*self.cases, self.cross_case] if r is not None and not r.ok]

    @property
    def ok(self) -> bool:
        """True when every case and the cross-case report succeeded."""
        return not self.failed and self.cross_case is not None


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


def _case_files(case, folder: Path, options: dict, anonymise: bool) -> None:
    """The workshop page, graph files and ego sheets of a case (other rosters of the run already hidden)."""
    from partnet.export import write_graph
    from partnet.metrics import node_table
    from partnet.viz import write_ego_sheets, write_network_page

    graph_options = {k: options[k] for k in ("relation", "min_frequency", "nonrespondents")}
    write_network_page(case, folder / "network.html", anonymise=anonymise, seed=options["seed"], **graph_options)
    G = case.graph(**graph_options)
    for fmt in GRAPH_FORMATS:
        write_graph(G, folder / f"{case.id}.{fmt}", fmt, anonymise=anonymise, date=case.meta.get("survey_date"))
    write_ego_sheets(case, G, node_table(G), folder / "ego", anonymise=anonymise)


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
    from partnet.report.outputs import hide_other_rosters
    from partnet.report.render import NotebookFailed, execute_notebook, render_html

    source, staging = Path(job["case_dir"]), Path(job["staging"])
    case, problems = check_case(source)
    if case is None:
        return _fail(result, "data", _problem_text(problems), start)
    others = [p for p in job["case_dirs"] if Path(p) != source]
    hide_other_rosters(case, others)
    anonymise = case.anonymised(job["anonymise"])
    state["redact"] = redact = lambda text: case.pseudonyms.redact(text, anonymise)  # noqa: E731
    result.case_id, result.title, result.anonymised = case.id, redact(case.title), anonymise
    folder = staging / case.id
    executed = staging / f"{case.id}.executed.ipynb"
    folder.mkdir(parents=True)
    parameters = {"case_dir": str(source), "output_dir": str(folder), "anonymise": anonymise,
                  "other_cases": others, **{k: job[k] for k in ("relation", "min_frequency", "nonrespondents", "seed")}}
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
    _case_files(case, folder, job, anonymise)
    missing = _expected(folder, case.id)
    if missing:
        return _fail(result, "files", "outputs missing after the run: " + ", ".join(missing), start)
    _mark(folder, case.id, anonymise)
    if anonymise:
        state["stage"] = "privacy"
        found = _gate(job, folder)
        result.warnings = _ambiguous_text(found.ambiguous)
        if not found.ok:
            return _fail(result, "privacy", _withheld(found), start)
    result.files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                          and p.name != MARKER)
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


#: The file in each case's output folder that records how it was written (read by the index).
MARKER = ".partnet-output.json"


def _mark(folder: Path, case_id: str, anonymise: bool) -> None:
    """Record in the case's output folder whether it is anonymised (the index states it from this)."""
    import json

    (folder / MARKER).write_text(json.dumps({"case_id": case_id, "anonymised": bool(anonymise)}) + "\n",
                                 encoding="utf-8")


def read_mark(folder) -> dict | None:
    """What :func:`_mark` recorded in a case's output folder, or None (not a partnet case folder, or older).

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> read_mark(d) is None
    True
    >>> _mark(d, "shire", True)
    >>> read_mark(d)
    {'case_id': 'shire', 'anonymised': True}
    """
    import json

    try:
        data = json.loads((Path(folder) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("anonymised"), bool) else None


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
    from partnet.case import load_case
    from partnet.report.outputs import hide_other_rosters
    from partnet.report.render import NotebookFailed, execute_notebook, render_html

    staging = Path(job["staging"])
    cases = [load_case(p) for p in job["done"]]
    for c in cases:
        hide_other_rosters(c, job["case_dirs"])
    anonymise = any(c.anonymised(job["anonymise"]) for c in cases)
    result.anonymised = anonymise

    def redact(text):
        for c in cases:
            text = c.pseudonyms.redact(text, anonymise)
        return text

    state["redact"] = redact
    folder = staging / _CROSS
    folder.mkdir(parents=True)
    executed = staging / "cross_case.executed.ipynb"
    parameters = {"case_dirs": list(job["done"]), "output_dir": str(folder), "anonymise": anonymise,
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
    _mark(folder, _CROSS, anonymise)
    if anonymise:
        state["stage"] = "privacy"
        found = _gate(job, folder, staging / "cross_case.html")
        result.warnings = _ambiguous_text(found.ambiguous)
        if not found.ok:
            return _fail(result, "privacy", _withheld(found), start)
    result.files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                          and p.name != MARKER)
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


def _sources(cases) -> list[Path]:
    from partnet.report.paths import bundled_cases, cases_dir, resolve_case

    if cases is None or isinstance(cases, (str, Path)) and not str(cases):
        cases = []
    if isinstance(cases, (str, Path)):
        cases = [cases]
    paths = [resolve_case(c) for c in cases] if cases else bundled_cases()
    if not paths:
        raise ReportError(f"no cases to report on: give case folders, or put cases in {cases_dir()}")
    ids = [p.stem if p.is_file() else p.name for p in paths]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ParameterError(f"two case folders have the same name ({', '.join(twice)}); a case id names its "
                             "report folder, so each must be unique")
    if _CROSS in ids or FAILED_DIR in ids or "index" in ids:
        raise ParameterError(f"a case may not be called {_CROSS!r}, {FAILED_DIR!r} or 'index': the report folder "
                             "uses those names")
    return paths


def _privacy_inputs(sources: list[Path]) -> dict:
    """Every roster of the run (for the privacy gate) and the cases' pseudonym keys (which no output may hold).

    Each key is created here if the case has none yet, so that the first
    run is checked for it too; a damaged key is left for the case's own
    run to report.
    """
    from partnet.case import roster
    from partnet.pseudonyms import read_key

    rosters, secrets = {}, []
    for p in sources:
        rosters[p.stem if p.is_file() else p.name] = [name for name, _ in roster(p)]
        try:
            secrets.append(read_key(p).hex())
        except (PartnetError, OSError):
            pass
    return {"rosters": rosters, "secrets": secrets}


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
        timings: bool = False) -> RunResult:
    """Render every case's report, the cross-case report and an index (``partnet report``).

    Parameters
    ----------
    cases : list of str or pathlib.Path, optional
        Case folders (or workbooks, or bundled case ids); default every case
        in ``data/cases``.
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
        Show elapsed seconds in ``index.html`` (off by default, so that two
        runs of the same cases write the same page).

    Returns
    -------
    RunResult
        Per-case results, the cross-case result, the index page and the key
        file. ``result.ok`` is False when anything failed.

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
    ``<out>/cross_case/``) and ``<out>/index.html``. Each case is written
    in a staging folder and replaces its previous report only when complete
    and checked; a failed case leaves its previous report as it was (the
    index says so) and its executed notebook in ``<out>/_failed/<case_id>/``.
    Folders of cases not in this run are left alone.

    Worker processes end with the main process, whatever ends it (a
    ``SIGKILL`` included; Linux); ``SIGTERM`` is handled like Ctrl-C. A
    staging folder left by a killed run is removed by the next run.
    """
    from tqdm import tqdm

    from partnet.report.index import write_index
    from partnet.report.paths import notebook

    started = time.perf_counter()
    seed, min_frequency = _check_options(jobs, timeout, seed, min_frequency, nonrespondents)
    for flag, value in (("anonymise", anonymise), ("overwrite", overwrite), ("timings", timings)):
        check_bool(value, flag)
    sources = _sources(cases)
    out = Path(out).expanduser().resolve()
    _check_out(out, sources)
    key = _check_key_out(key_out, out, sources, overwrite)
    case_nb, cross_nb = notebook("case_study", notebooks), notebook("cross_case", notebooks)
    out.mkdir(parents=True, exist_ok=True)
    lock = _lock(out)
    results: list[CaseResult] = []
    cross: CaseResult | None = None
    pool = staging = None
    try:
        with _terminate_as_interrupt():
            _clean_stale(out)
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
            options = {"relation": relation, "min_frequency": min_frequency, "nonrespondents": nonrespondents,
                       "seed": seed, "timeout": timeout, "anonymise": anonymise, "staging": str(staging),
                       "case_dirs": [str(p) for p in sources], **_privacy_inputs(sources)}
            by_source: dict[str, CaseResult] = {}
            import multiprocessing

            pool = ProcessPoolExecutor(max_workers=min(jobs or os.cpu_count() or 1, len(sources)),
                                       mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_worker_start, initargs=(os.getpid(),))
            futures = {pool.submit(_run_case, {**options, "case_dir": str(p), "source": str(p),
                                               "notebook": str(case_nb)}): p for p in sources}
            with tqdm(total=len(sources) + 1, desc="partnet report", unit="report", file=sys.stderr,
                      disable=not progress) as bar:
                for future in as_completed(futures):
                    p = futures[future]
                    result = _outcome(future, CaseResult(source=str(p), case_id=p.stem if p.is_file() else p.name))
                    _settle(result, staging, out)
                    by_source[str(p)] = result
                    bar.set_postfix_str(f"{result.case_id} {'ok' if result.ok else 'FAILED'}")
                    bar.update()
                done = [Path(by_source[str(p)].source) for p in sources if by_source[str(p)].ok]
                bar.set_postfix_str("cross-case")
                if done:
                    future = pool.submit(_run_cross, {**options, "done": [str(p) for p in done],
                                                      "notebook": str(cross_nb)})
                    cross = _outcome(future, CaseResult(source=_CROSS, case_id=_CROSS, title="Cross-case comparison"))
                    _settle(cross, staging, out)
                bar.update()
            results = [by_source[str(p)] for p in sources]
            key_path = _write_key(sources, key) if key is not None else None
            seconds = time.perf_counter() - started
            index = write_index(out, results, cross, parameters={k: options[k] for k in (
                "anonymise", "relation", "min_frequency", "nonrespondents", "seed")}, seconds=seconds,
                gate=lambda path: _gate(options, path), timings=timings)
    finally:
        if pool is not None:
            _stop(pool)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        lock.close()
    return RunResult(out=out, cases=results, cross_case=cross, index=index, key=key_path, seconds=seconds)


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
        elif path.name == ".index.html.part":
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


def run_cli(args) -> int:
    """``partnet report`` from parsed arguments; prints a summary and returns the exit status.

    Parameters
    ----------
    args : argparse.Namespace
        ``case_dirs``, ``out``, ``anonymise``, ``key_out``, ``jobs`` and,
        when present, ``relation``, ``min_frequency``, ``nonrespondents``,
        ``seed``, ``timeout``.

    Returns
    -------
    int
        0 when every report was written, 1 when any case failed.
    """
    result = run(args.case_dirs or None, args.out, anonymise=bool(args.anonymise), key_out=args.key_out,
                 jobs=args.jobs, relation=getattr(args, "relation", None),
                 min_frequency=getattr(args, "min_frequency", None),
                 nonrespondents=getattr(args, "nonrespondents", None),
                 seed=getattr(args, "seed", None) or 0, timeout=getattr(args, "timeout", None) or 600,
                 overwrite=bool(getattr(args, "overwrite", False)), timings=bool(getattr(args, "timings", False)))
    n_ok = sum(r.ok for r in result.cases)
    print(f"Wrote {result.index} ({n_ok} of {len(result.cases)} cases, {result.seconds:.0f} s)")
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
    return 0 if result.ok else 1

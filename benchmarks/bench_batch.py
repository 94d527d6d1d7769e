"""Figures 1 and 6: a batch of synthetic partnerships through ``partnet report``, and runs that find it up to date.

The floor is what any papermill + nbconvert report costs before partnet
does any work: the same number of notebooks, each starting a kernel that
imports partnet and its stack (networkx, pandas, matplotlib, seaborn,
pyvis), executed with partnet's own :func:`partnet.report.execute_notebook`
and rendered with its :func:`partnet.report.render_html` (same kernel
arguments, same nbconvert template), in the same number of spawned worker
processes, followed like ``partnet report`` by one more notebook after the
cases (the place of the cross-case report). Both sides run as a fresh
command, so interpreter start-up counts on both.

Figure 6 times incremental runs (:func:`measure_incremental`): the same
command again over the rendered folder with nothing changed (6a), with
one case's data changed (6b, against that case rendered alone), and the
bundled demo cases run again with nothing changed (6c).

Run on its own::

    .venv/bin/python benchmarks/bench_batch.py make  OUT_DIR --cases 82 --seed 2026
    .venv/bin/python benchmarks/bench_batch.py floor CASE_DIR... --out OUT --jobs 2
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import harness

__all__ = ["case_sizes", "make_cases", "floor_notebook", "run_floor", "measure", "measure_incremental",
           "change_one_code", "FLOOR_IMPORTS"]

#: What the floor notebook does: import partnet and its stack, nothing else.
FLOOR_IMPORTS = """\
import partnet as pn
from partnet import metrics, mixed, themes, viz
import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
import pyvis
import seaborn as sns"""

#: The parameters cell, with the names ``partnet report`` injects.
FLOOR_PARAMETERS = """\
case_dir = "shire"
relation = None
min_frequency = None
nonrespondents = None
anonymise = False
seed = 0
output_dir = "."
case_dirs = []"""


def case_sizes(n: int, seed: int) -> list[tuple[int, int]]:
    """(organisations, people) of ``n`` partnerships: 40-150 people, 4-12 organisations, seeded.

    >>> case_sizes(3, 2026) == case_sizes(3, 2026)
    True
    >>> all(40 <= p <= 150 and 4 <= o <= 12 for o, p in case_sizes(82, 2026))
    True
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    people = rng.integers(40, 151, size=n)
    orgs = rng.integers(4, 13, size=n)
    return [(int(o), int(p)) for o, p in zip(orgs, people)]


def make_cases(folder, n: int, seed: int) -> list[Path]:
    """Write ``n`` synthetic cases ``egov-01`` .. into ``folder`` (reused when already there)."""
    from partnet.synth import synth_case

    folder = Path(folder)
    paths = []
    for i, (orgs, people) in enumerate(case_sizes(n, seed), start=1):
        path = folder / f"egov-{i:02d}"
        if not (path / "case.yaml").is_file():
            synth_case(path, orgs=orgs, people=people, seed=seed + i, overwrite=True)
        paths.append(path)
    return paths


def floor_notebook(path) -> Path:
    """Write the floor notebook: a title, the parameters cell and the imports."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Floor\n\nStarts a kernel and imports partnet's stack."),
                nbformat.v4.new_code_cell(FLOOR_PARAMETERS, metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(FLOOR_IMPORTS)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def _floor_case(job: dict) -> float:
    """One floor notebook: execute, render, write ``report.html`` (child process)."""
    from partnet.report import execute_notebook, render_html

    start = time.perf_counter()
    folder = Path(job["out"]) / job["name"]
    folder.mkdir(parents=True, exist_ok=True)
    executed = Path(job["out"]) / f"{job['name']}.executed.ipynb"
    parameters = {"case_dir": job["case_dir"], "output_dir": str(folder), "anonymise": False, "relation": None,
                  "min_frequency": None, "nonrespondents": None, "seed": 0}
    try:
        nb = execute_notebook(job["notebook"], executed, parameters, cwd=folder, timeout=600, fork=False)
        (folder / "report.html").write_text(render_html(nb, title=f"{job['name']} - floor"), encoding="utf-8")
    except Exception as exc:  # partnet's NotebookFailed does not cross a process boundary
        raise RuntimeError(f"floor notebook {job['name']}: {type(exc).__name__}: {exc}") from None
    executed.unlink(missing_ok=True)
    return time.perf_counter() - start


def run_floor(cases, out, jobs: int) -> float:
    """The floor batch: one floor notebook per case in ``jobs`` spawned processes, then one more."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    nb = floor_notebook(out / "floor.ipynb")
    start = time.perf_counter()
    workers = min(jobs, len(cases))
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(_floor_case, {"out": str(out), "name": Path(c).name, "case_dir": str(c),
                                             "notebook": str(nb)}) for c in cases]
        for f in futures:
            f.result()
        pool.submit(_floor_case, {"out": str(out), "name": "cross_case", "case_dir": "", "notebook": str(nb)}).result()
    return time.perf_counter() - start


def _partnet_cmd(cases, out, jobs):
    return [harness.PYTHON, "-m", "partnet", "report", *map(str, cases), "--out", str(out), "--jobs", str(jobs)]


def _floor_cmd(cases, out, jobs):
    return [harness.PYTHON, str(Path(__file__).resolve()), "floor", *map(str, cases), "--out", str(out),
            "--jobs", str(jobs)]


def _one(kind: str, cases, jobs: int, work: Path, log: Path, keep: bool = False) -> tuple[float, int]:
    """One timed batch into ``work/out-<kind>``, removed afterwards unless ``keep``."""
    out = work / f"out-{kind}"
    shutil.rmtree(out, ignore_errors=True)
    cmd = (_partnet_cmd if kind == "partnet" else _floor_cmd)(cases, out, jobs)
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(f"\n$ {' '.join(cmd[:4])} ... ({len(cases)} cases) --out {out} --jobs {jobs}\n")
    seconds, peak, status = harness.run_command(cmd, cwd=harness.ROOT, log=log)
    if status != 0:
        raise RuntimeError(f"the {kind} batch exited with status {status}; see {log}")
    if kind == "partnet":
        missing = [Path(c).name for c in cases if not (out / Path(c).name / "report.html").is_file()]
        if missing or not (out / "cross_case.html").is_file():
            raise RuntimeError(f"partnet report left out {missing or 'cross_case.html'}; see {log}")
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    return seconds, peak


def measure(*, cases: int, jobs: int, repeats: int | None, budget: float, work, log, seed: int = 2026,
            say=print) -> dict:
    """Run the batch figure, then the incremental ones; returns the figures (1, 5a, 6a-6c) and notes.

    ``repeats=None`` chooses the count: one repeat (floor and partnet) is
    timed, then more are run, up to 3 in all, while the estimated time stays
    inside ``budget`` seconds. The last partnet repeat's output folder is
    kept for :func:`measure_incremental` (figure 6), which runs after the
    repeats, outside that estimate.
    """
    work = Path(work)
    paths = make_cases(work / "cases", cases, seed)
    people = sum(p for _, p in case_sizes(cases, seed))
    fig = harness.Figure("1", "Batch", f"`partnet report --jobs {jobs}`, {cases} synth cases + cross-case",
                         baseline="floor notebook, same path", goal=1.3, goal_on="ratio")
    mem = harness.Figure("5a", "Memory: batch", "peak RSS, all processes of `partnet report`",
                         baseline="floor batch", unit="bytes")
    done, planned, started = 0, repeats or 1, time.perf_counter()
    while done < planned:
        order = ("floor", "partnet") if done % 2 == 0 else ("partnet", "floor")
        for kind in order:
            seconds, peak = _one(kind, paths, jobs, work, log, keep=kind == "partnet")   # the last one is kept
            say(f"  batch repeat {done + 1}: {kind} {harness.fmt_seconds(seconds)}, peak {harness.fmt_bytes(peak)}")
            (fig.runs if kind == "partnet" else fig.baseline_runs).append(seconds)
            (mem.runs if kind == "partnet" else mem.baseline_runs).append(peak)
        done += 1
        if repeats is None and done == 1:
            per = time.perf_counter() - started
            planned = max(1, min(3, int(budget // per)))
            fig.notes.append(f"One repeat (floor + partnet) took {harness.fmt_seconds(per)}; with a budget of "
                             f"{harness.fmt_seconds(budget)} for this figure, {planned} repeat(s) were run.")
    fig.notes.append(f"{cases} cases, {people} people in all (40-150 each, seed {seed}); workers = {jobs}. "
                     "Runs alternate floor-first and partnet-first.")
    largest = paths[max(range(cases), key=lambda i: case_sizes(cases, seed)[i][1])]
    incremental = measure_incremental(paths, work / "out-partnet", jobs=jobs, work=work, log=log, say=say)
    return {"figures": [fig, mem, *incremental], "largest_case": largest}


def change_one_code(case_dir) -> bytes:
    """Give the first coded segment of a case another code of its codebook; returns ``segments.csv``'s old bytes.

    Only that one field changes (the file is edited in place, byte for
    byte elsewhere); the case must still validate.
    """
    import csv

    from partnet.case import check_case

    case_dir = Path(case_dir)
    path = case_dir / "segments.csv"
    original = path.read_bytes()
    with open(path, newline="", encoding="utf-8") as fh:
        first = next(csv.DictReader(fh))
    with open(case_dir / "codebook.csv", newline="", encoding="utf-8") as fh:
        other = next(row["code"] for row in csv.DictReader(fh) if row["code"] != first["code"])
    old = f"{first['segment_id']},{first['person_id']},{first['code']},".encode()
    new = f"{first['segment_id']},{first['person_id']},{other},".encode()
    if original.count(old) != 1:
        raise RuntimeError(f"cannot find the first segment of {path} to change its code")
    path.write_bytes(original.replace(old, new))
    case, problems = check_case(case_dir)
    if case is None:
        path.write_bytes(original)
        raise RuntimeError(f"{path} with the code {other} does not validate: {[p.code for p in problems]}")
    return original


def _timed_report(args, log: Path, what: str, up_to_date: int | None = None) -> float:
    """Seconds of one ``python -m partnet report ARGS`` (a fresh command); with ``up_to_date``, checks
    from its summary.json that exactly that many cases, and the cross-case report, were up to date."""
    import json

    cmd = [harness.PYTHON, "-m", "partnet", "report", *map(str, args)]
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(f"\n$ partnet report ... ({what})\n")
    seconds, _, status = harness.run_command(cmd, cwd=harness.ROOT, log=log)
    if status != 0:
        raise RuntimeError(f"partnet report ({what}) exited with status {status}; see {log}")
    if up_to_date is not None:
        out = Path(args[args.index("--out") + 1])
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        fresh = sum(c.get("up_to_date", False) for c in summary["cases"])
        cross = summary["cross_case"].get("up_to_date", False)
        if fresh != up_to_date or cross != (fresh == len(summary["cases"])):
            raise RuntimeError(f"partnet report ({what}): {fresh} cases up to date (expected {up_to_date}), "
                               f"cross-case report up to date: {cross}; see {log}")
    return seconds


def measure_incremental(paths, kept, *, jobs: int, work, log, runs: int = 3, say=print) -> list:
    """Figure 6: ``partnet report`` again over ``kept``, a folder it rendered from ``paths``.

    6a: nothing changed (``runs`` runs, median). 6b: one case changed
    (:func:`change_one_code` on the first case, then its data back, then
    changed again: each run finds that one case changed), against that
    case rendered alone into a fresh folder with ``--jobs 1``, measured
    after each run. The first case's data is restored at the end. 6c: the
    bundled demo cases rendered once, then again with nothing changed
    (``runs`` runs); goal under 3 s.
    """
    work, kept = Path(work), Path(kept)
    n = len(paths)
    args = [*paths, "--out", kept, "--jobs", jobs]
    same = harness.Figure("6a", "Incremental", f"`partnet report`, {n} synth cases, nothing changed")
    for i in range(runs):
        same.runs.append(_timed_report(args, log, "nothing changed", up_to_date=n))
        say(f"  incremental {i + 1}: nothing changed {harness.fmt_seconds(same.runs[-1])}")
    same.notes.append(f"The {n} cases of figure 1 rendered into a kept folder (the last repeat's), then the same "
                      f"command again (--jobs {jobs}); each run's summary.json says every case and the cross-case "
                      "report were up to date.")
    one = harness.Figure("6b", "Incremental", f"one of {n} cases changed",
                         baseline="that case rendered alone (--jobs 1)")
    case = Path(paths[0])
    original = (case / "segments.csv").read_bytes()
    try:
        for i in range(runs):
            if i % 2 == 0:
                change_one_code(case)
            else:
                (case / "segments.csv").write_bytes(original)
            one.runs.append(_timed_report(args, log, f"{case.name} changed", up_to_date=n - 1))
            alone = work / "out-alone"
            shutil.rmtree(alone, ignore_errors=True)
            one.baseline_runs.append(_timed_report([case, "--out", alone, "--jobs", 1], log, f"{case.name} alone"))
            shutil.rmtree(alone, ignore_errors=True)
            say(f"  incremental {i + 1}: {case.name} changed {harness.fmt_seconds(one.runs[-1])}, "
                f"alone {harness.fmt_seconds(one.baseline_runs[-1])}")
    finally:
        (case / "segments.csv").write_bytes(original)
    one.notes.append(f"One code of {case.name}/segments.csv changed to another code of its codebook, then back, "
                     f"then changed again: each run renders that case and the cross-case report over all {n} and "
                     f"finds the other {n - 1} up to date. Baseline: `partnet report {case.name} --out FRESH "
                     "--jobs 1` (the case, a cross-case report of it alone and the index), timed after each run.")
    from partnet.report.paths import bundled_cases

    demos = harness.Figure("6c", "Incremental", "`partnet report`, bundled demo cases, nothing changed", goal=3.0)
    bundled = work / "out-bundled"
    shutil.rmtree(bundled, ignore_errors=True)
    _timed_report(["--out", bundled], log, "bundled cases, first run")
    for i in range(runs):
        demos.runs.append(_timed_report(["--out", bundled], log, "bundled cases again",
                                        up_to_date=len(bundled_cases())))
        say(f"  incremental {i + 1}: bundled cases {harness.fmt_seconds(demos.runs[-1])}")
    shutil.rmtree(bundled, ignore_errors=True)
    demos.notes.append("`partnet report --out OUT` (no case: the four bundled demo cases) rendered once, untimed, "
                       "then timed again with nothing changed: start-up, loading and checking each case, hashing "
                       "its files, the index and summary.json.")
    return [same, one, demos]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("make", help="write the synthetic cases")
    p.add_argument("out_dir", type=Path)
    p.add_argument("--cases", type=int, default=82)
    p.add_argument("--seed", type=int, default=2026)
    p = sub.add_parser("floor", help="run the floor batch")
    p.add_argument("case_dirs", nargs="+")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    if args.cmd == "make":
        for path in make_cases(args.out_dir, args.cases, args.seed):
            print(path)
        return 0
    seconds = run_floor(args.case_dirs, args.out, args.jobs)
    print(f"floor: {len(args.case_dirs)} notebooks + 1 in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

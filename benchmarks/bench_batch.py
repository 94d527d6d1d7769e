"""Figure 1: a batch of synthetic partnerships through ``partnet report``, against the notebook floor.

The floor is what any papermill + nbconvert report costs before partnet
does any work: the same number of notebooks, each starting a kernel that
imports partnet and its stack (networkx, pandas, matplotlib, seaborn,
pyvis), executed with partnet's own :func:`partnet.report.execute_notebook`
and rendered with its :func:`partnet.report.render_html` (same kernel
arguments, same nbconvert template), in the same number of spawned worker
processes, followed like ``partnet report`` by one more notebook after the
cases (the place of the cross-case report). Both sides run as a fresh
command, so interpreter start-up counts on both.

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

__all__ = ["case_sizes", "make_cases", "floor_notebook", "run_floor", "measure", "FLOOR_IMPORTS"]

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
        nb = execute_notebook(job["notebook"], executed, parameters, cwd=folder, timeout=600)
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


def _one(kind: str, cases, jobs: int, work: Path, log: Path) -> tuple[float, int]:
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
    shutil.rmtree(out, ignore_errors=True)
    return seconds, peak


def measure(*, cases: int, jobs: int, repeats: int | None, budget: float, work, log, seed: int = 2026,
            say=print) -> dict:
    """Run the batch figure; returns the two figures (time, memory) and notes.

    ``repeats=None`` chooses the count: one repeat (floor and partnet) is
    timed, then more are run, up to 3 in all, while the estimated time stays
    inside ``budget`` seconds.
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
            seconds, peak = _one(kind, paths, jobs, work, log)
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
    return {"figures": [fig, mem], "largest_case": largest}


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

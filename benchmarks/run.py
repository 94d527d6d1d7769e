"""partnet's benchmarks (``make bench``): time and memory against in-run baselines; writes RESULTS.md.

Figures (see each ``bench_*.py`` for what exactly is timed):

1. batch: synthetic partnerships through ``partnet report --jobs <cores>``
   against a floor notebook (kernel + imports only) on the same
   papermill + nbconvert path, same count, same parallelism; goal ratio <= 1.3.
2. scale: ``node_table`` + ``whole_network`` on 5,000 people against
   igraph's betweenness + out/in closeness; goal ratio <= 1.5.
3. interactive: load a bundled case + graph + node table in a warm
   process; goal median < 0.5 s.
4. workshop page: a 2,000-person ``network.html`` in headless Chromium
   until drawn and answering; goal < 5 s; bundled ``report.html`` < 3 MB.
5. memory: peak RSS of the batch and of the 5,000-person analysis.
6. incremental: ``partnet report`` again over the batch's output folder
   with nothing changed (6a) and with one case changed (6b, against that
   case rendered alone), and over the bundled demo cases with nothing
   changed (6c, goal < 3 s); measured with the batch.

Every figure is the median of several runs, its baseline measured in the
same run. The quick figures run first; the batch then gets what is left of
``--budget`` (default 45 minutes in all) and runs up to 3 repeats within it.
``--quick`` is a smoke run: 8 cases, 1 repeat, fewer runs elsewhere.

Usage::

    .venv/bin/python benchmarks/run.py            # the full run, writes benchmarks/RESULTS.md
    .venv/bin/python benchmarks/run.py --quick    # a few minutes
    .venv/bin/python benchmarks/run.py --only scale page
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

FIGURES = ("interactive", "scale", "page", "batch")


def _say(text: str) -> None:
    print(text, flush=True)


def run_figure(name: str, args, work: Path, log: Path, budget_left: float) -> dict:
    if name == "interactive":
        import bench_interactive

        return bench_interactive.measure(repeats=5 if args.quick else 20, say=_say)
    if name == "scale":
        import bench_scale

        return bench_scale.measure(repeats=2 if args.quick else 5, work=work, say=_say)
    if name == "page":
        import bench_page

        return bench_page.measure(repeats=2 if args.quick else 5, work=work, log=log, say=_say)
    import bench_batch

    cases = args.cases or (8 if args.quick else 82)
    repeats = args.repeats or (1 if args.quick else None)
    return bench_batch.measure(cases=cases, jobs=args.jobs, repeats=repeats, budget=budget_left, work=work,
                               log=log, say=_say)


def profiles(results: dict, figures: list, work: Path) -> list[str]:
    """Where the time goes, for each figure whose goal was missed (Markdown lines)."""
    import subprocess

    missed = {f.key for f in figures if f.met is False}
    lines = []
    case = results.get("batch", {}).get("largest_case")
    if "1" in missed and case:
        out = subprocess.run([harness.PYTHON, str(Path(__file__).resolve().parent / "profile_case.py"), str(case)],
                             cwd=harness.ROOT, capture_output=True, text=True)
        lines += [f"### 1 Batch: the stages of the largest case (`{Path(case).name}`), "
                  "`benchmarks/profile_case.py`", "", "```", (out.stdout or out.stderr[-2000:]).rstrip(), "```", ""]
    if "2" in missed:
        out = subprocess.run([harness.PYTHON, str(Path(__file__).resolve().parent / "bench_scale.py"), "profile"],
                             cwd=harness.ROOT, capture_output=True, text=True)
        text = "\n".join((out.stdout or out.stderr[-2000:]).rstrip().splitlines()[:60])
        lines += ["### 2 Scale: pyinstrument, one cold run", "", "```", text, "```", ""]
    return lines


def write_results(path: Path, info: dict, figures: list, missing: dict, args, seconds: float,
                  profile: list | None = None) -> None:
    mode = "quick smoke" if args.quick else "full"
    lines = [
        "# partnet benchmarks",
        "",
        f"Written by `.venv/bin/python benchmarks/run.py{' --quick' if args.quick else ''}` "
        f"({mode} run, {harness.fmt_seconds(seconds)} in all) on {info['date']}. "
        "Each figure is the median of its runs; a baseline is measured in the same run, alternating "
        "with the figure, and the ratio is median / baseline median. Times are wall-clock.",
        "",
        "## Machine",
        "",
        harness.machine_table(info),
        "",
        "## Results",
        "",
        harness.results_table(figures),
        "",
    ]
    goals = [f for f in figures if f.met is not None]
    met = [f for f in goals if f.met]
    lines.append(f"Goals met: {len(met)} of {len(goals)}"
                 + (f"; missed: {', '.join(f'{f.key} ({f.name})' for f in goals if not f.met)}."
                    if len(met) < len(goals) else "."))
    lines.append("")
    notes = [(f.key, n) for f in figures for n in f.notes]
    if notes:
        lines += ["## Notes", ""]
        lines += [f"- {key}: {n}" for key, n in notes]
        lines.append("")
    if profile:
        lines += ["## Where the time goes (goals missed)", "", *profile]
    if missing:
        lines += ["## Not measured", ""]
        lines += [f"- {name}: {why}" for name, why in missing.items()]
        lines.append("")
    lines += [
        "## What is timed",
        "",
        "- 1 Batch: `python -m partnet report CASE... --out OUT --jobs N` as a fresh command (every output: "
        "report.html, network.html, tables, figures, graph files, ego sheets, cross-case report, index), against "
        "`benchmarks/bench_batch.py floor`: one notebook per case that only imports partnet and its stack, run "
        "with partnet.report's execute_notebook and render_html in N spawned processes, then one more notebook "
        "in the cross-case report's place. Peak memory (5a) is the largest sum of RSS over the command's process "
        "tree (workers and kernels), sampled every 0.1 s.",
        "- 2 Scale: partnet.metrics.node_table + whole_network from the networkx graph, cache cleared, against "
        "igraph `betweenness(directed=True)`, `closeness(mode='out')`, `closeness(mode='in')` on the same graph. "
        "5b is `ru_maxrss` of a fresh process that loads the case and computes both tables once.",
        "- 3 Interactive: `load_case` + `case.graph()` + `node_table` in one process after a warm-up run, "
        "metrics cache cleared before each run.",
        "- 4 Workshop page: navigation start to a complete `afterDrawing` frame and an answer from "
        "`getPositions()`, in one headless Chromium after an untimed first opening. 4a.. are the bundled cases' "
        "report.html sizes from one `partnet report` run.",
        "- 6 Incremental (run with the batch, over its cases): 6a is the batch's command again, as a fresh "
        "command, over the output folder of its last repeat with nothing changed (every case and the cross-case "
        "report up to date: each is loaded and checked, its files hashed, nothing rendered; the index and "
        "summary.json are written). 6b changes one code of the first case's segments.csv to another code of its "
        "codebook (then back, then again), so each run renders that case and the cross-case report over all "
        "cases; its baseline is that case rendered alone into a fresh folder with `--jobs 1`. 6c is "
        "`partnet report --out OUT` over the bundled demo cases again with nothing changed. The first case's "
        "data is restored afterwards.",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--quick", action="store_true", help="smoke run: 8 cases, 1 repeat, fewer runs")
    parser.add_argument("--only", nargs="+", choices=FIGURES, help="run only these figures")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                        else os.cpu_count() or 1, help="batch workers (default: the core count)")
    parser.add_argument("--cases", type=int, help="batch cases (default 82, --quick 8)")
    parser.add_argument("--repeats", type=int, help="batch repeats (default: as many as fit, up to 3)")
    parser.add_argument("--budget", type=float, default=45, help="minutes for the whole run (default 45)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "RESULTS.md")
    parser.add_argument("--work", type=Path, help="work folder kept after the run (default: a temporary one)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    work = args.work or Path(tempfile.mkdtemp(prefix="partnet-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    log = work / "bench.log"
    _say(f"partnet benchmarks ({'quick' if args.quick else 'full'}); work folder {work}")
    info = harness.machine()
    figures, missing, results = [], {}, {}
    for name in args.only or FIGURES:
        left = args.budget * 60 - (time.perf_counter() - started) - 60
        _say(f"{name} ...")
        try:
            results[name] = run_figure(name, args, work, log, left)
            figures += results[name]["figures"]
        except Exception as exc:  # one figure failing leaves the others measured
            missing[name] = f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1] if str(exc).strip() else ''}"
            _say(f"  {name} FAILED:")
            traceback.print_exc()
    figures.sort(key=lambda f: f.key)
    profile = None
    if any(f.met is False for f in figures):
        _say("profiling the figures that missed their goal ...")
        try:
            profile = profiles(results, figures, work)
        except Exception:  # a profile is an extra; the results page is still written
            traceback.print_exc()
    seconds = time.perf_counter() - started
    write_results(args.out, info, figures, missing, args, seconds, profile)
    _say(harness.results_table(figures))
    _say(f"wrote {args.out} in {harness.fmt_seconds(seconds)}")
    if args.work is None and not missing:
        shutil.rmtree(work, ignore_errors=True)
    elif missing:
        _say(f"kept {work} (log: {log})")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

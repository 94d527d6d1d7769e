"""Figure 3: a researcher's re-run in a warm process: load a bundled case, build its graph, its node table.

One fresh process imports partnet, does one untimed run per case (imports
and first use), then times ``load_case`` + ``case.graph()`` +
``metrics.node_table`` on each bundled case, alternating cases. partnet's
metrics cache is cleared before every run, so the figure is what a changed
parameter costs; the same run with the cache kept (re-running an unchanged
cell) is reported beside it.

Run on its own (prints JSON)::

    .venv/bin/python benchmarks/bench_interactive.py --repeats 20
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import harness

__all__ = ["bundled", "run_once", "time_runs", "measure"]


def bundled() -> list[Path]:
    """The bundled demo cases (``data/examples/*``)."""
    return sorted(p for p in (harness.ROOT / "data" / "examples").iterdir() if (p / "case.yaml").is_file())


def run_once(case_dir, *, cold: bool = True):
    """load_case + graph + node_table, the metrics cache cleared first when ``cold``."""
    import partnet
    from partnet import metrics

    if cold:
        metrics.clear_cache()
    case = partnet.load_case(case_dir)
    G = case.graph()
    return metrics.node_table(G)


def time_runs(repeats: int) -> dict:
    cases = bundled()
    sizes = {}
    for c in cases:  # warm-up
        table = run_once(c)
        sizes[c.name] = len(table)
    runs = {c.name: [] for c in cases}
    cached = {c.name: [] for c in cases}
    for _ in range(repeats):
        for c in cases:
            runs[c.name].append(harness.timed(run_once, c)[0])
            cached[c.name].append(harness.timed(run_once, c, cold=False)[0])
    return {"cold": runs, "cached": cached, "people": sizes}


def measure(*, repeats: int, say=print) -> dict:
    out = subprocess.run([harness.PYTHON, str(Path(__file__).resolve()), "--repeats", str(repeats)],
                         cwd=harness.ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"bench_interactive failed:\n{out.stderr[-3000:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    figures = []
    for i, (name, runs) in enumerate(data["cold"].items()):
        fig = harness.Figure(f"3{'abcdefgh'[i]}", "Interactive", f"`{name}` ({data['people'][name]} people): "
                             "load_case + graph + node_table, warm process", runs=runs, goal=0.5)
        fig.notes.append(f"`{name}` with the metrics cache kept (unchanged re-run): "
                         f"{harness.fmt_seconds(harness.median(data['cached'][name]))} median.")
        say(f"  interactive {name}: {harness.fmt_seconds(fig.value)}")
        figures.append(fig)
    return {"figures": figures}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)
    print(json.dumps(time_runs(args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

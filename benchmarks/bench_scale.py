"""Figures 2 and 5b: ``node_table`` + ``whole_network`` on a 5,000-person synth network.

The baseline is the floor of that work in a C library: igraph's directed
betweenness, out-closeness and in-closeness alone, on the same graph,
already converted (the conversion is not timed). partnet's time includes
everything from the networkx graph on; its cache of shared results is
cleared before every run (:func:`partnet.metrics.clear_cache`), so each run
is cold. Runs alternate partnet and igraph in one process. The network
and the two sides are those of ``benchmarks/bench_metrics.py`` (the
metrics module's own benchmark): its :func:`bench_metrics.build_graph`
makes the graph, with its default size (5,000 people, 40 organisations,
seed 1); this script keeps every run for the results page and checks that
partnet's betweenness equals igraph's.

The memory figure is a separate fresh process that loads the case, builds
the graph and computes both tables once; its peak RSS (``ru_maxrss``) is
the figure.

Run on its own (prints JSON)::

    .venv/bin/python benchmarks/bench_scale.py time --repeats 5
    .venv/bin/python benchmarks/bench_scale.py memory CASE_DIR
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import harness

__all__ = ["make_case", "time_runs", "memory_run", "measure", "profile_text", "PEOPLE", "ORGS", "SEED"]

#: The network of the scale figure, as ``bench_metrics.py`` makes it by default.
PEOPLE, ORGS, SEED = 5000, 40, 1


def make_case(folder, people: int = PEOPLE, orgs: int = ORGS, seed: int = SEED) -> Path:
    """The synthetic case of the figure (reused when already written)."""
    from partnet.synth import synth_case

    path = Path(folder) / f"synth-{people}"
    if not (path / "case.yaml").is_file():
        synth_case(path, orgs=orgs, people=people, seed=seed, overwrite=True)
    return path


def _igraph(G):
    import igraph as ig

    index = {v: i for i, v in enumerate(G)}
    return ig.Graph(n=len(index), edges=[(index[u], index[v]) for u, v in G.edges()], directed=True)


def igraph_floor(g) -> None:
    """igraph's directed betweenness, out-closeness and in-closeness."""
    g.betweenness(directed=True)
    g.closeness(mode="out")
    g.closeness(mode="in")


def partnet_tables(G):
    """partnet's node table and whole-network profile, cold."""
    from partnet import metrics

    metrics.clear_cache()
    return metrics.node_table(G), metrics.whole_network(G)


def time_runs(repeats: int) -> dict:
    """Alternating timed runs in this process; returns runs, the graph's size, and the betweenness check."""
    import bench_metrics
    import numpy as np

    G, origin = bench_metrics.build_graph(PEOPLE, ORGS, SEED)
    g = _igraph(G)
    table, _ = partnet_tables(G)  # warm-up: imports, first-use compilation
    same = bool(np.allclose(table["betweenness"].to_numpy(), np.asarray(g.betweenness(directed=True))))
    igraph_floor(g)
    ours, floor = [], []
    for _ in range(repeats):
        ours.append(harness.timed(partnet_tables, G)[0])
        floor.append(harness.timed(igraph_floor, g)[0])
    return {"partnet": ours, "igraph": floor, "n": G.number_of_nodes(), "ties": G.number_of_edges(),
            "origin": origin, "same_betweenness": same}


def memory_run(case_dir) -> dict:
    """Load, graph, node table and profile once; peak RSS of this process in bytes."""
    import partnet
    from partnet import metrics

    start = time.perf_counter()
    G = partnet.load_case(case_dir).graph()
    metrics.node_table(G)
    metrics.whole_network(G)
    seconds = time.perf_counter() - start
    return {"peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "seconds": seconds}


def profile_text() -> str:
    """pyinstrument's report of one cold ``node_table`` + ``whole_network`` on the figure's network."""
    import bench_metrics
    from pyinstrument import Profiler

    G, _ = bench_metrics.build_graph(PEOPLE, ORGS, SEED)
    partnet_tables(G)
    profiler = Profiler(interval=0.001)
    profiler.start()
    partnet_tables(G)
    profiler.stop()
    return profiler.output_text(unicode=False, color=False)


def _child(*args) -> dict:
    out = subprocess.run([harness.PYTHON, str(Path(__file__).resolve()), *map(str, args)], cwd=harness.ROOT,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"bench_scale {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(*, repeats: int, work, say=print) -> dict:
    """Run the scale and memory figures in fresh processes."""
    case = make_case(work)
    runs = _child("time", "--repeats", repeats)
    fig = harness.Figure("2", "Scale", f"`node_table` + `whole_network`, {runs['n']:,} people, "
                         f"{runs['ties']:,} ties", runs=runs["partnet"], baseline_runs=runs["igraph"],
                         baseline="igraph betweenness + closeness out + in", goal=1.5, goal_on="ratio")
    fig.notes.append(f"Network from bench_metrics.build_graph({PEOPLE}, {ORGS}, {SEED}): {runs['origin']}. "
                     "partnet's metrics cache cleared before every run; one warm-up run of each side not counted. "
                     f"partnet's betweenness equal to igraph's: {runs['same_betweenness']}.")
    say(f"  scale: partnet {harness.fmt_seconds(fig.value)}, igraph {harness.fmt_seconds(fig.baseline_value)}")
    mem = _child("memory", case)
    mfig = harness.Figure("5b", "Memory: 5,000 people", "peak RSS of load + graph + node_table + whole_network "
                          "(fresh process)", runs=[mem["peak_rss"]], unit="bytes")
    mfig.notes.append(f"that process took {harness.fmt_seconds(mem['seconds'])} from load to both tables.")
    say(f"  scale memory: {harness.fmt_bytes(mem['peak_rss'])}")
    return {"figures": [fig, mfig]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("time")
    p.add_argument("--repeats", type=int, default=5)
    p = sub.add_parser("memory")
    p.add_argument("case_dir")
    p = sub.add_parser("make")
    p.add_argument("work")
    sub.add_parser("profile", help="print a pyinstrument profile of one cold run")
    args = parser.parse_args(argv)
    if args.cmd == "time":
        print(json.dumps(time_runs(args.repeats)))
    elif args.cmd == "memory":
        print(json.dumps(memory_run(args.case_dir)))
    elif args.cmd == "profile":
        print(profile_text())
    else:
        print(make_case(args.work))
    return 0


if __name__ == "__main__":
    sys.exit(main())

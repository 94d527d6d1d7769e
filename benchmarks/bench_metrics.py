"""Speed of partnet.metrics against igraph's own geodesic measures.

Builds a 5,000-person network of about 50,000 ties (a ``partnet synth``
case when the generator is available, else a seeded block model of the
same shape made here), then times, side by side in one run:

- partnet: ``node_table(G)`` followed by ``whole_network(G)`` from the
  networkx graph, the shared-results cache cleared before each run;
- igraph alone: directed betweenness + out-closeness + in-closeness on an
  igraph copy of the same graph (built once, outside the timing).

Runs alternate between the two sides; the medians and their ratio are
printed as a markdown table. The goal is a ratio of at most 1.5; the exit
status is 1 when the ratio is above ``--target``.

Usage::

    python benchmarks/bench_metrics.py [--people 5000] [--orgs 40] [--seed 1] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path


def build_graph(people: int, orgs: int, seed: int):
    """The benchmark network and a note on how it was made."""
    try:
        from partnet import load_case
        from partnet.synth import synth_case
    except ImportError:
        return _block_model(people, orgs, seed), "seeded block model (partnet.synth not available)"
    with tempfile.TemporaryDirectory() as tmp:
        folder = synth_case(Path(tmp) / "bench", orgs=orgs, people=people, seed=seed)
        G = load_case(folder).graph()
    return G, f"partnet synth case (orgs={orgs}, seed={seed})"


def _block_model(people: int, orgs: int, seed: int):
    """Clustered directed network: dense inside organisations, sparse between, a few hubs."""
    import networkx as nx
    import numpy as np

    rng = np.random.default_rng(seed)
    weights = rng.lognormal(0, 1.1, orgs)
    org = rng.choice(orgs, size=people, p=weights / weights.sum())
    G = nx.DiGraph()
    for i in range(people):
        G.add_node(f"p{i:05d}", organisation=f"org{org[i]:02d}")
    names = list(G)
    by_org = [np.flatnonzero(org == k) for k in range(orgs)]
    hubs = rng.choice(people, size=max(2, people // 400), replace=False)
    for i in range(people):
        same = by_org[org[i]]
        for j in rng.choice(same, size=min(len(same), rng.poisson(7)), replace=False):
            if j != i:
                G.add_edge(names[i], names[j], frequency=int(rng.integers(1, 6)))
        for j in rng.choice(people, size=rng.poisson(2), replace=False):
            if j != i:
                G.add_edge(names[i], names[j], frequency=int(rng.integers(1, 6)))
        for h in hubs:
            if h != i and rng.random() < 0.1:
                G.add_edge(names[i], names[h], frequency=int(rng.integers(1, 6)))
    return G


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--orgs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--target", type=float, default=1.5)
    args = parser.parse_args(argv)

    import igraph as ig
    import numpy as np

    import partnet.metrics as pm

    G, origin = build_graph(args.people, args.orgs, args.seed)
    index = {v: i for i, v in enumerate(G)}
    g = ig.Graph(n=len(index), edges=[(index[u], index[v]) for u, v in G.edges()], directed=True)

    def partnet_side():
        pm.clear_cache()
        table = pm.node_table(G)
        row = pm.whole_network(G)
        return table, row

    def igraph_side():
        return (g.betweenness(directed=True), g.closeness(mode="out"), g.closeness(mode="in"))

    ours, theirs = [], []
    partnet_side()  # warm-up: imports, first-call overheads
    for _ in range(args.repeat):
        t = time.perf_counter()
        table, row = partnet_side()
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        ref = igraph_side()
        theirs.append(time.perf_counter() - t)

    same = np.allclose(table["betweenness"].to_numpy(), np.asarray(ref[0]))
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(f"Network: {G.number_of_nodes():,} people, {G.number_of_edges():,} ties; {origin}.\n")
    print(f"| side | what | median of {args.repeat:d} runs (s) |")
    print("| --- | --- | ---: |")
    print(f"| partnet | node_table + whole_network | {statistics.median(ours):.3f} |")
    print(f"| igraph | betweenness + closeness out + closeness in | {statistics.median(theirs):.3f} |")
    print(f"| ratio | partnet / igraph (goal <= {args.target}) | {ratio:.2f} |")
    print(f"\nBetweenness equal to igraph's: {same}.")
    return 0 if (ratio <= args.target and same) else 1


if __name__ == "__main__":
    sys.exit(main())

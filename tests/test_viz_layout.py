"""Seeded positions: reproducible, components packed, labels not overlapping."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from partnet.errors import ParameterError
from partnet.viz.layout import label_box, positions


def overlaps(pos, boxes):
    nodes = list(pos)
    hits = []
    for i, u in enumerate(nodes):
        for v in nodes[i + 1:]:
            (xu, yu), (xv, yv) = pos[u], pos[v]
            bu, bv = boxes[u], boxes[v]
            if (abs(xu - xv) < bu[0] + bv[0] - 1) and (abs(yu + bu[2] - yv - bv[2]) < bu[1] + bv[1] - 1):
                hits.append((u, v))
    return hits


def test_same_graph_and_seed_same_positions():
    G = nx.gnm_random_graph(60, 150, seed=2, directed=True)
    a, b, c = positions(G, seed=7), positions(G, seed=7), positions(G, seed=8)
    assert a == b and a != c
    assert all(isinstance(x, int) and isinstance(y, int) for x, y in a.values())


def test_components_and_isolates_are_packed_below():
    G = nx.DiGraph()
    nx.add_path(G, range(10))
    nx.add_path(G, [20, 21, 22])
    G.add_nodes_from([30, 31])
    pos = positions(G, seed=1, scale=50)
    main_bottom = max(pos[v][1] for v in range(10))
    assert min(pos[v][1] for v in (20, 21, 22, 30, 31)) > main_bottom
    # the median tie of the main component is `scale` long
    lengths = sorted(np.hypot(pos[u][0] - pos[v][0], pos[u][1] - pos[v][1]) for u, v in nx.utils.pairwise(range(10)))
    assert np.median(lengths) == pytest.approx(50, abs=2)
    # the main component is wider than tall
    xs, ys = [pos[v][0] for v in range(10)], [pos[v][1] for v in range(10)]
    assert max(xs) - min(xs) >= max(ys) - min(ys)


def test_label_boxes_do_not_overlap():
    G = nx.star_graph(30).to_directed()
    nx.add_path(G, [100, 101, 102])
    boxes = {v: label_box(f"Person number {v}", 20 if v == 0 else 12, 22) for v in G}
    pos = positions(G, seed=3, boxes=boxes)
    assert overlaps(pos, boxes) == []


def test_isolates_only_and_empty():
    G = nx.Graph()
    assert positions(G) == {}
    G.add_nodes_from("dcbafe")
    boxes = {v: (40, 10, 0) for v in "abcdef"}
    pos = positions(G, boxes=boxes)
    assert overlaps(pos, boxes) == []
    reading_order = sorted(pos, key=lambda v: (pos[v][1], pos[v][0]))
    assert reading_order == list("abcdef")


def test_bad_arguments():
    G = nx.path_graph(3)
    with pytest.raises(ParameterError, match="positive"):
        positions(G, scale=0)
    with pytest.raises(ParameterError, match="no entry for 1"):
        positions(G, boxes={0: (1, 1, 0), 1: (1, 1, 0)})

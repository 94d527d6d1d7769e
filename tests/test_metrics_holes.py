"""Burt's structural holes: UCINET's ego-network model (the default) and the whole-network model.

Sources of the expected numbers:

- Campnet: xucinet's printout of UCINET's Structural Holes routine
  (``tests/fixtures/ucinet/ucinet_output/campnet_structural_holes_xucinet_snapshot.csv``
  and the two dyadic matrices beside it; see ``UCINET_OUTPUT.md`` section 2), printed to
  3 decimals;
- UCINET's arithmetic, transcribed from its Delphi source in
  ``tests/fixtures/ucinet/STRUCTURAL_HOLES.md``; :func:`ucinet_ego` below follows it
  line by line, one ego network at a time, as an independent check of the
  vectorised kernel;
- the whole-network model: networkx's ``constraint`` and ``effective_size``;
- hand computations, written out beside each assertion.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from partnet.errors import GraphError, ParameterError
from partnet.metrics import node_table, structural_holes
from partnet.metrics._graph import graph_data
from partnet.metrics._kernels import hole_measures

UCINET = Path(__file__).parent / "fixtures" / "ucinet"
SNAPSHOT = UCINET / "ucinet_output" / "campnet_structural_holes_xucinet_snapshot.csv"
DYADIC_CONSTRAINT = UCINET / "ucinet_output" / "campnet_dyadic_constraint_xucinet_snapshot.csv"
DYADIC_REDUNDANCY = UCINET / "ucinet_output" / "campnet_dyadic_redundancy_xucinet_snapshot.csv"
COLUMNS = {"effective_size": "EffSize", "efficiency": "Efficiency", "constraint": "Constraint",
           "hierarchy": "Hierarchy"}
#: The snapshot is printed to 3 decimals: a value agrees when it rounds to the printed one.
PRINTED = 0.0005 + 1e-9


# --------------------------------------------------------------------------- Campnet


def read_campnet(path: Path = UCINET / "Campnet.paj") -> nx.DiGraph:
    """Campnet as UCINET has it (SOURCES.md, "Campnet.paj: how to read it").

    The 16 ``*Arcs`` are one-way ties; an ``*Edges`` line is a reciprocated tie
    unless its pair is also an arc (9 lines repeat an arc and add nothing).
    Nodes in file order, named by their labels.
    """
    names, arcs, edges, section = {}, [], [], None
    for line in path.read_text().splitlines():
        text = line.strip()
        if not text:
            continue
        if text.startswith("*"):
            section = text.split()[0].lower()
            continue
        fields = text.split()
        if section == "*vertices":
            names[int(fields[0])] = text.split('"')[1]
        elif section == "*arcs":
            arcs.append((int(fields[0]), int(fields[1])))
        elif section == "*edges":
            edges.append((int(fields[0]), int(fields[1])))
    G = nx.DiGraph()
    G.add_nodes_from(names[i] for i in sorted(names))
    G.add_edges_from((names[u], names[v]) for u, v in arcs)
    one_way = {frozenset(pair) for pair in arcs}
    for u, v in edges:
        if frozenset((u, v)) not in one_way:
            G.add_edges_from([(names[u], names[v]), (names[v], names[u])])
    return G


CAMPNET = read_campnet()


def test_campnet_is_read_as_ucinet_has_it():
    # SOURCES.md: 54 arcs, every outdegree 3; indegrees and union degrees as UCINET's degree(campnet)
    snap = pd.read_csv(SNAPSHOT, index_col="node")
    assert CAMPNET.number_of_edges() == 54
    assert {d for _, d in CAMPNET.out_degree()} == {3}
    assert [d for _, d in CAMPNET.in_degree()] == [4, 1, 2, 5, 4, 3, 4, 2, 4, 0, 3, 4, 0, 3, 2, 5, 4, 4]
    assert list(CAMPNET) == list(snap.index)
    union = {v: len(set(CAMPNET.successors(v)) | set(CAMPNET.predecessors(v))) for v in CAMPNET}
    assert [union[v] for v in CAMPNET] == snap["Degree"].tolist()


def test_ego_model_equals_ucinet_on_campnet():
    snap = pd.read_csv(SNAPSHOT, index_col="node")
    t = structural_holes(CAMPNET)  # default: model="ego"
    assert list(t.index) == list(snap.index)
    for ours, theirs in COLUMNS.items():
        diff = (t[ours] - snap[theirs]).abs()
        assert diff.max() <= PRINTED, (ours, diff.idxmax(), t[ours][diff.idxmax()], snap[theirs][diff.idxmax()])
    # full precision, from the Delphi transcription (UCINET_OUTPUT.md section 2)
    assert t.loc["BRAZEY", "constraint"] == pytest.approx(1.023889, abs=1e-6)
    assert t.loc["BILL", "constraint"] == pytest.approx(1.08)      # every alter tied to every other
    assert t.loc["BILL", "hierarchy"] == pytest.approx(0.0, abs=1e-12)
    assert t.loc["MICHAEL", "effective_size"] == pytest.approx(3.071429, abs=1e-6)
    assert t.loc["GERY", "hierarchy"] == pytest.approx(0.245353, abs=1e-6)


def test_node_table_uses_the_ego_model():
    t = node_table(CAMPNET, partition=None)
    ego = structural_holes(CAMPNET, model="ego")
    snap = pd.read_csv(SNAPSHOT, index_col="node")
    for ours, theirs in COLUMNS.items():
        assert np.allclose(t[ours], ego[ours], equal_nan=True)
        assert (t[ours] - snap[theirs]).abs().max() <= PRINTED


def test_whole_model_equals_networkx_on_campnet_and_differs_from_ucinet():
    w = structural_holes(CAMPNET, model="whole")
    cs = nx.constraint(CAMPNET)
    es = nx.effective_size(CAMPNET, nodes=list(CAMPNET))
    for v in CAMPNET:
        assert w.loc[v, "constraint"] == pytest.approx(cs[v])
        assert w.loc[v, "effective_size"] == pytest.approx(es[v])
    ego = structural_holes(CAMPNET)
    # binary data: effective size agrees (no contact's largest tie lies outside an ego network here) ...
    assert np.allclose(w["effective_size"], ego["effective_size"])
    # ... constraint does not: ANN 0.933 (UCINET, ego) against 0.689 (whole), the largest gap
    gap = (w["constraint"] - ego["constraint"]).abs()
    assert gap.idxmax() == "ANN" and gap.max() == pytest.approx(0.933333 - 0.688662, abs=1e-5)


# --------------------------------------------------------------------------- UCINET's routine, one ego at a time


def ucinet_ego(G, weight=None, dyadic=False):
    """UCINET's ego model transcribed from STRUCTURAL_HOLES.md, one ego network at a time (dense)."""
    nodes = list(G)
    at = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    Z = np.zeros((n, n))
    for u, v, d in G.edges(data=True):
        if u != v:
            Z[at[u], at[v]] = 1.0 if weight is None else d[weight]
            if not G.is_directed():
                Z[at[v], at[u]] = Z[at[u], at[v]]
    rows, dc, dr = {}, np.zeros((n, n)), np.zeros((n, n))
    for k in range(n):
        # 1. ego first, then alters (union of in and out), 2. the submatrix, 3. p and m
        members = [k] + [j for j in range(n) if j != k and (Z[k, j] > 0 or Z[j, k] > 0)]
        m = len(members)
        zplus = Z[np.ix_(members, members)] + Z[np.ix_(members, members)].T
        np.fill_diagonal(zplus, 0)
        P, M = np.zeros((m, m)), np.zeros((m, m))
        for i in range(m):
            total, top, deg = zplus[i].sum(), zplus[i].max(), int((zplus[i] > 0).sum())
            if total != 0 and top != 0 and deg > 0:
                P[i], M[i] = zplus[i] / total, zplus[i] / top
        degree = int((zplus[0] > 0).sum())
        # 4. effective size and efficiency
        effsize = 0.0
        for j in range(1, m):
            if P[0, j] > 0:
                pm = sum(P[0, q] * M[j, q] for q in range(m) if q != j)
                dr[k, members[j]] = pm
                effsize += 1 - pm
        if degree < 1:
            effsize = 0.0
        efficiency = effsize / degree if degree > 0 else math.nan
        # 6. constraint and hierarchy
        c = np.zeros(m)
        for j in range(1, m):
            ind = sum(P[0, q] * P[q, j] for q in range(1, m) if q != j)
            c[j] = (P[0, j] + ind) ** 2
            dc[k, members[j]] = c[j]
        total_c = c.sum()
        constraint = math.nan if degree < 2 else total_c
        if total_c > 0 and degree > 1:
            r = [c[j] * degree / total_c for j in range(1, m) if P[0, j] > 0]
            hierarchy = sum(x * math.log(x) for x in r if x > 1e-6) / (degree * math.log(degree))
        elif degree == 1:
            hierarchy = 1.0
        else:
            hierarchy = math.nan
        # 7. isolates and pendants (dialog defaults), after the formulas
        if degree <= 1:
            effsize = float(degree)
        rows[nodes[k]] = {"effective_size": effsize, "efficiency": efficiency, "constraint": constraint,
                          "hierarchy": hierarchy}
    table = pd.DataFrame.from_dict(rows, orient="index")
    if dyadic:
        return table, pd.DataFrame(dc, nodes, nodes), pd.DataFrame(dr, nodes, nodes)
    return table


def test_transcription_reproduces_ucinets_campnet_output_dyadic_matrices_included():
    table, dc, dr = ucinet_ego(CAMPNET, dyadic=True)
    snap = pd.read_csv(SNAPSHOT, index_col="node")
    for ours, theirs in COLUMNS.items():
        assert (table[ours] - snap[theirs]).abs().max() <= PRINTED
    for ours, path in ((dc, DYADIC_CONSTRAINT), (dr, DYADIC_REDUNDANCY)):
        theirs = pd.read_csv(path, index_col="ego")
        assert list(theirs.index) == list(theirs.columns) == list(ours.index)
        assert np.abs(ours.to_numpy() - theirs.to_numpy()).max() <= PRINTED


def random_graphs():
    rng = np.random.default_rng(21)
    out = []
    for k in range(10):
        n = int(rng.integers(5, 18))
        G = nx.gnp_random_graph(n, float(rng.uniform(0.15, 0.5)), seed=int(rng.integers(1e6)),
                                directed=bool(k % 2))
        if k % 3 == 0:
            for u, v in G.edges():
                G.edges[u, v]["frequency"] = int(rng.integers(1, 6))
        out.append(G)
    return out


RANDOM = random_graphs()


def weight_of(G):
    return "frequency" if G.number_of_edges() and all("frequency" in d for _, _, d in G.edges(data=True)) else None


@pytest.mark.parametrize("G", RANDOM, ids=[f"g{i}" for i in range(len(RANDOM))])
def test_ego_model_equals_the_transcription_of_ucinets_routine(G):
    weight = weight_of(G)
    ours = structural_holes(G, weight=weight)
    theirs = ucinet_ego(G, weight)[ours.columns]
    assert np.allclose(ours.to_numpy(), theirs.to_numpy(), equal_nan=True, rtol=0, atol=1e-12)
    # the kernel in small blocks of triples gives the same numbers
    gd = graph_data(G, weight)
    for block in (1, 5):
        small = pd.DataFrame(hole_measures(gd, "ego", block=block), index=ours.index)
        assert np.allclose(small.to_numpy(), ours.to_numpy(), equal_nan=True, rtol=0, atol=1e-12)


@pytest.mark.parametrize("G", RANDOM, ids=[f"g{i}" for i in range(len(RANDOM))])
def test_equals_networkx_burt_formulas(G):
    weight = weight_of(G)
    t = structural_holes(G, weight=weight, model="whole")
    # networkx's node-by-node path implements Burt's formulas directly (its vectorised
    # whole-graph path normalises marginal strength by the wrong node's maximum)
    es = nx.effective_size(G, nodes=list(G), weight=weight)
    cs = nx.constraint(G, weight=weight)
    for v in G:
        has_contacts = any(True for _ in nx.all_neighbors(G, v)) if G.is_directed() else G.degree(v) > 0
        if not has_contacts:
            continue
        if not math.isnan(es[v]):
            assert t.loc[v, "effective_size"] == pytest.approx(es[v])
        assert t.loc[v, "constraint"] == pytest.approx(cs[v])


def test_whole_model_equals_networkx_on_a_valued_graph():
    G = nx.DiGraph()
    G.add_weighted_edges_from([("a", "b", 5), ("b", "a", 2), ("a", "c", 1), ("c", "d", 4), ("d", "c", 4),
                               ("b", "c", 3), ("d", "a", 2), ("e", "d", 1), ("b", "e", 2)], weight="frequency")
    t = structural_holes(G, weight="frequency", model="whole")
    cs = nx.constraint(G, weight="frequency")
    es = nx.effective_size(G, nodes=list(G), weight="frequency")
    for v in G:
        assert t.loc[v, "constraint"] == pytest.approx(cs[v])
        assert t.loc[v, "effective_size"] == pytest.approx(es[v])
    assert not np.allclose(t["constraint"], structural_holes(G, weight="frequency")["constraint"])


# --------------------------------------------------------------------------- hand values


def test_ego_with_two_connected_contacts_by_hand():
    # ego 0 with contacts 1, 2, 3; 1 and 2 know each other (no ties beyond the ego network,
    # so both models agree)
    G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])
    for model in ("ego", "whole"):
        row = structural_holes(G, model=model).loc[0]
        assert row["effective_size"] == pytest.approx(3 - 2 * 1 / 3)  # n - 2t/n
        assert row["efficiency"] == pytest.approx((3 - 2 / 3) / 3)
        # dyadic constraint: (1/3 + 1/3 * 1/2)^2 for 1 and 2, (1/3)^2 for 3
        c = np.array([0.25, 0.25, 1 / 9])
        assert row["constraint"] == pytest.approx(c.sum())
        ratio = c / (c.sum() / 3)
        assert row["hierarchy"] == pytest.approx((ratio * np.log(ratio)).sum() / (3 * np.log(3)))


def test_star_and_isolate():
    G = nx.star_graph(3)
    G.add_node(9)
    t = structural_holes(G)
    assert t.loc[0].to_dict() == pytest.approx({"effective_size": 3.0, "efficiency": 1.0,
                                                "constraint": 1 / 3, "hierarchy": 0.0})
    leaf = t.loc[1]
    # UCINET's pendant (STRUCTURAL_HOLES.md section 7, dialog defaults; xucinet's test pins the same):
    # constraint missing (was 1.0, the whole-network value, kept below), hierarchy 1 (was nan)
    assert leaf["effective_size"] == 1.0 and math.isnan(leaf["constraint"])
    assert leaf["hierarchy"] == 1.0 and leaf["efficiency"] == 1.0
    iso = t.loc[9]
    assert iso["effective_size"] == 0.0
    assert math.isnan(iso["efficiency"]) and math.isnan(iso["constraint"]) and math.isnan(iso["hierarchy"])
    assert list(t.columns) == ["effective_size", "efficiency", "constraint", "hierarchy"]
    # the whole-network model keeps networkx's values for one contact
    w = structural_holes(G, model="whole")
    assert w.loc[0].to_dict() == pytest.approx(t.loc[0].to_dict())
    leaf = w.loc[1]
    assert leaf["effective_size"] == 1.0 and leaf["constraint"] == 1.0
    assert math.isnan(leaf["hierarchy"])  # one contact: N ln N = 0
    iso = w.loc[9]
    assert iso["effective_size"] == 0.0
    assert math.isnan(iso["efficiency"]) and math.isnan(iso["constraint"]) and math.isnan(iso["hierarchy"])


@pytest.mark.parametrize("model", ["ego", "whole"])
def test_network_without_ties(model):
    G = nx.DiGraph()
    G.add_nodes_from("abc")
    t = structural_holes(G, model=model)
    assert (t["effective_size"] == 0).all()
    assert t[["efficiency", "constraint", "hierarchy"]].isna().all().all()


def test_pendant_by_an_in_tie_only():
    # y is x's only contact although x never names y: contacts are ties either way (union)
    G = nx.DiGraph([("y", "x"), ("y", "z")])
    t = structural_holes(G)
    assert t.loc["x", ["effective_size", "efficiency", "hierarchy"]].tolist() == [1.0, 1.0, 1.0]
    assert math.isnan(t.loc["x", "constraint"])
    assert t.loc["y", "constraint"] == pytest.approx(0.5)  # two unconnected contacts: 2 (1/2)^2


def test_undirected_graph():
    # ego's contacts a and b know each other; a also knows c and d, beyond ego's network
    G = nx.Graph([("ego", "a"), ("ego", "b"), ("a", "b"), ("a", "c"), ("a", "d")])
    ego, whole = structural_holes(G), structural_holes(G, model="whole")
    # ego model: ego's network is the triangle ego-a-b, p = 1/2 everywhere inside it;
    # dyadic constraint (1/2 + 1/2 * 1/2)^2 = 0.5625 twice
    assert ego.loc["ego", "constraint"] == pytest.approx(1.125)
    assert ego.loc["ego", "hierarchy"] == pytest.approx(0.0)
    # whole model: p_ab = 1/4 (a has four contacts), p_ba = 1/2:
    # (1/2 + 1/2 * 1/2)^2 + (1/2 + 1/2 * 1/4)^2 = 0.5625 + 0.390625
    assert whole.loc["ego", "constraint"] == pytest.approx(0.953125)
    # binary symmetric data: effective size n - 2t/n in both models (2 - 2/2 = 1)
    assert ego.loc["ego", "effective_size"] == whole.loc["ego", "effective_size"] == pytest.approx(1.0)
    # a: contacts ego, b, c, d (p = 1/4 each), one tie among them (ego-b):
    # effective size 4 - 2/4; constraint 2 (1/4 + 1/4 * 1/2)^2 + 2 (1/4)^2 = 18/64 + 8/64
    assert ego.loc["a", "effective_size"] == pytest.approx(3.5)
    assert ego.loc["a", "constraint"] == pytest.approx(26 / 64)
    # c is a pendant: UCINET's ego model reports constraint missing and hierarchy 1
    assert math.isnan(ego.loc["c", "constraint"]) and ego.loc["c", "hierarchy"] == 1.0
    # an undirected graph is the symmetric digraph (each edge a tie both ways)
    D = nx.DiGraph(G)
    for model in ("ego", "whole"):
        assert np.allclose(structural_holes(G, model=model).to_numpy(),
                           structural_holes(D, model=model).to_numpy(), equal_nan=True)


def test_valued_directed_ties_are_summed_both_ways():
    # ego -> a 2, a -> ego 1, ego -> b 1 (b never names ego), a -> b 3, b -> a 1.
    # Summed both ways (UCINET's default): zplus(ego, a) = 3, zplus(ego, b) = 1, zplus(a, b) = 4.
    # Ego's row: p(ego, a) = 3/4, p(ego, b) = 1/4.
    # Inside ego's network a's ties are ego 3 and b 4 (sum 7, max 4); b's are ego 1 and a 4 (sum 5, max 4).
    # Redundancy: of a, p(ego, b) m(a, b) = 1/4 * 4/4; of b, p(ego, a) m(b, a) = 3/4 * 4/4
    #   effective size = (1 - 1/4) + (1 - 3/4) = 1, efficiency 1/2.
    # Dyadic constraint: a: (3/4 + p(ego, b) p(b, a))^2 = (3/4 + 1/4 * 4/5)^2 = (19/20)^2 = 0.9025
    #                    b: (1/4 + p(ego, a) p(a, b))^2 = (1/4 + 3/4 * 4/7)^2 = (19/28)^2 = 0.4604592
    # (by maximum instead of sum, zplus would be 2, 1, 3 and p(ego, a) = 2/3: a different answer)
    G = nx.DiGraph()
    G.add_weighted_edges_from([("ego", "a", 2), ("a", "ego", 1), ("ego", "b", 1), ("a", "b", 3), ("b", "a", 1)],
                              weight="frequency")
    row = structural_holes(G, weight="frequency").loc["ego"]
    c = np.array([(19 / 20) ** 2, (19 / 28) ** 2])
    assert row["effective_size"] == pytest.approx(1.0)
    assert row["efficiency"] == pytest.approx(0.5)
    assert row["constraint"] == pytest.approx(c.sum()) and row["constraint"] == pytest.approx(1.3629592, abs=1e-7)
    r = c / (c.sum() / 2)
    assert row["hierarchy"] == pytest.approx((r * np.log(r)).sum() / (2 * np.log(2)))
    # three people: the ego network is the whole network, so networkx (mutual weights) agrees
    assert row["constraint"] == pytest.approx(nx.constraint(G, weight="frequency")["ego"])
    assert structural_holes(G, weight="frequency", model="whole").loc["ego", "constraint"] == \
        pytest.approx(row["constraint"])


def test_valued_ties_change_constraint():
    G = nx.DiGraph()
    G.add_edge("ego", "a", frequency=5)
    G.add_edge("ego", "b", frequency=1)
    binary = structural_holes(G).loc["ego"]
    valued = structural_holes(G, weight="frequency").loc["ego"]
    assert binary["constraint"] == pytest.approx(0.5)
    assert valued["constraint"] == pytest.approx((5 / 6) ** 2 + (1 / 6) ** 2)
    assert valued["hierarchy"] > binary["hierarchy"] == pytest.approx(0.0)


def test_xucinet_valued_star():
    # xucinet's test (UCINET_OUTPUT.md section 2): star a - {b, c, d}, a -> b valued 3, b -> a 1,
    # the others 1 both ways; summed: p = 1/2, 1/4, 1/4, constraint (1/2)^2 + 2 (1/4)^2 = 0.375
    G = nx.DiGraph()
    G.add_weighted_edges_from([("a", "b", 3), ("b", "a", 1), ("a", "c", 1), ("c", "a", 1), ("a", "d", 1),
                               ("d", "a", 1)], weight="w")
    assert structural_holes(G, weight="w").loc["a", "constraint"] == pytest.approx(0.375)


def test_effective_size_differs_when_a_contacts_strongest_tie_is_outside():
    # ego -> a, ego -> b, a -> b one-way (zplus 1); a <-> x reciprocated (zplus 2), x outside ego's network.
    # Redundancy of a for ego: p(ego, b) m(a, b) = 1/2 * 1/max_a.
    # Ego model: max_a = 1 (a's ties inside: ego 1, b 1) -> 1/2; whole model: max_a = 2 -> 1/4.
    # b: its ties are ego 1 and a 1 in both models -> redundancy 1/2.
    G = nx.DiGraph([("ego", "a"), ("ego", "b"), ("a", "b"), ("a", "x"), ("x", "a")])
    assert structural_holes(G).loc["ego", "effective_size"] == pytest.approx(2 - 1 / 2 - 1 / 2)
    assert structural_holes(G, model="whole").loc["ego", "effective_size"] == pytest.approx(2 - 1 / 4 - 1 / 2)


# --------------------------------------------------------------------------- options


def test_model_is_checked():
    with pytest.raises(ParameterError, match="model must be one of ego, whole; 'wholes' was given; "
                                             "did you mean 'whole'"):
        structural_holes(nx.path_graph(3), model="wholes")


def test_negative_values_are_refused_by_the_ego_model():
    G = nx.DiGraph()
    G.add_edge("a", "b", frequency=-1)
    G.add_edge("b", "c", frequency=2)
    with pytest.raises(GraphError, match="negative"):
        structural_holes(G, weight="frequency")


def test_zero_valued_tie_is_no_tie():
    G = nx.DiGraph()
    G.add_edge("ego", "a", frequency=2)
    G.add_edge("ego", "b", frequency=0)
    t = structural_holes(G, weight="frequency")
    # b is not a contact: ego is a pendant, b an isolate
    assert t.loc["ego", "effective_size"] == 1.0 and math.isnan(t.loc["ego", "constraint"])
    assert t.loc["b", "effective_size"] == 0.0 and math.isnan(t.loc["b", "efficiency"])

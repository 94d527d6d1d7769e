"""Change between waves: the tie-change table by hand, against numpy, and the comparison of two waves."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from partnet.errors import GraphError, ParameterError
from partnet.metrics import (
    WAVE_CHANGE_FIELDS,
    WaveComparison,
    block_density,
    compare_waves,
    core_periphery,
    wave_change,
    wave_qap,
    whole_network,
)


def _digraph(ties, nodes=(), **graph):
    """A DiGraph from (u, v) or (u, v, frequency) tuples, with extra nodes and graph attributes."""
    G = nx.DiGraph(**graph)
    G.add_nodes_from(nodes)
    for t in ties:
        G.add_edge(t[0], t[1], **({"frequency": t[2]} if len(t) > 2 else {}))
    return G


def _counts(row):
    return {k: row[k] for k in ("overlap", "joined", "left", "n00", "n01", "n10", "n11", "hamming")}


# ----------------------------------------------------------------------------- wave_change by hand


@pytest.fixture
def directed_pair():
    # before: a, b, c, d and e (who leaves); after: a, b, c, d and f (who joins)
    before = _digraph([("a", "b", 3), ("b", "a", 2), ("b", "c", 4), ("c", "d", 1),
                       ("e", "a", 2), ("d", "e", 5)])
    after = _digraph([("a", "b", 5), ("b", "a", 1), ("c", "b", 3), ("c", "d", 1),
                      ("f", "a", 4), ("a", "f", 2)])
    return before, after


def test_directed_by_hand(directed_pair):
    # people in both: a, b, c, d (m = 4): 4 x 3 = 12 ordered dyads; e left, f joined.
    # ties among them before: ab, ba, bc, cd; after: ab, ba, cb, cd (e's and f's ties left out)
    # n11 = {ab, ba, cd} = 3; n10 = {bc} = 1; n01 = {cb} = 1; n00 = 12 - 5 = 7
    # jaccard = 3 / (1 + 1 + 3) = 0.6; persisting = 3 / (1 + 3) = 0.75; hamming = 1 + 1 = 2
    # values of the persisting ties: ab 3 -> 5 rose, ba 2 -> 1 fell, cd 1 -> 1 same
    row = wave_change(*directed_pair)
    assert list(row.index) == list(WAVE_CHANGE_FIELDS)
    assert _counts(row) == {"overlap": 4, "joined": 1, "left": 1, "n00": 7, "n01": 1, "n10": 1, "n11": 3,
                            "hamming": 2}
    assert row["jaccard"] == pytest.approx(0.6)
    assert row["persisting"] == pytest.approx(0.75)
    assert row["rose"] == pytest.approx(1 / 3) and row["fell"] == pytest.approx(1 / 3)
    assert row.dtype == float and row.name == "wave change"


def test_the_four_cells_partition_the_dyads(directed_pair):
    row = wave_change(*directed_pair)
    m = row["overlap"]
    assert row["n00"] + row["n01"] + row["n10"] + row["n11"] == m * (m - 1)


def test_undirected_by_hand():
    # people in both: a, b, c, d (m = 4): 4 x 3 / 2 = 6 unordered dyads; e joined
    # before: ab, bc, cd, ad; after: ba (listed the other way round), bc, ac, and de (e joined)
    # n11 = {ab, bc} = 2; n10 = {cd, ad} = 2; n01 = {ac} = 1; n00 = 6 - 5 = 1 (bd)
    # jaccard = 2 / 5 = 0.4; persisting = 2 / 4 = 0.5; hamming = 3 (sna::hdist, mode = "graph")
    before = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("a", "d")])
    after = nx.Graph([("b", "a"), ("b", "c"), ("a", "c"), ("d", "e")])
    row = wave_change(before, after, weight=None)
    assert _counts(row) == {"overlap": 4, "joined": 1, "left": 0, "n00": 1, "n01": 1, "n10": 2, "n11": 2,
                            "hamming": 3}
    assert row["jaccard"] == pytest.approx(0.4) and row["persisting"] == pytest.approx(0.5)
    # the same ties as a symmetric digraph: every count doubles (ordered dyads), the shares stay
    sym = wave_change(before.to_directed(), after.to_directed(), weight=None)
    for k in ("n00", "n01", "n10", "n11", "hamming"):
        assert sym[k] == 2 * row[k], k
    assert sym["jaccard"] == pytest.approx(0.4) and sym["persisting"] == pytest.approx(0.5)


def test_valued_ties_rose_and_fell():
    # three persisting ties on a count scale: ab 2 -> 7 rose, bc 4 -> 4 same, ca 5 -> 1 fell; cb new
    before = _digraph([("a", "b", 2), ("b", "c", 4), ("c", "a", 5)], scale="count")
    after = _digraph([("a", "b", 7), ("b", "c", 4), ("c", "a", 1), ("c", "b", 9)], scale="count")
    row = wave_change(before, after)
    assert (row["n11"], row["n01"], row["n10"]) == (3, 1, 0)
    assert row["rose"] == pytest.approx(1 / 3) and row["fell"] == pytest.approx(1 / 3)
    # a tie without a value in one wave is left out of rose and fell (2 valued ties: one rose, one fell)
    del after.edges["b", "c"]["frequency"]
    row = wave_change(before, after)
    assert row["rose"] == pytest.approx(0.5) and row["fell"] == pytest.approx(0.5)
    # no weight, or a binary relation: no values to compare
    assert math.isnan(wave_change(before, after, weight=None)["rose"])
    before.graph["scale"] = after.graph["scale"] = "binary"
    row = wave_change(before, after)
    assert math.isnan(row["rose"]) and math.isnan(row["fell"])
    assert row["jaccard"] == pytest.approx(3 / 4)      # the binary table does not depend on values


def test_no_ties_and_no_overlap():
    row = wave_change(_digraph([], nodes="abc"), _digraph([], nodes="abc"))
    assert row["n00"] == 6 and math.isnan(row["jaccard"]) and math.isnan(row["persisting"])
    row = wave_change(_digraph([("a", "b")]), _digraph([("c", "d")]))
    assert _counts(row) == {"overlap": 0, "joined": 2, "left": 2, "n00": 0, "n01": 0, "n10": 0, "n11": 0,
                            "hamming": 0}
    # self-loops are not dyads
    row = wave_change(_digraph([("a", "a"), ("a", "b")]), _digraph([("a", "a"), ("a", "b")]))
    assert (row["n11"], row["n10"], row["n01"], row["n00"]) == (1, 0, 0, 1)


def test_nonrespondents_as_the_graphs_were_built():
    # Wave 1: everyone answered: a->b, b->c, c->a, c->b. Wave 2: c did not answer, b still named c.
    before = _digraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "b")])
    # keep: c present with only the ties others reported; c's own ties (ca, cb) count as lost
    keep = _digraph([("a", "b"), ("b", "c")], nodes="abc", nonrespondents="keep")
    row = wave_change(before, keep)
    assert (row["overlap"], row["n11"], row["n10"], row["n01"]) == (3, 2, 2, 0)
    assert row["jaccard"] == pytest.approx(0.5)
    # drop: c absent from wave 2, so c is counted as left and c's ties leave the table
    # (among a, b: ab in both waves, nothing else)
    drop = _digraph([("a", "b")], nodes="ab", nonrespondents="drop")
    row = wave_change(before, drop)
    assert (row["overlap"], row["left"], row["n11"], row["n10"], row["n01"], row["n00"]) == (2, 1, 1, 0, 0, 1)
    assert row["jaccard"] == 1.0
    # reconstruct: b's report b->c is mirrored as c->b, so cb persists and only ca is lost
    rec = _digraph([("a", "b"), ("b", "c")], nodes="abc", nonrespondents="reconstruct")
    rec.add_edge("c", "b", imputed=True)
    row = wave_change(before, rec)
    assert (row["n11"], row["n10"], row["n01"]) == (3, 1, 0)
    assert row["jaccard"] == pytest.approx(0.75)


def test_refuses_waves_that_cannot_be_compared():
    with pytest.raises(GraphError, match="must be directed or both undirected"):
        wave_change(nx.DiGraph([("a", "b")]), nx.Graph([("a", "b")]))
    with pytest.raises(GraphError, match="same nonrespondents"):
        wave_change(_digraph([("a", "b")], nonrespondents="keep"), _digraph([("a", "b")], nonrespondents="drop"))
    with pytest.raises(GraphError, match="same min_frequency"):
        wave_change(_digraph([("a", "b")], min_frequency=1), _digraph([("a", "b")], min_frequency=3))
    with pytest.raises(GraphError, match="multigraph"):
        wave_change(nx.MultiDiGraph([("a", "b")]), nx.DiGraph([("a", "b")]))
    with pytest.raises(GraphError, match="networkx graph"):
        wave_change({"a": "b"}, nx.DiGraph())
    # one graph recording a setting and the other not is not refused (a graph built by hand)
    wave_change(_digraph([("a", "b")], nonrespondents="keep"), _digraph([("a", "b")]))


# ----------------------------------------------------------------------------- against numpy


def _random_pair(seed, directed):
    """Two random graphs on overlapping rosters: 0..29 before, 5..34 after (25 people in both)."""
    rng = np.random.default_rng(seed)
    make = nx.gnp_random_graph
    G1 = nx.relabel_nodes(make(30, 0.12, seed=int(rng.integers(1 << 30)), directed=directed), lambda i: f"p{i:02d}")
    G2 = nx.relabel_nodes(make(30, 0.12, seed=int(rng.integers(1 << 30)), directed=directed),
                          lambda i: f"p{i + 5:02d}")
    # make the second wave resemble the first: keep half of the first wave's ties among the overlap
    for u, v in list(G1.edges()):
        if u in G2 and v in G2 and rng.random() < 0.5:
            G2.add_edge(u, v)
    for G in (G1, G2):
        for v in G:
            G.nodes[v]["organisation"] = "ABC"[int(v[1:]) % 3]
    return G1, G2


def _matrices(G1, G2):
    people = sorted(set(G1) & set(G2))
    A = nx.to_numpy_array(G1, nodelist=people)
    B = nx.to_numpy_array(G2, nodelist=people)
    return people, A, B


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("directed", [True, False], ids=["directed", "undirected"])
def test_table_equals_numpy_on_random_graphs(seed, directed):
    G1, G2 = _random_pair(seed, directed)
    people, A, B = _matrices(G1, G2)
    m = len(people)
    cells = ~np.eye(m, dtype=bool) if directed else np.triu(np.ones((m, m), dtype=bool), 1)
    a, b = A[cells] > 0, B[cells] > 0
    expected = {"overlap": m, "joined": len(set(G2) - set(G1)), "left": len(set(G1) - set(G2)),
                "n00": int(np.sum(~a & ~b)), "n01": int(np.sum(~a & b)), "n10": int(np.sum(a & ~b)),
                "n11": int(np.sum(a & b)),
                # sna::hdist: the sum of |A - B| over the cells compared
                "hamming": int(np.abs(A[cells] - B[cells]).sum())}
    row = wave_change(G1, G2)
    assert _counts(row) == expected
    assert row["jaccard"] == pytest.approx(np.sum(a & b) / np.sum(a | b))
    assert row["persisting"] == pytest.approx(np.sum(a & b) / np.sum(a))


@pytest.mark.parametrize("directed", [True, False], ids=["directed", "undirected"])
def test_qap_r_is_pearson_over_the_off_diagonal_cells(directed):
    G1, G2 = _random_pair(7, directed)
    _, A, B = _matrices(G1, G2)
    mask = ~np.eye(len(A), dtype=bool)
    res = wave_qap(G1, G2, permutations=50, seed=3)
    assert res.statistic == pytest.approx(np.corrcoef(A[mask], B[mask])[0, 1])
    # the phi coefficient of the tie-change table (ordered pairs; an undirected table counts each pair once,
    # and phi does not change when every cell is doubled)
    row = wave_change(G1, G2)
    n00, n01, n10, n11 = (row[k] for k in ("n00", "n01", "n10", "n11"))
    phi = (n00 * n11 - n01 * n10) / math.sqrt((n00 + n01) * (n10 + n11) * (n00 + n10) * (n01 + n11))
    assert res.statistic == pytest.approx(phi)
    assert res.p_greater < 0.05        # the second wave was built from the first


def test_qap_needs_three_people_and_ties():
    with pytest.raises(ParameterError, match="at least 3 people"):
        wave_qap(_digraph([("a", "b")]), _digraph([("a", "b"), ("c", "a")]))
    with pytest.raises(ParameterError, match="same value"):
        wave_qap(_digraph([], nodes="abc"), _digraph([("a", "b")], nodes="abc"))


# ----------------------------------------------------------------------------- compare_waves


@pytest.fixture(scope="module")
def random_comparison():
    G1, G2 = _random_pair(11, True)
    G1.graph["wave"], G2.graph["wave"] = "2019", "2021"
    return G1, G2, compare_waves(G1, G2, permutations=200, seed=4)


def test_comparison_against_independent_computations(random_comparison):
    G1, G2, w = random_comparison
    assert isinstance(w, WaveComparison) and w.waves == ("2019", "2021")
    assert w.change.equals(wave_change(G1, G2))
    people, A, B = _matrices(G1, G2)
    mask = ~np.eye(len(A), dtype=bool)
    assert w.qap.statistic == pytest.approx(np.corrcoef(A[mask], B[mask])[0, 1])
    assert (w.qap.permutations, w.qap.seed) == (200, 4)
    # Spearman over the people in both waves, each measure in its wave's whole network (networkx here)
    both = [v for v in G1 if v in G2]
    indeg = spearmanr([G1.in_degree(v) for v in both], [G2.in_degree(v) for v in both]).statistic
    b1, b2 = nx.betweenness_centrality(G1, normalized=False), nx.betweenness_centrality(G2, normalized=False)
    btw = spearmanr([b1[v] for v in both], [b2[v] for v in both]).statistic
    assert list(w.node_stability.index) == ["in_degree", "betweenness"]
    assert w.node_stability.loc["in_degree", "rho"] == pytest.approx(indeg)
    assert w.node_stability.loc["betweenness", "rho"] == pytest.approx(btw)
    assert (w.node_stability["people"] == len(both)).all()


def test_profiles_are_each_waves_whole_network(random_comparison):
    G1, G2, w = random_comparison
    assert list(w.profiles.columns) == ["before", "after", "difference"]
    for col, G in (("before", G1), ("after", G2)):
        whole = whole_network(G)
        assert w.profiles.loc[list(whole.index), col].to_numpy() == pytest.approx(whole.to_numpy(), nan_ok=True)
        cp = core_periphery(G, seed=4)
        assert w.profiles.loc["core_fit", col] == pytest.approx(cp.fit)
        assert w.profiles.loc["core_size", col] == cp.core.sum()
    assert w.profiles["difference"].to_numpy() == pytest.approx(
        (w.profiles["after"] - w.profiles["before"]).to_numpy(), nan_ok=True)
    assert w.profiles.loc["n", "before"] == 30 and w.profiles.loc["n", "after"] == 30


def test_core_movers_follow_each_waves_model(random_comparison):
    G1, G2, w = random_comparison
    c1 = set(core_periphery(G1, seed=4).core_members)
    c2 = set(core_periphery(G2, seed=4).core_members)
    by = {m: set(w.core.index[w.core["movement"] == m]) for m in ("stayed", "joined", "left")}
    assert by == {"stayed": c1 & c2, "joined": c2 - c1, "left": c1 - c2}
    assert w.core.index.name == "person_id"
    assert list(w.core.columns) == ["before", "after", "movement", "organisation"]
    order = {"stayed": 0, "joined": 1, "left": 2}
    assert list(w.core["movement"].map(order)) == sorted(w.core["movement"].map(order))
    for v, r in w.core.iterrows():
        assert r["before"] == ("absent" if v not in G1 else "core" if v in c1 else "periphery")
        assert r["after"] == ("absent" if v not in G2 else "core" if v in c2 else "periphery")


def test_organisations_are_block_densities(random_comparison):
    G1, G2, w = random_comparison
    d1, d2 = block_density(G1), block_density(G2)
    t = w.organisations
    assert list(t.index.names) == ["from", "to"] and len(t) == 9
    for (g, h), r in t.iterrows():
        assert r["before"] == pytest.approx(d1.at[g, h]) and r["after"] == pytest.approx(d2.at[g, h])
        assert r["difference"] == pytest.approx(d2.at[g, h] - d1.at[g, h])
        assert r["change"] == ("closer" if r["difference"] > 0 else "apart" if r["difference"] < 0 else "same")
    size = t["difference"].abs().to_numpy()
    assert (np.diff(size) <= 1e-12).all()            # the largest changes first


def test_small_comparison_by_hand():
    # organisations A = {a1, a2}, B = {b1, b2}; c1 (organisation C) joins in the second wave
    before = _digraph([("a1", "a2"), ("a2", "a1"), ("a1", "b1"), ("b1", "b2"), ("b2", "a2")])
    after = _digraph([("a1", "a2"), ("a2", "a1"), ("b1", "b2"), ("b2", "b1"), ("c1", "a1")])
    for G in (before, after):
        nx.set_node_attributes(G, {v: v[0].upper() for v in G}, "organisation")
    w = compare_waves(before, after, permutations=50)
    # among a1, a2, b1, b2: n11 = {a1a2, a2a1, b1b2}, n10 = {a1b1, b2a2}, n01 = {b2b1}, n00 = 12 - 6 = 6
    assert w.change[["n00", "n01", "n10", "n11"]].tolist() == [6, 1, 2, 3]
    assert w.waves == ("before", "after")
    # block densities: B->B 1/2 -> 2/2; A->B 1/4 -> 0; B->A 1/4 -> 0; A->A 2/2 -> 2/2;
    # C exists only in the second wave: C->A 1/(1 x 2) after, nothing before
    t = w.organisations
    assert t.loc[("B", "B"), ["before", "after", "difference", "change"]].tolist() == [0.5, 1.0, 0.5, "closer"]
    assert t.loc[("A", "B"), ["ties_before", "ties_after", "difference", "change"]].tolist() == [1, 0, -0.25,
                                                                                                 "apart"]
    assert t.loc[("A", "A"), "change"] == "same"
    assert math.isnan(t.loc[("C", "A"), "before"]) and t.loc[("C", "A"), "after"] == 0.5
    assert t.loc[("C", "A"), "change"] == ""
    assert list(t.index[:3]) == [("B", "B"), ("A", "B"), ("B", "A")]
    # phi of the table: (6 x 3 - 1 x 2) / sqrt(7 x 5 x 8 x 4)
    assert w.qap.statistic == pytest.approx(16 / math.sqrt(7 * 5 * 8 * 4))


def test_undirected_comparison():
    G1, G2 = _random_pair(5, False)
    w = compare_waves(G1, G2, permutations=20)
    assert list(w.node_stability.index) == ["degree", "betweenness"]
    both = [v for v in G1 if v in G2]
    assert w.node_stability.loc["degree", "rho"] == pytest.approx(
        spearmanr([G1.degree(v) for v in both], [G2.degree(v) for v in both]).statistic)
    assert list(w.organisations.index.names) == ["between", "and"] and len(w.organisations) == 6
    assert "reciprocity_dyad" not in w.profiles.index


def test_comparison_is_seeded():
    G1, G2 = _random_pair(13, True)
    a = compare_waves(G1, G2, permutations=100, seed=2)
    b = compare_waves(G1, G2, permutations=100, seed=2)
    assert a.qap == b.qap
    pd.testing.assert_frame_equal(a.core, b.core)
    pd.testing.assert_frame_equal(a.profiles, b.profiles)
    assert compare_waves(G1, G2, permutations=100, seed=3).qap.expected != a.qap.expected


def test_comparison_of_tiny_or_empty_waves():
    # two people in both waves: no QAP, no rank correlation, no core model; the table still counts
    before, after = _digraph([("a", "b")]), _digraph([("a", "b"), ("b", "a")])
    for G in (before, after):
        nx.set_node_attributes(G, "A", "organisation")
    w = compare_waves(before, after, permutations=10)
    assert w.qap is None
    assert w.node_stability["rho"].isna().all()
    assert w.core.empty and math.isnan(w.profiles.loc["core_fit", "before"])
    assert w.change["n01"] == 1
    assert compare_waves(before, after, partition=None, permutations=10).organisations.empty
    with pytest.raises(ParameterError, match="permutations"):
        compare_waves(before, after, permutations=0)
    with pytest.raises(ParameterError, match="partition"):
        compare_waves(before, after, partition="org_type")
    assert "jaccard=0.5000" in repr(w) and "qap_r=n/a" in repr(w)


def test_core_movement_is_unknown_where_a_wave_has_no_model():
    # a clique of four with one contact each (the core_periphery example), then a wave without ties
    before = nx.complete_graph(["c1", "c2", "c3", "c4"], create_using=nx.DiGraph)
    before.add_edges_from([("c1", "p1"), ("c2", "p2"), ("c3", "p3"), ("c4", "p4")])
    after = _digraph([], nodes=list(before))
    for G in (before, after):
        nx.set_node_attributes(G, "A", "organisation")
    w = compare_waves(before, after, permutations=10)
    assert list(w.core.index) == ["c1", "c2", "c3", "c4"]
    assert (w.core["before"] == "core").all()
    assert w.core["after"].isna().all() and w.core["movement"].isna().all()
    assert w.qap is None                          # no tie in the later wave: no correlation
    assert w.change["n10"] == 16 and w.change["jaccard"] == 0.0


# ----------------------------------------------------------------------------- the effectiveness profile

# A two-wave case (the example case's people plus p5). w1: p5 absent, p4 did not answer; w2: p3 absent,
# p2 did not answer (people.csv: p4 responded = no, the default for every wave; responses.csv the rest).
WAVE_PEOPLE = (
    "person_id,name,organisation,role,directorate,seniority,responded,consent_named\n"
    "p1,Ada Quintrell,Northvale District Council,officer,ICT,senior,yes,yes\n"
    "p2,Bram Okonjo,Northvale District Council,officer,citizen-facing,middle,yes,no\n"
    "p3,Cerys Vantongeren,Eastmarsh County Council,councillor,none,senior,yes,yes\n"
    "p4,Dov Haraldsen,Eastmarsh County Council,officer,back-office,junior,no,yes\n"
    "p5,Elin Marchetti,Northvale District Council,officer,ICT,middle,yes,yes\n")
WAVE_RESPONSES = "person_id,wave,responded\np5,w1,absent\np5,w2,yes\np3,w2,absent\np4,w2,yes\np2,w2,no\n"
WAVE_TIES = ("respondent,alter,relation,frequency,wave\n"
             "p1,p2,egov_contact,3,w1\np2,p3,egov_contact,2,w1\np1,p4,egov_contact,4,w1\np3,p1,egov_contact,1,w1\n"
             "p1,p2,egov_contact,4,w2\np4,p1,egov_contact,2,w2\np5,p2,egov_contact,3,w2\np1,p5,egov_contact,5,w2\n")


@pytest.fixture
def two_waves(make_case):
    folder = make_case("waves", drop=["segments.csv"], people=WAVE_PEOPLE, ties=WAVE_TIES,
                       responses=WAVE_RESPONSES)
    meta = folder / "case.yaml"
    meta.write_text(meta.read_text(encoding="utf-8")
                    + "waves:\n  - {id: w1, survey_date: 2006-11-14}\n  - {id: w2, survey_date: 2008-03-02}\n",
                    encoding="utf-8")
    import partnet

    return partnet.load_case(folder)


def test_profile_gains_change_indicators_with_waves(two_waves):
    from partnet import mixed

    case = two_waves
    assert case.waves == ["w1", "w2"]
    # keep: w1 has p1-p4, w2 has p1, p2, p4, p5; in both: p1, p2, p4 (6 ordered dyads)
    # w1 ties among them: p1->p2, p1->p4; w2: p1->p2, p4->p1
    # n11 = 1 (p1p2), n10 = 1 (p1p4), n01 = 1 (p4p1), n00 = 3
    # Jaccard 1/3; persisting 1/2; QAP r = phi = (3 x 1 - 1 x 1) / sqrt(4 x 2 x 4 x 2) = 0.25
    ind = mixed.indicators(case)
    stab = ind.loc["system stability"]
    assert stab["wave_jaccard"] == pytest.approx(1 / 3)
    assert stab["wave_persisting_share"] == pytest.approx(0.5)
    assert stab["wave_qap"] == pytest.approx(0.25)
    assert stab["wave_overlap"] == 3
    assert list(stab.index[:7]) == ["organisations", "org_size_cv", "org_size_ratio", *mixed.CHANGE_INDICATORS]
    p = mixed.effectiveness_profile(case)
    rows = p[(p["dimension"] == "system stability") & (p["evidence"] == "indicator")].set_index("item")
    shown = {label: rows.loc[label, "shown"] for _, label, _ in mixed.CHANGE_INDICATORS.values()}
    assert list(shown.values()) == ["0.333", "50%", "0.250", "3"]
    assert rows.loc["QAP correlation, first and last wave", "detail"] == mixed.CHANGE_INDICATORS["wave_qap"][2]
    assert len(p[p["evidence"] == "indicator"]) == len(mixed.INDICATORS) + len(mixed.CHANGE_INDICATORS)


def test_change_indicators_follow_the_graphs_options(two_waves):
    from partnet import mixed

    # drop: w1 keeps p1, p2, p3 (p4 did not answer), w2 p1, p4, p5 (p2 did not): only p1 is in both
    stab = mixed.indicators(two_waves, two_waves.graph(nonrespondents="drop")).loc["system stability"]
    assert stab["wave_overlap"] == 1
    assert math.isnan(stab["wave_jaccard"]) and math.isnan(stab["wave_qap"])


def test_a_case_without_waves_has_no_change_rows(two_waves, make_case):
    import partnet
    from partnet import mixed

    plain = partnet.load_case(make_case("plain"))
    assert plain.waves == []
    ind = mixed.indicators(plain)
    assert not set(mixed.CHANGE_INDICATORS) & set(ind.index.get_level_values(1))
    assert set(mixed.CHANGE_INDICATORS).isdisjoint(ind.index.levels[1].categories)
    p = mixed.effectiveness_profile(plain)
    assert len(p[p["evidence"] == "indicator"]) == len(mixed.INDICATORS)
    x = mixed.cross_case_profile([two_waves, plain])
    rows = x.loc[[("system stability", k) for k in mixed.CHANGE_INDICATORS]]
    assert rows["plain"].isna().all() and rows["waves"].notna().all()
    assert list(rows["definition"]) == [d for _, _, d in mixed.CHANGE_INDICATORS.values()]


def test_methods_page_has_the_section():
    from pathlib import Path

    page = (Path(__file__).parents[1] / "docs" / "methods.md").read_text(encoding="utf-8")
    section = " ".join(page.split("## 9. Change between waves", 1)[1].split("## References", 1)[0].split())
    for text in ("*J = n11 / (n01 + n10 + n11)*", "*n11 / (n10 + n11)*", "*n01 + n10*", ".3 or more",
                 "under .2", "Krackhardt 1987", "Spearman's (1904)", "Borgatti & Everett 1999"):
        assert text in section, text

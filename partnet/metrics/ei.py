"""Krackhardt and Stern's E-I index: ties outside versus inside one's group."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from partnet.errors import ParameterError, check_choice
from partnet.metrics._graph import graph_data, partition_codes
from partnet.metrics._kernels import ei_ratio, individual_ei

__all__ = ["EIResult", "ei_index"]

_BATCH = 256


@dataclass(frozen=True)
class EIResult:
    """E-I index of a partition at three levels.

    Attributes
    ----------
    whole : pandas.Series
        ``internal``, ``external`` (tie counts), ``ei``, ``ei_max`` and
        ``ei_min`` (the range possible for this many ties and these group
        sizes), ``rescaled`` (``ei`` mapped so that range is -1..1), and the
        permutation test: ``expected`` (mean E-I over random relabellings),
        ``sd``, ``p_greater`` (share of relabellings with E-I >= the
        observed), ``p_less`` (<=), ``permutations``, ``seed``.
    groups : pandas.DataFrame
        One row per group: ``size``, ``internal``, ``external``, ``ei``.
    individuals : pandas.DataFrame
        One row per person (indexed by ``person_id``): ``group``,
        ``internal``, ``external``, ``ei``.
    """

    whole: pd.Series
    groups: pd.DataFrame
    individuals: pd.DataFrame

    def __repr__(self) -> str:
        w = self.whole
        return (f"EIResult(ei={w['ei']:.4f}, rescaled={w['rescaled']:.4f}, "
                f"p_greater={w['p_greater']:.4f}, p_less={w['p_less']:.4f}, "
                f"groups={len(self.groups)}, individuals={len(self.individuals)})")


def ei_index(G, partition="organisation", *, direction: str = "all", permutations: int = 10000,
             seed: int = 0) -> EIResult:
    """E-I index of the whole network, of each group and of each person.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network; tie values are ignored (a tie is a tie).
    partition : str or mapping, default "organisation"
        Node attribute naming each person's group, or a mapping node -> group.
    direction : {"all", "out", "in"}, default "all"
        Which ties of a group or person count: sent and received (``all``),
        sent only (``out``, what a respondent reported), or received only.
        The whole-network index counts every tie once either way. Ignored
        for an undirected graph.
    permutations : int, default 10000
        Random relabellings for the permutation test (UCINET's default);
        0 skips the test (its fields are then ``nan``).
    seed : int, default 0
        Seed of the relabellings; the same seed gives the same p-values.

    Returns
    -------
    EIResult
        ``.whole`` (Series), ``.groups`` and ``.individuals`` (DataFrames);
        see :class:`EIResult`. E-I is ``nan`` where there are no ties to
        count (an isolate, a group without ties); ``rescaled`` is ``nan``
        when the possible range is a single value (e.g. one group).

    Raises
    ------
    ParameterError
        An unknown direction, a negative number of permutations, or a
        partition attribute no node carries.
    GraphError
        Nodes without a group.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a1", "a2"), ("a2", "a3"), ("a3", "b1"), ("b1", "b2")])
    >>> nx.set_node_attributes(G, {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B"}, "organisation")
    >>> res = ei_index(G, permutations=1000, seed=1)
    >>> res.whole[["internal", "external", "ei", "ei_max", "ei_min"]].to_dict()
    {'internal': 3.0, 'external': 1.0, 'ei': -0.5, 'ei_max': 1.0, 'ei_min': -1.0}
    >>> res.groups
                  size  internal  external        ei
    organisation
    A                3       2.0       1.0 -0.333333
    B                2       1.0       1.0  0.000000
    >>> res.individuals.loc[["a3", "b1"], "ei"].to_dict()
    {'a3': 0.0, 'b1': 0.0}

    Notes
    -----
    Krackhardt & Stern (1988): E-I = (E - I) / (E + I) with E the ties
    between groups and I those within, from -1 (all ties inside groups) to
    +1 (all outside), as UCINET's Network > Cohesion > E-I Index. A group's
    E counts ties with one end in the group, I ties with both; a person's E
    and I count their own ties. Group sizes and density limit the range:
    with T ties, P_E possible external and P_I possible internal pairs,
    the largest E-I is reached with min(T, P_E) ties outside and the
    smallest with min(T, P_I) inside; ``rescaled`` = 2 (ei - ei_min) /
    (ei_max - ei_min) - 1 places the observed value in that range. The
    permutation test relabels people at random, keeping group sizes and
    the network fixed, and reports the share of relabellings at least as
    extreme (UCINET's convention: no +1 correction). Counts for an
    undirected graph are edges; for a digraph, arcs.

    References
    ----------
    .. [1] Krackhardt, D. & Stern, R. N. (1988). Informal networks and
       organizational crises: an experimental simulation. Social
       Psychology Quarterly 51, 123-140.
    .. [2] Everett, M. G. & Borgatti, S. P. (2012). Categorical attribute
       based centrality: E-I and G-F centrality. Social Networks 34,
       562-569.
    """
    check_choice(direction, ("all", "out", "in"), "direction")
    if isinstance(permutations, bool) or not isinstance(permutations, (int, np.integer)) or permutations < 0:
        raise ParameterError(f"permutations must be a whole number >= 0; {permutations!r} was given")
    gd = graph_data(G)
    codes, labels = partition_codes(G, gd.nodes, partition)
    name = partition if isinstance(partition, str) else "group"
    return EIResult(
        whole=_whole(gd, codes, permutations, seed),
        groups=_groups(gd, codes, labels, direction, name),
        individuals=individual_ei(gd, codes, labels, direction),
    )


def _whole(gd, codes, permutations, seed) -> pd.Series:
    n = gd.n
    per_edge = 1 if gd.directed else 2  # an undirected edge is two arcs
    same = codes[gd.src] == codes[gd.dst]
    internal = same.sum() / per_edge
    external = (~same).sum() / per_edge
    ties = internal + external
    ei = float(ei_ratio(external, internal))
    sizes = np.bincount(codes).astype(float)
    p_internal = float(np.sum(sizes * (sizes - 1))) / per_edge
    p_external = n * (n - 1) / per_edge - p_internal
    if ties > 0:
        e_max = min(ties, p_external)
        i_max = min(ties, p_internal)
        ei_max = float((e_max - (ties - e_max)) / ties)
        ei_min = float(((ties - i_max) - i_max) / ties)
    else:
        ei_max = ei_min = float("nan")
    rescaled = (2 * (ei - ei_min) / (ei_max - ei_min) - 1) if ties > 0 and ei_max > ei_min else float("nan")
    expected = sd = p_greater = p_less = float("nan")
    if permutations > 0 and ties > 0:
        sims = _permuted_ei(gd, codes, permutations, seed)
        expected, sd = float(sims.mean()), float(sims.std(ddof=0))
        tol = 1e-12
        p_greater = float(np.mean(sims >= ei - tol))
        p_less = float(np.mean(sims <= ei + tol))
    return pd.Series({
        "internal": float(internal), "external": float(external), "ei": ei,
        "ei_max": ei_max, "ei_min": ei_min, "rescaled": float(rescaled),
        "expected": expected, "sd": sd, "p_greater": p_greater, "p_less": p_less,
        "permutations": float(permutations), "seed": float(seed),
    }, name="whole")


def _permuted_ei(gd, codes, permutations, seed) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty(permutations)
    done = 0
    while done < permutations:
        k = min(_BATCH, permutations - done)
        labels = rng.permuted(np.broadcast_to(codes, (k, codes.size)), axis=1)
        same = labels[:, gd.src] == labels[:, gd.dst]
        internal = same.sum(axis=1)
        out[done:done + k] = (gd.arcs - 2 * internal) / gd.arcs
        done += k
    return out


def _groups(gd, codes, labels, direction, name) -> pd.DataFrame:
    k = len(labels)
    cs, cd = codes[gd.src], codes[gd.dst]
    same = cs == cd
    internal = np.bincount(cs[same], minlength=k).astype(float)
    out_ext = np.bincount(cs[~same], minlength=k).astype(float)
    in_ext = np.bincount(cd[~same], minlength=k).astype(float)
    if not gd.directed:
        internal /= 2
        external = out_ext
    elif direction == "out":
        external = out_ext
    elif direction == "in":
        external = in_ext
    else:
        external = out_ext + in_ext
    table = pd.DataFrame({
        "size": np.bincount(codes, minlength=k),
        "internal": internal,
        "external": external,
        "ei": ei_ratio(external, internal),
    }, index=pd.Index(labels, name=name))
    return table

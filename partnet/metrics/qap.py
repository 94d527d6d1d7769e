"""QAP: correlation and regression between networks, with seeded permutation tests.

Networks (and matrices made from attributes, such as "same organisation")
are compared cell by cell over the off-diagonal cells. Because cells of a
network are not independent, significance comes from the quadratic
assignment procedure: rows and columns of one matrix are permuted together,
which keeps its structure while breaking its alignment with the other.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from partnet.errors import ParameterError, check_choice
from partnet.metrics._graph import graph_data, node_index, partition_codes

__all__ = [
    "QAPResult",
    "QAPRegressionResult",
    "adjacency_matrix",
    "same_attribute_matrix",
    "qap_correlation",
    "qap_regression",
]


def adjacency_matrix(G, weight: str | None = None, nodes=None) -> pd.DataFrame:
    """The network as a square matrix (rows send, columns receive).

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network (an undirected graph gives a symmetric matrix).
    weight : str, optional
        Edge attribute of tie values; 1 for every tie when omitted.
    nodes : sequence, optional
        Row and column order; default the order of ``G``.

    Returns
    -------
    pandas.DataFrame
        Float matrix labelled by node; the diagonal is 0.

    Examples
    --------
    >>> import networkx as nx
    >>> adjacency_matrix(nx.DiGraph([("a", "b"), ("b", "c")]))
         a    b    c
    a  0.0  1.0  0.0
    b  0.0  0.0  1.0
    c  0.0  0.0  0.0

    Notes
    -----
    Self-loops are dropped: UCINET leaves the diagonal out of QAP.
    """
    gd = graph_data(G, weight)
    order = list(gd.nodes) if nodes is None else list(nodes)
    if sorted(map(repr, order)) != sorted(map(repr, gd.nodes)):
        raise ParameterError("nodes must list every node of the graph once")
    M = gd.W.toarray()
    pos = node_index(gd.nodes)
    idx = [pos[v] for v in order]
    M = M[np.ix_(idx, idx)]
    return pd.DataFrame(M, index=order, columns=order)


def same_attribute_matrix(G, attribute: str, nodes=None) -> pd.DataFrame:
    """1 where two people share an attribute value (e.g. the same organisation).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network whose node attribute is used.
    attribute : str
        Node attribute, e.g. ``"organisation"`` or ``"org_type"``.
    nodes : sequence, optional
        Row and column order; default the order of ``G``.

    Returns
    -------
    pandas.DataFrame
        Float 0/1 matrix labelled by node; the diagonal is 0.

    Raises
    ------
    ParameterError
        An attribute no node carries.
    GraphError
        Nodes without a value.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("a", {"organisation": "X"}), ("b", {"organisation": "X"}),
    ...                   ("c", {"organisation": "Y"})])
    >>> same_attribute_matrix(G, "organisation")
         a    b    c
    a  0.0  1.0  0.0
    b  1.0  0.0  0.0
    c  0.0  0.0  0.0

    Notes
    -----
    UCINET's Data > Attribute to Matrix with the "exact matches" option,
    the usual homophily predictor in QAP regression (Krackhardt 1988).
    """
    gd = graph_data(G)
    order = list(gd.nodes) if nodes is None else list(nodes)
    codes, _ = partition_codes(G, order, attribute)
    M = (codes[:, None] == codes[None, :]).astype(float)
    np.fill_diagonal(M, 0.0)
    return pd.DataFrame(M, index=order, columns=order)


def _as_matrices(items, what: str):
    """Square float matrices aligned on the labels of the first labelled input."""
    labels = None
    for item in items:
        if isinstance(item, nx.Graph):
            labels = list(item)
            break
        if isinstance(item, pd.DataFrame):
            labels = list(item.index)
            break
    out = []
    for item in items:
        if isinstance(item, nx.Graph):
            M = adjacency_matrix(item)
        elif isinstance(item, pd.DataFrame):
            M = item
        else:
            try:
                M = np.asarray(item, dtype=float)
            except (TypeError, ValueError):
                raise ParameterError(f"{what} must be networks, DataFrames or numeric arrays; "
                                     f"a {type(item).__name__} was given") from None
        if isinstance(M, pd.DataFrame):
            if list(M.index) != list(M.columns):
                raise ParameterError(f"{what}: a matrix must have the same labels on rows and columns")
            if labels is not None:
                if set(map(repr, M.index)) != set(map(repr, labels)) or len(M.index) != len(labels):
                    raise ParameterError(f"{what} must be about the same people; one has "
                                         f"{len(M.index)} labels that do not match the {len(labels)} of the first")
                M = M.loc[labels, labels]
            M = M.to_numpy(dtype=float)
        if M.ndim != 2 or M.shape[0] != M.shape[1]:
            raise ParameterError(f"{what} must be square matrices; one of shape {M.shape} was given")
        out.append(M.copy())
    sizes = {M.shape[0] for M in out}
    if len(sizes) != 1:
        raise ParameterError(f"{what} must all be the same size; sizes {sorted(sizes)} were given")
    n = out[0].shape[0]
    if n < 3:
        raise ParameterError(f"QAP needs at least 3 people; the matrices are {n} x {n}")
    return out


def _check_permutations(permutations):
    if isinstance(permutations, bool) or not isinstance(permutations, (int, np.integer)) or permutations < 1:
        raise ParameterError(f"permutations must be a whole number >= 1; {permutations!r} was given")


def _offdiag(n):
    i, j = np.nonzero(~np.eye(n, dtype=bool))
    return i, j


def _check_cells(values: np.ndarray, name: str) -> None:
    """Off-diagonal cells must be finite numbers that vary, or no correlation exists."""
    bad = int(np.count_nonzero(~np.isfinite(values)))
    if bad:
        raise ParameterError(f"{name} must hold a finite number in every off-diagonal cell; "
                             f"{bad} cell(s) are missing or infinite")
    if values.size and np.ptp(values) == 0:
        raise ParameterError(f"{name} has the same value ({values[0]:g}) in every off-diagonal cell "
                             "(a network without ties?); QAP needs a matrix whose cells vary")


def _corr(x, y):
    x = x - x.mean()
    y = y - y.mean()
    den = np.sqrt((x * x).sum() * (y * y).sum())
    return float((x * y).sum() / den) if den > 0 else float("nan")


@dataclass(frozen=True)
class QAPResult:
    """A QAP correlation and its permutation test.

    Attributes
    ----------
    statistic : float
        Pearson correlation over the off-diagonal cells.
    p_greater, p_less, p_two_sided : float
        Share of permutations with r >= observed, <= observed, and
        |r| >= |observed|.
    expected, sd, minimum, maximum : float
        Mean, standard deviation and range of the permuted correlations.
    permutations, seed : int
        Test settings.
    """

    statistic: float
    p_greater: float
    p_less: float
    p_two_sided: float
    expected: float
    sd: float
    minimum: float
    maximum: float
    permutations: int
    seed: int

    def __repr__(self) -> str:
        return (f"QAPResult(r={self.statistic:.4f}, p_greater={self.p_greater:.4f}, "
                f"p_less={self.p_less:.4f}, permutations={self.permutations})")


def qap_correlation(x, y, *, permutations: int = 2000, seed: int = 0) -> QAPResult:
    """QAP correlation between two networks or relational matrices.

    Parameters
    ----------
    x, y : networkx graph, pandas.DataFrame or array
        Square matrices about the same people (a graph becomes its binary
        adjacency matrix; use :func:`adjacency_matrix` for valued ties).
        Labelled inputs are aligned on the labels of the first.
    permutations : int, default 2000
        Number of joint row-and-column permutations of ``y``.
    seed : int, default 0
        Seed of the permutations.

    Returns
    -------
    QAPResult
        The correlation and its permutation p-values.

    Raises
    ------
    ParameterError
        Matrices that are not square, differ in size or labels, have fewer
        than 3 rows, hold a missing value off the diagonal, or have the same
        value in every off-diagonal cell (the correlation is undefined, e.g.
        for a network without ties); or a bad number of permutations.

    Examples
    --------
    Zachary's karate club: the strength of ties against the number of
    friends two members share (the row cross-product of the binary
    network):

    >>> import networkx as nx
    >>> K = nx.karate_club_graph()
    >>> strength = adjacency_matrix(K, weight="weight")
    >>> A = adjacency_matrix(K)
    >>> res = qap_correlation(strength, A @ A.T, permutations=500, seed=3)
    >>> round(res.statistic, 4), res.p_greater
    (0.3659, 0.0)

    Notes
    -----
    Krackhardt (1988), UCINET's Tools > Testing Hypotheses > Dyadic (QAP)
    > QAP Correlation: Pearson's r over cells i != j (diagonal excluded);
    p-values are the share of permutations at least as extreme as the
    observed value, without a +1 correction, as UCINET reports them.

    References
    ----------
    .. [1] Krackhardt, D. (1988). Predicting with networks: nonparametric
       multiple regression analysis of dyadic data. Social Networks 10,
       359-381.
    .. [2] Borgatti, S. P., Everett, M. G. & Johnson, J. C. (2013).
       Analyzing Social Networks. Sage, chapter 8.
    """
    _check_permutations(permutations)
    X, Y = _as_matrices([x, y], "x and y")
    n = X.shape[0]
    i, j = _offdiag(n)
    xv = X[i, j]
    _check_cells(xv, "x")
    _check_cells(Y[i, j], "y")
    observed = _corr(xv, Y[i, j])
    rng = np.random.default_rng(seed)
    sims = np.empty(permutations)
    xc = xv - xv.mean()
    xnorm = np.sqrt((xc * xc).sum())
    for k in range(permutations):
        p = rng.permutation(n)
        yv = Y[p[i], p[j]]
        yc = yv - yv.mean()
        den = xnorm * np.sqrt((yc * yc).sum())
        sims[k] = (xc * yc).sum() / den if den > 0 else np.nan
    tol = 1e-12
    return QAPResult(
        statistic=observed,
        p_greater=float(np.mean(sims >= observed - tol)),
        p_less=float(np.mean(sims <= observed + tol)),
        p_two_sided=float(np.mean(np.abs(sims) >= abs(observed) - tol)),
        expected=float(np.nanmean(sims)),
        sd=float(np.nanstd(sims)),
        minimum=float(np.nanmin(sims)),
        maximum=float(np.nanmax(sims)),
        permutations=int(permutations),
        seed=seed,
    )


@dataclass(frozen=True)
class QAPRegressionResult:
    """A multiple regression QAP (MRQAP) fit.

    Attributes
    ----------
    coefficients : pandas.DataFrame
        One row per term (``intercept`` first): ``coef``, ``std_coef``
        (standardised beta), ``t``, and the permutation p-values
        ``p_greater``, ``p_less``, ``p_two_sided``.
    r2, adj_r2 : float
        R-squared and adjusted R-squared.
    p_r2 : float
        Share of Y-permutations with R-squared >= the observed.
    n_obs : int
        Number of dyads (off-diagonal cells).
    method : str
        ``"dsp"`` (double semi-partialling) or ``"y"`` (Y-permutation).
    permutations, seed : int
        Test settings.
    """

    coefficients: pd.DataFrame
    r2: float
    adj_r2: float
    p_r2: float
    n_obs: int
    method: str
    permutations: int
    seed: int

    def __repr__(self) -> str:
        return (f"QAPRegressionResult(r2={self.r2:.4f}, terms={list(self.coefficients.index)}, "
                f"method={self.method!r}, permutations={self.permutations})")


def _ols(design, yv):
    coef, *_ = np.linalg.lstsq(design, yv, rcond=None)
    resid = yv - design @ coef
    dof = design.shape[0] - design.shape[1]
    sigma2 = float(resid @ resid) / dof if dof > 0 else float("nan")
    xtx_inv = np.linalg.pinv(design.T @ design)
    se = np.sqrt(np.clip(np.diag(xtx_inv) * sigma2, 0, None))
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(se > 0, coef / np.where(se > 0, se, 1), np.nan)
    tss = float(((yv - yv.mean()) ** 2).sum())
    r2 = 1 - float(resid @ resid) / tss if tss > 0 else float("nan")
    return coef, t, r2


def qap_regression(y, x, *, permutations: int = 2000, seed: int = 0, method: str = "dsp") -> QAPRegressionResult:
    """Multiple regression QAP of one network on others.

    Parameters
    ----------
    y : networkx graph, pandas.DataFrame or array
        The dependent relation.
    x : dict, list or single matrix
        Predictors: a dict name -> matrix (names become the row labels), a
        list (named ``x1``, ``x2``, ...) or one matrix. Attribute-based
        predictors come from :func:`same_attribute_matrix`.
    permutations : int, default 2000
        Number of permutations.
    seed : int, default 0
        Seed of the permutations.
    method : {"dsp", "y"}, default "dsp"
        ``"dsp"``: Dekker, Krackhardt & Snijders' double semi-partialling,
        robust to correlated predictors (UCINET's MRQAP default);
        ``"y"``: permute the dependent matrix (Krackhardt 1988).

    Returns
    -------
    QAPRegressionResult
        Coefficients with p-values, R-squared and its p-value.

    Raises
    ------
    ParameterError
        Mismatched matrices, a matrix with a missing value off the diagonal,
        a dependent matrix or predictor whose off-diagonal cells are all
        equal, collinear predictors (their coefficients would not be
        identified), an unknown method or a bad number of permutations.

    Examples
    --------
    >>> import networkx as nx
    >>> K = nx.karate_club_graph()
    >>> A = adjacency_matrix(K)
    >>> res = qap_regression(adjacency_matrix(K, weight="weight"), {"shared": A @ A.T},
    ...                      permutations=200, seed=3)
    >>> res.coefficients.loc["shared", ["coef", "p_greater"]].round(4).to_dict()
    {'coef': 0.3811, 'p_greater': 0.0}
    >>> round(res.r2, 4)
    0.1339

    Notes
    -----
    Ordinary least squares over the off-diagonal cells with an intercept.
    Y-permutation (Krackhardt 1988) compares each coefficient with those
    from fits to the permuted dependent matrix. Double semi-partialling
    (Dekker et al. 2007) regresses each predictor on the others, permutes
    the residual matrix, and compares the predictor's t-value with the
    permuted t-values; the intercept has no DSP test (its p-values are
    ``nan``). ``p_r2`` always comes from Y-permutation.

    References
    ----------
    .. [1] Krackhardt, D. (1988). Predicting with networks: nonparametric
       multiple regression analysis of dyadic data. Social Networks 10,
       359-381.
    .. [2] Dekker, D., Krackhardt, D. & Snijders, T. A. B. (2007).
       Sensitivity of MRQAP tests to collinearity and autocorrelation
       conditions. Psychometrika 72, 563-581.
    """
    _check_permutations(permutations)
    check_choice(method, ("dsp", "y"), "method")
    if isinstance(x, dict):
        names, items = list(map(str, x)), list(x.values())
    elif isinstance(x, (list, tuple)):
        names, items = [f"x{k + 1}" for k in range(len(x))], list(x)
    else:
        names, items = ["x1"], [x]
    if not items:
        raise ParameterError("qap_regression needs at least one predictor")
    mats = _as_matrices([y, *items], "y and x")
    n = mats[0].shape[0]
    i, j = _offdiag(n)
    yv = mats[0][i, j]
    _check_cells(yv, "y")
    xs = [M[i, j] for M in mats[1:]]
    for name, xv in zip(names, xs):
        _check_cells(xv, f"predictor {name!r}")
    design = np.column_stack([np.ones(yv.size), *xs])
    if np.linalg.matrix_rank(design) < design.shape[1]:
        raise ParameterError(f"the predictors {', '.join(map(repr, names))} are collinear (one is a "
                             "linear combination of the others and the intercept); drop one of them")
    coef, t, r2 = _ols(design, yv)
    k = len(xs)
    n_obs = yv.size
    adj = 1 - (1 - r2) * (n_obs - 1) / (n_obs - k - 1) if n_obs - k - 1 > 0 else float("nan")
    sd_y = yv.std()
    std_coef = np.array([np.nan] + [coef[m + 1] * xs[m].std() / sd_y if sd_y > 0 else np.nan
                                    for m in range(k)])
    rng = np.random.default_rng(seed)
    perm_r2 = np.empty(permutations)
    stat_obs = coef if method == "y" else t
    sims = np.full((permutations, k + 1), np.nan)
    pinv = np.linalg.pinv(design)
    tss_y = float(((yv - yv.mean()) ** 2).sum())
    residualised = []
    if method == "dsp":
        for m in range(k):
            others = np.delete(design, m + 1, axis=1)
            beta, *_ = np.linalg.lstsq(others, xs[m], rcond=None)
            R = np.zeros((n, n))
            R[i, j] = xs[m] - others @ beta
            residualised.append((others, R))
    for s in range(permutations):
        p = rng.permutation(n)
        yp = mats[0][p[i], p[j]]
        b = pinv @ yp
        resid = yp - design @ b
        perm_r2[s] = 1 - float(resid @ resid) / tss_y if tss_y > 0 else np.nan
        if method == "y":
            sims[s] = b
        else:
            for m, (others, R) in enumerate(residualised):
                d = np.column_stack([others, R[p[i], p[j]]])
                _, tp, _ = _ols(d, yv)
                sims[s, m + 1] = tp[-1]
    tol = 1e-12
    p_greater = np.mean(sims >= stat_obs - tol, axis=0)
    p_less = np.mean(sims <= stat_obs + tol, axis=0)
    p_two = np.mean(np.abs(sims) >= np.abs(stat_obs) - tol, axis=0)
    if method == "dsp":
        p_greater[0] = p_less[0] = p_two[0] = np.nan
    table = pd.DataFrame({
        "coef": coef, "std_coef": std_coef, "t": t,
        "p_greater": p_greater, "p_less": p_less, "p_two_sided": p_two,
    }, index=pd.Index(["intercept", *names], name="term"))
    return QAPRegressionResult(
        coefficients=table, r2=float(r2), adj_r2=float(adj),
        p_r2=float(np.mean(perm_r2 >= r2 - tol)), n_obs=int(n_obs), method=method,
        permutations=int(permutations), seed=seed,
    )

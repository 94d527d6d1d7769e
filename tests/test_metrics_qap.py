"""QAP correlation and regression: the published karate club value and plain references."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from partnet.errors import ParameterError
from partnet.metrics import (
    adjacency_matrix,
    qap_correlation,
    qap_regression,
    same_attribute_matrix,
)


@pytest.fixture(scope="module")
def karate():
    K = nx.karate_club_graph()
    A = adjacency_matrix(K)
    W = adjacency_matrix(K, weight="weight")
    return K, A, W


def test_karate_qap_correlation_as_published(karate):
    """Borgatti, Everett & Johnson, Analyzing Social Networks (ch. 8): r = 0.3659.

    The published value pairs the valued network (ZACHC, networkx's edge
    attribute 'weight') with the row cross-product of the binary one (ZACHE,
    the number of friends two members share), diagonal excluded.
    """
    K, A, W = karate
    res = qap_correlation(W, A @ A.T, permutations=1000, seed=1)
    assert round(res.statistic, 4) == 0.3659
    assert res.p_greater < 0.001
    assert res.p_less > 0.99
    assert abs(res.expected) < 0.05


def test_correlation_equals_pearson_over_off_diagonal_cells(karate):
    K, A, W = karate
    X, Y = W.to_numpy(), (W @ W.T).to_numpy()
    mask = ~np.eye(len(X), dtype=bool)
    res = qap_correlation(X, Y, permutations=10)
    assert res.statistic == pytest.approx(np.corrcoef(X[mask], Y[mask])[0, 1])
    assert qap_correlation(Y, X, permutations=10).statistic == pytest.approx(res.statistic)


def test_seeded_and_repeatable(karate):
    K, A, W = karate
    a = qap_correlation(A, W, permutations=300, seed=5)
    b = qap_correlation(A, W, permutations=300, seed=5)
    c = qap_correlation(A, W, permutations=300, seed=6)
    assert a == b
    assert a.expected != c.expected


def test_labels_are_aligned(karate):
    K, A, W = karate
    order = list(reversed(list(K)))
    shuffled = W.loc[order, order]
    assert qap_correlation(A, shuffled, permutations=5).statistic == pytest.approx(
        qap_correlation(A, W, permutations=5).statistic)
    assert qap_correlation(K, shuffled, permutations=5).statistic == pytest.approx(
        qap_correlation(A, W, permutations=5).statistic)


def test_same_attribute_matrix_and_homophily(karate):
    K, A, W = karate
    same = same_attribute_matrix(K, "club")
    assert same.loc[0, 1] == 1.0 and same.loc[0, 33] == 0.0 and same.loc[0, 0] == 0.0
    res = qap_correlation(A, same, permutations=500, seed=2)
    assert res.statistic > 0.2 and res.p_greater < 0.01


def test_regression_coefficients_equal_least_squares(karate):
    K, A, W = karate
    same = same_attribute_matrix(K, "club")
    shared = A @ A.T
    res = qap_regression(W, {"same_club": same, "shared": shared}, permutations=100, seed=3, method="y")
    X = np.column_stack([np.ones(34 * 33)] + [M.to_numpy()[~np.eye(34, dtype=bool)] for M in (same, shared)])
    y = W.to_numpy()[~np.eye(34, dtype=bool)]
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    assert np.allclose(res.coefficients["coef"].to_numpy(), beta)
    fitted = X @ beta
    r2 = 1 - ((y - fitted) ** 2).sum() / ((y - y.mean()) ** 2).sum()
    assert res.r2 == pytest.approx(r2)
    assert list(res.coefficients.index) == ["intercept", "same_club", "shared"]
    assert res.n_obs == 34 * 33


def test_single_predictor_r2_is_the_squared_correlation(karate):
    K, A, W = karate
    res = qap_regression(W, A @ A.T, permutations=50, seed=1)
    assert res.r2 == pytest.approx(0.36590 ** 2, abs=1e-4)
    assert res.coefficients.loc["x1", "std_coef"] == pytest.approx(0.3659, abs=1e-4)


@pytest.mark.parametrize("method", ["dsp", "y"])
def test_regression_tests_separate_signal_from_noise(karate, method):
    K, A, W = karate
    rng = np.random.default_rng(0)
    noise = rng.random((34, 34))
    res = qap_regression(W, {"shared": A @ A.T, "noise": noise}, permutations=300, seed=4, method=method)
    table = res.coefficients
    assert table.loc["shared", "p_greater"] < 0.01
    assert table.loc["noise", "p_two_sided"] > 0.05
    assert res.p_r2 < 0.01
    if method == "dsp":
        assert np.isnan(table.loc["intercept", "p_greater"])


@pytest.mark.parametrize("x,y,match", [
    (np.zeros((3, 4)), np.zeros((3, 3)), "square"),
    (np.zeros((4, 4)), np.zeros((5, 5)), "same size"),
    (np.zeros((2, 2)), np.zeros((2, 2)), "at least 3"),
    ("text", np.zeros((3, 3)), "networks, DataFrames or numeric arrays"),
], ids=["not-square", "sizes", "tiny", "text"])
def test_bad_matrices(x, y, match):
    with pytest.raises(ParameterError, match=match):
        qap_correlation(x, y)


def test_mismatched_labels_and_bad_options(karate):
    K, A, W = karate
    other = pd.DataFrame(np.zeros((34, 34)), index=range(1, 35), columns=range(1, 35))
    with pytest.raises(ParameterError, match="same people"):
        qap_correlation(A, other)
    with pytest.raises(ParameterError, match="permutations"):
        qap_correlation(A, W, permutations=0)
    with pytest.raises(ParameterError, match="did you mean 'dsp'"):
        qap_regression(W, A, method="dps")


def test_a_matrix_without_variation_is_a_clear_error(karate):
    """A network without ties has no correlation with anything: say so, do not return nan."""
    K, A, W = karate
    empty = nx.DiGraph()
    empty.add_nodes_from(K)
    with pytest.raises(ParameterError, match="y has the same value \\(0\\) in every off-diagonal cell"):
        qap_correlation(A, empty)
    with pytest.raises(ParameterError, match="x has the same value \\(1\\)"):
        qap_correlation(np.ones((5, 5)), np.arange(25.0).reshape(5, 5))
    with pytest.raises(ParameterError, match="^y has the same value"):
        qap_regression(np.zeros((5, 5)), np.arange(25.0).reshape(5, 5))
    with pytest.raises(ParameterError, match="predictor 'constant' has the same value"):
        qap_regression(W, {"shared": A @ A.T, "constant": np.ones((34, 34))})


def test_missing_cells_are_a_clear_error():
    x = np.arange(16.0).reshape(4, 4)
    y = x.T.copy()
    y[0, 1] = np.nan
    with pytest.raises(ParameterError, match="1 cell\\(s\\) are missing"):
        qap_correlation(x, y)
    y[0, 1] = 0.0
    y[2, 2] = np.nan  # the diagonal is never used
    assert np.isfinite(qap_correlation(x, y, permutations=10).statistic)


def test_collinear_predictors_are_a_clear_error(karate):
    K, A, W = karate
    with pytest.raises(ParameterError, match="collinear"):
        qap_regression(W, {"a": A, "twice_a": 2 * A})
    with pytest.raises(ParameterError, match="collinear"):
        qap_regression(W, [A, 1 - A])  # 1 - A = intercept - A off the diagonal

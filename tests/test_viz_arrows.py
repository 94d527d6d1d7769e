"""Directed ties drawn as two collections: geometry checked against the circles and curve it must follow."""

from __future__ import annotations

import numpy as np
import pytest

from partnet.viz.arrows import add_ties, tie_geometry

START = np.array([[0.0, 0.0], [30.0, 0.0], [0.0, 0.0], [5.0, 5.0]])
END = np.array([[30.0, 0.0], [0.0, 0.0], [0.0, 40.0], [-20.0, 12.0]])
R0 = np.array([2.0, 3.0, 1.5, 2.5])
R1 = np.array([3.0, 2.0, 4.0, 1.0])
HEAD = np.array([2.0, 1.5, 3.0, 2.0])


def _bezier_point(p0, p2, rad, t):
    d = p2 - p0
    c = (p0 + p2) / 2 + rad * np.array([d[1], -d[0]])
    return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * c + t ** 2 * p2


@pytest.mark.parametrize("rad", [0.0, 0.12], ids=["straight", "curved"])
def test_ties_touch_both_circles_and_heads_have_their_size(rad):
    shafts, heads = tie_geometry(START, END, shrink_start=R0, shrink_end=R1, head_length=HEAD, head_width=HEAD / 2,
                                 rad=rad)
    assert shafts.shape == (4, 13, 2) and heads.shape == (4, 3, 2)
    tip, left, right = heads[:, 0], heads[:, 1], heads[:, 2]
    np.testing.assert_allclose(np.hypot(*(shafts[:, 0] - START).T), R0, atol=1e-6)
    np.testing.assert_allclose(np.hypot(*(tip - END).T), R1, atol=1e-6)
    base = (left + right) / 2
    np.testing.assert_allclose(np.hypot(*(tip - base).T), HEAD, atol=1e-6)
    np.testing.assert_allclose(np.hypot(*(left - right).T), HEAD / 2, atol=1e-6)
    # the shaft stops where the head begins: head_length from the tip, on the curve
    np.testing.assert_allclose(np.hypot(*(shafts[:, -1] - tip).T), HEAD, atol=1e-6)
    # every head points at its receiver
    assert (np.hypot(*(tip - END).T) < np.hypot(*(base - END).T)).all()


def test_shaft_points_lie_on_the_arc3_curve():
    shafts, _ = tie_geometry(START[:1], END[:1], shrink_start=R0[:1], shrink_end=R1[:1], head_length=HEAD[:1],
                             head_width=HEAD[:1], rad=0.12)
    curve = np.array([_bezier_point(START[0], END[0], 0.12, t) for t in np.linspace(0, 1, 2001)])
    gaps = [np.min(np.hypot(*(curve - p).T)) for p in shafts[0]]
    assert max(gaps) < 0.02
    # the curve's middle sits rad/2 of the tie's length off the chord (matplotlib's arc3 at rad 0.12)
    assert _bezier_point(START[0], END[0], 0.12, 0.5)[1] == pytest.approx(-0.06 * 30)


def test_mutual_ties_bend_apart():
    shafts, _ = tie_geometry(START[:2], END[:2], shrink_start=2, shrink_end=2, head_length=1, head_width=1)
    there, back = shafts[0, 6], shafts[1, 6]
    assert there[1] < 0 < back[1]
    assert there[1] == pytest.approx(-back[1], rel=1e-6)


def test_overlapping_nodes_give_an_empty_shaft_never_a_backward_one():
    shafts, heads = tie_geometry([[0, 0]], [[3, 0]], shrink_start=[2], shrink_end=[2], head_length=[1],
                                 head_width=[1], rad=0.0)
    lengths = np.hypot(*np.diff(shafts[0], axis=0).T)
    assert lengths.sum() == pytest.approx(0.0, abs=1e-6)
    assert np.isfinite(heads).all()


def test_no_ties():
    shafts, heads = tie_geometry(np.zeros((0, 2)), np.zeros((0, 2)), shrink_start=[], shrink_end=[],
                                 head_length=[], head_width=[])
    assert shafts.shape == (0, 13, 2) and heads.shape == (0, 3, 2)


def test_collections_carry_widths_styles_and_sizes_in_points():
    from partnet.viz.figures import new_axes

    ax = new_axes((2, 2))
    ax.set_aspect("equal")
    lines, heads = add_ties(ax, START[:2], END[:2], shrink_start=[1, 1], shrink_end=[1, 1], linewidths=[1.0, 2.0],
                            pt_per_unit=4.0, dashed=[False, True])
    assert list(lines.get_linewidths()) == [1.0, 2.0]
    assert lines.get_linestyles()[0] == (0, None) and lines.get_linestyles()[1][1] is not None
    tips = [p.vertices[0] for p in heads.get_paths()]
    sizes = [np.hypot(*(p.vertices[0] - (p.vertices[1] + p.vertices[2]) / 2)) for p in heads.get_paths()]
    # -|> at mutation scale 4 + 3 * lw points: head 0.4 of it, over 4 points per unit
    assert sizes == pytest.approx([0.4 * 7 / 4, 0.4 * 10 / 4])
    # tips stop half a point short of the circle, as the patches did
    assert np.hypot(*(tips[0] - END[0])) == pytest.approx(1 + 0.5 / 4, abs=1e-6)

"""The benchmark harness's pure helpers: medians, ratios, formatting, the results table (nothing timed)."""

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "harness.py"
_spec = importlib.util.spec_from_file_location("bench_harness", _PATH)
harness = importlib.util.module_from_spec(_spec)
sys.modules["bench_harness"] = harness
_spec.loader.exec_module(harness)


@pytest.mark.parametrize("values, expected", [([5.0], 5.0), ([3, 1, 2], 2.0), ([4, 1, 3, 2], 2.5),
                                              ([0.2, 0.2, 9.0], 0.2)],
                         ids=["one", "odd", "even-mean-of-middle", "outlier-ignored"])
def test_median(values, expected):
    assert harness.median(values) == expected


def test_median_of_nothing_refused():
    with pytest.raises(ValueError, match="at least one run"):
        harness.median([])


@pytest.mark.parametrize("value, baseline, expected", [(3.0, 2.0, 1.5), (1.0, 4.0, 0.25), (1.0, 0.0, None),
                                                       (None, 2.0, None), (2.0, None, None)],
                         ids=["slower", "faster", "zero-baseline", "no-value", "no-baseline"])
def test_ratio(value, baseline, expected):
    assert harness.ratio(value, baseline) == expected


@pytest.mark.parametrize("seconds, text", [(0.0005, "0.5 ms"), (0.25, "250.0 ms"), (1.0, "1 s"), (12.34, "12.3 s"),
                                           (250.0, "250 s"), (600.0, "10.0 min"), (None, "-")],
                         ids=["sub-ms", "ms", "one-s", "s", "hundreds", "minutes", "none"])
def test_fmt_seconds(seconds, text):
    assert harness.fmt_seconds(seconds) == text


@pytest.mark.parametrize("n, text", [(0, "0 B"), (1023, "1023 B"), (1536, "1.5 KiB"), (3 * 2**20, "3.00 MiB"),
                                     (int(1.5 * 2**30), "1.50 GiB")],
                         ids=["zero", "bytes", "kib", "mib", "gib"])
def test_fmt_bytes(n, text):
    assert harness.fmt_bytes(n) == text


def test_figure_ratio_goal():
    f = harness.Figure("1", "Batch", "report", runs=[13.0, 10.0, 14.0], baseline_runs=[10.0, 9.0, 11.0],
                       baseline="floor", goal=1.3, goal_on="ratio")
    assert (f.value, f.baseline_value, f.ratio, f.met) == (13.0, 10.0, 1.3, True)
    f.runs = [14.0, 14.0, 14.0]
    assert f.met is False


def test_figure_value_goal_and_no_goal():
    assert harness.Figure("3", "I", "x", runs=[0.4, 0.6, 0.7], goal=0.5).met is False
    assert harness.Figure("3", "I", "x", runs=[0.4, 0.3, 0.7], goal=0.5).met is True
    assert harness.Figure("5", "M", "x", runs=[1e9], unit="bytes").met is None
    assert harness.Figure("5", "M", "x").met is None


def test_results_table_rows():
    figs = [harness.Figure("1", "Batch", "report", runs=[30.0, 26.0], baseline_runs=[20.0, 20.0], baseline="floor",
                           goal=1.3, goal_on="ratio"),
            harness.Figure("4a", "Size", "report.html", runs=[4 * 2**20], unit="bytes", goal=3 * 2**20)]
    lines = harness.results_table(figs).splitlines()
    assert len(lines) == 4
    assert lines[2] == "| 1 | Batch | report | 28 s | floor | 20 s | 1.40 | ratio <= 1.3 | **no** | 2 + 2 |"
    assert lines[3] == "| 4a | Size | report.html | 4.00 MiB | - | - | - | < 3.00 MiB | **no** | 1 |"


def test_machine_table():
    assert harness.machine_table({"cores": "2", "python": "3.11"}).splitlines()[2:] == ["| cores | 2 |",
                                                                                          "| python | 3.11 |"]

"""Shared pieces of partnet's benchmarks: timing, medians, ratios, peak memory, the results page.

Everything here is plain Python so that each figure's script stays short.
The pure helpers (:func:`median`, :func:`ratio`, :func:`fmt_seconds`,
:func:`fmt_bytes`, :func:`results_table`) are tested in
``tests/test_benchmarks_harness.py``; nothing in the test suite is timed.
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

__all__ = ["Figure", "PeakRSS", "median", "ratio", "fmt_seconds", "fmt_bytes", "fmt_ratio", "results_table",
           "machine", "machine_table", "timed", "run_command", "ROOT", "PYTHON", "LIBRARIES"]

#: The project folder (``benchmarks/..``).
ROOT = Path(__file__).resolve().parents[1]

#: The Python that runs partnet: the project's virtual environment when it
#: exists, else the interpreter running the benchmark.
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable

#: Libraries whose versions go on the results page.
LIBRARIES = ("networkx", "pandas", "numpy", "scipy", "igraph", "matplotlib", "seaborn", "pyvis", "papermill",
             "nbconvert", "nbclient", "ipykernel", "jupyter_client", "selenium", "psutil")


def median(values) -> float:
    """Median of a non-empty sequence of numbers.

    >>> median([3.0, 1.0, 2.0])
    2.0
    >>> median([4, 1, 2, 3])
    2.5
    """
    values = [float(v) for v in values]
    if not values:
        raise ValueError("median of no values: a figure needs at least one run")
    return float(statistics.median(values))


def ratio(value: float | None, baseline: float | None) -> float | None:
    """``value / baseline``, or None when either is missing or the baseline is not above 0.

    >>> ratio(3.0, 2.0)
    1.5
    >>> ratio(1.0, 0.0) is None
    True
    """
    if value is None or baseline is None or baseline <= 0:
        return None
    return float(value) / float(baseline)


def fmt_seconds(seconds: float | None) -> str:
    """Seconds for a table: ms below one second, s below ten minutes, else min.

    >>> fmt_seconds(0.0421), fmt_seconds(2.345), fmt_seconds(754.0), fmt_seconds(None)
    ('42.1 ms', '2.35 s', '12.6 min', '-')
    """
    if seconds is None:
        return "-"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    if seconds < 600:
        return f"{seconds:.3g} s" if seconds < 100 else f"{seconds:.0f} s"
    return f"{seconds / 60:.1f} min"


def fmt_bytes(n: float | None) -> str:
    """Bytes for a table in binary units.

    >>> fmt_bytes(512), fmt_bytes(2048), fmt_bytes(3.5 * 2**20), fmt_bytes(None)
    ('512 B', '2.0 KiB', '3.50 MiB', '-')
    """
    if n is None:
        return "-"
    if n < 1024:
        return f"{int(n)} B"
    if n < 2**20:
        return f"{n / 1024:.1f} KiB"
    if n < 2**30:
        return f"{n / 2**20:.2f} MiB"
    return f"{n / 2**30:.2f} GiB"


def fmt_ratio(r: float | None) -> str:
    """A ratio with two decimals, or a dash.

    >>> fmt_ratio(1.234), fmt_ratio(None)
    ('1.23', '-')
    """
    return "-" if r is None else f"{r:.2f}"


@dataclass
class Figure:
    """One line of the results table.

    ``runs`` and ``baseline_runs`` hold the measured values (seconds, or
    bytes when ``unit`` is ``"bytes"``); ``goal`` is the limit, compared with
    the ratio when ``goal_on`` is ``"ratio"`` and with the median when it is
    ``"value"``; ``notes`` are shown under the table.

    >>> f = Figure("2", "Scale", "node_table + whole_network", runs=[3.0, 2.0, 4.0], baseline_runs=[2.0, 2.0],
    ...            baseline="igraph", goal=1.5, goal_on="ratio")
    >>> f.value, f.baseline_value, f.ratio, f.met
    (3.0, 2.0, 1.5, True)
    """

    key: str
    name: str
    what: str
    runs: list = field(default_factory=list)
    baseline_runs: list = field(default_factory=list)
    baseline: str = ""
    goal: float | None = None
    goal_on: str = "value"
    unit: str = "seconds"
    notes: list = field(default_factory=list)

    @property
    def value(self) -> float | None:
        return median(self.runs) if self.runs else None

    @property
    def baseline_value(self) -> float | None:
        return median(self.baseline_runs) if self.baseline_runs else None

    @property
    def ratio(self) -> float | None:
        return ratio(self.value, self.baseline_value)

    @property
    def met(self) -> bool | None:
        """True/False against the goal; None when there is no goal or nothing was measured."""
        if self.goal is None:
            return None
        got = self.ratio if self.goal_on == "ratio" else self.value
        return None if got is None else got <= self.goal

    def fmt(self, v) -> str:
        return fmt_bytes(v) if self.unit == "bytes" else fmt_seconds(v)

    def goal_text(self) -> str:
        if self.goal is None:
            return "-"
        if self.goal_on == "ratio":
            return f"ratio <= {self.goal:g}"
        return f"< {self.fmt(self.goal)}"


def results_table(figures) -> str:
    """The Markdown table of figures: median, baseline median, ratio, goal, met, runs.

    >>> print(results_table([Figure("3", "Interactive", "load + graph + node_table", runs=[0.2, 0.1, 0.3],
    ...                             goal=0.5)]))
    | # | figure | measured | median | baseline | baseline median | ratio | goal | met | runs |
    | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
    | 3 | Interactive | load + graph + node_table | 200.0 ms | - | - | - | < 500.0 ms | yes | 3 |
    """
    lines = ["| # | figure | measured | median | baseline | baseline median | ratio | goal | met | runs |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for f in figures:
        met = {True: "yes", False: "**no**", None: "-"}[f.met]
        runs = str(len(f.runs)) if not f.baseline_runs else f"{len(f.runs)} + {len(f.baseline_runs)}"
        lines.append(f"| {f.key} | {f.name} | {f.what} | {f.fmt(f.value)} | {f.baseline or '-'} | "
                     f"{f.fmt(f.baseline_value)} | {fmt_ratio(f.ratio)} | {f.goal_text()} | {met} | {runs} |")
    return "\n".join(lines)


# ------------------------------------------------------------------ machine


def _version(name: str) -> str:
    dist = {"igraph": "igraph", "jupyter_client": "jupyter-client"}.get(name, name)
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _chromium_version() -> str:
    try:
        out = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=30)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "not found"


def machine() -> dict:
    """Cores, memory, CPU model, operating system, Python and library versions, date."""
    import psutil

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    sys.path.insert(0, str(ROOT))
    try:
        import partnet
        partnet_version = getattr(partnet, "__version__", "unknown")
    except Exception:  # the benchmark still describes the machine
        partnet_version = "not importable"
    info = {
        "date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores (os.cpu_count)": str(os.cpu_count()),
        "cores usable (sched_getaffinity)": str(len(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity")
        else "-",
        "cpu": cpu,
        "memory": fmt_bytes(psutil.virtual_memory().total),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "partnet": partnet_version,
        "chromium": _chromium_version(),
    }
    info.update({name: _version(name) for name in LIBRARIES})
    return info


def machine_table(info: dict) -> str:
    """The machine as a two-column Markdown table.

    >>> print(machine_table({"python": "3.11.9"}))
    | | |
    | --- | --- |
    | python | 3.11.9 |
    """
    return "\n".join(["| | |", "| --- | --- |", *(f"| {k} | {v} |" for k, v in info.items())])


# ------------------------------------------------------------------ running


class PeakRSS:
    """Peak resident memory of a process and all its descendants, sampled.

    A thread sums the RSS of the process tree every ``interval`` seconds;
    ``peak`` is the largest sum seen (all worker processes and Jupyter
    kernels alive at the same moment count together). Use as a context
    manager around the work, with ``pid`` the process to watch (default
    this one).
    """

    def __init__(self, pid: int | None = None, interval: float = 0.1):
        self.pid, self.interval = pid or os.getpid(), interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def sample(self) -> int:
        import psutil

        try:
            root = psutil.Process(self.pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0
        total = 0
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _watch(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self.sample())
            self._stop.wait(self.interval)

    def start(self) -> PeakRSS:
        self._thread.start()
        return self

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    """Wall-clock seconds of one call, and what it returned."""
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - start, out


def run_command(cmd, *, cwd=None, env=None, log=None) -> tuple[float, int, int]:
    """Run a command, return (seconds, peak RSS of its process tree in bytes, exit status).

    Standard output and error go to ``log`` (a path) when given, else are
    discarded; a failure is reported by the caller, which decides whether
    the run counts.
    """
    import psutil

    out = open(log, "ab") if log else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        proc = psutil.Popen([str(c) for c in cmd], cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        with PeakRSS(proc.pid) as mem:
            status = proc.wait()
        seconds = time.perf_counter() - start
    finally:
        if log:
            out.close()
    return seconds, mem.peak, status

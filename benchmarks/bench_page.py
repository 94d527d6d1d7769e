"""Figure 4: the workshop page of a 2,000-person case in headless Chromium; sizes of the bundled pages.

The page is written by :func:`partnet.viz.write_network_page`. One
Chromium (selenium, ``/usr/bin/chromium`` with ``/usr/bin/chromedriver``,
a throw-away profile, no network services) is started once; each timed run
then goes to ``about:blank``, opens the page, and waits until the page's
vis network exists (``window.partnetPages[0].network``, set by
``partnet/templates/viz/network.js``), has drawn a complete frame
(``afterDrawing`` after a forced ``redraw()``) and answers a call to
``getPositions()`` for every node. The figure is the wall-clock time from
the navigation's start to that answer; the page's own clock
(``performance.now()``, from navigation start) is reported beside it.

The sizes come from a ``partnet report`` run over the bundled cases.

Run on its own (prints JSON)::

    .venv/bin/python benchmarks/bench_page.py time PAGE.html --repeats 5
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import harness

__all__ = ["CHROMIUM_FLAGS", "make_page", "open_times", "bundled_sizes", "measure", "PEOPLE"]

#: Size of the workshop-page case.
PEOPLE, ORGS, SEED = 2000, 20, 3

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1600,900")

_READY = """
var done = arguments[arguments.length - 1];
function go() {
  var pages = window.partnetPages;
  if (!pages || !pages.length || !pages[0].network) { setTimeout(go, 5); return; }
  var net = pages[0].network;
  net.once("afterDrawing", function () {
    var n = Object.keys(net.getPositions()).length;
    done({nodes: n, edges: pages[0].edges.length, page_ms: performance.now()});
  });
  net.redraw();
}
go();
"""


def make_page(folder, people: int = PEOPLE, orgs: int = ORGS, seed: int = SEED) -> tuple[Path, float]:
    """Write the synth case and its ``network.html``; returns the page and seconds to write it."""
    from partnet.synth import synth_case
    from partnet.viz import write_network_page

    case = Path(folder) / f"synth-{people}"
    if not (case / "case.yaml").is_file():
        synth_case(case, orgs=orgs, people=people, seed=seed, overwrite=True)
    start = time.perf_counter()
    page = write_network_page(case, Path(folder) / f"network-{people}.html")
    return Path(page), time.perf_counter() - start


def open_times(page, repeats: int) -> dict:
    """Open ``page`` ``repeats`` times (plus one untimed) in one headless Chromium."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="partnet-bench-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_script_timeout(120)
        driver.set_page_load_timeout(120)
        url = Path(page).resolve().as_uri()
        wall, inside, answer = [], [], None
        for i in range(repeats + 1):
            driver.get("about:blank")
            start = time.perf_counter()
            driver.get(url)
            answer = driver.execute_async_script(_READY)
            seconds = time.perf_counter() - start
            if i:  # the first opening warms Chromium's caches
                wall.append(seconds)
                inside.append(answer["page_ms"] / 1000)
        errors = [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return {"wall": wall, "page": inside, "nodes": answer["nodes"], "edges": answer["edges"], "errors": errors}


def bundled_sizes(work, log) -> dict:
    """``partnet report`` over the bundled cases; bytes of each ``report.html`` and ``network.html``."""
    out = Path(work) / "bundled-reports"
    shutil.rmtree(out, ignore_errors=True)
    seconds, _, status = harness.run_command([harness.PYTHON, "-m", "partnet", "report", "--out", out],
                                             cwd=harness.ROOT, log=log)
    if status != 0:
        raise RuntimeError(f"partnet report over the bundled cases exited with status {status}; see {log}")
    sizes = {}
    for folder in sorted(p for p in out.iterdir() if (p / "report.html").is_file()):
        sizes[folder.name] = {"report.html": (folder / "report.html").stat().st_size,
                              "network.html": (folder / "network.html").stat().st_size}
    return {"sizes": sizes, "seconds": seconds}


def measure(*, repeats: int, work, log, say=print) -> dict:
    work = Path(work)
    page, write_seconds = make_page(work)
    out = subprocess.run([harness.PYTHON, str(Path(__file__).resolve()), "time", str(page), "--repeats",
                          str(repeats)], cwd=harness.ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"bench_page failed:\n{out.stderr[-3000:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    fig = harness.Figure("4", "Workshop page", f"{data['nodes']:,}-person `network.html` "
                         f"({data['edges']:,} ties) in headless Chromium: drawn and answering", runs=data["wall"],
                         goal=5.0)
    fig.notes.append(f"Page size {harness.fmt_bytes(page.stat().st_size)}; written by write_network_page in "
                     f"{harness.fmt_seconds(write_seconds)}; the page's own clock (navigation start to the "
                     f"answer) {harness.fmt_seconds(harness.median(data['page']))} median.")
    if data["errors"]:
        fig.notes.append("Browser console errors: " + "; ".join(data["errors"][:3]))
    say(f"  page: {harness.fmt_seconds(fig.value)} ({harness.fmt_bytes(page.stat().st_size)})")
    figures = [fig]
    sizes = bundled_sizes(work, log)
    for i, (name, files) in enumerate(sizes["sizes"].items()):
        f = harness.Figure(f"4{'abcdefgh'[i]}", "Report size", f"`{name}` report.html", unit="bytes",
                           runs=[files["report.html"]], goal=3 * 2**20)
        f.notes.append(f"`{name}` network.html: {harness.fmt_bytes(files['network.html'])}.")
        say(f"  sizes {name}: report {harness.fmt_bytes(files['report.html'])}, "
            f"network {harness.fmt_bytes(files['network.html'])}")
        figures.append(f)
    return {"figures": figures}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("time")
    p.add_argument("page")
    p.add_argument("--repeats", type=int, default=5)
    p = sub.add_parser("make")
    p.add_argument("work")
    args = parser.parse_args(argv)
    if args.cmd == "time":
        print(json.dumps(open_times(args.page, args.repeats)))
    else:
        page, seconds = make_page(args.work)
        print(page, f"{seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

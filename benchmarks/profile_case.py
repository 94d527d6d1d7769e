"""Where one case's report spends its time: stages of ``partnet report``, notebook cells, a profile.

Runs the stages of one case the way ``partnet report``'s worker does, in
this process, and prints the seconds of each: reading the case, the
notebook (papermill on a kernel forked from the warm template, with each
cell's own duration from the executed notebook's metadata; its last cell
also writes the workshop page, graph files and ego sheets, as
``case_files=True`` asks) and nbconvert. The first notebook of a process
also starts the template; ``--warm`` runs one notebook first, untimed, as
every case but a worker's first finds the template running.
With ``--profile`` the in-process stages run under pyinstrument and its
report is printed (or written as HTML).

Usage::

    .venv/bin/python benchmarks/profile_case.py CASE_DIR [--warm] [--profile] [--html profile.html]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402,F401  (puts the project on the path like the other scripts)


def stages(case_dir, out, *, seed: int = 0, warm: bool = False) -> list[tuple[str, float]]:
    """Seconds of each stage of one case (and of each notebook cell above 0.05 s)."""
    from partnet.case import check_case
    from partnet.report.paths import notebook
    from partnet.report.render import execute_notebook, render_html

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    params = {"case_dir": str(case_dir), "output_dir": str(out), "anonymise": False, "relation": None,
              "min_frequency": None, "nonrespondents": None, "seed": seed, "case_files": True}
    if warm:
        first = out / "warm-up"
        first.mkdir()
        execute_notebook(notebook("case_study"), out / "warm-up.ipynb", {**params, "output_dir": str(first)},
                         cwd=first)
    times = []
    t = time.perf_counter()
    case, _ = check_case(case_dir)
    times.append(("check_case", time.perf_counter() - t))
    folder = out / "case"
    folder.mkdir()
    t = time.perf_counter()
    nb = execute_notebook(notebook("case_study"), out / "executed.ipynb", {**params, "output_dir": str(folder)},
                          cwd=folder)
    times.append(("notebook (papermill, kernel included)", time.perf_counter() - t))
    for i, cell in enumerate(nb.cells):
        d = cell.get("metadata", {}).get("papermill", {}).get("duration")
        if cell.cell_type == "code" and d and d > 0.05:
            first = cell.source.strip().splitlines()[0][:70]
            times.append((f"    cell {i}: {first}", d))
    t = time.perf_counter()
    (folder / "report.html").write_text(render_html(nb, title="profile"), encoding="utf-8")
    times.append(("render_html (nbconvert)", time.perf_counter() - t))
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case_dir")
    parser.add_argument("--warm", action="store_true", help="start the kernels' template first, untimed")
    parser.add_argument("--profile", action="store_true", help="run under pyinstrument and print its report")
    parser.add_argument("--html", type=Path, help="write pyinstrument's HTML report here")
    args = parser.parse_args(argv)
    out = Path(tempfile.mkdtemp(prefix="partnet-profile-"))
    profiler = None
    if args.profile or args.html:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.002)
        profiler.start()
    try:
        times = stages(args.case_dir, out, warm=args.warm)
    finally:
        if profiler:
            profiler.stop()
        shutil.rmtree(out, ignore_errors=True)
    total = sum(s for name, s in times if not name.startswith(" "))
    for name, s in times:
        print(f"{s:8.2f} s  {name}")
    print(f"{total:8.2f} s  total")
    if profiler:
        if args.html:
            args.html.write_text(profiler.output_html(), encoding="utf-8")
        else:
            print(profiler.output_text(unicode=False, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

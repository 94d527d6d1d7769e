"""The ``partnet`` command.

Every :class:`~partnet.errors.PartnetError` becomes a message on standard
error and exit status 1; a wrong command line is status 2. No data problem
ends in a Python traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from partnet.errors import ParameterError, PartnetError, Problem

__all__ = ["main", "summary"]


def _cmd_init(args) -> int:
    from partnet.template import init_case

    path = init_case(args.case_dir)
    print(f"Wrote a blank case to {path}. Fill in the CSV files (or the .xlsx template), then run:")
    print(f"  partnet validate {path}")
    return 0


def summary(case) -> str:
    """A few lines describing a loaded case, as ``partnet validate`` prints them.

    Examples
    --------
    >>> from partnet import load_case
    >>> print(summary(load_case(EXAMPLE_CASE)))
    example: OK - Example partnership (fictional)
      organisations: 2 (county council 1, district council 1)
      people: 4 (officer 3, councillor 1); responded 3 of 4 (75%)
      ties: egov_contact 3
      coded segments: 2 (leadership 2)
    """
    people = case.people
    org_types = case.organisations["org_type"].value_counts().sort_index()
    roles = people["role"].value_counts()
    n, r = len(people), int(people["responded"].sum())
    ties = case.ties["relation"].value_counts()
    lines = [
        f"{case.id}: OK - {case.title}",
        f"  organisations: {len(case.organisations)} (" + ", ".join(f"{k} {v}" for k, v in org_types.items()) + ")",
        f"  people: {n} (" + ", ".join(f"{k} {v}" for k, v in roles.items()) + f"); responded {r} of {n} "
        f"({(r / n if n else 0):.0%})",
        "  ties: " + (", ".join(f"{k} {v}" for k, v in ties.items()) or "none"),
    ]
    for wave in case.waves:
        answers = case.responses[case.responses["wave"] == wave]["responded"].value_counts()
        on_roster = int(answers.get("yes", 0) + answers.get("no", 0))
        of_wave = case.ties[case.ties["wave"] == wave]["relation"].value_counts()
        lines.append(f"  wave {wave} ({case.wave_dates[wave]}): {on_roster} people, responded "
                     f"{int(answers.get('yes', 0))}; ties: "
                     + (", ".join(f"{k} {v}" for k, v in of_wave.items()) or "none"))
    if len(case.segments):
        themes = dict(zip(case.codebook["code"], case.codebook["theme"]))
        seg = case.segments.assign(theme=case.segments["code"].map(themes))
        by_theme = seg.drop_duplicates(["segment_id", "theme"])["theme"].value_counts()
        lines.append(f"  coded segments: {case.segments['segment_id'].nunique()} ("
                     + ", ".join(f"{k} {v}" for k, v in by_theme.items()) + ")")
    else:
        lines.append("  coded segments: none")
    if len(case.notes):
        from partnet.schema import NOTE_TARGETS

        kinds = case.notes["target_type"].value_counts()
        lines.append(f"  workshop notes: {len(case.notes)} ("
                     + ", ".join(f"{k} {kinds[k]}" for k in NOTE_TARGETS if k in kinds.index) + ")")
    return "\n".join(lines)


def _print_problems(problems: list[Problem], severity: str, stream) -> None:
    for p in problems:
        if p.severity == severity:
            print(f"  {severity}: {p}", file=stream)


def _cmd_validate(args) -> int:
    from partnet.case import check_case

    status = 0
    for path in args.case_dirs:
        case, problems = check_case(path)
        if case is None:
            status = 1
            errors = [p for p in problems if p.severity == "error"]
            print(f"{Path(path).name}: {len(errors)} problem{'s' if len(errors) != 1 else ''}", file=sys.stderr)
            _print_problems(problems, "error", sys.stderr)
            _print_problems(problems, "warning", sys.stderr)
        else:
            print(summary(case))
            _print_problems(problems, "warning", sys.stdout)
    return status


def _cmd_synth(args) -> int:
    import csv

    from partnet.synth import synth_case

    folder = synth_case(args.out_dir, orgs=args.orgs, people=args.people, seed=args.seed, waves=args.waves,
                        turnover=args.turnover, overwrite=args.overwrite)
    with open(folder / "ties.csv", encoding="utf-8", newline="") as fh:
        n_ties = sum(1 for _ in csv.DictReader(fh))
    with open(folder / "segments.csv", encoding="utf-8", newline="") as fh:
        segments = {row["segment_id"] for row in csv.DictReader(fh)}
    waves = f" over {args.waves} waves" if args.waves > 1 else ""
    print(f"wrote {folder}: {args.orgs} organisations, {args.people} people, {n_ties} ties{waves}, "
          f"{len(segments)} coded segments (fictional)")
    return 0


def _released(case, target: Path, anonymise: bool, write) -> Path:
    """Write an output beside its target, pass it through the privacy gate when anonymising, then move it in.

    ``write(path)`` writes the draft and returns its path. A draft that
    holds a roster name is removed and the target is left as it was.
    """
    import shutil
    import tempfile

    from partnet.errors import ReportError
    from partnet.privacy import Roster, scan
    from partnet.pseudonyms import read_key

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    drafts = Path(tempfile.mkdtemp(prefix=".partnet-", dir=target.parent))
    try:
        draft = write(drafts / target.name)
        if anonymise:
            found = scan(draft, Roster(case.people["name"], case=case.id), secrets=[read_key(case.path).hex()])
            if not found.ok:
                raise ReportError(f"names of people were found in {found.summary()}; {target} was not written "
                                  "(see docs/privacy.md)")
        os.replace(draft, target)
    finally:
        shutil.rmtree(drafts, ignore_errors=True)
    return target


def _cmd_graph(args) -> int:
    from partnet.case import load_case
    from partnet.viz import write_network_page

    case = load_case(args.case_dir)
    anonymise = case.anonymised(args.anonymise)
    out = _released(case, args.output, anonymise, lambda path: write_network_page(
        case, path, anonymise=anonymise, relation=args.relation, min_frequency=args.min_frequency,
        nonrespondents=args.nonrespondents))
    print(f"Wrote {out}" + (" (anonymised)" if anonymise else ""))
    return 0


def _cmd_export(args) -> int:
    from partnet.case import load_case
    from partnet.export import export

    case = load_case(args.case_dir)
    anonymise = case.anonymised(args.anonymise)
    target = Path(args.output) if args.output is not None else Path(f"{case.id}.{args.format.lower().lstrip('.')}")
    if target.is_dir():
        target = target / f"{case.id}.{args.format.lower().lstrip('.')}"
    out = _released(case, target, anonymise, lambda path: export(case, args.format, path, anonymise=anonymise))
    print(f"Wrote {out}" + (" (anonymised)" if anonymise else ""))
    return 0


def _cmd_import_qda(args) -> int:
    from partnet.case import load_case
    from partnet.refiqda import read_qdpx

    case = load_case(args.case_dir)
    existing = [name for name in ("codebook.csv", "segments.csv") if (Path(args.case_dir) / name).exists()]
    if existing and not args.overwrite:
        raise ParameterError(f"{args.case_dir} already has {' and '.join(existing)}; add --overwrite to replace them")
    project = read_qdpx(args.project, mapping=args.mapping, people=case.people, cases=args.cases)
    for problem in project.warnings:
        print(f"  warning: {problem}")
    if any(p.code == "no-dimension" for p in project.warnings):
        raise ParameterError("every code needs a model dimension before the case can be analysed; give --mapping "
                             "with code,theme,dimension rows (top-level codes are enough: their children inherit)")
    written = project.write(args.case_dir, overwrite=args.overwrite)
    case = load_case(args.case_dir)
    print(f"Wrote {', '.join(p.name for p in written)} to {args.case_dir}: "
          f"{len(case.codebook)} codes, {case.segments['segment_id'].nunique()} coded segments")
    return 0


def _is_network_canvas(path: Path) -> bool:
    """A Network Canvas CSV export: a folder or zip holding ``*_ego.csv`` / ``*_attributeList_*.csv`` files."""
    import zipfile

    if path.is_dir():
        names = [p.name for p in path.rglob("*.csv")]
    elif path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            names = [Path(n).name for n in z.namelist()]
    else:
        return False
    return any(n.endswith("_ego.csv") or "_attributeList_" in n for n in names)


def _cmd_import_survey(args) -> int:
    from partnet.case import load_roster
    from partnet.importing import check_wave, problem_lines, write_ties

    case = load_roster(args.case_dir)
    wave = check_wave(case, args.wave)
    export = Path(args.export)
    if not export.exists():
        raise ParameterError(f"no export at {export}: give the file (or Network Canvas folder or zip) the tool wrote")
    if _is_network_canvas(export):
        from partnet.netcanvas import read_network_canvas

        result = read_network_canvas(export, case, relation=args.relation, node_type=args.node_type,
                                     value=args.value, name=args.name_variable, answers=args.answers)
    else:
        from partnet.survey import read_survey

        result = read_survey(export, case, relation=args.relation, answers=args.answers)
    print(f"{result.file}: read as a {result.source} export for the relation '{result.relation}'")
    print(f"  respondents: {len(result.respondents)} matched to the roster; "
          f"{len(result.nonrespondents)} of the roster without answers")
    what = "people named in the sessions" if result.source == "network-canvas" else "roster columns"
    print(f"  {what}: {len(result.columns)} matched")
    if result.answers:
        shown = ", ".join(f"'{label}' -> {'no tie' if value is None else value}"
                          for label, value in sorted(result.answers.items(), key=lambda kv: str(kv[0]).casefold()))
        print(f"  answers: {shown}")
    print(f"  ties: {len(result.ties)}")
    lines = problem_lines(result.problems)
    if not result.ok:
        errors = sum(p.severity == "error" for p in result.problems)
        print(f"{result.file}: {errors} problem{'s' if errors != 1 else ''}; nothing was written", file=sys.stderr)
        for line in lines:
            print(line, file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    written = write_ties(result, case, overwrite=args.overwrite, set_responded=args.set_responded, wave=wave)
    status = {}
    if wave is not None:
        of_wave = case.responses[case.responses["wave"] == wave]
        status = dict(zip(of_wave["person_id"], of_wave["responded"]))
    where = f" in wave {wave}" if wave is not None else ""
    for pid, name, was, now in written["changes"]:
        done = "set" if written["written"] else "left as it is (add --set-responded to set it)"
        print(f"  responded{where}: {pid} ({name}) {status.get(pid, 'yes' if was else 'no')} -> "
              f"{'yes' if now else 'no'}: {done}")
    if written["backup"] is not None:
        print(f"  the previous {written['backup'].name.split('.')[0]}.csv is kept as {written['backup']}")
    if written.get("responses") is not None:
        print(f"  wrote {written['responses']}: the responses of wave {wave}")
    if wave is None:
        print(f"Wrote {written['ties']}: {len(result.ties)} ties of '{result.relation}'. Check the case with:")
    else:
        kept = f", replacing its {written['replaced']}" if written["replaced"] else ""
        print(f"Wrote {written['ties']}: {len(result.ties)} ties of '{result.relation}' in wave {wave}{kept}; "
              "the other waves' rows are as they were. Check the case with:")
    print(f"  partnet validate {args.case_dir}")
    return 0


def _cmd_import_notes(args) -> int:
    from partnet.errors import DataError
    from partnet.importing import problem_lines
    from partnet.notes import describe, import_notes

    try:
        result = import_notes(args.notes, args.case_dir, overwrite=args.overwrite)
    except DataError as exc:
        if exc.what != "file":
            raise  # the case itself does not load: main says so
        errors = exc.codes()
        print(f"{exc.case}: {len(errors)} problem{'s' if len(errors) != 1 else ''}; nothing was written",
              file=sys.stderr)
        for line in problem_lines(exc.problems):
            print(line, file=sys.stderr)
        return 1
    for line in problem_lines(result["warnings"]):
        print(line)
    print(describe(result))
    if result["backup"] is not None:
        print(f"  the previous notes.csv is kept as {result['backup']}")
    if result["written"]:
        print(f"Check the case with:\n  partnet validate {args.case_dir}")
    return 0


def _cmd_report(args) -> int:
    from partnet.report import run_cli

    return run_cli(args)


def _parser() -> argparse.ArgumentParser:
    from partnet import __version__, options

    parser = argparse.ArgumentParser(
        prog="partnet",
        description="Partnership networks and coded interviews: validate case data, "
                    "render reports, draw workshop graphs.",
    )
    parser.add_argument("--version", action="version", version=f"partnet {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("init", help="write a blank case (CSV files and an .xlsx template) to fill in")
    p.add_argument("case_dir", type=Path, help="folder to create; its name is the case id")
    p.set_defaults(func=_cmd_init)

    p = sub.add_parser("validate", help="check case data; print a summary, or every problem and exit 1")
    p.add_argument("case_dirs", nargs="+", type=Path, metavar="CASE_DIR")
    p.set_defaults(func=_cmd_validate)

    analysis = argparse.ArgumentParser(add_help=False)
    analysis.add_argument("--relation", default=None, help="relation to analyse (default: case.yaml)")
    analysis.add_argument("--min-frequency", type=int, default=None, metavar="N",
                          help=f"keep ties of at least this value: a frequency {options.MIN_FREQUENCIES[0]}.."
                               f"{options.MIN_FREQUENCIES[-1]}, or a count (default: case.yaml or 1)")
    analysis.add_argument("--nonrespondents", default=None, choices=options.NONRESPONDENTS,
                          help="treatment of people who did not answer (default: case.yaml or keep)")

    p = sub.add_parser("report", parents=[analysis],
                       help="render one HTML report per case, a cross-case report and an index",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="Reports of other cases already in --out are kept, listed in index.html and, when\n"
                              "written with the same options and --anonymise setting, compared in the cross-case\n"
                              "report. <out>/summary.json gives each case's outcome for scripts.\n\n"
                              "A case whose report in --out is up to date (same data, options, --anonymise, other\n"
                              "cases of the run and their networks, notebook and partnet; its files as written) is\n"
                              "not rendered again, nor is the cross-case report when nothing it compares changed;\n"
                              "the command says \"2 cases up to date, 1 rendered\". --force renders every case "
                              "again.\n\n"
                              "exit status (partnet.report.pipeline.EXIT_STATUS):\n"
                              "  0    every case report and the cross-case report were written (or up to date)\n"
                              "  1    nothing was rendered: no case succeeded, or the run could not start\n"
                              "       (bad data, an unknown case, a bad option value, a refused --out)\n"
                              "  2    the command line was not understood (usage printed)\n"
                              "  3    some cases failed, the others were written (summary.json says which)\n"
                              "  130  interrupted (Ctrl-C or SIGTERM)")
    p.add_argument("case_dirs", nargs="*", type=Path, metavar="CASE_DIR",
                   help="case folders or .xlsx workbooks, e.g. data/cases/* (default: the fictional demo cases "
                        "in data/examples)")
    p.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports)")
    p.add_argument("--anonymise", action="store_true", help="pseudonyms for every person, quotes included")
    p.add_argument("--key-out", type=Path, default=None,
                   help="write the pseudonym key here (refused inside the output folder or a case folder)")
    p.add_argument("--overwrite", action="store_true", help="replace an existing --key-out file")
    p.add_argument("--timings", action="store_true", help="show elapsed seconds in index.html")
    p.add_argument("--force", action="store_true",
                   help="render every case even when its report is up to date (and the cross-case report)")
    p.add_argument("--jobs", type=int, default=None, help="cases run at once (default: number of cores)")
    p.add_argument("--seed", type=int, default=None, help="seed for layouts and permutation tests")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("graph", parents=[analysis], help="write the standalone workshop page of a case")
    p.add_argument("case_dir", type=Path)
    p.add_argument("-o", "--output", type=Path, default=Path("network.html"))
    p.add_argument("--anonymise", action="store_true", help="pseudonyms for every person")
    p.set_defaults(func=_cmd_graph)

    p = sub.add_parser("export", help="write the network as GEXF, GraphML, UCINET DL or an Excel workbook")
    p.add_argument("case_dir", type=Path)
    p.add_argument("--format", required=True, choices=("gexf", "graphml", "dl", "xlsx"))
    p.add_argument("-o", "--output", type=Path, default=None,
                   help="output file (default: <case_id>.<format> in the current folder)")
    p.add_argument("--anonymise", action="store_true", help="pseudonyms for every person")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("import-qda", help="read coded interviews from a REFI-QDA project (.qdpx) into a case")
    p.add_argument("project", type=Path, help="the .qdpx file NVivo, ATLAS.ti, MAXQDA or QualCoder exported")
    p.add_argument("case_dir", type=Path, help="the case whose roster the interviews belong to")
    p.add_argument("--mapping", type=Path, default=None,
                   help="CSV code,theme,dimension (default: a code's top-level ancestor is its theme)")
    p.add_argument("--cases", type=Path, default=None,
                   help="CSV case,person mapping the project's cases to person_ids or roster names")
    p.add_argument("--overwrite", action="store_true", help="replace an existing codebook.csv and segments.csv")
    p.set_defaults(func=_cmd_import_qda)

    p = sub.add_parser("import-survey",
                       help="write a case's ties.csv from a roster questionnaire exported by Qualtrics, Google Forms, "
                            "Microsoft Forms, a plain table or Network Canvas")
    p.add_argument("export", type=Path, metavar="EXPORT",
                   help="the tool's export: .csv, .tsv or .xlsx; a Network Canvas CSV folder or .zip")
    p.add_argument("case_dir", type=Path, metavar="CASE_DIR", help="the case whose roster the answers name")
    p.add_argument("--answers", type=Path, default=None, metavar="MAP.csv",
                   help="CSV answer,value for answer labels partnet does not know")
    p.add_argument("--relation", default=None, help="relation the answers are about (default: case.yaml)")
    p.add_argument("--value", default=None, metavar="VARIABLE",
                   help="Network Canvas: the alter variable holding each tie's value (default: the variable named "
                        "after the relation, else frequency)")
    p.add_argument("--node-type", default=None, metavar="TYPE",
                   help="Network Canvas: the node type of the named people (default: the only one)")
    p.add_argument("--name-variable", default="name", metavar="VARIABLE",
                   help="Network Canvas: the alter variable holding each person's name (default: name)")
    p.add_argument("--wave", default=None, metavar="WAVE",
                   help="for a case with survey waves (required there): the wave the export is of; only its rows "
                        "of ties.csv are written")
    p.add_argument("--overwrite", action="store_true",
                   help="replace an existing ties.csv (with --wave: that wave's rows of it)")
    p.add_argument("--set-responded", action="store_true",
                   help="set people.csv's responded column from who answered (with --wave: that wave's rows of "
                        "responses.csv); the old file is kept")
    p.set_defaults(func=_cmd_import_survey)

    p = sub.add_parser("import-notes",
                       help="add the notes a facilitator took on the workshop page (its notes.csv download) to a "
                            "case's notes.csv")
    p.add_argument("notes", type=Path, metavar="NOTES.csv", help="the notes.csv the workshop page downloaded")
    p.add_argument("case_dir", type=Path, metavar="CASE_DIR", help="the case the workshop page was made for")
    p.add_argument("--overwrite", action="store_true",
                   help="replace the text of notes of the case that an imported note changes (same target, date "
                        "and facilitator)")
    p.set_defaults(func=_cmd_import_notes)

    p = sub.add_parser("synth", help="write a realistic fictional case of any size")
    p.add_argument("out_dir", type=Path)
    p.add_argument("--orgs", type=int, required=True, help="number of organisations")
    p.add_argument("--people", type=int, required=True, help="number of people")
    p.add_argument("--seed", type=int, default=0, help="random seed (same seed, same files)")
    p.add_argument("--waves", type=int, default=1,
                   help="survey waves (default 1: no waves); more adds a wave column and responses.csv")
    p.add_argument("--turnover", type=float, default=0.2,
                   help="share of ties replaced between consecutive waves, 0-1 (default 0.2); "
                        "a quarter as many people leave and are replaced")
    p.add_argument("--overwrite", action="store_true", help="replace an existing case in OUT_DIR")
    p.set_defaults(func=_cmd_synth)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``partnet`` command; returns the exit status.

    Examples
    --------
    >>> main(["validate", str(EXAMPLE_CASE)])
    example: OK - Example partnership (fictional)
    ...
    0
    """
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except PartnetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        print(f"error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""``index.html`` and ``summary.json`` of a report folder: every case, its outputs, and what failed and why.

The page is for people (every case of the folder, this run's and those
kept from earlier runs, with what the cross-case report compares); the
JSON file says the same for a script (:func:`summary`).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from partnet import vocabulary

__all__ = ["write_index", "index_html", "earlier_reports", "summary", "write_summary", "SUMMARY_FORMAT"]

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 1100px;
       margin: 2em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.4em 0.6em; border-bottom: 1px solid #ddd; }
th { background: #f3f3f3; }
table.run th { width: 12em; }
.ok { color: #1a7f37; font-weight: bold; } .failed { color: #b42318; font-weight: bold; }
pre { white-space: pre-wrap; margin: 0.3em 0; font-size: 0.85em; background: #fff4f2; padding: 0.4em; }
.note { color: #555; font-size: 0.9em; }
.warning { background: #fff4f2; border-left: 4px solid #b42318; padding: 0.5em 0.8em; }
a { margin-right: 0.7em; }
"""

_LINKS = (("report.html", "report"), ("network.html", "workshop page"), ("tables.xlsx", "tables (xlsx)"),
          ("figures/", "figures"), ("{id}.gexf", "GEXF"), ("{id}.graphml", "GraphML"), ("{id}.dl", "UCINET DL"),
          ("ego/index.html", "ego sheets"), ("methods.html", "methods"))


def _links(result) -> str:
    files = set(result.files)
    parts = []
    for pattern, label in _LINKS:
        name = pattern.format(id=result.case_id)
        if name in files or (name.endswith("/") and any(f.startswith(name) for f in files)):
            parts.append(f'<a href="{escape(result.case_id)}/{escape(name)}">{escape(label)}</a>')
    return " ".join(parts)


def _kept(item):
    """A kept report as :class:`partnet.report.pipeline.KeptReport` (older callers pass (folder, anonymised))."""
    from partnet.report.pipeline import KeptReport

    if isinstance(item, tuple):
        return KeptReport(item[0], item[1])
    return item


_WITHHELD = ("details withheld from this page because they name people; they were printed where the run "
             "was started, and partnet validate shows the data problems")


def _shown(result) -> str:
    return "pseudonyms only" if result.anonymised else "named where consented"


def _row(result, details: bool = True, timings: bool = False) -> str:
    if result.ok:
        status = '<span class="ok">ok</span>' + (" (up to date)" if getattr(result, "up_to_date", False) else "")
        detail = _links(result)
    else:
        status = f'<span class="failed">failed</span> ({escape(result.stage)})'
        detail = f"<pre>{escape(result.error if details else _WITHHELD)}</pre>"
        if result.debug:
            detail += (f'<div class="note">Executed notebook kept for debugging: '
                       f'<a href="{escape(result.debug)}">{escape(result.debug)}</a></div>')
        if getattr(result, "previous", False):
            page = "cross_case.html" if result.case_id == "cross_case" else f"{result.case_id}/report.html"
            detail += (f'<div class="note">The previous report of this case is kept as it was: '
                       f'<a href="{escape(page)}">previous report</a></div>')
    if result.warnings:
        detail += "".join(f'<div class="note">check: {escape(w)}</div>' for w in result.warnings)
    return (f"<tr><td>{escape(result.case_id)}</td><td>{escape(result.title)}</td><td>{status}</td>"
            f"<td>{escape(_shown(result)) if result.ok else ''}</td>"
            f"<td>{detail}</td>{f'<td>{result.seconds:.0f} s</td>' if timings else ''}</tr>")


def earlier_reports(out, results) -> list[tuple[str, bool | None]]:
    """Case folders in ``out`` that this run did not write (a failed case's kept report included), and their privacy.

    Parameters
    ----------
    out : str or pathlib.Path
        The output folder.
    results : list of CaseResult
        This run's cases (the folders of those that succeeded are not
        listed; a failed case's folder is its previous report, kept).

    Returns
    -------
    list of (str, bool or None)
        Folder name and True (anonymised), False (names people who
        consented) or None (a report written without a record of how,
        by an older partnet: treated as named), sorted by name.
        :func:`partnet.report.pipeline.kept_reports` gives all that each
        folder's marker records.

    Examples
    --------
    >>> import tempfile
    >>> from partnet.report.pipeline import _mark
    >>> out = Path(tempfile.mkdtemp())
    >>> (out / "shire").mkdir(); _mark(out / "shire", "shire", False)
    >>> (out / "old").mkdir(); _ = (out / "old" / "report.html").write_text("...")
    >>> earlier_reports(out, [])
    [('old', None), ('shire', False)]
    """
    from partnet.report.pipeline import kept_reports

    return [(k.case_id, k.anonymised) for k in kept_reports(out, results)]


def _privacy(results, earlier) -> str:
    """What the index says about privacy, from what is in the folder, not from the run's options."""
    written = [r for r in results if r.ok]
    named = [r.case_id for r in written if not r.anonymised] + [k.case_id for k in earlier if not k.anonymised]
    anonymised = [r.case_id for r in written if r.anonymised] + [k.case_id for k in earlier if k.anonymised]
    consent = "People are named only where they agreed to be named; others by pseudonym."
    if not named:
        return ('<p class="note">Every report in this folder shows people by pseudonym only (anonymised). '
                'Every page here opens offline.</p>') if anonymised else f'<p class="note">{consent}</p>'
    text = (f"Reports that name people (where they consented): {', '.join(named)}. " + consent)
    if anonymised:
        return (f'<p class="warning"><b>This folder mixes anonymised and named reports.</b> {escape(text)} '
                f"Anonymised: {escape(', '.join(anonymised))}. Do not share the folder as anonymised: remove the "
                "named folders, or render them again with --anonymise.</p>")
    return f'<p class="note">{escape(text)} Every page here opens offline.</p>'


def _kept_rows(earlier) -> str:
    rows = []
    for k in earlier:
        shown = ("pseudonyms only" if k.anonymised else "named where consented" if k.anonymised is False
                 else "not recorded (older partnet): treat as named")
        mark = k.mark or {}
        outputs = _links(k) if k.files else ""
        if k.note:
            outputs += f'<div class="note">{escape(k.note)}</div>'
        compared = "compared" if k.compared else f"left out: {k.reason}"
        rows.append(f"<tr><td>{escape(k.case_id)}</td><td>{escape(shown)}</td><td>{escape(k.title)}</td>"
                    f"<td>{escape(str(mark.get('date') or ''))}</td><td>{outputs}</td>"
                    f"<td>{escape(compared)}</td></tr>")
    return "".join(rows)


def _cross_html(cross, earlier, details: bool, timings: bool, cross_kept: bool) -> str:
    left_out = [k for k in earlier if not k.compared]
    if cross is None:
        text = "<p>No cross-case report from this run: no case of it succeeded.</p>"
        if cross_kept:
            text += ('<p class="note">The cross-case report of an earlier run is kept as it was: '
                     '<a href="cross_case.html">cross-case comparison</a></p>')
        return text
    if not cross.ok:
        return f"<table><tbody>{_row(cross, details, timings)}</tbody></table>"
    text = ('<p><a href="cross_case.html">Cross-case comparison</a> '
            '<a href="cross_case/tables.xlsx">tables (xlsx)</a> <a href="cross_case/figures/">figures</a></p>'
            + "".join(f'<div class="note">check: {escape(w)}</div>' for w in cross.warnings))
    if cross.compared:
        text += f'<p class="note">It compares {escape(", ".join(cross.compared))}.</p>'
    if getattr(cross, "up_to_date", False):
        text += ('<p class="note">Up to date: nothing it compares changed since an earlier run wrote it, so it '
                 'was left as it was.</p>')
    if left_out:
        text += ('<p class="note">Left out of the comparison, kept from earlier runs:</p><ul class="note">'
                 + "".join(f"<li>{escape(k.case_id)}: {escape(k.reason)}</li>" for k in left_out) + "</ul>")
    return text


def index_html(results, cross=None, *, parameters: dict | None = None, seconds: float | None = None,
               earlier=(), details: bool = True, timings: bool = False, skipped=(), cross_kept: bool = False) -> str:
    """The index page of a report run (escaped, nothing loaded from elsewhere).

    Parameters
    ----------
    results : list of CaseResult
        One per case, in the order given.
    cross : CaseResult, optional
        The cross-case report (None when no case succeeded).
    parameters : dict, optional
        The run's options, listed on the page by their plain names
        (:func:`partnet.vocabulary.label`: ``min_frequency`` is "least tie
        value kept").
    seconds : float, optional
        Wall time of the run (shown only with ``timings``).
    earlier : list of KeptReport, or of (str, bool or None), optional
        Case reports from earlier runs in the same folder
        (:func:`partnet.report.pipeline.kept_reports`, or the pairs of
        :func:`earlier_reports`): each is listed with its outputs, whether
        the cross-case report compares it and why not; privacy is stated
        from them too.
    details : bool, default True
        False replaces the error text of failed cases by a note (used when
        the privacy gate found a name in it).
    timings : bool, default False
        Show each case's seconds and the run's (``seconds``). Off by
        default: elapsed times differ from run to run, and without them
        the same cases and options give the same page, byte for byte,
        within a day (or always, with ``SOURCE_DATE_EPOCH`` set: the run's
        date is :func:`partnet.report.provenance.run_date`).
    skipped : list of Skipped, optional
        Case arguments that were not cases (a README), named on the page.
    cross_kept : bool, default False
        Without a cross-case report from this run, one from an earlier run
        is in the folder.

    Returns
    -------
    str
        A complete HTML document.

    Examples
    --------
    >>> from partnet.report.pipeline import CaseResult
    >>> bad = CaseResult("data/cases/x", "x", stage="data", error="people.csv: <bad> row")
    >>> page = index_html([bad])
    >>> "&lt;bad&gt;" in page, "<bad>" in page
    (True, False)
    >>> bad.seconds = 12.3
    >>> " s</td>" in page, ">12 s</td>" in index_html([bad], seconds=60.2, timings=True)
    (False, True)
    >>> "<th>everyone by pseudonym</th><td>yes</td>" in index_html([bad], parameters={"anonymise": True})
    True
    >>> page = index_html([CaseResult("data/cases/y", "y", ok=True, up_to_date=True)])
    >>> '<span class="ok">ok</span> (up to date)' in page, "Up to date, left as an earlier run wrote it: y." in page
    (True, True)
    """
    from partnet.report.provenance import run_date, versions

    earlier = [_kept(k) for k in earlier]
    failed = [r for r in results if not r.ok] + ([cross] if cross is not None and not cross.ok else [])
    n_ok = sum(r.ok for r in results)
    summary = f"{n_ok} of {len(results)} case report{'s' if len(results) != 1 else ''} written"
    if failed:
        summary += f"; {len(failed)} failed: " + ", ".join(escape(r.case_id) for r in failed)
    sentences = [summary + "."]
    fresh = [r.case_id for r in results if getattr(r, "up_to_date", False)]
    if fresh:
        sentences.append(f"Up to date, left as an earlier run wrote {'it' if len(fresh) == 1 else 'them'}: "
                         f"{escape(', '.join(fresh))}.")
    earlier_only = [k for k in earlier if not k.failed_now]
    if earlier_only:
        sentences.append(f"Kept from earlier runs: {escape(', '.join(k.case_id for k in earlier_only))} "
                         "(listed below).")
    if skipped:
        sentences.append("Skipped, not a case folder or workbook: "
                         + escape(", ".join(Path(s.source).name for s in skipped)) + ".")
    rows = "\n".join(_row(r, details, timings) for r in results)
    def shown(value) -> str:
        if value is None:
            return "case default"
        return ("yes" if value else "no") if isinstance(value, bool) else str(value)  # seed 1 is not "yes"

    params = "".join(f"<tr><th>{escape(str(vocabulary.label(k)))}</th><td>{escape(shown(v))}</td></tr>"
                     for k, v in (parameters or {}).items())
    v = versions()
    took = f", {seconds:.0f} s" if timings and seconds is not None else ""
    time_th = "<th>time</th>" if timings else ""
    earlier_html = ""
    if earlier:
        earlier_html = ("<h2>Reports kept from earlier runs</h2><p class=\"note\">Not written by this run: each "
                        "as an earlier run wrote it. The cross-case report compares one only when it was written "
                        "with this run's options and privacy from data that has not changed since.</p>"
                        "<table><thead><tr><th>case</th><th>people shown</th><th>title</th><th>written (UTC)</th>"
                        "<th>outputs</th><th>cross-case comparison</th></tr></thead>"
                        f"<tbody>{_kept_rows(earlier)}</tbody></table>")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>partnet reports</title>
<style>{_CSS}</style>
</head>
<body>
<h1>partnet reports</h1>
<p>{" ".join(sentences)}</p>
{_privacy(results, earlier)}
<h2>Cases</h2>
<table>
<thead><tr><th>case</th><th>title</th><th>status</th><th>people shown</th><th>outputs</th>{time_th}</tr></thead>
<tbody>
{rows}
</tbody>
</table>
{earlier_html}
<h2>Across cases</h2>
{_cross_html(cross, earlier, details, timings, cross_kept)}
<h2>Run</h2>
<table class="run"><tbody>{params}
<tr><th>date (UTC)</th><td>{escape(run_date())}{escape(took)}</td></tr>
<tr><th>partnet</th><td>{escape(v['partnet'])} (Python {escape(v['python'])})</td></tr>
</tbody></table>
</body>
</html>
"""


def _needs_gate(results, cross, earlier) -> bool:
    return any(r.anonymised for r in [*results, *([cross] if cross else [])]) or any(
        _kept(k).anonymised for k in earlier)


def write_index(out, results, cross=None, *, parameters: dict | None = None, seconds: float | None = None,
                gate=None, timings: bool = False, kept=None, skipped=()) -> Path:
    """Write :func:`index_html` to ``<out>/index.html`` and return its path.

    ``timings`` shows elapsed seconds on the page (see :func:`index_html`);
    by default there are none, so that two runs write the same page.

    ``gate`` (a function from a file to a privacy scan, see
    :func:`partnet.privacy.scan`) checks the page before it replaces the
    old one when any report is anonymised; if the error text of a failed
    case names someone, the page is written with that text withheld.

    ``kept`` lists the reports of earlier runs (default: read from the
    folder's markers, :func:`partnet.report.pipeline.kept_reports`, none of
    them compared); ``skipped`` the arguments that were not cases.
    """
    from partnet.report.pipeline import kept_reports

    out = Path(out)
    earlier = kept_reports(out, results) if kept is None else list(kept)
    cross_kept = cross is None and (out / "cross_case.html").is_file()
    path, draft = out / "index.html", out / ".index.html.part"
    for details in (True, False):
        draft.write_text(index_html(results, cross, parameters=parameters, seconds=seconds, earlier=earlier,
                                    details=details, timings=timings, skipped=skipped, cross_kept=cross_kept),
                         encoding="utf-8")
        if gate is None or not _needs_gate(results, cross, earlier) or gate(draft).ok:
            break
    draft.replace(path)
    return path


#: What ``summary.json`` says of a failure whose text the privacy gate found a name in.
WITHHELD = "withheld: it names people (printed where the run was started; partnet validate shows data problems)"

_STATUS = {0: "ok", 1: "nothing-rendered", 3: "some-failed"}

#: The format of ``summary.json``: 2 adds ``up_to_date`` to each case of the run and to ``cross_case``.
SUMMARY_FORMAT = 2


def _outputs(case_id: str) -> dict:
    return {"folder": case_id, "report": f"{case_id}/report.html", "workbook": f"{case_id}/tables.xlsx",
            "network": f"{case_id}/network.html"}


def summary(result, parameters: dict | None = None, *, details: bool = True, timings: bool = False) -> dict:
    """The outcome of a run for scripts, as ``<out>/summary.json`` holds it.

    Paths are relative to the output folder, and nothing in it changes
    between two runs of the same cases but the date (and, with
    ``timings``, the seconds): a pipeline can compare two summaries.

    Parameters
    ----------
    result : partnet.report.pipeline.RunResult
        The run.
    parameters : dict, optional
        The run's options (``anonymise`` and the analysis options).
    details : bool, default True
        False withholds the reasons of failures (the privacy gate found a
        name in them).
    timings : bool, default False
        Add ``seconds`` (the run's and each case's).

    Returns
    -------
    dict
        ``format`` (:data:`SUMMARY_FORMAT`, 2; format 1 had no
        ``up_to_date``); ``status`` (``ok``, ``some-failed``,
        ``nothing-rendered``) and ``exit_status`` (0, 3, 1: see
        :data:`partnet.report.pipeline.EXIT_STATUS`); ``counts``
        (``cases`` given, ``ok``, ``failed``, ``skipped``, ``kept``,
        ``compared``); ``cases``, one per case argument: ``case_id``,
        ``source``, ``outcome`` (``ok``; ``failed`` with ``stage`` and
        ``reason``; ``skipped`` with ``reason``), ``up_to_date`` for a
        case (true: its report was up to date and left as it was, not
        rendered again; an up-to-date case is ``ok`` and counts as
        this run's), and for a written case ``folder``, ``report``,
        ``workbook``, ``network``, ``anonymised``, ``in_cross_case``;
        ``kept``, the reports of earlier runs left in the folder
        (``outcome`` ``kept``, with ``in_cross_case`` and the ``reason``
        when not, ``note``); ``cross_case`` (``outcome``, ``up_to_date``,
        and ``report``, ``workbook``, ``cases`` compared, ``left_out``);
        ``index``; ``options``; ``partnet``; ``date``.

    Examples
    --------
    >>> from partnet.report.pipeline import CaseResult, RunResult, Skipped
    >>> ok, bad = CaseResult("/d/a", "a", ok=True), CaseResult("/d/b", "b", stage="data", error="ties.csv: bad")
    >>> cross = CaseResult("cross_case", "cross_case", ok=True, compared=["a"])
    >>> run = RunResult(Path("."), [ok, bad], cross, Path("index.html"), None, 0.0, skipped=[Skipped("/d/README.md")])
    >>> s = summary(run)
    >>> s["status"], s["exit_status"], s["counts"]
    ('some-failed', 3, {'cases': 3, 'ok': 1, 'failed': 1, 'skipped': 1, 'kept': 0, 'compared': 1})
    >>> [(c["case_id"], c["outcome"], c.get("stage"), c.get("reason")) for c in s["cases"]]
    [('a', 'ok', None, None), ('b', 'failed', 'data', 'ties.csv: bad'),
     (None, 'skipped', None, 'not a case folder or an .xlsx workbook')]
    >>> s["cases"][0]["report"], s["cross_case"]["cases"]
    ('a/report.html', ['a'])
    >>> s["format"], s["cases"][0]["up_to_date"], s["cross_case"]["up_to_date"]
    (2, False, False)
    """
    import partnet
    from partnet.report.provenance import run_date

    cross = result.cross_case
    compared = set(cross.compared) if cross is not None and cross.ok else set()
    cases = []
    for r in result.cases:
        entry = {"case_id": r.case_id, "title": r.title, "source": r.source}
        if r.ok:
            entry.update(outcome="ok", up_to_date=bool(r.up_to_date), anonymised=r.anonymised,
                         **_outputs(r.case_id), in_cross_case=r.case_id in compared, warnings=list(r.warnings))
        else:
            entry.update(outcome="failed", up_to_date=False, stage=r.stage, reason=r.error if details else WITHHELD,
                         debug=r.debug, previous_kept=r.previous, in_cross_case=False)
        if timings:
            entry["seconds"] = round(r.seconds, 1)
        cases.append(entry)
    cases += [{"case_id": None, "source": s.source, "outcome": "skipped", "reason": s.reason}
              for s in result.skipped]
    kept = []
    for k in result.kept:
        mark = k.mark or {}
        entry = {"case_id": k.case_id, "title": k.title, "source": k.source, "outcome": "kept",
                 "anonymised": k.anonymised, "date": mark.get("date"), **_outputs(k.case_id),
                 "source_exists": Path(k.source).exists() if k.source else None, "failed_now": k.failed_now,
                 "in_cross_case": k.compared, "reason": k.reason or None, "note": k.note or None}
        if "network.html" not in k.files:
            entry.pop("network")
        kept.append(entry)
    if cross is None:
        cross_entry = {"outcome": "skipped", "reason": "no case of this run succeeded"}
    elif cross.ok:
        cross_entry = {"outcome": "ok", "up_to_date": bool(cross.up_to_date), "report": "cross_case.html",
                       "workbook": "cross_case/tables.xlsx", "anonymised": cross.anonymised,
                       "cases": list(cross.compared),
                       "left_out": [{"case_id": k.case_id, "reason": k.reason} for k in result.kept if not k.compared],
                       "warnings": list(cross.warnings)}
    else:
        cross_entry = {"outcome": "failed", "up_to_date": False, "stage": cross.stage,
                       "reason": cross.error if details else WITHHELD, "debug": cross.debug,
                       "previous_kept": cross.previous}
    status = result.exit_status
    data = {
        "format": SUMMARY_FORMAT,
        "status": _STATUS[status],
        "exit_status": status,
        "counts": {"cases": len(result.cases) + len(result.skipped), "ok": sum(r.ok for r in result.cases),
                   "failed": sum(not r.ok for r in result.cases), "skipped": len(result.skipped),
                   "kept": len(result.kept), "compared": len(compared)},
        "cases": cases,
        "kept": kept,
        "cross_case": cross_entry,
        "index": "index.html",
        "options": dict(parameters or {}),
        "partnet": partnet.__version__,
        "date": run_date(),
    }
    if timings:
        data["seconds"] = round(result.seconds, 1)
    return data


def write_summary(result, parameters: dict | None = None, *, gate=None, timings: bool = False) -> Path:
    """Write :func:`summary` to ``<out>/summary.json`` (whole or not at all) and return its path.

    ``gate`` checks it as :func:`write_index` checks the page: when a
    report is anonymised and a failure's text names someone, the reasons
    are withheld.
    """
    from partnet.report.pipeline import SUMMARY

    out = Path(result.out)
    path, draft = out / SUMMARY, out / f".{SUMMARY}.part"
    for details in (True, False):
        text = json.dumps(summary(result, parameters, details=details, timings=timings), indent=2,
                          ensure_ascii=False)
        draft.write_text(text + "\n", encoding="utf-8")
        if gate is None or not _needs_gate(result.cases, result.cross_case, result.kept) or gate(draft).ok:
            break
    draft.replace(path)
    return path

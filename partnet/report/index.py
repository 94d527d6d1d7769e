"""``index.html`` of a report folder: every case, its outputs, and what failed and why."""

from __future__ import annotations

from html import escape
from pathlib import Path

__all__ = ["write_index", "index_html", "earlier_reports"]

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
          ("ego/index.html", "ego sheets"))


def _links(result) -> str:
    files = set(result.files)
    parts = []
    for pattern, label in _LINKS:
        name = pattern.format(id=result.case_id)
        if name in files or (name.endswith("/") and any(f.startswith(name) for f in files)):
            parts.append(f'<a href="{escape(result.case_id)}/{escape(name)}">{escape(label)}</a>')
    return " ".join(parts)


_WITHHELD = ("details withheld from this page because they name people; they were printed where the run "
             "was started, and partnet validate shows the data problems")


def _shown(result) -> str:
    return "pseudonyms only" if result.anonymised else "named where consented"


def _row(result, details: bool = True, timings: bool = False) -> str:
    if result.ok:
        status = '<span class="ok">ok</span>'
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
    from partnet.report.pipeline import FAILED_DIR, read_mark

    mine = {r.case_id for r in results if r.ok} | {"cross_case", FAILED_DIR}   # a failed case's kept report counts
    found = []
    for folder in sorted(Path(out).iterdir()) if Path(out).is_dir() else []:
        if not folder.is_dir() or folder.name in mine or folder.name.startswith("."):
            continue
        mark = read_mark(folder)
        if mark is not None:
            found.append((folder.name, mark["anonymised"]))
        elif (folder / "report.html").is_file():
            found.append((folder.name, None))
    return found


def _privacy(results, earlier) -> str:
    """What the index says about privacy, from what is in the folder, not from the run's options."""
    written = [r for r in results if r.ok]
    named = [r.case_id for r in written if not r.anonymised] + [n for n, a in earlier if not a]
    anonymised = [r.case_id for r in written if r.anonymised] + [n for n, a in earlier if a]
    consent = "People are named only where they consented (consent_named = yes); others by pseudonym."
    if not named:
        return ('<p class="note">Every report in this folder shows people by pseudonym only (anonymised). '
                'Every page here opens offline.</p>') if anonymised else f'<p class="note">{consent}</p>'
    text = (f"Reports that name people (where they consented): {', '.join(named)}. " + consent)
    if anonymised:
        return (f'<p class="warning"><b>This folder mixes anonymised and named reports.</b> {escape(text)} '
                f"Anonymised: {escape(', '.join(anonymised))}. Do not share the folder as anonymised: remove the "
                "named folders, or render them again with --anonymise.</p>")
    return f'<p class="note">{escape(text)} Every page here opens offline.</p>'


def index_html(results, cross=None, *, parameters: dict | None = None, seconds: float | None = None,
               earlier=(), details: bool = True, timings: bool = False) -> str:
    """The index page of a report run (escaped, nothing loaded from elsewhere).

    Parameters
    ----------
    results : list of CaseResult
        One per case, in the order given.
    cross : CaseResult, optional
        The cross-case report (None when no case succeeded).
    parameters : dict, optional
        The run's options, listed on the page.
    seconds : float, optional
        Wall time of the run (shown only with ``timings``).
    earlier : list of (str, bool or None), optional
        Case folders from earlier runs in the same folder
        (:func:`earlier_reports`); privacy is stated from them too.
    details : bool, default True
        False replaces the error text of failed cases by a note (used when
        the privacy gate found a name in it).
    timings : bool, default False
        Show each case's seconds and the run's (``seconds``). Off by
        default: elapsed times differ from run to run, and without them
        the same cases and options give the same page, byte for byte,
        within a day (or always, with ``SOURCE_DATE_EPOCH`` set: the run's
        date is :func:`partnet.report.provenance.run_date`).

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
    """
    from partnet.report.provenance import run_date, versions

    failed = [r for r in results if not r.ok] + ([cross] if cross is not None and not cross.ok else [])
    n_ok = sum(r.ok for r in results)
    summary = f"{n_ok} of {len(results)} case report{'s' if len(results) != 1 else ''} written"
    if failed:
        summary += f"; {len(failed)} failed: " + ", ".join(escape(r.case_id) for r in failed)
    rows = "\n".join(_row(r, details, timings) for r in results)
    if cross is None:
        cross_html = "<p>No cross-case report: no case succeeded.</p>"
    elif cross.ok:
        cross_html = ('<p><a href="cross_case.html">Cross-case comparison</a> '
                      '<a href="cross_case/tables.xlsx">tables (xlsx)</a> <a href="cross_case/figures/">figures</a></p>'
                      + "".join(f'<div class="note">check: {escape(w)}</div>' for w in cross.warnings))
    else:
        cross_html = f"<table><tbody>{_row(cross, details, timings)}</tbody></table>"
    params = "".join(f"<tr><th>{escape(str(k))}</th><td>{escape('case default' if v is None else str(v))}</td></tr>"
                     for k, v in (parameters or {}).items())
    v = versions()
    took = f", {seconds:.0f} s" if timings and seconds is not None else ""
    time_th = "<th>time</th>" if timings else ""
    earlier_html = ""
    if earlier:
        listed = "".join(f"<tr><td>{escape(n)}</td><td>"
                         + ("pseudonyms only" if a else "named where consented" if a is False
                            else "not recorded (older partnet): treat as named")
                         + "</td></tr>"
                         for n, a in earlier)
        earlier_html = ("<h2>Earlier reports in this folder</h2><p class=\"note\">Written by earlier runs, not linked "
                        f"above.</p><table><thead><tr><th>folder</th><th>people shown</th></tr></thead><tbody>{listed}"
                        "</tbody></table>")
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
<p>{summary}.</p>
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
{cross_html}
<h2>Run</h2>
<table class="run"><tbody>{params}
<tr><th>date (UTC)</th><td>{escape(run_date())}{escape(took)}</td></tr>
<tr><th>partnet</th><td>{escape(v['partnet'])} (Python {escape(v['python'])})</td></tr>
</tbody></table>
</body>
</html>
"""


def write_index(out, results, cross=None, *, parameters: dict | None = None, seconds: float | None = None,
                gate=None, timings: bool = False) -> Path:
    """Write :func:`index_html` to ``<out>/index.html`` and return its path.

    ``timings`` shows elapsed seconds on the page (see :func:`index_html`);
    by default there are none, so that two runs write the same page.

    ``gate`` (a function from a file to a privacy scan, see
    :func:`partnet.privacy.scan`) checks the page before it replaces the
    old one when any report is anonymised; if the error text of a failed
    case names someone, the page is written with that text withheld.
    """
    out = Path(out)
    earlier = earlier_reports(out, results)
    path, draft = out / "index.html", out / ".index.html.part"
    for details in (True, False):
        draft.write_text(index_html(results, cross, parameters=parameters, seconds=seconds, earlier=earlier,
                                    details=details, timings=timings), encoding="utf-8")
        if gate is None or not any(r.anonymised for r in [*results, *([cross] if cross else [])]) or gate(draft).ok:
            break
    draft.replace(path)
    return path

"""``index.html`` of a report folder: every case, its outputs, and what failed and why."""

from __future__ import annotations

from html import escape
from pathlib import Path

__all__ = ["write_index", "index_html"]

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


def _row(result) -> str:
    if result.ok:
        status = '<span class="ok">ok</span>'
        detail = _links(result)
    else:
        status = f'<span class="failed">failed</span> ({escape(result.stage)})'
        detail = f"<pre>{escape(result.error)}</pre>"
        if result.debug:
            detail += (f'<div class="note">Executed notebook kept for debugging: '
                       f'<a href="{escape(result.debug)}">{escape(result.debug)}</a></div>')
    return (f"<tr><td>{escape(result.case_id)}</td><td>{escape(result.title)}</td><td>{status}</td>"
            f"<td>{detail}</td><td>{result.seconds:.0f} s</td></tr>")


def index_html(results, cross=None, *, parameters: dict | None = None, seconds: float | None = None) -> str:
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
        Wall time of the run.

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
    """
    from partnet.report.provenance import run_date, versions

    failed = [r for r in results if not r.ok] + ([cross] if cross is not None and not cross.ok else [])
    n_ok = sum(r.ok for r in results)
    summary = f"{n_ok} of {len(results)} case report{'s' if len(results) != 1 else ''} written"
    if failed:
        summary += f"; {len(failed)} failed: " + ", ".join(escape(r.case_id) for r in failed)
    rows = "\n".join(_row(r) for r in results)
    if cross is None:
        cross_html = "<p>No cross-case report: no case succeeded.</p>"
    elif cross.ok:
        cross_html = ('<p><a href="cross_case.html">Cross-case comparison</a> '
                      '<a href="cross_case/tables.xlsx">tables (xlsx)</a> <a href="cross_case/figures/">figures</a></p>')
    else:
        cross_html = f"<table><tbody>{_row(cross)}</tbody></table>"
    params = "".join(f"<tr><th>{escape(str(k))}</th><td>{escape('case default' if v is None else str(v))}</td></tr>"
                     for k, v in (parameters or {}).items())
    v = versions()
    took = f", {seconds:.0f} s" if seconds is not None else ""
    anonymised = any(getattr(r, "anonymised", False) for r in results)
    privacy = ("All people are shown by pseudonym (anonymised run)." if anonymised else
               "People are named only where they consented (consent_named = yes); others by pseudonym.")
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
<p class="note">{escape(privacy)} Every page here opens offline.</p>
<h2>Cases</h2>
<table>
<thead><tr><th>case</th><th>title</th><th>status</th><th>outputs</th><th>time</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
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


def write_index(out, results, cross=None, *, parameters: dict | None = None, seconds: float | None = None) -> Path:
    """Write :func:`index_html` to ``<out>/index.html`` and return its path."""
    path = Path(out) / "index.html"
    path.write_text(index_html(results, cross, parameters=parameters, seconds=seconds), encoding="utf-8")
    return path

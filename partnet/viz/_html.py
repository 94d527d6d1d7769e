"""HTML plumbing for the pages partnet writes: templates, safe JSON, the
inlined vis-network library, and a check for external references."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

__all__ = ["render", "script_json", "vis_network_js", "external_references", "asset_text"]

_TEMPLATES = "templates/viz"


def asset_text(name: str) -> str:
    """A text file from ``partnet/templates/viz``."""
    return resources.files("partnet").joinpath(_TEMPLATES, name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    # Autoescape everything: user text (names, organisations, roles, titles)
    # only ever enters the documents through these templates or as JSON.
    return jinja2.Environment(
        loader=jinja2.PackageLoader("partnet", _TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, **context) -> str:
    """Render one of partnet's viz templates with autoescaping on."""
    return _environment().get_template(template).render(**context)


_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(obj) -> str:
    """JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c`` and so on, so a name holding
    ``</script>`` or ``<!--`` cannot end or confuse the element, and the
    line separators U+2028/U+2029 are escaped for older JavaScript
    parsers. ``JSON.parse`` gives back the original text.

    Examples
    --------
    >>> script_json({"name": "</script><b>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    >>> json.loads(script_json(["a&b"]))
    ['a&b']
    """
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False, sort_keys=False, separators=(", ", ": "))
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_ESCAPES[m.group()], text)


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network 9.1.2 as shipped inside pyvis 0.3.2, ready to inline.

    The source-map comment is removed (a browser with developer tools open
    would otherwise try to fetch the map).
    """
    import pyvis

    path = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"//# sourceMappingURL=\S*\s*$", "", text)
    lowered = text.lower()
    if "</script" in lowered or "<!--" in lowered:  # pragma: no cover - guards a pyvis upgrade
        raise RuntimeError("vis-network.min.js cannot be inlined: it contains '</script' or '<!--'")
    return text


# ----------------------------------------------------------------- checking

_URL_ATTRS = {"src", "href", "srcset", "data", "poster", "action", "formaction", "background",
              "xlink:href", "manifest", "ping", "cite", "longdesc", "codebase", "archive"}
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*([^'")\s]+)""", re.IGNORECASE)
_SAFE = re.compile(r"^(?:data:|blob:|#)", re.IGNORECASE)
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|\\\\)", re.IGNORECASE)
_LINKS = {("a", "href"), ("area", "href")}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        self._style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            name = name.lower()
            if name in _URL_ATTRS:
                # srcset candidates are separated by a comma and a space
                # (a data: URL holds a comma of its own).
                for url in (re.split(r",\s+", value) if name == "srcset" else [value]):
                    url = url.strip().split(" ")[0] if name == "srcset" else url.strip()
                    if not url or _SAFE.match(url):
                        continue
                    if (tag, name) in _LINKS and not _ABSOLUTE.match(url):
                        continue  # a link to a file beside this one
                    self.found.append(f"<{tag} {name}={url!r}>")
            elif name == "style":
                self.found += [f"<{tag} style url({u!r})>" for u in _CSS_URL.findall(value) if not _SAFE.match(u)]
            elif name == "srcdoc":
                self.found += [f"<{tag} srcdoc> " + f for f in external_references(value)]
            elif name == "http-equiv" and value.lower() == "refresh":
                self.found.append(f"<{tag} http-equiv=refresh>")

    def handle_endtag(self, tag):
        if tag == "style":
            self._style = False

    def handle_data(self, data):
        if self._style:
            self.found += [f"<style> url({u!r})" for u in _CSS_URL.findall(data) if not _SAFE.match(u)]


def external_references(html_text: str) -> list[str]:
    """Every reference in an HTML document that would load or link something.

    Looks at URL-bearing attributes (``src``, ``href``, ``srcset``, ...),
    ``url()`` and ``@import`` in CSS, ``meta refresh``, and documents
    nested in an iframe's ``srcdoc``. ``data:`` and ``blob:`` URLs and
    in-page anchors (``#...``) are not external; neither is a link
    (``<a href>``) to a relative path, a file beside the page, which
    still opens offline. Any resource that is not inlined (a script,
    stylesheet or image by path) counts, as does a link with a scheme
    (``https:``, ``javascript:``) or to another host (``//``).

    Parameters
    ----------
    html_text : str
        A whole document or a fragment.

    Returns
    -------
    list of str
        One description per reference found; empty for a self-contained
        page.

    Examples
    --------
    >>> external_references('<img src="data:image/png;base64,AAAA"><a href="#top">top</a><a href="b.html">b</a>')
    []
    >>> external_references('<link href="https://cdn.example/x.css"><p style="background:url(/a.png)">')
    ["<link href='https://cdn.example/x.css'>", "<p style url('/a.png')>"]
    """
    parser = _Collector()
    parser.feed(html_text)
    parser.close()
    return parser.found

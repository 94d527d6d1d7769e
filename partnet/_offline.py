"""The offline check: does an HTML page load or link anything that is not in the page?

One rule for every page partnet writes: the workshop page and ego sheets
(:func:`partnet.viz.external_references`) and the reports and their index
(:func:`partnet.report.internet_references`) both call
:func:`external_references` here.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

__all__ = ["external_references"]

#: Attributes that hold one URL (``srcset`` and ``imagesrcset`` hold several).
_URL_ATTRS = {"src", "href", "srcset", "imagesrcset", "data", "poster", "action", "formaction", "background",
              "xlink:href", "manifest", "ping", "cite", "longdesc", "codebase", "archive", "icon"}
_SRCSETS = {"srcset", "imagesrcset"}
#: ``<a href>`` and ``<area href>`` only link: a relative one opens a file beside the page.
_LINKS = {("a", "href"), ("area", "href")}
#: Inlined or in-page: never fetched.
_SAFE = re.compile(r"^(?:data:|blob:|#)", re.I)
#: A URL with a scheme (``https:``, ``javascript:``) or another host (``//``, ``\\``).
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|[/\\]{2})", re.I)
#: What reaches another machine: a scheme followed by ``//``, or ``//host``.
_INTERNET = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?[/\\]{2}", re.I)
#: Browsers drop tabs and line breaks anywhere in a URL.
_URL_NOISE = re.compile(r"[\t\n\r]")

_CSS_COMMENT_OR_STRING = re.compile(r"""/\*.*?(?:\*/|$)|("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')""", re.S)
_CSS_URL = re.compile(r"""url\(\s*['"]?\s*([^'")\s]+)|@import\s+(?:url\()?\s*['"]?\s*([^'")\s;]+)""", re.I)
#: ``import x from "u"``, ``import "u"``, ``import("u")``, ``export ... from "u"``.
_JS_IMPORT = re.compile(r"""\bimport\s*(?:\(\s*|[\w{}*$\s,]+?\bfrom\s*)?['"`]([^'"`]+)['"`]"""
                        r"""|\bexport\s*[\w{}*$\s,]+?\bfrom\s*['"`]([^'"`]+)['"`]""")
#: ``<script type>`` values that run as JavaScript; any other type is a data block.
_JS_TYPES = re.compile(r"^(?:|module|(?:text|application)/(?:x-)?(?:java|ecma|j|live)script(?:\s*;.*)?)$", re.I)


def _clean(url: str) -> str:
    return _URL_NOISE.sub("", url).strip(" \f\v\x00")


def _srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset``, split as browsers do (a ``data:`` URL may hold commas).

    >>> _srcset_urls("a.png 1x, data:image/png;base64,AA 2x,b.png")
    ['a.png', 'data:image/png;base64,AA', 'b.png']
    """
    urls, i, n = [], 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        start = i
        while i < n and not value[i].isspace():
            i += 1
        url = value[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # descriptors run to the next comma
            while i < n and value[i] != ",":
                i += 1
        if url:
            urls.append(url)
    return urls


def _css_urls(css: str) -> list[str]:
    """``url()`` and ``@import`` targets in CSS, comments left out."""
    css = _CSS_COMMENT_OR_STRING.sub(lambda m: " " if m.group(1) is None else m.group(1), css)
    return [a or b for a, b in _CSS_URL.findall(css)]


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in: str | None = None  # "style", "script" (runs) or "data" (a script data block)
        self._text: list[str] = []

    def _resource(self, tag: str, name: str, url: str) -> None:
        url = _clean(url)
        if not url or _SAFE.match(url):
            return
        if (tag, name) in _LINKS and not _ABSOLUTE.match(url):
            return  # a link to a file beside this one
        self.found.append(f"<{tag} {name}={url!r}>")

    def handle_starttag(self, tag, attrs):
        self._flush()
        if tag == "style":
            self._in = "style"
        elif tag == "script":
            kind = next((v for n, v in attrs if n.lower() == "type"), None) or ""
            self._in = "script" if _JS_TYPES.match(kind.strip()) else "data"
        else:
            self._in = None
        for name, value in attrs:
            if not value:
                continue
            name = name.lower()
            if name in _URL_ATTRS:
                for url in (_srcset_urls(value) if name in _SRCSETS else [value]):
                    self._resource(tag, name, url)
            elif name == "style":
                self.found += [f"<{tag} style url({u!r})>" for u in _css_urls(value) if not _SAFE.match(_clean(u))]
            elif name == "srcdoc":
                self.found += [f"<{tag} srcdoc> {f}" for f in external_references(value)]
            elif name == "http-equiv" and value.strip().lower() == "refresh":
                self.found.append(f"<{tag} http-equiv=refresh>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in = None

    def handle_endtag(self, tag):
        self._flush()
        self._in = None

    def handle_data(self, data):
        if self._in:
            self._text.append(data)

    def close(self):
        super().close()
        self._flush()

    def _flush(self) -> None:
        text, self._text = "".join(self._text), []
        if not text:
            return
        if self._in == "style":
            self.found += [f"<style> url({u!r})" for u in _css_urls(text) if not _SAFE.match(_clean(u))]
        elif self._in in ("script", "data"):
            for a, b in _JS_IMPORT.findall(text):
                url = _clean(html.unescape(a or b))
                # A data block (JSON, a template) runs nothing: only an address
                # on the internet is reported there, as text that may be copied.
                if not _SAFE.match(url) and (self._in == "script" or _INTERNET.match(url)):
                    self.found.append(f"<script> import {url!r}")


def external_references(page: str) -> list[str]:
    """Every reference in an HTML page that would load or link something outside it.

    A page passes when it opens offline, as one file: everything it shows
    is inlined. Looks at URL-bearing attributes (``src``, ``href``,
    ``srcset``, ``data``, ``xlink:href``, ``poster``, ...), ``url()`` and
    ``@import`` in CSS (in ``<style>`` and ``style=``, outside comments),
    ``import`` and ``import()`` in scripts, meta refresh, and documents
    nested in an iframe's ``srcdoc``.

    ``data:`` and ``blob:`` URLs and in-page anchors (``#...``) are not
    external; neither is a link (``<a href>``, ``<area href>``) to a
    relative path, a file beside the page, which still opens offline.
    Everything else counts: a script, stylesheet, image or import by any
    path, a link with a scheme (``https:``, ``mailto:``, ``javascript:``)
    or to another host (``//``). In a script that does not run (a
    ``type="application/json"`` data block) only an import from the
    internet counts.

    Parameters
    ----------
    page : str
        A whole HTML document or a fragment.

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
    >>> external_references('<img srcset="a.png 1x, data:image/png;base64,AA 2x">')
    ["<img srcset='a.png'>"]
    >>> external_references('<script type="module">import m from "https://cdn.example/m.mjs";</script>'
    ...                     '<style>/* url(x.png) */ @import url("//fonts.example/a.css");</style>')
    ["<script> import 'https://cdn.example/m.mjs'", "<style> url('//fonts.example/a.css')"]
    >>> external_references('<iframe srcdoc="&lt;link href=&quot;http://x.example/a.css&quot;&gt;"></iframe>')
    ["<iframe srcdoc> <link href='http://x.example/a.css'>"]
    """
    finder = _Finder()
    finder.feed(page)
    finder.close()
    return finder.found

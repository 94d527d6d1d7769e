"""HTML plumbing for the pages partnet writes: templates, safe JSON, the
inlined vis-network library, and the check for external references
(:func:`partnet._offline.external_references`, the one offline check that
reports use too)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from partnet._offline import external_references

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

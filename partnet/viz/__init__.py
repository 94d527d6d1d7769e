"""Drawing: the offline workshop page, ego sheets and publication figures.

One palette (:mod:`partnet.viz.palette`) and one seeded layout
(:mod:`partnet.viz.layout`) serve every drawing, so an organisation has the
same colour and a person the same place on the page, the sheets and the
figures.
"""

from partnet.viz._html import external_references
from partnet.viz.interactive import NetworkPage, embed, interactive, write_network_page
from partnet.viz.keypeople import key_people
from partnet.viz.layout import positions
from partnet.viz.palette import Palette, palette_for

__all__ = [
    "interactive",
    "embed",
    "write_network_page",
    "NetworkPage",
    "positions",
    "palette_for",
    "Palette",
    "key_people",
    "external_references",
]

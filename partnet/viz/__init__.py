"""Drawing: the offline workshop page, ego sheets and publication figures.

One palette (:mod:`partnet.viz.palette`) and one seeded layout
(:mod:`partnet.viz.layout`) serve every drawing, so an organisation has the
same colour and a person the same place on the page, the sheets and the
figures.
"""

from partnet.viz._html import external_references
from partnet.viz.change import change_sociogram
from partnet.viz.charts import block_density_heatmap, case_comparison_bars, degree_distribution, theme_position_heatmap
from partnet.viz.ego import ego_sheet, write_ego_sheets
from partnet.viz.figures import save_figure
from partnet.viz.interactive import NetworkPage, embed, interactive, interactive_waves, write_network_page
from partnet.viz.keypeople import key_people
from partnet.viz.layout import positions
from partnet.viz.palette import Palette, palette_for
from partnet.viz.sociograms import ego_network, sociogram

__all__ = [
    "interactive",
    "interactive_waves",
    "embed",
    "write_network_page",
    "NetworkPage",
    "ego_sheet",
    "write_ego_sheets",
    "sociogram",
    "ego_network",
    "change_sociogram",
    "block_density_heatmap",
    "degree_distribution",
    "theme_position_heatmap",
    "case_comparison_bars",
    "save_figure",
    "positions",
    "palette_for",
    "Palette",
    "key_people",
    "external_references",
]

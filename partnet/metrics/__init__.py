"""Network measures with UCINET's conventions, one module a family.

Every public name is re-exported here, so ``partnet.metrics.density`` and
``partnet.metrics.cohesion.density`` are the same function. Each
docstring's Notes say which convention a number follows and where it comes
from. Graphs are networkx ``DiGraph`` (a tie ``u -> v`` means u named v)
or ``Graph`` (undirected data, read as a symmetric digraph where a
directed definition is needed). Self-loops are ignored.

Families
--------
cohesion
    density, block_density, reciprocity, transitivity, components,
    isolates, average_distance, diameter, connectedness, k_cores
centrality
    degree, betweenness, closeness, eigenvector, pagerank
centralization
    degree_centralization, betweenness_centralization,
    closeness_centralization
brokerage_roles
    brokerage, brokerage_expected, brokerage_ratio (Gould-Fernandez)
ei
    ei_index (Krackhardt-Stern E-I, whole / group / individual)
holes
    structural_holes (Burt)
coreperiphery
    core_periphery (Borgatti-Everett)
community
    communities (Louvain), partition_agreement (ARI, NMI)
qap
    qap_correlation, qap_regression, adjacency_matrix,
    same_attribute_matrix
organisations
    organisation_graph, organisation_ties
transforms
    symmetrize, dichotomize
tables
    whole_network, node_table
change
    wave_change, wave_qap, compare_waves (two waves of one relation)
"""

from partnet.errors import GraphError
from partnet.metrics import (
    brokerage_roles,
    centrality,
    centralization,
    change,
    cohesion,
    community,
    coreperiphery,
    ei,
    holes,
    organisations,
    qap,
    tables,
    transforms,
)
from partnet.metrics._graph import clear_cache
from partnet.metrics.brokerage_roles import *  # noqa: F401,F403
from partnet.metrics.centrality import *  # noqa: F401,F403
from partnet.metrics.centralization import *  # noqa: F401,F403
from partnet.metrics.change import *  # noqa: F401,F403
from partnet.metrics.cohesion import *  # noqa: F401,F403
from partnet.metrics.community import *  # noqa: F401,F403
from partnet.metrics.coreperiphery import *  # noqa: F401,F403
from partnet.metrics.ei import *  # noqa: F401,F403
from partnet.metrics.holes import *  # noqa: F401,F403
from partnet.metrics.organisations import *  # noqa: F401,F403
from partnet.metrics.qap import *  # noqa: F401,F403
from partnet.metrics.tables import *  # noqa: F401,F403
from partnet.metrics.transforms import *  # noqa: F401,F403

__all__ = [
    "GraphError",
    "clear_cache",
    *cohesion.__all__,
    *centrality.__all__,
    *centralization.__all__,
    *brokerage_roles.__all__,
    *ei.__all__,
    *holes.__all__,
    *coreperiphery.__all__,
    *community.__all__,
    *qap.__all__,
    *organisations.__all__,
    *transforms.__all__,
    *tables.__all__,
    *change.__all__,
]

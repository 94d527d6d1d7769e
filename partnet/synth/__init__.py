"""Realistic fictional case studies of any size, written as a case folder.

:func:`synth_case` writes the six files of a case (``case.yaml``,
``organisations.csv``, ``people.csv``, ``ties.csv``, ``codebook.csv``,
``segments.csv``) for a made-up partnership with the shape that real
e-government partnerships show in questionnaire data: organisations of very
unequal size, contact concentrated inside organisations, a few hubs (a
partnership team) that most people name, 70-90 % of the roster answering,
and interview segments coded with the partnership-effectiveness codebook
(:data:`CODEBOOK`). With ``waves`` above 1 the partnership is surveyed
several times: ties turn over between waves, a few people leave and are
replaced, and ``responses.csv`` says who answered each wave. The same
arguments always give byte-identical files.

The package has one module a concept: :mod:`partnet.synth.codebook` (the
model codebook and its invented excerpts), :mod:`partnet.synth.names`
(invented first names, surnames and places) and
:mod:`partnet.synth.generator` (the block model and the files). The
command line is ``partnet synth OUT_DIR --orgs N --people M --seed S
[--waves W --turnover R]`` (:mod:`partnet.cli`).

Examples
--------
>>> import tempfile, pathlib
>>> folder = synth_case(pathlib.Path(tempfile.mkdtemp()) / "demo", orgs=3, people=12, seed=1)
>>> (folder / "case.yaml").read_text().splitlines()[1]
"title: 'Synthetic partnership: 3 organisations, 12 people (seed 1)'"
"""

from partnet.errors import SynthError
from partnet.synth.codebook import CODEBOOK
from partnet.synth.generator import synth_case
from partnet.synth.names import FIRST_NAMES, synthetic_surnames

# SynthError lives in partnet.errors with the rest of the family; it is
# imported here so that ``from partnet.synth import SynthError`` keeps working.
__all__ = ["SynthError", "CODEBOOK", "FIRST_NAMES", "synth_case", "synthetic_surnames"]

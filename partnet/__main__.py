"""``python -m partnet`` runs the ``partnet`` command."""

import sys

from partnet.cli import main

sys.exit(main())

"""``python -m sandboxopt``: the command line (see ``sandboxopt.cli``)."""
import sys

from .cli import main

sys.exit(main())

"""Allow ``python -m allkg``."""

from allkg.cli import main

main()

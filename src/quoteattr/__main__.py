"""`python -m quoteattr` runs the command line."""

from quoteattr.cli import main

main()

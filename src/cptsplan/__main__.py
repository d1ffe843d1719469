"""`python -m cptsplan`: the same as the `cptsplan` command."""

from .cli import main

main()

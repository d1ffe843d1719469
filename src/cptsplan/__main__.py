"""`python -m cptsplan`: the same as the `cptsplan` command."""

from cptsplan.cli import run

run()

"""Run dkr as ``python -m docker_cli``."""

from docker_cli.cli.main import main

main()

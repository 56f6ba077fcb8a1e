"""Groups of CLI commands that live outside cli.py; each module exposes COMMANDS."""

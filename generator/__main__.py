"""`python -m generator`: the `press-archive` command (generator/cli.py)."""

from generator.cli import main

if __name__ == "__main__":
    main()

"""The bundle's entry point: the same `realist-coder` command the wheel installs."""

import sys

from coding.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""The bundle's entry point: the same `realist-coder` command the wheel installs.

`freeze_support` first: a batch import starts its reader processes by running this executable
again, and PyInstaller's hook routes those runs to multiprocessing only from here; without it
a reader process would start the command line instead, and the batch would fail.
"""

import multiprocessing
import sys

from coding.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())

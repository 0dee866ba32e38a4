import sys

from coding.cli import main

sys.exit(main())

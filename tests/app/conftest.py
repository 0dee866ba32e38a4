"""Qt fixtures live here, never in the root conftest."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

"""One lock for every call into pdfium in this process.

pdfium keeps global state and is not thread-safe, even across different documents; ctypes
releases the GIL during each call. The app reads a single PDF on its worker thread while the
page view renders on another, so both hold this lock around their pdfium work. Worker
processes (batches) have their own pdfium and need nothing.
"""

from __future__ import annotations

import threading

PDFIUM = threading.RLock()

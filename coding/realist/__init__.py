"""The realist layer: programme theories (C-M-O configurations), evidence and status,
appraisal and ratings, the final model (CSV, Word), evidence and intervention tables, and
theory snapshots for undo. Imports only the core (`coding/` root).
"""

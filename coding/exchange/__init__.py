"""REFI-QDA exchange with NVivo, ATLAS.ti, MAXQDA and QualCoder: export, import, positions.

Reads the plain dataclasses of `importers.refi_qda` and stores them; writes `.qdpx`/`.qdc`
validated against the official schemas. Imports only the core (`coding/` root).
"""

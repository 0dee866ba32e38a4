"""Reviewing the evidence: the one counting engine, coverage, the matrix query, text
search and co-occurrence. Imports the core and `coding.realist` (theories as rows).
"""

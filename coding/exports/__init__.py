"""Files for reading outside the app: coded excerpts as CSV and Excel, the node report
and the codebook. Imports the core, `coding.realist` and `coding.review`.
"""

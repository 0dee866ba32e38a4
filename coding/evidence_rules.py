"""The words of the evidence rule, shared by the realist layer (which judges with it) and the
REFI-QDA exchange (which carries the project's choice): one vocabulary, in the core, so the two
parts never drift apart. The rule itself is `coding.realist.evidence_rule`.
"""

from __future__ import annotations

SETTING = "evidence_rule"
RULES = ("strict", "parts", "any")
DEFAULT_RULE = "parts"
RULE_NAMES = {
    "strict": "whole configuration in one document",
    "parts": "every part evidenced somewhere in the review",
    "any": "any evidence",
}
RULE_DEFINITIONS = {
    "strict": "a configuration is supported when one document evidences every one of its "
              "contexts, mechanisms and outcomes (or is coded to the configuration as a whole)",
    "parts": "a configuration is supported when each of its contexts, mechanisms and outcomes "
             "is evidenced in at least one document; the documents may differ",
    "any": "a configuration is supported when any excerpt is coded to it or to one of its parts",
}

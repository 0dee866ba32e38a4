"""The evidence rule: when the coding says a configuration is supported.

A realist reviewer has to be able to defend "supported" in a paper, and reviews differ in what
they accept: some demand that one study show the whole configuration, most (realist synthesis
assembles configurations from several sources) accept every part evidenced somewhere in the
review, and a first pass may count any evidence at all. The rule is chosen per project, stored
in `project_settings` (`evidence_rule`), and printed wherever a status is.

A *part* is one element of the configuration: each of its contexts, mechanisms and outcomes.
An element is evidenced by an excerpt coded to its node or to any node under it, and by an
excerpt coded to the configuration's own node (which evidences every part at once).
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass

from coding.changes import Changes
from coding.errors import InvalidInput
from coding.evidence_rules import DEFAULT_RULE, RULE_DEFINITIONS, RULE_NAMES, RULES, SETTING
from coding.ids import NodeId
from coding.project import Project
from coding.realist.theories import ElementInfo, TheoryInfo

# The vocabulary lives in the core, where the REFI-QDA exchange reads it too.
__all__ = ["DEFAULT_RULE", "RULES", "RULE_DEFINITIONS", "RULE_NAMES", "SETTING", "Verdict",
           "check_rule", "describe_rule", "evidence_rule", "judge", "set_evidence_rule"]


def check_rule(rule: str) -> str:
    rule = rule.strip().lower()
    if rule not in RULES:
        raise InvalidInput(f"the evidence rule is one of {', '.join(RULES)}, not '{rule}'")
    return rule


def evidence_rule(project: Project) -> str:
    """The project's rule; a file written before rules existed (or by hand) gets the default."""
    stored = project.setting(SETTING, DEFAULT_RULE)
    return stored if stored in RULES else DEFAULT_RULE


def set_evidence_rule(project: Project, rule: str) -> Changes:
    project.set_setting(SETTING, check_rule(rule))
    return Changes(theories=True)


def describe_rule(rule: str) -> str:
    """The sentence printed in legends and export headers."""
    return f"Evidence rule: {RULE_NAMES[rule]} ({rule}) — {RULE_DEFINITIONS[rule]}."


@dataclass(frozen=True)
class Verdict:
    """What the rule makes of one configuration's coding."""

    status: str  # supported, partial, unsupported, refined or new
    evidenced: bool  # any evidence at all, for any part
    missing: tuple[ElementInfo, ...] = ()  # parts with no evidence anywhere
    apart: bool = False  # strict: every part evidenced, but never all in one document


def judge(theory: TheoryInfo, element_documents: Mapping[NodeId, Set[str]],
          whole_documents: Set[str], rule: str) -> Verdict:
    """The computed status of `theory` under `rule`.

    `element_documents` are the documents evidencing each element by its own coding (its node
    and the nodes under it); `whole_documents` those coding the configuration as a whole.
    A new configuration stays "new" (with no evidence: "new — no evidence yet"); "refined"
    needs the rule met *and* evidence for every element added during coding.
    """
    docs = {e.node_id: set(element_documents.get(e.node_id, ())) | set(whole_documents)
            for e in theory.elements}
    missing = tuple(e for e in theory.elements if not docs[e.node_id])
    evidenced = bool(whole_documents) or len(missing) < len(theory.elements)
    shared = set.intersection(*docs.values()) if docs else set(whole_documents)
    met = {"any": evidenced, "parts": evidenced and not missing, "strict": bool(shared)}[rule]
    apart = rule == "strict" and evidenced and not missing and not shared
    if theory.origin == "new":
        status = "new"
    elif not evidenced:
        status = "unsupported"
    elif not met:
        status = "partial"
    else:
        refinements = [e for e in theory.elements if e.origin == "new"]
        status = ("refined" if refinements and all(docs[e.node_id] for e in refinements)
                  else "supported")
    if met:  # nothing to name when the rule is met (under "any", unevidenced parts show struck)
        return Verdict(status, evidenced)
    return Verdict(status, evidenced, missing, apart)

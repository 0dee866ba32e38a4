"""How a status reads and is typeset, the same in the panel, the CLI, the Word model, the model
view, the diagram and the CSVs.

"partly supported: no outcome evidence" names what is missing, so a reader sees at once what
the review did not find. Type styles are the review convention: normal for a supported (or
partly supported) initial configuration, struck through for one with no evidence, CAPITALS for
a new one; an element is struck when nothing evidences it, in capitals when it was added
during coding.
"""

from __future__ import annotations

from coding.realist.theories import ElementInfo, TheoryInfo

STATUS_NAMES = {
    "supported": "supported",
    "partial": "partly supported",
    "unsupported": "unsupported",
    "refined": "refined",
    "new": "new",
}
NO_EVIDENCE_YET = "new — no evidence yet"
STATUS_NOTES = {  # the longer words of the Word model and the model view
    "supported": "supported",
    "unsupported": "no evidence found",
    "new": "new, emerged from the evidence",
    "refined": "refined with new elements",
    "partial": "partly supported",
}


def status_name(status: str) -> str:
    """The status as words ("partly supported"), for a status key or an override."""
    return STATUS_NAMES.get(status, status)


def missing_text(theory: TheoryInfo, missing: tuple[ElementInfo, ...], apart: bool) -> str:
    """"no mechanism or outcome evidence"; "no evidence for context 'Rural area'"."""
    whole_roles: list[str] = []
    named: list[str] = []
    for role in ("context", "mechanism", "outcome"):
        lacking = [e for e in missing if e.role == role]
        if lacking and len(lacking) == len(theory.of_role(role)):
            whole_roles.append(role)
        else:
            named += [f"{role} '{e.name}'" for e in lacking]
    bits = []
    if whole_roles:
        roles = ", ".join(whole_roles[:-1]) + " or " + whole_roles[-1] if len(
            whole_roles) > 1 else whole_roles[0]
        bits.append(f"no {roles} evidence")
    if named:
        bits.append(f"no evidence for {', '.join(named)}")
    if apart and not bits:
        bits.append("no document shows the whole configuration")
    return "; ".join(bits)


def status_text(status: str, theory: TheoryInfo, evidenced: bool,
                missing: tuple[ElementInfo, ...] = (), apart: bool = False) -> str:
    """The full phrase: "partly supported: no outcome evidence", "new — no evidence yet"."""
    if status == "new" and not evidenced:
        return NO_EVIDENCE_YET
    detail = missing_text(theory, missing, apart)
    if status == "new" and detail:
        return f"new — partly supported: {detail}"
    if status == "partial" and detail:
        return f"{status_name(status)}: {detail}"
    return status_name(status)


def status_note(status: str, evidenced: bool, detail: str) -> str:
    """The note after a configuration in the final model: "partly supported: no outcome
    evidence", "new, emerged from the evidence"."""
    if status == "new" and not evidenced:
        return NO_EVIDENCE_YET
    note = STATUS_NOTES.get(status, status)
    if detail and status == "partial":
        note += f": {detail}"
    elif detail and status == "new":
        note += f"; partly supported: {detail}"
    return note


def treatment(status: str) -> str:
    """How a configuration with this status is typeset: "normal", "strike" or "caps"."""
    return {"unsupported": "strike", "new": "caps"}.get(status, "normal")


def element_treatment(element: ElementInfo, has_evidence: bool) -> str:
    """A refinement is in capitals (marked "no evidence yet" beside it when it has none); an
    initial element with no evidence is struck through."""
    if element.origin == "new":
        return "caps"
    return "normal" if has_evidence else "strike"

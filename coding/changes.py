"""What a mutation changed, so views refresh only what they must (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    documents: bool = False
    nodes: bool = False
    references: bool = False
    memos: bool = False
    theories: bool = False
    cases: bool = False
    attributes: bool = False
    document_ids: frozenset[int] = field(default_factory=frozenset)
    node_ids: frozenset[int] = field(default_factory=frozenset)
    theory_log: frozenset[int] = field(default_factory=frozenset)  # log entries written
    # documents whose stored text itself changed (read again): a view showing one reads it anew
    texts: frozenset[int] = field(default_factory=frozenset)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            documents=self.documents or other.documents,
            nodes=self.nodes or other.nodes,
            references=self.references or other.references,
            memos=self.memos or other.memos,
            theories=self.theories or other.theories,
            cases=self.cases or other.cases,
            attributes=self.attributes or other.attributes,
            document_ids=self.document_ids | other.document_ids,
            node_ids=self.node_ids | other.node_ids,
            theory_log=self.theory_log | other.theory_log,
            texts=self.texts | other.texts,
        )

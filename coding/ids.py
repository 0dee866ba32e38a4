"""Typed ids, so a node id cannot be passed where a document id is meant."""

from typing import NewType

DocumentId = NewType("DocumentId", int)
NodeId = NewType("NodeId", int)
ReferenceId = NewType("ReferenceId", int)
TheoryId = NewType("TheoryId", int)
CaseId = NewType("CaseId", int)
TopicId = NewType("TopicId", int)
AttributeId = NewType("AttributeId", int)
MemoId = NewType("MemoId", int)
AnnotationId = NewType("AnnotationId", int)
CoderId = NewType("CoderId", int)

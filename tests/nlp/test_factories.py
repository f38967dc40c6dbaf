"""pipeline.nlp.factories: string annotations (PEP 563) evaluated for spaCy's validation."""

from __future__ import annotations

import spacy
from spacy.language import Language

from pipeline.nlp.factories import evaluated_annotations


class Marker:
    """A component that records the pipeline it was made for."""

    def __init__(self, nlp: Language, size: int) -> None:
        self.nlp, self.size = nlp, size

    def __call__(self, doc):
        return doc


@Language.factory("test_factories_marker", default_config={"size": 3})
@evaluated_annotations
def make_marker(nlp: Language, name: str, size: int) -> Marker:
    return Marker(nlp, size)


def test_annotations_are_objects_except_the_return():
    assert make_marker.__annotations__["nlp"] is Language
    assert make_marker.__annotations__["size"] is int
    assert make_marker.__annotations__["return"] == "Marker"


def test_factory_with_language_annotation_is_added_and_validated():
    nlp = spacy.blank("zh")
    component = nlp.add_pipe("test_factories_marker", config={"size": 5})
    assert component.size == 5 and component.nlp is nlp

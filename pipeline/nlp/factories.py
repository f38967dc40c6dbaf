"""Helpers for registering spaCy factories."""

from __future__ import annotations


def evaluated_annotations(factory):
    """Decorator under `@Language.factory`: the factory's parameter annotations as objects.

    With `from __future__ import annotations` they are strings; spaCy 3.8.6 validates factory
    arguments with pydantic v1, which cannot resolve a string such as "Language" outside the
    factory's module ("field nlp not yet prepared"). The return annotation is left as is (it
    may name a class defined further down)."""
    namespace = factory.__globals__
    for name, annotation in list(factory.__annotations__.items()):
        if name != "return" and isinstance(annotation, str):
            factory.__annotations__[name] = eval(annotation, namespace)  # noqa: S307
    return factory

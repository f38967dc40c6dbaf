"""Articles as the derived stage reads them, built from text and the surfaces of their rows."""

from __future__ import annotations

from datetime import date

from pipeline.people.mentions import ArticleInput, EntityRow, RoleRow


def article(article_id: str, text: str, day: str | None, people=(), places=(), organs=(),
            roles=(), source: str | None = None, offset: int = 0) -> ArticleInput:
    """`people`/`places` are surfaces (PER/LOC; a place may be (surface, canonical)),
    `organs` (surface, canonical), `roles` (title text + name as written, person, title,
    organization): every occurrence of each surface becomes a row."""
    entities = _rows(text, [(i, "PER") for i in people] + [(i, "LOC") for i in places]
                     + [(i, "ORG") for i in organs], offset)
    role_rows = []
    for written, person, title, organization in roles:
        start = text.index(written)
        role_rows.append(RoleRow(person, title, organization, offset + start,
                                 offset + start + len(written)))
    return ArticleInput(article_id, article_id.split("-")[0], offset, text,
                        date.fromisoformat(day) if day else None,
                        sorted(entities, key=lambda e: e.start), role_rows, source)


def _rows(text: str, items, offset: int) -> list[EntityRow]:
    """Every occurrence of each surface, longest surfaces first, never overlapping (as
    doc.ents): 徐明 inside 徐明作 is not a row of its own."""
    taken = bytearray(len(text))
    rows = []
    for item, label in sorted(items, key=lambda x: -len(x[0] if isinstance(x[0], str) else x[0][0])):
        surface, canonical = (item, item) if isinstance(item, str) else item
        start = text.find(surface)
        while start >= 0:
            if not any(taken[start:start + len(surface)]):
                taken[start:start + len(surface)] = b"\x01" * len(surface)
                rows.append(EntityRow(offset + start, offset + start + len(surface), surface,
                                      label, canonical))
            start = text.find(surface, start + len(surface))
    return rows

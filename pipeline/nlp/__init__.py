"""The spaCy side of Baokan: the Language, its components and their row extractors."""

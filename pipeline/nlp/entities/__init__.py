"""The entity stage: trained NER models, domain rules and lexicons, merged into doc.ents."""

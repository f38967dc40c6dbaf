"""Every Baokan spaCy factory and registered function, imported for its registration.

`spacy.load` of a saved Baokan pipeline finds them through the `spacy_factories` and
`spacy_tokenizers` entry points of the installed package; importing this module registers
them without one (a checkout on PYTHONPATH).
"""

from pipeline.nlp import sentences  # noqa: F401  (baokan_sentences)
from pipeline.nlp.entities import component as entities  # noqa: F401  (baokan_ner, _ner_words, _entities)
from pipeline.nlp.slogans import component as slogans  # noqa: F401  (baokan_slogans)
from pipeline.nlp.statistics import component as statistics  # noqa: F401  (baokan_statistics)
from pipeline.nlp.tokenizer import pkuseg  # noqa: F401  (baokan.ChineseTokenizer.v1)

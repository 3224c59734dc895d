"""Words, matching keys, numbers in words and the en/fr/nl glossary, shared by ingest-time detectors and the reader.

Example:
    >>> from ingest.terms import keys, text_keys
    >>> bool(keys("inaugurated") & keys("ingehuldigd", ("nl",)))
    True
"""
from ingest.terms.glossary import Glossary, default_glossary
from ingest.terms.numbers import spelled_numbers
from ingest.terms.words import LANGS, fold, keys, langs_for, number_value, stem, stopwords, text_keys, words

__all__ = ["Glossary", "LANGS", "default_glossary", "fold", "keys", "langs_for", "number_value", "spelled_numbers",
           "stem", "stopwords", "text_keys", "words"]

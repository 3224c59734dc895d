"""Metadata read from a release's text: publication date, language and partners.

Example:
    >>> from ingest.metadata import detect_language, find_published, find_partners
    >>> detect_language("Hoeveel bedrijven namen deel?")
    'nl'
    >>> str(find_published("Bruxelles, le 9 février 2023 - ...", lang="fr"))
    '2023-02-09'
"""
from ingest.metadata.dates import find_dates, find_published, parse_date
from ingest.metadata.language import detect_language
from ingest.metadata.partners import canonical_partner, find_partners, partner_variants

__all__ = ["canonical_partner", "detect_language", "find_dates", "find_partners", "find_published",
           "parse_date", "partner_variants"]

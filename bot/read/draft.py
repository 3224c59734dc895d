"""The answer before verification (bot.cite checks every claim against the retrieved passages): what each way of
composing it (bot.read.compose, bot.read.comparison) returns."""
from __future__ import annotations

from dataclasses import dataclass, field

from bot.cite import Claim


@dataclass(frozen=True)
class Draft:
    """The answer before verification: claims to cite with their lead and notes, and the confidence tier."""

    claims: tuple[Claim, ...] = ()
    lead: str = ""
    footer: str = ""
    as_list: bool = False
    confidence: str = "none"  # 'answer', 'closest' or 'none'
    notes: tuple[str, ...] = field(default=())

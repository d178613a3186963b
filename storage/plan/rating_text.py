"""How a risk rating is written wherever one is proposed or agreed: 'I4 × L3 (12 High)'."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.plan.model import Plan


def rating_text(plan: Plan, impact: int, likelihood: int) -> str:
    """Impact × likelihood with the score and the plan's band for it ('I4 × L3 (12 High)';
    the band left out when the plan's bands do not cover the score)."""
    score = impact * likelihood
    band = plan.band(score)
    return f"I{impact} × L{likelihood} ({score}{' ' + band.name if band else ''})"

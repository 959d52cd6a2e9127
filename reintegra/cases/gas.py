"""Goal Attainment Scaling: the Kiresuk–Sherman T-score.

T = 50 + 10·Σ(wᵢxᵢ) / √((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²), with xᵢ ∈ {−2, −1, 0, +1, +2},
weights wᵢ ≥ 1 and ρ = 0.3 (the inter-goal correlation Kiresuk and Sherman assumed).
T = 50 means the goals were attained as expected; each standard deviation is 10.
"""

import math
from collections.abc import Iterable
from typing import TypeGuard

RHO = 0.3
SCORES = (-2, -1, 0, 1, 2)


def is_gas_score(value: object) -> TypeGuard[int]:
    """The one check of a GAS rating: a whole number from -2 to +2 (booleans are not numbers here).

    Reviews, the T-score and the stored evaluation ratings all ask this.
    """
    return isinstance(value, int) and not isinstance(value, bool) and value in SCORES


def t_score(ratings: Iterable[tuple[int, int]], *, rho: float = RHO) -> float | None:
    """The T-score of (score, weight) pairs, rounded to 2 decimals; None when there is nothing to rate."""
    pairs = list(ratings)
    if not pairs:
        return None
    for score, weight in pairs:
        if not is_gas_score(score):
            raise ValueError(f"A GAS score is one of -2, -1, 0, 1, 2, not {score!r}.")
        if weight < 1:
            raise ValueError(f"A goal weight is at least 1, not {weight!r}.")
    weighted = sum(score * weight for score, weight in pairs)
    sum_w = sum(weight for _score, weight in pairs)
    sum_w2 = sum(weight * weight for _score, weight in pairs)
    denominator = math.sqrt((1 - rho) * sum_w2 + rho * sum_w * sum_w)
    return round(50 + 10 * weighted / denominator, 2)

"""Checks register here with a tier and the finding codes they may produce.

A check is a plain function ``(subject, context) -> Iterable[Finding]`` (like beancount's
validations). Tiers are nested: ``basic`` ⊂ ``strict``; running a tier runs every check of that
tier and of the tiers below it, in registration order, those registered ``last`` (the methodology
classification, which reads what the other checks found) after the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from typing import TYPE_CHECKING

from costeo.review.catalogue import FINDINGS

if TYPE_CHECKING:
    from costeo.review.findings import Finding
    from costeo.review.subject import ReviewSubject

TIERS = ("basic", "strict")
# Notes only the strict tier reports (the basic tier still computes them: the methodology
# classification reads round amounts as top-down signals).
STRICT_ONLY = frozenset({"round-amount", "legal-floor-met"})


@dataclass(frozen=True)
class Settings:
    """Review thresholds; the defaults are the policy documented in docs/concepts/review.md."""

    min_traceable_share: Decimal = Decimal("0.80")
    max_common_share: Decimal = Decimal("0.10")
    common_outlier_times: Decimal = Decimal(3)
    min_common_peers: int = 2
    max_unit_cost_change: Decimal = Decimal("0.25")
    peer_outlier_times: Decimal = Decimal(2)  # unit cost vs the same activity elsewhere
    min_peers: int = 3
    # a per-beneficiary total is flagged when landing on a round figure by chance is at most
    # this likely; a single row's amount (many more of them) at most ``max_chance_row``
    max_chance: Decimal = Decimal("0.001")
    max_chance_row: Decimal = Decimal("0.0001")
    min_round_power: int = 3  # round amounts: multiples of 10^3 at least


@dataclass
class Context:
    """What a check may look at besides its subject: the run's other subjects and settings."""

    subjects: list[ReviewSubject]
    tier: str = "basic"
    settings: Settings = field(default_factory=Settings)
    found: dict[int, list[Finding]] = field(default_factory=dict)  # id(subject) -> findings

    def others(self, subject: ReviewSubject) -> list[ReviewSubject]:
        return [s for s in self.subjects if s is not subject]

    def findings_of(self, subject: ReviewSubject) -> list[Finding]:
        return self.found.setdefault(id(subject), [])


CheckFn = Callable[["ReviewSubject", Context], Iterable["Finding"]]


@dataclass(frozen=True)
class Check:
    name: str
    tier: str
    codes: tuple[str, ...]
    run: CheckFn
    last: bool = False  # runs after the others (it reads their findings)


REGISTRY: dict[str, Check] = {}


def register(name: str, tier: str, codes: tuple[str, ...], last: bool = False
             ) -> Callable[[CheckFn], CheckFn]:
    if tier not in TIERS:
        raise ValueError(f"unknown tier {tier!r}")
    unknown = [code for code in codes if code not in FINDINGS]
    if unknown:
        raise KeyError(f"unknown finding codes {unknown}")

    def decorate(fn: CheckFn) -> CheckFn:
        REGISTRY[name] = Check(name, tier, codes, fn, last)
        return fn

    return decorate


def checks_for(tier: str = "basic") -> list[Check]:
    """The checks a tier runs, in registration order."""
    if tier not in TIERS:
        raise ValueError(f"unknown tier {tier!r}; choose one of {', '.join(TIERS)}")
    import_module("costeo.review.checks")  # registers every check

    allowed = TIERS[: TIERS.index(tier) + 1]
    return sorted((c for c in REGISTRY.values() if c.tier in allowed), key=lambda c: c.last)

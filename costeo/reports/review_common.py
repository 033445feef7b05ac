"""What the review's XLSX and HTML reports share: severity labels and evidence as rows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costeo.diagnostics import SEVERITY_LABEL
from costeo.review.findings import Finding
from costeo.review.labels import evidence_label

# evidence keys that are words for the message, not figures to show
HIDDEN = ("what", "group", "label", "reasons", "first_table", "second_table", "unit",
          "before_version", "direction", "signals", "shares")


def severity_text(level: str, lang: str) -> str:
    return SEVERITY_LABEL["en" if lang == "en" else "es"][level]


def evidence_items(finding: Finding, lang: str = "es") -> list[tuple[str, Any]]:
    """The finding's evidence as (name in ``lang``, value) pairs: numbers stay Decimal, lists
    are joined."""
    items: list[tuple[str, Any]] = []
    for key, value in finding.evidence.items():
        if key.endswith("_en") or key in HIDDEN:
            continue
        if isinstance(value, (list, tuple)):
            value = "; ".join(str(v) for v in value)
        elif not isinstance(value, (Decimal, int, str)):
            value = str(value)
        items.append((evidence_label(key, lang), value))
    return items

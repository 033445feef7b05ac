"""One module per check; importing this package registers them all ."""

from costeo.review.checks import (  # noqa: F401
    arithmetic,
    common,
    comparisons,
    legal_floors,
    methodology,
    ratios,
    tables,
    top_down,
    traceability,
)

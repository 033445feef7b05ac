"""Territory: Peru's INEI ubigeo table and the territorial questions of formulation.

The table is bundled (``costeo/territory/data/ubigeo_inei.csv``, built by
``scripts/build_ubigeo.py``; sources, credits and limits in docs/concepts/territory.md) and
read once per process by :func:`territory`. Nothing is downloaded at run time.

>>> t = territory()
>>> t.name("150101"), t.parent("150101", "department"), t.is_valid("10101")
('Lima', '150000', False)
>>> t.suggest("10101")[0].code
'010101'
"""

from costeo.territory.codes import (
    LEVELS,
    NATIONAL,
    NATIONAL_NAME,
    Level,
    RollUpLevel,
    canonical,
    level_of,
)
from costeo.territory.suggest import Suggestion, suggest
from costeo.territory.table import Place, Territory, UbigeoError, territory
from costeo.territory.zones import (
    ZoneCheck,
    ZoneMap,
    ZoneMatch,
    check_zone_map,
    zone_match,
    zone_of,
)

__all__ = [
    "LEVELS",
    "NATIONAL",
    "NATIONAL_NAME",
    "Level",
    "Place",
    "RollUpLevel",
    "Suggestion",
    "Territory",
    "UbigeoError",
    "ZoneCheck",
    "ZoneMap",
    "ZoneMatch",
    "canonical",
    "check_zone_map",
    "level_of",
    "suggest",
    "territory",
    "zone_match",
    "zone_of",
]

"""The costed view of a version: the loader's result, cached in the process."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from costeo.loader import Loaded, load_text
from costeo.store.errors import InvalidInput
from costeo.store.models import Version

_CACHE: OrderedDict[tuple[int, int, str], Loaded] = OrderedDict()
_CACHE_SIZE = 64
_CACHE_LOCK = threading.Lock()


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def costed(version: Version) -> Loaded:
    """The loader's result for the version (program, costed result, diagnostics), cached in
    the process by (version id, lock, document digest): pages and lineage never recost.
    The result is shared: treat it as read-only."""
    key = (version.id, version.lock, digest(version.document))
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    loaded = load_text(version.document, version.file_name)
    remember(key, loaded)
    return loaded


def remember(key: tuple[int, int, str], loaded: Loaded) -> None:
    with _CACHE_LOCK:
        _CACHE[key] = loaded
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)


def load_valid(text: str, file_name: str) -> Loaded:
    """Load and cost ``text``; raises InvalidInput (with the located diagnostics) on errors."""
    loaded = load_text(text, file_name)
    if loaded.program is None or loaded.result is None or loaded.diagnostics.has_errors:
        raise InvalidInput(loaded.diagnostics)
    return loaded

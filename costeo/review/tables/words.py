"""Header names and labels as analysts write them, matched case- and accent-insensitively."""

from __future__ import annotations

import re
import unicodedata

_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_CURRENCY = re.compile(r"(?i)(?<![a-z])(us\$|s/\.?|\$|usd|pen)(?![a-z])")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents, punctuation or extra spaces: "Meta Física" -> "meta fisica"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", bare).strip()


def header_key(text: str) -> str:
    """The comparable form of a header: "Costo unitario (S/)" -> "costounitario", "C.U." -> "cu".

    Parenthesised notes, currency marks and years are dropped; spaces too, so "U. M." and
    "UM" compare equal.
    """
    bare = _YEAR.sub(" ", _CURRENCY.sub(" ", _PARENS.sub(" ", text)))
    return fold(bare).replace(" ", "")


def slug(text: str) -> str:
    """A key name from a header: "Quintil de pobreza" -> "quintil_de_pobreza"."""
    return fold(_PARENS.sub(" ", text)).replace(" ", "_")


def synonyms(*names: str) -> frozenset[str]:
    return frozenset(header_key(n) for n in names)

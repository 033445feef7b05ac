"""Numbers as analysts publish them: "S/ 1,176,161,644", "1.176.161.644", "2,55", "(1,234)".

A figure is read from its text into an exact ``Decimal`` with the places it is displayed
with. Thousands and decimal separators are told apart by the figure itself when it can
tell ("1,176,161,644", "2,55", "1.234,5"); a figure with one separator followed by exactly
three digits ("1,234", "1.234") cannot, so it is left to its column to decide (see
:func:`vote`): the column's other figures, then the file's, say which mark is the decimal.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation

# Currency marks published before or after a figure (soles, dollars, ISO codes).
_CURRENCY = re.compile(r"(?i)(us\$|s/\.?|\$|usd|pen|soles?|d[oó]lares)")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_MISSING = {"", "-", "–", "—", "--", "s/d", "n/a", "nd", "n.d."}
_NUMERAL = re.compile(r"^\d[\d.,' ]*$|^[.,]\d+$")
_GROUPED = re.compile(r"^\d{1,3}([.,' ]\d{3})+$")


@dataclass(frozen=True)
class Figure:
    """A figure read from a cell: its value and the places it was displayed with."""

    value: Decimal
    places: int


@dataclass(frozen=True)
class Reading:
    """What one cell's text says.

    ``missing``: an empty cell or a dash. ``figure``: the value when the text alone decides.
    ``ambiguous``: a figure with one separator and three digits after it; ``decimal_mark``
    (``"."`` or ``","``) when the text shows which mark is the decimal one (a vote).
    """

    missing: bool = False
    figure: Figure | None = None
    ambiguous: bool = False
    decimal_mark: str | None = None
    _core: str = ""
    _negative: bool = False
    _percent: bool = False

    @property
    def valid(self) -> bool:
        return self.missing or self.figure is not None or self.ambiguous

    def resolve(self, decimal_mark: str) -> Figure:
        """The figure of an ambiguous reading once its column said which mark is decimal."""
        if self.figure is not None:
            return self.figure
        if not self.ambiguous:
            raise ValueError("not a number")
        mark = self._core[-4]
        if mark == decimal_mark:
            return _finish(self._core.replace(mark, "."), self._negative, self._percent)
        return _finish(self._core.replace(mark, ""), self._negative, self._percent)


    def as_thousands(self) -> Figure:
        """An ambiguous reading taken with its one mark as a thousands separator."""
        mark = self._core[-4] if self.ambiguous else "."
        return self.resolve("," if mark == "." else ".")


def read(text: str) -> Reading:
    """Read a cell's text. A reading that is not ``valid`` is not a number."""
    if text.isdigit():  # the common case
        return Reading(figure=Figure(Decimal(text), 0))
    raw = _SPACES.sub(" ", text).strip()
    if raw.lower() in _MISSING:
        return Reading(missing=True)
    negative = False
    if raw.startswith("(") and raw.endswith(")"):
        negative, raw = True, raw[1:-1].strip()
    raw = _CURRENCY.sub("", raw).strip()
    percent = raw.endswith("%")
    if percent:
        raw = raw[:-1].strip()
    if raw.startswith(("-", "−")):
        negative, raw = not negative, raw[1:].strip()
    elif raw.endswith("-"):
        negative, raw = not negative, raw[:-1].strip()
    if raw.startswith("+"):
        raw = raw[1:].strip()
    raw = _CURRENCY.sub("", raw).strip()
    if not raw or not _NUMERAL.match(raw):
        return Reading()
    return _classify(raw, negative, percent)


def _classify(core: str, negative: bool, percent: bool) -> Reading:
    if core.isdigit():
        return Reading(figure=_finish(core, negative, percent))
    marks = [c for c in core if c in ".,"]
    if not marks:  # "1 176 161 644", "1'176"
        if _GROUPED.match(core):
            return Reading(figure=_finish(_strip_groups(core), negative, percent))
        return Reading()
    decimal = marks[-1]
    thousands = "," if decimal == "." else "."
    if "'" in core:  # "1'176,161,644": an apostrophe groups millions (or thousands)
        core = core.replace("'", decimal if len(set(marks)) == 1 < len(marks) else thousands)
        marks = [c for c in core if c in ".,"]
    if len(set(marks)) == 1 and len(marks) > 1:  # "1.176.161.644": only thousands repeat
        if re.fullmatch(rf"\d{{1,3}}(\{decimal}\d{{3}})+", core):
            return Reading(figure=_finish(_strip_groups(core), negative, percent),
                           decimal_mark=thousands)
        return Reading()
    if marks.count(decimal) != 1:
        return Reading()
    whole, _, frac = core.rpartition(decimal)
    if not frac.isdigit():
        return Reading()
    if thousands in marks:  # "1,234.56" / "1.234,56": the last mark is the decimal one
        if not re.fullmatch(rf"\d{{1,3}}(\{thousands}\d{{3}})+", whole):
            return Reading()
    elif whole and not whole.isdigit() and not _GROUPED.match(whole):
        return Reading()
    if whole.isdigit() and len(whole) <= 3 and not whole.startswith("0") and len(frac) == 3:
        # "1,234" / "1.234": thousands or decimal? Its column decides.
        return Reading(ambiguous=True, _core=core, _negative=negative, _percent=percent)
    digits = (_strip_groups(whole) or "0") + "." + frac
    return Reading(figure=_finish(digits, negative, percent), decimal_mark=decimal)


def _strip_groups(text: str) -> str:
    return re.sub(r"[.,' ]", "", text)


def _finish(digits: str, negative: bool, percent: bool) -> Figure:
    try:
        value = Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above admit digits only
        raise ValueError(digits) from exc
    places = max(0, -int(value.as_tuple().exponent))
    if percent:
        value, places = value.scaleb(-2), places + 2
    return Figure(-value if negative else value, places)


def vote(readings: Iterable[Reading]) -> str | None:
    """The decimal mark a set of readings shows (``"."``, ``","``), or None on a tie."""
    counts = Counter(r.decimal_mark for r in readings if r.decimal_mark)
    if counts["."] == counts[","]:
        return None
    return "." if counts["."] > counts[","] else ","


def from_cell_number(value: float | int) -> Figure:
    """A number a workbook stores (a float) as Excel shows it: 15 significant digits at most.

    This drops binary noise such as 0.30000000000000004 or 40077453.000000004.
    """
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int):
        return Figure(Decimal(value), 0)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    exact = _EXCEL.create_decimal(repr(value))
    if exact == exact.to_integral_value():
        return Figure(Decimal(int(exact)), 0)
    exact = exact.normalize()
    return Figure(exact, max(0, -int(exact.as_tuple().exponent)))


_EXCEL = Context(prec=15)

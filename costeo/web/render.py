"""Template rendering: one Jinja2 environment with the labels, the CSRF token and the
number formatting of :mod:`costeo.i18n` bound to the request's language."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from costeo.diagnostics import Location
from costeo.i18n import fmt_exact, fmt_money, fmt_number, locale_for
from costeo.lineage import KIND_LABEL, Figure
from costeo.reports.labels import severity_label
from costeo.web.labels import label
from costeo.web.security import csrf_token

_env = Environment(loader=PackageLoader("costeo.web", "templates"),
                   autoescape=select_autoescape(["html"]), trim_blocks=True,
                   lstrip_blocks=True, auto_reload=False)
templates = Jinja2Templates(env=_env)


def _where(location: Any) -> str:
    """A diagnostic's location as the CLI prints it (file:line:col or book!sheet!cell)."""
    if isinstance(location, dict):
        return str(Location(**location))
    return "" if location is None else str(location)


_env.filters["where"] = _where
_env.filters["decimal"] = lambda text: Decimal(str(text))


def lang_of(request: Request) -> str:
    lang = getattr(request.state, "lang", None) or request.cookies.get("lang")
    return "en" if lang == "en" else "es"


class Fmt:
    """Money and numbers in the program's currency and the reader's locale."""

    def __init__(self, lang: str, currency: str = "PEN", country: str | None = "PE") -> None:
        self.locale = locale_for(lang, country)
        self.currency = currency

    def money(self, value: Decimal | None) -> str:
        return "" if value is None else fmt_money(Decimal(value), self.currency, 2, self.locale)

    def amount(self, value: Decimal | None) -> str:
        return "" if value is None else fmt_number(Decimal(value), 2, self.locale)

    def number(self, value: Decimal | None, places: int = 0) -> str:
        return "" if value is None else fmt_number(Decimal(value), places, self.locale)

    def figure(self, value: Decimal) -> str:
        """A lineage value: exact up to 6 decimals, else shown to 6 with an ellipsis."""
        return fmt_exact(Decimal(value), self.locale)

    def of(self, figure: Figure) -> str:
        """A figure as a reader expects it: money with its currency, else exact with its unit."""
        if figure.is_money:
            return self.money(figure.value)
        return self.figure(figure.value) + (f" {figure.unit}" if figure.unit else "")


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = lang_of(request)
    base = {
        "request": request,
        "lang": lang,
        "L": lambda key, **args: label(key, lang, **args),
        "csrf": csrf_token(request),
        "user": getattr(request.state, "user", None),
        "fmt": context.pop("fmt", None) or Fmt(lang),
        "kinds": KIND_LABEL[lang],
        "severity": lambda value: severity_label(value, lang),
    }
    base.update(context)
    return templates.TemplateResponse(request, template, base, status_code=status)


_FRAGMENTS: OrderedDict[tuple[Any, ...], Markup] = OrderedDict()
_FRAGMENTS_SIZE = 256
_FRAGMENTS_LOCK = threading.Lock()


def fragment(request: Request, key: tuple[Any, ...], template: str,
             context: Callable[[], dict[str, Any]]) -> Markup:
    """A rendered partial, cached in the process. ``key`` must pin everything the partial
    shows: callers pass the version id *and lock* (bumped by every change), the language and
    the view options; the store's URL is added, so several stores in one process never
    share entries. ``context`` is only called on a miss: big tables are built and rendered
    once per version state, not per request."""
    lang = lang_of(request)
    full = (request.app.state.store.url, template, lang, *key)
    with _FRAGMENTS_LOCK:
        hit = _FRAGMENTS.get(full)
        if hit is not None:
            _FRAGMENTS.move_to_end(full)
            return hit
    html = Markup(_env.get_template(template).render(
        lang=lang, L=lambda k, **args: label(k, lang, **args), **context()))
    with _FRAGMENTS_LOCK:
        _FRAGMENTS[full] = html
        while len(_FRAGMENTS) > _FRAGMENTS_SIZE:
            _FRAGMENTS.popitem(last=False)
    return html


def render_error(request: Request, status: int, code: str, message: str,
                 details: Any = None) -> HTMLResponse:
    return page(request, "error.html", status=status, code=code, message=message,
                status_code=status, details=details or {})

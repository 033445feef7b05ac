"""The multi-user web app: server-rendered pages (htmx) and a JSON API under ``/api``."""

from __future__ import annotations

from costeo.web.app import create_app

__all__ = ["create_app"]

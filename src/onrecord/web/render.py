"""HTML rendering: the Jinja environment (autoescaped), its filters and globals, and
``page`` to render a template into a response."""
from __future__ import annotations

import os
from importlib import resources
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..schema import ACT_VALUES, ALL_ACTS, COOPERATIVE_TYPES, EVENT_TYPES, FACTUALITY_VALUES

# The search form's act choices besides the default, speech: one other act, or all of them.
ACT_CHOICES = tuple(a for a in ACT_VALUES if a != "speech") + (ALL_ACTS,)

HERE = resources.files("onrecord.web")
# Set in tests and development so a template's typo fails loudly instead of rendering "".
STRICT_ENV = "ONRECORD_WEB_STRICT"


def query_string(params: dict, **changes: Any) -> str:
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def safe_url(url: Any) -> str | None:
    """Only http(s) URLs become links; javascript:, data: and the rest stay text."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") and not any(ord(c) < 0x20 for c in url) else None


def templates(*, writes_enabled: bool) -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                             undefined=jinja2.StrictUndefined if os.environ.get(STRICT_ENV) else jinja2.Undefined)
    env.filters["safe_url"] = safe_url
    env.globals["qs"] = query_string
    env.globals["EVENT_TYPES"] = EVENT_TYPES
    env.globals["FACTUALITIES"] = FACTUALITY_VALUES
    env.globals["ACT_CHOICES"] = ACT_CHOICES
    env.globals["COOPERATIVE"] = COOPERATIVE_TYPES
    env.globals["writes_enabled"] = writes_enabled
    return Jinja2Templates(env=env)


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render with the app's templates (``app.state.templates``, set by create_app)."""
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status)

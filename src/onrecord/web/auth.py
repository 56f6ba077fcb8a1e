"""Write access: every write carries the token given at start, in a header (API) or
the form's token field (pages). No cookie ever authorises anything, which is the
whole CSRF defence: a cross-site page cannot know the token."""
from __future__ import annotations

import hmac

from fastapi import Request

from .errors import WebError

ENV_TOKEN = "ONRECORD_TOKEN"
TOKEN_HEADER = "X-Onrecord-Token"
ENABLE_WRITES = (f"writes are disabled: start the server with the environment variable {ENV_TOKEN} set "
                 f"(e.g. {ENV_TOKEN}=$(openssl rand -hex 16) onrecord serve) and send that token")


def check_token(request: Request, given: str | None) -> None:
    """Raise 403 when writes are off or the token is wrong, 401 when none was sent."""
    token: str | None = request.app.state.token
    if token is None:
        raise WebError(403, ENABLE_WRITES)
    if not given:
        raise WebError(401, f"this needs the write token: send it in the {TOKEN_HEADER} header "
                            "(or Authorization: Bearer TOKEN; in forms, the token field)",
                       {"WWW-Authenticate": "Bearer"})
    # constant time, so response timing does not leak how much of a guess was right
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise WebError(403, "wrong write token")


def header_token(request: Request) -> str | None:
    given = request.headers.get(TOKEN_HEADER)
    auth = request.headers.get("Authorization", "")
    if not given and auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    return given


def api_write(request: Request) -> None:
    """Dependency of every API write: the token from the headers."""
    check_token(request, header_token(request))

"""`onrecord serve`: the web app over a stored corpus (docs/web.md).

The lead attaches it with ``for command in COMMANDS: main.add_command(command)``.
"""
from __future__ import annotations

import os

import click

from .base import ENV_DB, OnrecordCommand, db_option

ENV_TOKEN = "ONRECORD_TOKEN"


@click.command(cls=OnrecordCommand)
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes; more serve more concurrent users (each opens the database).")
@click.option("--base-url", metavar="URL", envvar="ONRECORD_BASE_URL", show_envvar=True,
              help="Public address of the site, used in feed ids and links (e.g. https://news.example.org) "
                   "[default: the listening address]. Never taken from the request's Host header.")
def serve(db: str, host: str, port: int, workers: int, base_url: str | None) -> None:
    """Serve search, articles, people, the actor network and watches in a browser,
    with a JSON API under /api (OpenAPI docs at /docs).

    Read-only unless the environment variable ONRECORD_TOKEN is set: creating or
    deleting watches then needs that token.

    Example:

        ONRECORD_TOKEN=$(openssl rand -hex 16) onrecord serve --db news.db --port 8000
    """
    try:
        import uvicorn

        from ..web.app import ENV_BASE_URL, checked_base_url, create_app
    except ImportError as error:  # pragma: no cover - depends on the install
        raise click.ClickException(f"the web app needs FastAPI, Jinja2 and uvicorn ({error}); "
                                   "pip install 'onrecord[web]'") from None
    shown = "localhost" if host in ("127.0.0.1", "::1", "localhost") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"
    site = checked_base_url(base_url or url)
    app = create_app(db, base_url=site)
    writes = "writes enabled (token from $ONRECORD_TOKEN)" if os.environ.get(ENV_TOKEN) else \
        f"read-only (set ${ENV_TOKEN} to allow creating watches)"
    click.echo(f"onrecord: serving {db} at {url}  ({writes}); API docs at {url}docs. Ctrl+C stops.", err=True)
    if host not in ("127.0.0.1", "::1", "localhost"):
        click.echo("warning: listening beyond this machine; anyone who can reach it can read the corpus.", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    else:
        app.state.store.close()  # each worker process opens its own
        os.environ[ENV_DB] = db
        os.environ[ENV_BASE_URL] = site
        uvicorn.run("onrecord.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level="warning")


COMMANDS = [serve]

"""`flashpoint serve`: the REST API and the dashboard over a store, on loopback unless told otherwise."""

from __future__ import annotations

import click

from flashpoint.cli import db_option, handle_errors, main

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the store to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="FLASHPOINT_TOKEN", default=None,
              help="Enable writes (ingest, reviews) for clients sending 'Authorization: Bearer TOKEN'. "
                   "Without it the server is read-only. Also read from FLASHPOINT_TOKEN.")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@handle_errors
def serve(db: str, host: str, port: int, token: str | None, log_level: str) -> None:
    """Serve the REST API (/api, spec at /api/openapi.json) and the web dashboard (/)."""
    import uvicorn

    from flashpoint.api import create_app

    if host not in LOOPBACK:
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can read the store", err=True)
    if token is not None and len(token) < 12:
        raise click.BadParameter("use a token of at least 12 characters", param_hint="--token")
    app = create_app(db, token=token)
    click.echo(f"flashpoint serving {app.state.store.url} on http://{host}:{port}/ "
               f"({'writes need the token' if token else 'read-only'})")
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)

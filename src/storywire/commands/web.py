"""`storywire serve` (the web UI and API under uvicorn) and `storywire users ...` (accounts)."""
from __future__ import annotations

import sys

import typer
from rich.table import Table

from ..cli_common import command_context, err, out
from ..errors import InputError

app = typer.Typer()
users_app = typer.Typer(help="Manage reader accounts and their API tokens.", no_args_is_help=True)


@app.command("serve")
def serve(ctx: typer.Context,
          host: str | None = typer.Option(None, "--host", help="Address to listen on (setting: host)."),
          port: int | None = typer.Option(None, "--port", help="Port to listen on (setting: port).")):
    """Serve the web UI and the JSON API (/api/v1, OpenAPI at /api/v1/openapi.json)."""
    import uvicorn

    from ..service import base_url, listen, print_setup_link  # the collector and its HTTP client: only here
    from ..web import create_app

    cmd = command_context(ctx, creates_store=True)
    settings = cmd.settings.with_overrides(host=host, port=port)
    sock = listen(settings.host, settings.port)
    store = cmd.store
    err.print(f"storywire on {base_url(settings)}/")
    print_setup_link(settings, store, err)
    config = uvicorn.Config(create_app(settings, store), log_level="info", proxy_headers=True, server_header=False)
    uvicorn.Server(config).run(sockets=[sock])


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise InputError("no password on standard input")
        return password
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_app.command("add")
def users_add(ctx: typer.Context, name: str = typer.Argument(..., help="User name (letters, digits, . _ @ -)."),
              admin: bool = typer.Option(False, "--admin", help="May manage sources and users."),
              password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
              email: str | None = typer.Option(None, "--email", help="For briefings by e-mail.")):
    """Add a user (asks for the password, or reads one line from stdin)."""
    store = command_context(ctx, creates_store=True).store
    password = _read_password(password_stdin)
    with store.atomic() as conn:
        store.create_user(conn, name, password, is_admin=admin, email=email)
    err.print(f"user {name} added{' (admin)' if admin else ''}")


@users_app.command("list")
def users_list(ctx: typer.Context):
    """List users."""
    store = command_context(ctx).store
    with store.read() as conn:
        rows = store.list_users(conn)
        tokens = {u["id"]: len(store.list_tokens(conn, u["id"])) for u in rows}
    table = Table("id", "name", "role", "tokens", "created", box=None)
    for u in rows:
        table.add_row(str(u["id"]), u["name"], "admin" if u["is_admin"] else "reader", str(tokens[u["id"]]),
                      u["created"].strftime("%Y-%m-%d %H:%M"))
    out.print(table)


@users_app.command("token")
def users_token(ctx: typer.Context, name: str = typer.Argument(..., help="User name."),
                label: str = typer.Option("cli", "--name", help="A label to recognise the token by.")):
    """Make a new API token for a user and print it (shown only this once)."""
    store = command_context(ctx).store
    with store.atomic() as conn:
        user = store.user_by_name(conn, name)
        token = store.create_token(conn, user["id"], label)
    sys.stdout.write(token + "\n")


@users_app.command("app-password")
def users_app_password(ctx: typer.Context, name: str = typer.Argument(..., help="User name."),
                       label: str = typer.Option("cli", "--name", help="A label to recognise it by.")):
    """Make a new app password for reader apps (Google Reader API at /greader, Fever at /fever/) and print
    it (shown only this once)."""
    store = command_context(ctx).store
    with store.atomic() as conn:
        user = store.user_by_name(conn, name)
        password = store.create_app_password(conn, user["id"], label)
    sys.stdout.write(password + "\n")


@users_app.command("remove")
def users_remove(ctx: typer.Context, name: str = typer.Argument(..., help="User name.")):
    """Remove a user with their sessions, tokens and follows."""
    store = command_context(ctx).store
    with store.atomic() as conn:
        store.delete_user(conn, store.user_by_name(conn, name)["id"])
    err.print(f"user {name} removed")


@users_app.command("password")
def users_password(ctx: typer.Context, name: str = typer.Argument(..., help="User name."),
                   password_stdin: bool = typer.Option(False, "--password-stdin", help="Read it from stdin.")):
    """Set a user's password (logs them out everywhere)."""
    store = command_context(ctx).store
    password = _read_password(password_stdin)
    with store.atomic() as conn:
        store.set_password(conn, store.user_by_name(conn, name)["id"], password)
    err.print(f"password of {name} changed")

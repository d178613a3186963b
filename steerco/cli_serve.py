"""Sharing a meeting: `steerco serve` (the app, or the follow view, in a browser through
textual-serve) and `steerco follow PLAN` (an attendee's read-only live view)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from steerco.cli_common import InputError, db_option, plans_option, require_plan, resolve_db, resolve_plans

LOOPBACK_NAMES = frozenset({"localhost", "localhost."})
NO_AUTH_WARNING = ("steerco serve: WARNING: textual-serve has no authentication: anyone who can reach "
                   "{url} can use {what}. Put it behind your organisation's authenticating "
                   "proxy (docs/sharing.md); never open it to the internet as it is.")


def is_loopback(host: str) -> bool:
    """`localhost` or any loopback address (127.0.0.0/8, ::1): no other machine can connect."""
    import ipaddress

    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url(host: str, port: int) -> str:
    """http://HOST:PORT, an IPv6 address in brackets (http://[::1]:8000)."""
    bare = host.strip("[]")
    return f"http://[{bare}]:{port}" if ":" in bare else f"http://{host}:{port}"


def command_line(db_path: Path, plans_dir: Path, follow: str | None) -> str:
    """The shell command textual-serve starts for each browser: this steerco, on the same store and plans."""
    parts = [sys.executable, "-m", "steerco.cli", "--db", str(db_path), "--plans", str(plans_dir)]
    parts += ["follow", follow] if follow else []
    return shlex.join(parts)


def _check_store(db: Path, *, as_follower: bool) -> None:
    """A store that cannot be served is one line and exit 2 before anything listens."""
    from storage.service import StoreError
    from storage.service.follow import check_store

    try:
        check_store(db, as_follower=as_follower)
    except StoreError as exc:
        raise InputError(str(exc)) from None


def register(group: click.Group) -> None:
    """The commands that share a meeting."""

    @group.command("follow")
    @click.argument("plan")
    @db_option
    @plans_option
    def follow(plan: str, db_path: Path | None, plans_dir: Path | None) -> None:
        """Follow the open meeting of PLAN live, read only: the current item, its agreed status,
        the officer's proposal, the timers and the agenda. Waits when no meeting is open.

        Opens the store read-only: it never writes, and many can follow at once."""
        from steerco.paths import settings
        from storage.service import StoreError
        from tui.follow_app import make_follow_app

        the_plan = require_plan(plans_dir, plan)
        try:
            app = make_follow_app(resolve_db(db_path), resolve_plans(plans_dir), the_plan.id, settings=settings())
        except StoreError as exc:
            raise InputError(str(exc)) from None
        app.run()

    @group.command("serve")
    @click.option("--host", default="127.0.0.1", show_default=True,
                  help="The address to listen on; other than the loopback address only with --public.")
    @click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
                  help="The port to listen on.")
    @click.option("--public", is_flag=True,
                  help="Allow a host other than the loopback address (there is no authentication: see the warning).")
    @click.option("--follow", "follow_plan", metavar="PLAN", default=None,
                  help="Serve the read-only follow view of PLAN's open meeting instead of the app.")
    @db_option
    @plans_option
    def serve(host: str, port: int, public: bool, follow_plan: str | None, db_path: Path | None,
              plans_dir: Path | None) -> None:
        """The app in a browser, through textual-serve: each browser tab runs its own steerco on
        this store and plans folder. With --follow PLAN, the attendees' read-only view instead
        (run it beside the chair's app, on another port, and give attendees its address).

        Listens on 127.0.0.1 only unless --public is given with another --host."""
        if not is_loopback(host) and not public:
            raise InputError(f"--host {host} would let other machines in, and textual-serve has no "
                             "authentication; add --public to mean it (behind an authenticating proxy)")
        try:
            from textual_serve.server import Server
        except ImportError:
            raise InputError("steerco serve needs textual-serve: pip install 'steerco[serve]'") from None
        plan_id = require_plan(plans_dir, follow_plan).id if follow_plan else None
        db = resolve_db(db_path)
        _check_store(db, as_follower=plan_id is not None)
        what = f"the follow view of {plan_id}" if plan_id else "the chair's app (it records)"
        if not is_loopback(host):
            click.echo(NO_AUTH_WARNING.format(url=url(host, port), what=what), err=True)
        command = command_line(db.resolve(), resolve_plans(plans_dir).resolve(), plan_id)
        click.echo(f"steerco serve: {what} at {url(host, port)} (ctrl+c stops)", err=True)
        Server(command, host=host.strip("[]"), port=port, public_url=url(host, port),
               title="steerco follow" if plan_id else "steerco").serve()

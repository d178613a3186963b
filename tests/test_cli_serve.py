"""`steerco serve` and `follow` on the command line: a host other than the loopback address needs
--public and is warned about; the served command is this steerco on the same store and plans.
No test binds a public address: textual-serve's Server.serve is replaced."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from steerco.cli import main
from storage.service.service import Service

textual_serve = pytest.importorskip("textual_serve.server")


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Each Server that `serve` would have run, instead of running it."""
    seen: list[Any] = []
    monkeypatch.setattr(textual_serve.Server, "serve", lambda self, debug=False: seen.append(self))
    return seen


def test_a_public_host_without_the_flag_is_refused(served: list[Any], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2
    assert "--public" in result.output and "no authentication" in result.output
    assert "Traceback" not in result.output
    assert not served and not (tmp_path / "s.db").exists()


def test_the_flag_serves_with_the_warning(served: list[Any], tmp_path: Path, plans_dir: Path) -> None:
    result = CliRunner().invoke(main, ["--plans", str(plans_dir), "serve", "--host", "0.0.0.0", "--port", "8123",
                                       "--public", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "WARNING: textual-serve has no authentication" in result.output
    assert "authenticating proxy" in result.output
    [server] = served
    assert (server.host, server.port) == ("0.0.0.0", 8123)
    words = shlex.split(server.command)
    assert words[words.index("--db") + 1] == str((tmp_path / "s.db").resolve())
    assert words[words.index("--plans") + 1] == str(plans_dir.resolve())
    assert "follow" not in words


def test_loopback_is_the_default_with_no_warning_and_follow_serves_the_follower(
        served: list[Any], tmp_path: Path, plans_dir: Path) -> None:
    Service.open(tmp_path / "s.db", plans_dir).close()
    result = CliRunner().invoke(main, ["serve", "--follow", "demo", "--plans", str(plans_dir),
                                       "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "WARNING" not in result.output
    [server] = served
    assert server.host == "127.0.0.1" and server.port == 8000
    assert shlex.split(server.command)[-2:] == ["follow", "demo"]


def test_a_store_that_cannot_be_served_is_one_line_before_anything_listens(served: list[Any], tmp_path: Path,
                                                                          plans_dir: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a store\n", encoding="utf-8")
    for extra in ([], ["--follow", "demo"]):
        result = CliRunner().invoke(main, ["serve", *extra, "--plans", str(plans_dir), "--db", str(text)])
        assert result.exit_code == 2 and str(text) in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["serve", "--follow", "demo", "--plans", str(plans_dir),
                                       "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no store at" in result.output
    assert not served and text.read_text(encoding="utf-8") == "not a store\n"


def test_follow_an_unknown_plan_or_no_store_is_one_line(tmp_path: Path, plans_dir: Path) -> None:
    result = CliRunner().invoke(main, ["follow", "nope", "--plans", str(plans_dir), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["follow", "demo", "--plans", str(plans_dir), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2 and "no store at" in result.output
    assert not (tmp_path / "s.db").exists()


@pytest.mark.parametrize("host", ["127.0.0.2", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"])
def test_every_loopback_address_is_loopback(served: list[Any], tmp_path: Path, plans_dir: Path, host: str) -> None:
    Service.open(tmp_path / "s.db", plans_dir).close()
    result = CliRunner().invoke(main, ["serve", "--host", host, "--port", "8124", "--plans", str(plans_dir),
                                       "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "WARNING" not in result.output and "other machines" not in result.output
    [server] = served
    if ":" in host:
        assert "http://[::1]:8124 " in result.output and server.host == "::1"
        assert server.public_url == "http://[::1]:8124"
    else:
        assert f"http://{host}:8124 " in result.output and server.public_url == f"http://{host}:8124"


@pytest.mark.parametrize("host", ["128.0.0.1", "0.0.0.0", "::", "fe80::1", "example.org", "localhost.example.org"])
def test_a_host_that_is_not_loopback_needs_the_flag(served: list[Any], tmp_path: Path, host: str) -> None:
    result = CliRunner().invoke(main, ["serve", "--host", host, "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2 and "--public" in result.output and not served


def test_an_ipv6_host_is_bracketed_in_the_warning(served: list[Any], tmp_path: Path, plans_dir: Path) -> None:
    Service.open(tmp_path / "s.db", plans_dir).close()
    result = CliRunner().invoke(main, ["serve", "--host", "::", "--public", "--port", "8125", "--plans",
                                       str(plans_dir), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "anyone who can reach http://[::]:8125 can use" in result.output

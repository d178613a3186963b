"""A keymap on a plan's own status scale (new user, session 9): `steerco config check` checks the
walk-through's status keys as each plan of the plans folder binds them (1 2 3 4 on a scale D/N/P/C),
and a status key whose code no plan has; the walk-through's panels name the keys as they run with the
keymap applied (one source: the screen's bindings), and a status key on an item that takes none says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from textual.widgets._footer import FooterKey

from steerco.cli import main
from storage.store.store import Store
from tests.test_tui_support import NI15, TODAY, Clock, ni15_meeting_with_an_arising, to_matter_arising
from tui.app import make_app
from tui.screens.walkthrough import WalkthroughScreen

SCALE = """
rag_scale:
  - {code: D, name: Delayed, symbol: "●", rank: 0, meaning: "Behind: will miss without help."}
  - {code: N, name: Not started, symbol: "○", rank: 1, meaning: "Not yet begun."}
  - {code: P, name: In progress, symbol: "◐", rank: 2, meaning: "Under way, on track."}
  - {code: C, name: Complete, symbol: "★", rank: 3, meaning: "Delivered and closed."}
"""
KEYS = "1 Delayed · 2 Not started · 3 In progress · k Complete"  # meeting-status-c = "k": C's 4 is now k


def scale_plans(tmp: Path) -> Path:
    """A plans folder holding NI 15 on the scale D/N/P/C (n d c p are the walk-through's: 1 2 3 4)."""
    folder = tmp / "plans"
    folder.mkdir()
    (folder / "ni15.yaml").write_text(NI15.read_text(encoding="utf-8").rstrip("\n") + "\n" + SCALE, encoding="utf-8")
    return folder


def check(settings: Path, keymap: str, plans: Path | None = None) -> Result:
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text((f'plans = "{plans}"\n' if plans else "") + "[keymap]\n" + keymap, encoding="utf-8")
    return CliRunner().invoke(main, ["config", "check"])


def test_a_plan_scale_key_mapped_onto_a_walkthrough_key_is_a_warning(no_settings_file: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STEERCO_PLANS", raising=False)
    f = no_settings_file
    result = check(f, 'meeting-status-c = "k"\n', scale_plans(tmp_path))
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        f"{f}:3: warning: on the Walk-through of ni15, k no longer runs meeting-arising-carry: meeting-status-c is "
        "mapped to it",
        f"{f}: 0 errors, 1 warning (used)"]


def test_a_walkthrough_key_mapped_onto_a_plan_scale_status_key_is_a_warning(no_settings_file: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STEERCO_PLANS", raising=False)
    f = no_settings_file
    result = check(f, 'meeting-note = "1"\n', scale_plans(tmp_path))
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0] == (
        f"{f}:3: warning: on the Walk-through of ni15, 1 no longer runs meeting-status-d: meeting-note is mapped to it")


def test_a_status_code_no_plan_has_is_a_warning(no_settings_file: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STEERCO_PLANS", raising=False)
    f = no_settings_file
    result = check(f, 'meeting-status-q = "z"\n', scale_plans(tmp_path))
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        f"{f}:3: warning: keymap meeting-status-q: no plan has a status Q (ni15: D N P C), so the key sets nothing",
        f"{f}: 0 errors, 1 warning (used)"]
    # the bundled plans (no plans setting) are on the default scale: C is none of theirs, R is
    result = check(f, 'meeting-status-c = "9"\nmeeting-status-red = "z"\n')
    assert result.output.splitlines() == [
        f"{f}:2: warning: keymap meeting-status-c: no plan has a status C (ni15: R A G B · svd_2023_25: R A G B), "
        "so the key sets nothing",
        f"{f}: 0 errors, 1 warning (used)"]


def test_the_default_scale_keys_are_checked_as_before(no_settings_file: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """meeting-status-red = "k" on the bundled plans: the warning it always had, and no other."""
    monkeypatch.delenv("STEERCO_PLANS", raising=False)
    f = no_settings_file
    result = check(f, 'meeting-status-red = "k"\n')
    assert result.output.splitlines() == [
        f"{f}:2: warning: on the Walk-through, k no longer runs meeting-arising-carry: meeting-status-red is mapped "
        "to it",
        f"{f}: 0 errors, 1 warning (used)"]


def footer(app) -> set[str]:
    return {key.key for key in app.screen.query(FooterKey)}


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_panels_name_the_keys_the_keymap_leaves(tmp_path: Path) -> None:
    """meeting-status-c = "k": k records Complete on an action and the panel says so (was 'press 1 2 3 4',
    '4 Complete', where 4 did nothing); on a matter arising k carries nothing forward, so the panel offers
    'o done' only (was 'o done · k carried forward'), and k says why it does nothing there."""
    db = tmp_path / "steerco.db"
    ni15_meeting_with_an_arising(db, "Report back on licensing forum")
    app = make_app(db_path=db, plans_dir=scale_plans(tmp_path), clock=Clock(), today=TODAY, plan="ni15",
                   start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_keymap({"meeting-status-c": "k"})
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkthroughScreen)
        await to_matter_arising(pilot, walk)
        status = str(walk.query_one("#wt-status").render())
        assert status.endswith("Status ○ open — o done"), status
        assert "o" in footer(app) and "k" not in footer(app)
        await pilot.press("k")
        await pilot.pause()
        assert notices(app)[-1] == (
            "k sets an action's status (1 Delayed, 2 Not started, 3 In progress, k Complete): Arising M1/1 takes "
            "none (o done)")
        assert app.screen is walk
        await pilot.press("j", *"7.1", "enter")
        await pilot.pause()
        assert walk.item.ref == "7.1"
        status = str(walk.query_one("#wt-status").render())
        assert "press 1 2 3 k" in status and f"Keys: {KEYS}" in status, status
        await pilot.press("4")
        await pilot.pause()
        assert not app.service.history("ni15", "7.1")
        await pilot.press("k")
        await pilot.pause()
        assert f"Keys: {KEYS}" in str(walk.query_one("#wt-status").render())
    with Store.open(db) as store:
        assert [u.rag for u in store.history("ni15", "7.1")] == ["C"]
        assert [a.status for a in store.actions_arising("ni15")] == ["open"]


async def test_a_status_key_on_an_item_that_takes_none_says_why(tmp_path: Path) -> None:
    """`1` on a risk (the scale's keys are 1-4) was silent: it says what it does and what the risk takes."""
    app = make_app(db_path=tmp_path / "steerco.db", plans_dir=scale_plans(tmp_path), clock=Clock(), today=TODAY,
                   plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkthroughScreen)
        walk.go(next(n for n, i in enumerate(walk.meeting.agenda, 1) if i.ref == "SSC15-1"))
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert notices(app) == ["1 sets an action's status (1 Delayed, 2 Not started, 3 In progress, 4 Complete): "
                                "Risk SSC15-1 takes none (e re-rates)"]
        await pilot.press("g")  # a default-scale key that is no status here
        await pilot.pause()
        assert notices(app)[-1] == ("g is not a status on this plan's scale (1 Delayed, 2 Not started, 3 In progress, "
                                    "4 Complete): Risk SSC15-1 takes none (e re-rates)")
        assert app.screen is walk
    with Store.open(tmp_path / "steerco.db") as store:
        assert not store.history("ni15", "7.1")


async def test_the_default_scale_says_so_too(tmp_path: Path) -> None:
    """`r` on the apologies item of a plan on the default scale."""
    from tests.test_tui_support import seeded_app

    app = seeded_app(tmp_path, plan="ni15", start_meeting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert notices(app) == ["r sets an action's status (r Red, a Amber, g Green, b Complete): Apologies takes "
                                "none"]

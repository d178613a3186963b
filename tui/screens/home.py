"""Home: every plan in the plans folder, with its actions."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from storage.plans import load_plans


class HomeScreen(Screen[None]):
    def __init__(self, plans_dir: Path) -> None:
        super().__init__()
        self.plans_dir = plans_dir

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="problems")
        yield DataTable(id="actions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Plan", "Action", "Title", "Owner", "Deadline")
        broken = []
        for loaded in load_plans(self.plans_dir):
            if loaded.plan is None:
                broken.append(f"{loaded.path.name}: {len(loaded.errors)} errors (steerco validate)")
                continue
            plan = loaded.plan
            for _, action in plan.actions():
                table.add_row(plan.id, action.id, action.display_title,
                              plan.owner_name(action.owner), action.deadline or "")
        self.query_one("#problems", Static).update("\n".join(broken))
        self.query_one("#problems").display = bool(broken)

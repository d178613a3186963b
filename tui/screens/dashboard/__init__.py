"""The plan dashboard: screen.py holds the screen and its keys; each tab is a widget owning its
table (actions_tab.py, loaded on a thread and filtered; side_tabs.py, risks, indicators, meetings)."""

from tui.screens.dashboard.screen import DashboardScreen

__all__ = ["DashboardScreen"]

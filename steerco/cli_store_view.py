"""How `steerco status` and `steerco history` show their data as rich tables (or JSON for history).

Status is never shown by colour alone: every cell carries the letter (and symbol).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from steerco.cli_common import echo_bytes
from storage.service import (
    AT_RISK,
    COMPLETE,
    DEFAULT_RANKS,
    NOT_RATED,
    NOT_RATED_MARK,
    OFF_SCALE,
    OFF_SCALE_MARK,
    OFF_TRACK,
    ON_TRACK,
    STATUS_HEADING,
    cut,
    deadline_text,
    is_off_scale,
    overdue_words,
    short_owners,
    tones,
    zoned,
)
from storage.service.corrections import CORRECTED_WORDS, corrected_in_meeting
from storage.service.exchange_files import escape_unsafe
from storage.service.reports import local_time as local

#: The colour of each tone of a plan's scale (`storage.plan.status.tones`: R, A, G, B by default).
TONE_COLOURS = {OFF_TRACK: "bold white on red", AT_RISK: "bold black on dark_orange", ON_TRACK: "bold white on green4",
                COMPLETE: "bold white on blue"}
DEFAULT_TONES = tones(DEFAULT_RANKS)


def shown(stamp: str | None) -> str | None:
    """A stored UTC time in local time, to the minute."""
    return local(datetime.fromisoformat(stamp)) if stamp else None


def rag_cell(code: str | None, symbol: str | None = None, tone_of: Mapping[str, str] = DEFAULT_TONES) -> Text:
    """A status as its symbol and letter, coloured by its tone on the plan's scale (`tone_of`);
    a code not on the scale as '? D' (`OFF_SCALE_MARK`, said in the table's key)."""
    if not code:
        return Text(f"{NOT_RATED_MARK} {NOT_RATED}", style="dim")
    tone = tone_of.get(code)
    if tone is None and is_off_scale(code, tone_of):
        return Text(f"{OFF_SCALE_MARK} {code}", style="bold")
    label = f"{symbol} {code}" if symbol else code
    return Text(label, style=TONE_COLOURS[tone] if tone else "bold")


def _off_scale_key(actions: list[dict[str, Any]], tone_of: Mapping[str, str]) -> str:
    """' · ? D: not on the scale' when a status shown is not on the plan's scale, else ''."""
    off = sorted({a["rag"] for a in actions if is_off_scale(a["rag"], tone_of)})
    return f" · {OFF_SCALE_MARK} {', '.join(off)}: {OFF_SCALE}" if off else ""


#: `steerco status` below this width cuts texts to one line (`--wide` wraps them in full); from
#: UPDATED_AT it also has room for the day each action was last updated.
WIDE_AT, UPDATED_AT = 120, 100
TREND_SHOWN = 4
OWNER_WIDTH = 16


def scale_key(scale: Iterable[Sequence[Any]]) -> str:
    """'● D Delayed · ○ N Not started · …': the codes of a plan's own scale ([code, name, symbol,
    rank], as `PlanOutline.scale`) named in the key of `steerco status`; '' for the default scale,
    whose R, A, G and B everyone knows."""
    statuses = list(scale)
    if [(str(s[0]), int(s[3])) for s in statuses] == list(DEFAULT_RANKS):
        return ""
    return " · ".join(" ".join(str(part) for part in (symbol, code, name) if part)
                      for code, name, symbol, _ in statuses)


def show_status(data: dict[str, Any], ranks: Iterable[tuple[str, int]] | None = None, *, wide: bool = False,
                key: str = "") -> None:
    """The report of storage.store.status_report as tables; `ranks`: the plan's scale as
    (code, rank) pairs (the default scale's when None); `key`, its names (`scale_key`), leads
    the table's key. Below WIDE_AT columns (and when piped, at the console's 80) each action is
    one line: its title and owner cut at a word, its deadline as a month; `wide` gives every text
    in full, wrapped."""
    tone_of = DEFAULT_TONES if ranks is None else tones(ranks)
    console = Console()
    plan = data["plan"]
    version = f", version {plan['version']}" if plan.get("version") else ""
    title = f"{plan['title']} (plan {plan['id']}{version})"
    today = date.fromisoformat(data["today"])
    if wide or console.width >= WIDE_AT:
        rows = []
        for a in data["actions"]:
            deadline = Text(deadline_text(a["deadline"], _day(a["due"]), today).full)
            if a["overdue"]:
                deadline.append(" " + overdue_words(_day(a["next_due"]), today), style="bold red")
            rows.append([a["id"], Text(escape_unsafe(a["title"])), Text(escape_unsafe(a["owner"])), deadline,
                         rag_cell(a["rag"], a["symbol"], tone_of), " ".join(a["trend"]),
                         shown(a["last_updated"]) or "never"])
        caption = (key + _off_scale_key(data["actions"], tone_of)).removeprefix(" · ") or None
        actions = _full_table(Text(escape_unsafe(title)), ("Id", "Action", "Owner", "Deadline", STATUS_HEADING,
                                                            "Trend", "Last updated"), rows, console.width,
                              caption=caption, whole=("Id", STATUS_HEADING, "Trend", "Last updated"))
    else:
        actions = _narrow_actions(data["actions"], title, today, tone_of, console.width, key)
    console.print(actions)
    if data["risks"] and not (wide or console.width >= WIDE_AT):
        console.print(_narrow_risks(data["risks"], console.width))
    elif data["risks"]:
        rows = []
        for r in data["risks"]:
            rating = f"{r['impact']} × {r['likelihood']} = {r['rating']}" + (f"\n{r['band']}" if r["band"] else "")
            rows.append([r["id"], Text(escape_unsafe(r["description"])), Text(escape_unsafe(r["owner"] or "")), rating,
                         str(r["residual"] or ""), r["rated"]])
        # 80 columns: the band under the rating
        console.print(_full_table("Risks", ("Id", "Risk", "Owner", "Rating", "Residual", "Source"), rows,
                                  console.width, max_widths={"Source": 10}))
    if data["orphaned"]:
        rows = [[o["action_id"], rag_cell(o["rag"], None, tone_of), o["note"], o["by"], shown(o["last_updated"])]
                for o in data["orphaned"]]
        console.print(_full_table("Orphaned updates: actions no longer in the plan",
                                  ("Action", STATUS_HEADING, "Note", "By", "Last updated"), rows, console.width))


def _full_table(title: str | Text, headers: Sequence[str], rows: list[list[Any]], width: int, *,
                caption: str | None = None, whole: Collection[str] = (),
                max_widths: Mapping[str, int] | None = None) -> Table:
    """A table of texts in full, wrapped: from WIDE_AT columns boxed, its `whole` columns never
    wrapped; below (`--wide` on a narrow terminal, or piped) without its box, each column as wide
    as its longest word at least (`_word_widths`), so that no word is broken ('Deadlin' 'e'), and a
    word longer than its column folded only when the longest words alone do not fit."""
    limits = max_widths or {}
    narrow = width < WIDE_AT
    table = (Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True,
                   caption=caption, caption_justify="left") if narrow else
             Table(title=title, caption=caption, caption_justify="left"))
    keep = [at for at, column in enumerate(headers) if column in whole]
    widths = _word_widths(headers, rows, width - NARROW_GAP * (len(headers) - 1), keep) if narrow else None
    for at, column in enumerate(headers):
        table.add_column(column, overflow="fold", no_wrap=not narrow and column in whole,
                         width=widths[at] if widths else None, max_width=None if widths else limits.get(column))
    for row in rows:
        table.add_row(*row)
    return table


#: Between two columns of a table without its box: a blank divider and one cell of padding.
NARROW_GAP = 2


def _word_widths(headers: Sequence[str], rows: list[list[Any]], room: int,
                 keep: Sequence[int] = ()) -> list[int] | None:
    """Widths for the columns within `room` that break no word: each column as wide as its
    longest word (its heading's included), or, for those of `keep` (by index, first first) while
    there is room, as its longest line (a time, a trend kept on one line); then the room left
    shared one column at a time (the second, the main text, three times as fast) up to each
    column's longest line. None when the longest words alone do not fit."""
    texts = [[heading, *(cell.plain if isinstance(cell, Text) else str(cell) for cell in (r[at] for r in rows))]
             for at, heading in enumerate(headers)]
    least = [max((cell_len(word) for text in column for word in text.split()), default=1) for column in texts]
    most = [max((cell_len(line) for text in column for line in text.splitlines()), default=1) for column in texts]
    if sum(least) > room:
        return None
    for at in keep:
        if sum(least) - least[at] + most[at] <= room:
            least[at] = most[at]
    widths, spare = list(least), room - sum(least)
    while spare > 0:
        growing = [at for at in range(len(widths)) if widths[at] < most[at]]
        if not growing:
            break
        for at in growing:
            step = min(3 if at == 1 else 1, most[at] - widths[at], spare)
            widths[at] += step
            spare -= step
    return widths


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _one_line_table(title: str, width: int, caption: str) -> Table:
    return Table(title=Text(cut(escape_unsafe(title), width)), box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False,
                 caption=caption, caption_justify="left")


def _text_width(width: int, fixed: list[int]) -> int:
    """What a table of one-line rows leaves its free-text column: `fixed` are the other columns' widths;
    between two columns, a blank divider and a cell of padding on either side."""
    return max(12, width - sum(fixed) - 3 * len(fixed))


def _narrow_actions(actions: list[dict[str, Any]], title: str, today: date, tone_of: Mapping[str, str],
                    width: int, scale: str = "") -> Table:
    """One line an action: Id, Action, Owner (a joint action's lead and how many more), Due (a
    month; 'late' when overdue), RAG (symbol and letter) and, from UPDATED_AT columns, the last
    TREND_SHOWN statuses and Updated (the day). The action's title takes what the other columns leave."""
    ids = max((len(a["id"]) for a in actions), default=2)
    owner = min(OWNER_WIDTH, max((len(a["owner"] or "") for a in actions), default=5))
    widths = {"Id": ids, "Owner": owner, "Due": len("Apr 2011 late"), STATUS_HEADING: len(STATUS_HEADING)}
    if width >= UPDATED_AT:
        widths |= {"Trend": len("R A A G"), "Updated": 10}
    text_width = _text_width(width, list(widths.values()))
    key = (f"{scale + ' · ' if scale else ''}late: past its deadline or a milestone's, not complete · "
           f"{NOT_RATED_MARK} {NOT_RATED.lower()}"
           f"{_off_scale_key(actions, tone_of)} · --wide: texts in full")
    table = _one_line_table(title, width, key)
    for column in ("Id", "Action", *list(widths)[1:]):
        table.add_column(column, no_wrap=True, width=widths.get(column, text_width))
    for a in actions:
        due = Text(deadline_text(a["deadline"], _day(a["due"]), today).short)
        if a["overdue"]:
            due.append(" late", style="bold red")
        rag = rag_cell(a["rag"], a["symbol"], tone_of) if a["rag"] else Text(NOT_RATED_MARK, style="dim")
        names = [o["name"] for o in a["owners"]]
        cells = [a["id"], Text(cut(escape_unsafe(a["title"]), text_width)),
                 Text(escape_unsafe(short_owners(a["owner"] or "", names, owner))), due, rag]
        if "Updated" in widths:
            updated = shown(a["last_updated"])
            cells += [" ".join(a["trend"][-TREND_SHOWN:]), updated[:10] if updated else "never"]
        table.add_row(*cells)
    return table


def _narrow_risks(risks: list[dict[str, Any]], width: int) -> Table:
    """One line a risk: Id, Risk, Owner, Rating (I × L = rating and its band), Residual."""
    ids = max((len(r["id"]) for r in risks), default=2)
    owner = min(OWNER_WIDTH, max((len(r["owner"] or "") for r in risks), default=5))
    ratings = [f"{r['impact']}×{r['likelihood']}={r['rating']} {r['band'] or ''}".rstrip() for r in risks]
    widths = {"Id": ids, "Owner": owner, "Rating": max(6, *(len(x) for x in ratings)), "Resid.": 6}
    text_width = _text_width(width, list(widths.values()))
    table = _one_line_table("Risks", width, "Rating: impact × likelihood = rating · --wide: texts in full")
    for column in ("Id", "Risk", "Owner", "Rating", "Resid."):
        table.add_column(column, no_wrap=True, width=widths.get(column, text_width))
    for r, rating in zip(risks, ratings, strict=True):
        table.add_row(r["id"], Text(cut(escape_unsafe(r["description"]), text_width)),
                      Text(cut(escape_unsafe(r["owner"] or ""), owner)), rating, str(r["residual"] or ""))
    return table


def _corrected(row: dict[str, Any], rest: Text) -> Text:
    """`rest` after 'R → A (corrected in the meeting)' and a line break, on a status recorded again in its meeting."""
    before = row["corrected_from"]
    if not before:
        return rest
    return Text(f"{before} → {row['rag']} ({CORRECTED_WORDS})" + ("\n" if rest.plain else "")) + rest


def _said(row: dict[str, Any]) -> Text:
    """The officer's note and the meeting's discussion, each on its own line after the update's note
    (left out when it says the same)."""
    lines = []
    if row["officer_note"] and row["officer_note"] != row["note"]:
        lines.append(f"Officer's note ({row['officer']}): {row['officer_note']}")
    if row["discussion"] and row["discussion"] != row["note"]:
        lines.append(f"Discussed at the meeting of {_meeting_day(row['meeting_date'])}: {row['discussion']}")
    return Text("".join("\n" + escape_unsafe(line) for line in lines) if row["note"] else
                escape_unsafe("\n".join(lines)))


def _meeting(row: dict[str, Any]) -> str:
    """'M2, 15 Jul 2010': the meeting a status was recorded at ('M5, 1 Dec 2026 (abandoned)')."""
    if not row["meeting_id"]:
        return ""
    said = f"M{row['meeting_id']}, {_meeting_day(row['meeting_date'])}".rstrip(", ")
    return said + (" (abandoned)" if row.get("meeting_abandoned") else "")


def _meeting_day(iso: str | None) -> str:
    """'15 Jul 2010'."""
    return f"{day.day} {day:%b %Y}" if (day := _day(iso)) else ""


def show_history(plan: Any, action_id: str, entries: list[Any], as_json: bool,
                 context: Mapping[int, Any] | None = None, zone: tzinfo = UTC) -> None:
    """The action's updates, newest first, each with what was said beside it (`context`:
    Service.history_context, by update id): the meeting's date and discussion, the officer's note.
    Times in `zone`: 'local_time' (JSON) to the minute, the table's When with the zone named."""
    action = plan.action(action_id)
    orphaned = action is None
    corrected = corrected_in_meeting(entries)
    said = context or {}
    rows = [{"id": u.id, "rag": u.rag, "rag_name": (plan.rag(u.rag).name if plan.rag(u.rag) else None),
             "note": u.note, "by": u.author, "recorded_at": u.recorded_at.isoformat(),
             "local_time": zoned(u.recorded_at, zone)[:16], "when": zoned(u.recorded_at, zone),
             "source": u.source, "meeting_id": u.meeting_id,
             "corrected_from": earlier.rag if (earlier := corrected.get(u.id)) else None,  # recorded again in a meeting
             "meeting_date": day.isoformat() if (day := getattr(said.get(u.id), "meeting_date", None)) else None,
             "discussion": getattr(said.get(u.id), "discussion", ""),
             "officer_note": getattr(said.get(u.id), "officer_note", ""),
             "officer": getattr(said.get(u.id), "officer", ""),
             "meeting_abandoned": getattr(said.get(u.id), "abandoned", False)}
            for u in entries]
    if as_json:  # as echo_json, with stored control characters as JSON escapes: the same data, inert on a terminal
        data = {"plan": plan.id, "action": action_id, "orphaned": orphaned,
                "title": action.display_title if action else None, "entries": rows}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
        echo_bytes(escape_unsafe(text, json=True).encode())
        return
    title = f"{plan.id} {action_id}: " + (action.display_title if action else "ORPHANED (no longer in the plan)")
    table = Table(title=title, expand=True)
    table.add_column("When · by · where", overflow="fold", min_width=20, ratio=1)
    table.add_column(STATUS_HEADING, no_wrap=True)
    table.add_column("Note · officer's note · discussion", overflow="fold", ratio=2)
    tone_of = plan.rag_tones
    for row in rows:
        status = plan.rag(row["rag"])
        where = row["source"] + (f" {_meeting(row)}" if row["meeting_id"] else "")
        table.add_row(Text(f"{row['when']}\n") + Text(escape_unsafe(row["by"])) + Text(f"\n{where}"),
                      rag_cell(row["rag"], status.symbol if status else None, tone_of),
                      _corrected(row, Text(escape_unsafe(row["note"])) + _said(row)))
    console = Console()
    console.print(table)
    if not rows:
        console.print("No updates recorded yet.")

"""A realistic large plan and a store filled to any size, deterministically from a seed.

    python -m benchmarks.generate --actions 10000 --updates 1000000 --meetings 1000 --out DIR --seed 1

writes DIR/plans/bench.yaml, DIR/steerco.db and DIR/manifest.json. `ensure()` reuses DIR
when its manifest matches the sizes and seed (the benchmark's cache).
"""

from __future__ import annotations

import json
import random
import shutil
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import click
import yaml

from benchmarks import vocab as v
from benchmarks.fill import fill_store

#: Bump when the generated data changes shape, so cached stores are rebuilt.
GENERATOR_VERSION = 4
PLAN_ID = "bench"
PERIOD_START, PERIOD_END = date(2026, 4, 1), date(2029, 3, 31)


@dataclass(frozen=True)
class Sizes:
    actions: int = 10_000
    updates: int = 1_000_000
    meetings: int = 1_000
    seed: int = 1

    @property
    def themes(self) -> int:
        return min(20, max(2, self.actions // 25))

    @property
    def people(self) -> int:
        return min(300, max(20, self.actions // 30))

    @property
    def risks(self) -> int:
        return min(100, max(5, self.actions // 100))

    @property
    def indicators(self) -> int:
        return min(50, max(3, self.actions // 200))

    @property
    def minutes_items(self) -> int:
        """Action items on the agenda of the last meeting (the one minuted by the benchmark)."""
        return min(500, self.actions)


@dataclass(frozen=True)
class Generated:
    root: Path
    plans_dir: Path
    plan_path: Path
    db_path: Path
    manifest: dict[str, Any]


# -- the plan ---------------------------------------------------------------------------

def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _deadline(rng: random.Random) -> dict[str, Any]:
    year = rng.randint(2026, 2029)
    month = rng.randrange(12)
    kind = rng.random()
    if kind < 0.45:
        return {"deadline": f"By {v.MONTHS[month]} {year % 100:02d}"}
    if kind < 0.7:
        return {"deadline": f"{v.MONTHS[month]} {year}"}
    if kind < 0.85:
        return {"deadline": f"31/03/{year}"}
    return {"deadline": "Across all 3 years of the plan", "due": PERIOD_END}


def _roster(rng: random.Random, sizes: Sizes) -> tuple[list[Any], list[Any], list[Any]]:
    organisations = [{"id": _slug(name), "name": name, "sector": sector} for name, sector in v.ORGANISATIONS]
    people: list[dict[str, Any]] = []
    seen: set[str] = set()
    while len(people) < sizes.people:
        first, last = rng.choice(v.FIRST), rng.choice(v.LAST)
        ident = f"{first}-{last}".lower()
        if ident in seen:
            ident = f"{ident}-{len(people)}"
        seen.add(ident)
        person: dict[str, Any] = {"id": ident, "name": f"{rng.choice(v.TITLES)}{first} {last}",
                                  "organisation": rng.choice(organisations)["id"]}
        if rng.random() < 0.5:
            person["role"] = rng.choice(v.ROLES)
        people.append(person)
    groups = []
    for g, name in enumerate(("Strategy Group", "Delivery Group", "Analysts Network", "Media / Communications group")):
        members: list[dict[str, Any]] = [{"person": p["id"], "represents": p["organisation"]}
                                         for p in rng.sample(people, min(len(people), 18))]
        if g == 0:
            members[0]["role"] = "Chair"
            members.append({"as_written": "To be identified – Voluntary sector", "represents": "3rd Sector"})
        groups.append({"id": _slug(name), "name": name, "meets": "once a month", "members": members})
    return organisations, people, groups


def _action(rng: random.Random, ident: str, owners: list[tuple[str, str]]) -> dict[str, Any]:
    verb, obj, place = rng.choice(v.VERBS), rng.choice(v.OBJECTS), rng.choice(v.PLACES)
    title = f"{verb} {obj}"
    sentences = [f"{title} in {place}, {rng.choice(v.CLAUSES)}."]
    sentences += [f"This will also {rng.choice(v.VERBS).lower()} {rng.choice(v.OBJECTS)}, {rng.choice(v.CLAUSES)}."
                  for _ in range(rng.randint(0, 2))]
    action: dict[str, Any] = {"id": ident, "title": title, "text": " ".join(sentences) + "\n"}
    if rng.random() < 0.05:
        action["lead"] = "To be identified"
    else:
        owner, name = rng.choice(owners)
        action["lead"], action["owner"] = name, owner
    action.update(_deadline(rng))
    action["measure"] = rng.choice(v.MEASURES)
    if rng.random() < 0.7:
        action["commentary"] = rng.choice(v.COMMENTARY) + "\n"
    return action


def make_plan(sizes: Sizes) -> dict[str, Any]:
    """The plan as a dict ready to dump; the same seed always gives the same plan."""
    rng = random.Random(f"plan-{sizes.seed}")
    organisations, people, groups = _roster(rng, sizes)
    owners = ([(p["id"], p["name"]) for p in people] * 8 + [(o["id"], o["name"]) for o in organisations]
              + [(g["id"], g["name"]) for g in groups])
    themes = []
    per_theme, extra = divmod(sizes.actions, sizes.themes)
    for t in range(sizes.themes):
        count = per_theme + (t < extra)
        theme_id = str(t + 1)
        themes.append({
            "id": theme_id, "title": v.THEMES[t % len(v.THEMES)],
            "objectives": [{"id": f"O{theme_id}.1", "text": f"{rng.choice(v.VERBS)} {rng.choice(v.OBJECTS)}."}],
            "actions": [_action(rng, f"{theme_id}.{n + 1}", owners) for n in range(count)],
        })
    risks = []
    for r in range(sizes.risks):
        kind, text = rng.choice(v.RISKS)
        impact, likelihood = rng.randint(1, 5), rng.randint(1, 5)
        owner = rng.choice(people)
        risk: dict[str, Any] = {"id": f"BR-{r + 1}", "type": kind, "description": f"{text} in {rng.choice(v.PLACES)}",
                                "impact": impact, "likelihood": likelihood, "rating": impact * likelihood,
                                "controls": rng.choice(v.CLAUSES).capitalize() + ".",
                                "lead": owner["name"], "owner": owner["id"]}
        if rng.random() < 0.3:
            risk["residual_rating"] = max(1, impact * likelihood - rng.randint(0, 4))
        risks.append(risk)
    indicators = []
    for i in range(sizes.indicators):
        title, unit = v.INDICATORS[i % len(v.INDICATORS)]
        base = round(rng.uniform(0.5, 500), 2)
        indicators.append({
            "id": f"BI {i + 1}", "title": f"{title} ({rng.choice(v.PLACES)})", "unit": unit,
            "lower_is_better": True,
            "baseline": {"as_written": str(base), "value": base, "period": "2025/26",
                         "source": "Police recorded crime"},
            "targets": [
                {"period": "Yr 1 - 2026/27", "as_written": str(round(base * 0.97, 2)), "value": round(base * 0.97, 2)},
                {"period": "Yr 2 - 2027/28", "as_written": "-3% on Yr 1", "change_percent": -3.0,
                 "relative_to": "Yr 1 - 2026/27"},
            ],
        })
    return {
        "id": PLAN_ID, "title": "Benchmark Community Safety Delivery Plan", "version": "1.0",
        "version_date": date(2026, 3, 1), "partnership": "Benchmark Community Safety Partnership",
        "delivery_lead": people[0]["name"], "delivery_lead_person": people[0]["id"],
        "period": {"as_written": "2026/27 - 2028/29", "start": PERIOD_START, "end": PERIOD_END},
        "meeting_cycle_days": 31,
        "description": "A generated plan for benchmarking steerco at ten times real scale.\n",
        "organisations": organisations, "people": people, "groups": groups,
        "themes": themes, "risks": risks, "indicators": indicators,
    }


class _Dumper(yaml.CSafeDumper):
    """Block scalars for multi-line texts, as people write plans; no anchors or aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _str)


def plan_yaml(sizes: Sizes) -> str:
    body = yaml.dump(make_plan(sizes), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"# Generated by benchmarks/generate.py ({asdict(sizes)}); do not edit.\n{body}"


# -- the cache --------------------------------------------------------------------------

def _key(sizes: Sizes) -> dict[str, Any]:
    """What the cached data was made for: the sizes, the generator and the store's schema (a store
    of an older schema would be migrated by the first open of every run's scratch copy, a 200 MB
    rewrite that is not the store `Store.open` builds)."""
    from storage.store.schema_version import SCHEMA_VERSION

    return {**asdict(sizes), "generator": GENERATOR_VERSION, "schema": SCHEMA_VERSION}


def generate(out: Path, sizes: Sizes) -> Generated:
    """Write the plan and a fresh store into `out` (replacing what was there)."""
    from storage.plan.load import load_plan
    from storage.store.store import Store

    out.mkdir(parents=True, exist_ok=True)
    plans_dir = out / "plans"
    if plans_dir.exists():
        shutil.rmtree(plans_dir)
    plans_dir.mkdir()
    plan_path = plans_dir / f"{PLAN_ID}.yaml"
    plan_path.write_text(plan_yaml(sizes), encoding="utf-8")
    db_path = out / "steerco.db"
    for stale in out.glob("steerco.db*"):
        stale.unlink()
    loaded = load_plan(plan_path)
    if loaded.plan is None or not loaded.ok:
        raise click.ClickException(f"the generated plan has errors: {loaded.errors[:3]}")
    with Store.open(db_path) as store:  # the schema, exactly as the app builds it
        version_id = store.remember_plan(loaded.plan)  # meetings and minutes read this snapshot
    counts = fill_store(db_path, make_plan(sizes), sizes, version_id)
    manifest = {"key": _key(sizes), "plan_id": PLAN_ID, "counts": counts}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return Generated(out, plans_dir, plan_path, db_path, manifest)


def ensure(out: Path, sizes: Sizes) -> Generated:
    """The generated data in `out`, reused when it was made from the same sizes and seed."""
    manifest_path = out / "manifest.json"
    db_path, plan_path = out / "steerco.db", out / "plans" / f"{PLAN_ID}.yaml"
    if manifest_path.exists() and db_path.exists() and plan_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("key") == _key(sizes):
            return Generated(out, out / "plans", plan_path, db_path, manifest)
    return generate(out, sizes)


@click.command()
@click.option("--actions", default=10_000, show_default=True, help="Actions in the plan.")
@click.option("--updates", default=1_000_000, show_default=True, help="Progress updates in the store.")
@click.option("--meetings", default=1_000, show_default=True, help="Closed meetings in the store.")
@click.option("--seed", default=1, show_default=True, help="Same seed, same data.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write plans/bench.yaml, steerco.db and manifest.json into.")
def main(actions: int, updates: int, meetings: int, seed: int, out: Path) -> None:
    """Generate a large plan and a filled store for the benchmark."""
    started = time.perf_counter()
    made = generate(out, Sizes(actions, updates, meetings, seed))
    counts = ", ".join(f"{n:,} {table}" for table, n in made.manifest["counts"].items())
    click.echo(f"{made.plan_path} and {made.db_path} in {time.perf_counter() - started:.1f} s: {counts}")


if __name__ == "__main__":
    main()


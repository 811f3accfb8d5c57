#!/usr/bin/env python3
"""Grows a demo database into a synthetic partnership for the report benchmark (seeded, repeatable).

    generate.py DB.sqlite [--years 10] [--actions 50000] [--organisations 300]

Adds organisations up to the given number; for each of the last N reporting years up to 2023-24,
learning sources with recommendations and actions (so the total of actions is --actions), a
challenge event per source with judgements, contributions and meetings; and a breakdown by
deprivation decile, gender, age and ethnicity for every count indicator and quarter. Rows are
written straight into SQLite in the app's own formats (UUID text, ISO dates, REAL timestamps).
"""
import argparse
import random
import sqlite3
import time
import uuid

parser = argparse.ArgumentParser()
parser.add_argument("db")
parser.add_argument("--years", type=int, default=10)
parser.add_argument("--actions", type=int, default=50_000)
parser.add_argument("--organisations", type=int, default=300)
args = parser.parse_args()

rng = random.Random(20240331)
db = sqlite3.connect(args.db)
now = time.time()


def uid():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper()


(pid,) = db.execute("select id from partnerships where slug = 'calderdale'").fetchone()
existing = db.execute("select count(*) from organisations where partnership_id = ?", (pid,)).fetchone()[0]
sectors = ["education", "health", "voluntary", "early_years", "housing", "faith", "sport_and_leisure", "care"]
kinds = {"education": "school_or_college", "voluntary": "voluntary_sector"}
db.executemany(
    "insert into organisations (id, partnership_id, name, kind, sector, is_active, created_at, updated_at) values (?,?,?,?,?,1,?,?)",
    [(uid(), pid, f"Synthetic organisation {n:03d}", kinds.get(s, "relevant_agency"), s, now, now)
     for n, s in ((n, rng.choice(sectors)) for n in range(max(0, args.organisations - existing)))])
organisations = [row[0] for row in db.execute("select id from organisations where partnership_id = ?", (pid,))]
groups = [row[0] for row in db.execute("select id from groups where partnership_id = ?", (pid,))]

years = [2023 - n for n in range(args.years)]
per_year = args.actions // args.years
sources_per_year, recommendations_per_source = 50, 10
actions_per_recommendation = max(1, per_year // (sources_per_year * recommendations_per_source))
source_kinds = ["audit", "audit", "scrutiny", "survey", "assurance_request", "self_assessment"]
statuses = ["done", "done", "done", "in_progress", "not_started", "dropped"]
judgements = ["assured", "partly_assured", "not_assured"]
for start in years:
    year = f"{start}-{str(start + 1)[2:]}"
    sources, recommendations, actions, events, verdicts = [], [], [], [], []
    for s in range(sources_per_year):
        source = uid()
        completed = f"{start + rng.choice([0, 1])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sources.append((source, pid, rng.choice(source_kinds), f"Synthetic learning {year} no. {s + 1}", year,
                        completed, rng.choice(organisations), 1, 0, now))
        event = uid()
        events.append((event, pid, source, f"{start + 1}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}",
                       "The owning agencies", "Synthetic assurance", "bench"))
        for r in range(recommendations_per_source):
            recommendation = uid()
            recommendations.append((recommendation, pid, source, f"Synthetic recommendation {r + 1}", r + 1))
            verdicts.append((uid(), pid, event, recommendation, rng.choice(judgements)))
            for _ in range(actions_per_recommendation):
                due = f"{start + rng.choice([0, 1, 2])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                actions.append((uid(), pid, recommendation, source, "Synthetic action", rng.choice(organisations),
                                "Named lead role", due, rng.choice(statuses), now, now))
    db.executemany("insert into learning_sources (id, partnership_id, kind, title, reporting_year, completed_on, lead_organisation_id,"
                   " is_published, is_illustrative, created_at) values (?,?,?,?,?,?,?,?,?,?)", sources)
    db.executemany("insert into challenge_events (id, partnership_id, source_id, held_on, who_was_challenged, assurance_given, recorded_by)"
                   " values (?,?,?,?,?,?,?)", events)
    db.executemany("insert into recommendations (id, partnership_id, source_id, text, number) values (?,?,?,?,?)", recommendations)
    db.executemany("insert into challenge_judgements (id, partnership_id, challenge_event_id, recommendation_id, judgement) values (?,?,?,?,?)", verdicts)
    db.executemany("insert into actions (id, partnership_id, recommendation_id, source_id, text, owner_organisation_id, owner, due_on,"
                   " status, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?)", actions)
    db.executemany("insert or ignore into contributions (id, partnership_id, reporting_year, organisation_id, label, category, amount_pence, position)"
                   " values (?,?,?,?,?,?,?,?)",
                   [(uid(), pid, year, None, f"Synthetic contribution {n}", "other", rng.randint(1_000, 9_000_000), 50 + n) for n in range(10)])
    if groups:
        db.executemany("insert into meetings (id, partnership_id, group_id, held_on, title) values (?,?,?,?,?)",
                       [(uid(), pid, rng.choice(groups), f"{start + (1 if m >= 9 else 0)}-{(m + 3) % 12 + 1:02d}-15", "Synthetic meeting")
                        for m in range(12) for _ in range(2)])

# Breakdowns for every count indicator and quarter of every year.
indicators = [row[0] for row in db.execute("select id from indicators where partnership_id = ? and unit = 'count'", (pid,))]
breakdowns = {"imd_decile": [str(d) for d in range(1, 11)], "gender": ["female", "male", "unknown"],
              "age_band": ["0-4", "5-9", "10-15", "16-17"], "ethnicity": ["Asian", "Black", "Mixed", "Other", "White", "Unknown"]}
rows = []
for indicator in indicators:
    for start in years:
        for q in range(1, 5):
            period = f"{start}-{str(start + 1)[2:]} Q{q}"
            month = [4, 7, 10, 1][q - 1]
            period_start = f"{start + (1 if q == 4 else 0)}-{month:02d}-01"
            for breakdown, groups_ in breakdowns.items():
                for group in groups_:
                    value = float(rng.choice([0, 1, 2, 3, 4, 6, 9, 14, 25, 40]))
                    rows.append((uid(), pid, indicator, period, "quarter", period_start, "local", breakdown, group, value, value))
db.executemany("insert or ignore into indicator_values (id, partnership_id, indicator_id, period, period_kind, period_start, series,"
               " breakdown, group_name, value, numerator) values (?,?,?,?,?,?,?,?,?,?,?)", rows)
db.commit()
counts = {table: db.execute(f"select count(*) from {table}").fetchone()[0]
          for table in ["organisations", "learning_sources", "recommendations", "actions", "challenge_judgements", "indicator_values", "contributions"]}
print(" ".join(f"{k}={v}" for k, v in counts.items()))

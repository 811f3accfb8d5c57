#!/usr/bin/env python3
"""Adds whole reporting years of accumulated records to a demo database (bench/scale/run).

    generate.py DB.sqlite --years FIRST LAST

Adds, for each k in FIRST..LAST-1, the reporting year starting in 2023 - k (k = 0 is 2023-24, the
year the measured pages and the report are about; k = 1 is 2022-23, and so on), seeded by k so
every run writes the same rows. A year holds the same volume whichever it is (BASE below):

- learning: 40 sources (audits, scrutiny, self-assessments, assurance requests), each with 2
  findings, 5 recommendations and 2 actions per recommendation (400 actions), each action's status
  history (`action_status_changes`, as the app writes it), evidence of impact for the done ones, and
  a challenge event with a judgement per recommendation. Past years' actions are all closed (done,
  or dropped with a reason) and their challenge events held, so the open actions and the challenges
  due are those of 2023-24 at every size;
- indicator values: every count indicator's local breakdowns (deprivation decile, gender, age band,
  ethnicity: 23 groups) for the year's four quarters. Headline values (breakdown `all`) are left as
  the demo has them, so a chart of an indicator shows the same points at every size; the indicator
  page shows only the newest quarter's breakdowns, which is 2023-24 Q4 at every size;
- the audit log: 10,000 events spread over the year (sign-ins, views, changes).

So 1x is the demo plus 2023-24 (`--years 0 1`), 10x adds 2014-15 to 2022-23 (`--years 1 10`) and
100x adds 1924-25 to 2013-14 (`--years 10 100`). Rows go straight into SQLite in the app's own
formats (upper-case UUID text, ISO dates, REAL Unix timestamps) with executemany, in one
transaction. Prints the row counts of the grown tables.
"""
import argparse
import calendar
import datetime
import json
import random
import sqlite3
import sys
import time
import uuid

BASE = {"sources": 40, "findings": 2, "recommendations": 5, "actions": 2, "audit_events": 10_000}
GROWN = ["learning_sources", "findings", "recommendations", "actions", "action_status_changes", "impact_evidence",
         "challenge_events", "challenge_judgements", "indicator_values", "audit_events"]
TODAY = datetime.date(2024, 3, 31)  # SAFEGUARDING_TODAY in bench/scale/run

parser = argparse.ArgumentParser()
parser.add_argument("db")
parser.add_argument("--years", nargs=2, type=int, metavar=("FIRST", "LAST"), required=True)
args = parser.parse_args()

db = sqlite3.connect(args.db)
# A scratch file for a benchmark: no journal and a large cache while writing; the app's
# write-ahead log is turned back on at the end.
db.execute("pragma journal_mode = off")
db.execute("pragma synchronous = off")
db.execute("pragma cache_size = -262144")
(pid,) = db.execute("select id from partnerships where slug = 'calderdale'").fetchone()
organisations = [r[0] for r in db.execute("select id from organisations where partnership_id = ? order by name", (pid,))]
groups = [r[0] for r in db.execute("select id from groups where partnership_id = ? order by name", (pid,))]
users = db.execute("select u.id, u.email from users u join memberships m on m.user_id = u.id where m.partnership_id = ? order by u.email",
                   (pid,)).fetchall()
count_indicators = [r[0] for r in db.execute("select id from indicators where partnership_id = ? and unit = 'count' order by position", (pid,))]
if not organisations or not users or not count_indicators:
    sys.exit("generate.py: the database has no demo partnership (run `safeguarding demo load` first)")

BREAKDOWNS = {"imd_decile": [str(d) for d in range(1, 11)], "gender": ["female", "male", "unknown"],
              "age_band": ["0-4", "5-9", "10-15", "16-17"], "ethnicity": ["Asian", "Black", "Mixed", "Other", "White", "Unknown"]}
SOURCE_KINDS = ["audit", "audit", "scrutiny", "self_assessment", "assurance_request"]
THEMES = ["neglect", "exploitation", "domestic abuse", "information sharing", "voice of the child", "mental health",
          "education", "transitions", "professional curiosity", "supervision"]
AUDIT_KINDS = [("sign_in", "user", "Signed in", 50), ("view", "users", "Viewed the list of users", 10),
               ("view", "serious_incident", "Viewed a serious incident", 5), ("update", "action", "Changed an action's status", 15),
               ("create", "impact_evidence", "Recorded evidence of impact", 10), ("update", "report_section", "Changed the narrative of a section", 10)]
AUDIT_WEIGHTS = [k[3] for k in AUDIT_KINDS]


def shift(day, days):
    return day + datetime.timedelta(days=days)


def add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stamp(day):
    return calendar.timegm(day.timetuple()) + 9 * 3600.0


def add_year(k):
    rng = random.Random(20240331 + k)

    def uid():
        return str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper()

    start = 2023 - k
    year = f"{start}-{(start + 1) % 100:02d}"
    first, last = datetime.date(start, 4, 1), datetime.date(start + 1, 3, 31)
    current = k == 0
    sources, findings, recommendations, actions, changes, evidence, events, judgements = [], [], [], [], [], [], [], []
    for s in range(BASE["sources"]):
        source = uid()
        kind = rng.choice(SOURCE_KINDS)
        started = shift(first, rng.randint(0, 200))
        completed = shift(started, rng.randint(30, 120))
        challenge_due = add_months(completed, 6)
        sources.append((source, pid, kind, f"Synthetic learning {year} no. {s + 1}", year, "What the review looked at and why.",
                        "Named lead role", rng.choice(organisations), rng.choice(groups) if groups else None,
                        "multi_agency" if kind == "audit" else None, shift(started, -30).isoformat(), started.isoformat(),
                        completed.isoformat(), challenge_due.isoformat(), 1, 0, stamp(started)))
        finding_ids = []
        for f in range(BASE["findings"]):
            finding = uid()
            finding_ids.append(finding)
            findings.append((finding, pid, source, "strength" if f == 0 else "area_for_improvement",
                             f"Synthetic finding {f + 1} of {year} no. {s + 1}.", ",".join(rng.sample(THEMES, 2)), f + 1))
        # Past years' challenge events were held; in 2023-24 only those whose date has come.
        held_on = shift(challenge_due, rng.randint(-20, 20))
        event = uid() if (not current or held_on <= shift(TODAY, -60)) else None
        if event:
            events.append((event, pid, source, held_on.isoformat(), "The owning agencies", "Synthetic assurance", "bench/scale"))
        for r in range(BASE["recommendations"]):
            recommendation = uid()
            recommendations.append((recommendation, pid, source, finding_ids[-1], f"Synthetic recommendation {r + 1}.", r + 1))
            if event:
                judgements.append((uid(), pid, event, recommendation, rng.choice(["assured", "assured", "partly_assured", "not_assured"])))
            for _ in range(BASE["actions"]):
                action = uid()
                raised = completed
                due = add_months(raised, rng.randint(3, 9))
                if current:
                    status = rng.choices(["done", "in_progress", "not_started", "dropped"], [40, 30, 20, 10])[0]
                else:
                    status = rng.choices(["done", "dropped"], [90, 10])[0]
                closed = None
                if status in ("done", "dropped"):
                    closed = min(shift(raised, rng.randint(20, (due - raised).days + 60)), TODAY)
                dropped_reason = "Superseded by a later action" if status == "dropped" else None
                actions.append((action, pid, recommendation, source, "Synthetic action.", rng.choice(organisations), "Named lead role",
                                due.isoformat(), status, dropped_reason, stamp(raised), stamp(closed or raised), raised.isoformat(),
                                closed.isoformat() if closed else None))
                history = [("not_started", raised, None)]
                progressed = shift(raised, 14)
                if status in ("in_progress", "done") and progressed <= (closed or TODAY):
                    history.append(("in_progress", progressed, None))
                if closed:
                    history.append((status, closed, dropped_reason))
                for sequence, (what, day, reason) in enumerate(history, start=1):
                    changes.append((uid(), pid, action, what, day.isoformat(), sequence, reason, "bench/scale", stamp(day)))
                if status == "done":
                    evidence.append((uid(), pid, action, "What changed in practice.", "How we know: a re-audit of cases.",
                                     "Synthetic reference", "bench/scale", closed.isoformat()))
    db.executemany("insert into learning_sources (id, partnership_id, kind, title, reporting_year, summary, lead_role, lead_organisation_id,"
                   " group_id, audit_type, planned_on, started_on, completed_on, challenge_due_on, is_published, is_illustrative, created_at)"
                   " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", sources)
    db.executemany("insert into findings (id, partnership_id, source_id, kind, text, themes, position) values (?,?,?,?,?,?,?)", findings)
    db.executemany("insert into recommendations (id, partnership_id, source_id, finding_id, text, number) values (?,?,?,?,?,?)", recommendations)
    db.executemany("insert into challenge_events (id, partnership_id, source_id, held_on, who_was_challenged, assurance_given, recorded_by)"
                   " values (?,?,?,?,?,?,?)", events)
    db.executemany("insert into challenge_judgements (id, partnership_id, challenge_event_id, recommendation_id, judgement) values (?,?,?,?,?)",
                   judgements)
    db.executemany("insert into actions (id, partnership_id, recommendation_id, source_id, text, owner_organisation_id, owner, due_on, status,"
                   " dropped_reason, created_at, updated_at, raised_on, closed_on) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", actions)
    db.executemany("insert into action_status_changes (id, partnership_id, action_id, status, changed_on, sequence, dropped_reason, changed_by,"
                   " created_at) values (?,?,?,?,?,?,?,?,?)", changes)
    db.executemany("insert into impact_evidence (id, partnership_id, action_id, what_changed, how_we_know, reference, recorded_by, recorded_on)"
                   " values (?,?,?,?,?,?,?,?)", evidence)

    values = []
    for indicator in count_indicators:
        for q, month in enumerate([4, 7, 10, 1], start=1):
            period_start = datetime.date(start + (1 if q == 4 else 0), month, 1).isoformat()
            for breakdown, names in BREAKDOWNS.items():
                for name in names:
                    value = float(rng.choice([0, 1, 2, 3, 4, 6, 9, 14, 25, 40]))
                    values.append((uid(), pid, indicator, f"{year} Q{q}", "quarter", period_start, "local", breakdown, name, value, value))
    db.executemany("insert or ignore into indicator_values (id, partnership_id, indicator_id, period, period_kind, period_start, series,"
                   " breakdown, group_name, value, numerator) values (?,?,?,?,?,?,?,?,?,?,?)", values)

    begin, seconds = stamp(first) - 9 * 3600, stamp(shift(last, 1)) - stamp(first)
    step = seconds / BASE["audit_events"]
    audit = []
    for n, (action, subject_type, summary, _) in enumerate(rng.choices(AUDIT_KINDS, AUDIT_WEIGHTS, k=BASE["audit_events"])):
        user_id, email = users[n % len(users)]
        change = json.dumps({"status": ["in_progress", "done"]}) if action == "update" else None
        audit.append((uid(), pid, user_id, email, action, subject_type, uid() if subject_type != "users" else None, summary, change,
                      f"10.0.{n % 250}.{(n // 250) % 250}", begin + n * step + rng.random() * step))
    db.executemany("insert into audit_events (id, partnership_id, user_id, actor, action, subject_type, subject_id, summary, changes, address,"
                   " occurred_at) values (?,?,?,?,?,?,?,?,?,?,?)", audit)


started = time.monotonic()
first, last = args.years
with db:
    for k in range(first, last):
        add_year(k)
db.execute("pragma journal_mode = wal")
counts = {table: db.execute(f"select count(*) from {table}").fetchone()[0] for table in GROWN}
db.close()
print(" ".join(f"{table}={count}" for table, count in counts.items()))
sys.stderr.write(f"generate.py: years {first}..{last - 1} added in {time.monotonic() - started:.1f} s\n")

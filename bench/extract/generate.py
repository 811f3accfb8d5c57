#!/usr/bin/env python3
"""Writes a synthetic record-level extract for benchmarking `safeguarding import extract`.

    bench/extract/generate.py ROWS [-o FILE] [--imd FILE_1.csv] [--area calderdale|england] [--seed N]

One row per event, header `event_date,lsoa,age,gender,ethnicity,child_ref`, LF line ends, as
an agency's case system would export missing episodes for one partnership. Nothing in it is
about a real child: every value is drawn from a seeded random generator, so the same
arguments always give the same file (byte for byte), and files of different sizes share
the same mix of values.

- event_date: ISO dates (`2023-07-14`), uniform over 2020-04-01..2024-03-31, i.e. the 16
  reporting quarters 2020-21 Q1 to 2023-24 Q4.
- lsoa: real 2011 LSOA codes from IMD 2019 File 1. With `--area calderdale` (the default) 90 %
  of rows are in Calderdale (E08000033, 128 LSOAs), weighted towards deprived areas (weight
  11 - IMD decile), and 9.4 % anywhere else in England (children placed out of area), drawn
  uniformly from all 32,844 LSOAs; `--area england` draws every row uniformly from England.
  Either way, 0.5 % of rows carry a code the IMD does not know (Welsh W01 codes and
  2021-only E01035xxx codes), which both sides must skip, and 0.1 % a known code in lower
  case, which both sides must still match.
- age: whole years 0-17, weighted towards teenagers; 0.2 % empty (counted as age band Unknown).
- gender: Female, Male, Unknown, Other.
- ethnicity: DfE codes (WBRI, APKN, ...) mixed with census descriptions, some of which contain
  commas and so are quoted.
- child_ref: a pseudonymous reference, C plus seven digits.

Rows are written in batches of 50,000, so memory stays flat whatever ROWS is.
"""

import argparse
import csv
import datetime
import io
import os
import random
import sys

DEFAULT_IMD = "/work/shared/data/public/imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv"
CALDERDALE = "E08000033"
BATCH = 50_000

GENDERS = [("Female", 47), ("Male", 49), ("Unknown", 3), ("Other", 1)]
ETHNICITIES = [
    ("WBRI", 58), ("White - English, Welsh, Scottish, Northern Irish or British", 6), ("WOTH", 2), ("WIRT", 1),
    ("APKN", 12), ("Pakistani", 2), ("ABAN", 1), ("AIND", 1), ("CHNE", 0.5),
    ("MWBC", 3), ("MWAS", 1), ("White and Black Caribbean", 1), ("MOTH", 1),
    ("BCRB", 1), ("BAFR", 1), ("Black, Black British, Caribbean or African", 0.5),
    ("OOTH", 1), ("Arab", 0.5), ("REFU", 1.5), ("NOBT", 3), ("Not known", 1),
]
# Ages 0-17: few young children go missing; most episodes are of teenagers.
AGES = [(str(a), w) for a, w in zip(range(18), [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 5, 8, 12, 16, 18, 16, 10])] + [("", 0.2)]


def read_imd(path):
    """(code, decile, la_code) for every LSOA in File 1."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        code_col = header.index("LSOA code (2011)")
        la_col = header.index("Local Authority District code (2019)")
        decile_col = header.index("Index of Multiple Deprivation (IMD) Decile")
        return [(row[code_col], int(row[decile_col]), row[la_col]) for row in reader if row]


def csv_field(text):
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", type=int, help="number of data rows (after the header)")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    parser.add_argument("--imd", default=DEFAULT_IMD, help="IMD 2019 File 1 (default: %(default)s)")
    parser.add_argument("--area", choices=["calderdale", "england"], default="calderdale")
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args()
    if args.rows < 0:
        parser.error("rows must be 0 or more")

    rng = random.Random(args.seed)
    imd = read_imd(args.imd)
    england = [code for code, _, _ in imd]
    local = [(code, decile) for code, decile, la in imd if la == CALDERDALE]
    unknown = [f"W01{n:06d}" for n in range(1, 1910)] + [f"E0103{n:04d}" for n in range(5000, 5700)]

    # Area kinds, drawn per row: local (weighted by deprivation), anywhere in England, unknown, lower case.
    if args.area == "calderdale":
        kinds, kind_weights = ["local", "england", "unknown", "lower"], [90, 9.4, 0.5, 0.1]
    else:
        kinds, kind_weights = ["england", "unknown", "lower"], [99.4, 0.5, 0.1]
    local_codes = [code for code, _ in local]
    local_cum = []
    total = 0
    for _, decile in local:
        total += 11 - decile
        local_cum.append(total)

    first = datetime.date(2020, 4, 1)
    days = (datetime.date(2024, 3, 31) - first).days + 1
    dates = [(first + datetime.timedelta(days=d)).isoformat() for d in range(days)]
    genders = [g for g, _ in GENDERS]
    gender_cum = _cumulative(GENDERS)
    ethnicities = [csv_field(e) for e, _ in ETHNICITIES]
    ethnicity_cum = _cumulative(ETHNICITIES)
    ages = [a for a, _ in AGES]
    age_cum = _cumulative(AGES)
    kind_cum = _cumulative(list(zip(kinds, kind_weights)))

    out = open(args.output, "w", newline="", encoding="utf-8") if args.output else sys.stdout
    try:
        out.write("event_date,lsoa,age,gender,ethnicity,child_ref\n")
        written = 0
        while written < args.rows:
            n = min(BATCH, args.rows - written)
            row_kinds = rng.choices(kinds, cum_weights=kind_cum, k=n)
            # Drawn for every row whatever its kind, so each list is drawn in one call.
            local_draws = rng.choices(local_codes, cum_weights=local_cum, k=n) if local_codes else [None] * n
            england_draws = rng.choices(england, k=n)
            unknown_draws = rng.choices(unknown, k=n)
            areas = [
                local_draws[i] if kind == "local" else england_draws[i] if kind == "england"
                else unknown_draws[i] if kind == "unknown" else england_draws[i].lower()
                for i, kind in enumerate(row_kinds)
            ]
            row_dates = rng.choices(dates, k=n)
            row_ages = rng.choices(ages, cum_weights=age_cum, k=n)
            row_genders = rng.choices(genders, cum_weights=gender_cum, k=n)
            row_ethnicities = rng.choices(ethnicities, cum_weights=ethnicity_cum, k=n)
            refs = [rng.randrange(10_000_000) for _ in range(n)]
            buffer = io.StringIO()
            buffer.writelines(
                f"{d},{l},{a},{g},{e},C{r:07d}\n"
                for d, l, a, g, e, r in zip(row_dates, areas, row_ages, row_genders, row_ethnicities, refs)
            )
            out.write(buffer.getvalue())
            written += n
    finally:
        if out is not sys.stdout:
            out.close()
    where = f"Calderdale-weighted ({len(local)} local LSOAs)" if args.area == "calderdale" else "all of England"
    print(f"generate.py: wrote {args.rows} rows, {where}, seed {args.seed}"
          + (f", to {args.output} ({os.path.getsize(args.output) / 1e6:.1f} MB)" if args.output else ""), file=sys.stderr)


def _cumulative(pairs):
    total, cum = 0.0, []
    for _, weight in pairs:
        total += weight
        cum.append(total)
    return cum


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # e.g. piped into head
        sys.stderr.close()
        sys.exit(1)

#!/usr/bin/env python3
"""DuckDB's side of the extract benchmark: the aggregation `safeguarding import extract` stores
for the breakdown `imd_decile`, computed from the same files.

    bench/extract/duckdb_aggregate.py EXTRACT.csv [--imd FILE_1.csv] [--threads N] [--out COUNTS.tsv]

Reads the extract and IMD 2019 File 1 with DuckDB's CSV reader, joins on the LSOA code and
counts rows by reporting quarter (April-June is Q1 of the year that starts that April, written
`2023-24 Q1`) and IMD decile, with the rules the import uses:

- a row whose event_date is not a date is skipped (counted as unreadable);
- a row whose LSOA is not in File 1, even after trimming spaces and upper-casing, is skipped;
- everything else (age, gender, ethnicity, child_ref) does not decide whether a row counts.

Prints one line per quarter and decile, `PERIOD<TAB>DECILE<TAB>COUNT`, in order (also written to
--out), then on standard error a line

    DUCKDB_RESULT rows=R aggregated=A skipped=S unreadable_dates=D unknown_lsoas=L query_s=Q wall_s=W peak_rss_kib=K threads=T

where query_s is the query alone (reading both files, join, aggregation, fetching the result),
wall_s is from the start of this script (after Python itself has started) to the end, and
peak_rss_kib is this process's peak resident memory (getrusage), Python and DuckDB together.
DuckDB uses every core unless --threads says otherwise.
"""

import argparse
import resource
import sys
import time

START = time.perf_counter()

import duckdb  # noqa: E402  (timed: importing DuckDB is part of what the run costs)

DEFAULT_IMD = "/work/shared/data/public/imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv"

# One pass over the extract: a LEFT JOIN keeps the rows that do not count, grouped under a NULL
# period or decile, so the skipped rows are counted in the same scan as the others.
QUERY = """
WITH imd AS (
    SELECT lsoa_code, imd_decile
    FROM read_csv(?, header = true, delim = ',', quote = '"', escape = '"',
                  columns = {'lsoa_code': 'VARCHAR', 'lsoa_name': 'VARCHAR', 'la_code': 'VARCHAR',
                             'la_name': 'VARCHAR', 'imd_rank': 'VARCHAR', 'imd_decile': 'INTEGER'})
    WHERE imd_decile BETWEEN 1 AND 10
),
events AS (
    SELECT TRY_CAST(event_date AS DATE) AS day, lsoa
    FROM read_csv(?, header = true, delim = ',', quote = '"', escape = '"',
                  columns = {'event_date': 'VARCHAR', 'lsoa': 'VARCHAR', 'age': 'VARCHAR', 'gender': 'VARCHAR',
                             'ethnicity': 'VARCHAR', 'child_ref': 'VARCHAR'})
),
joined AS (
    SELECT day, imd.imd_decile AS decile,
           year(day) - CASE WHEN month(day) < 4 THEN 1 ELSE 0 END AS fy,
           (month(day) + 8) % 12 // 3 + 1 AS q
    FROM events LEFT JOIN imd ON imd.lsoa_code = upper(trim(events.lsoa))
)
SELECT CASE WHEN day IS NULL THEN NULL
            ELSE CAST(fy AS VARCHAR) || '-' || lpad(CAST((fy + 1) % 100 AS VARCHAR), 2, '0') || ' Q' || CAST(q AS VARCHAR)
       END AS period,
       decile,
       day IS NULL AS bad_date,
       count(*) AS n
FROM joined
GROUP BY ALL
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("extract")
    parser.add_argument("--imd", default=DEFAULT_IMD)
    parser.add_argument("--threads", type=int, help="DuckDB threads (default: DuckDB's own, every core)")
    parser.add_argument("--out", help="also write the counts here, tab-separated")
    args = parser.parse_args()

    con = duckdb.connect(":memory:")
    if args.threads:
        con.execute(f"SET threads = {int(args.threads)}")
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]

    query_start = time.perf_counter()
    groups = con.execute(QUERY, [args.imd, args.extract]).fetchall()
    query_s = time.perf_counter() - query_start

    counts = {}
    rows = unreadable = unknown = 0
    for period, decile, bad_date, n in groups:
        rows += n
        if bad_date:
            unreadable += n
        elif decile is None:
            unknown += n
        else:
            counts[(period, decile)] = n
    # The import counts a row with both problems under each; here it is one skipped row either way.
    aggregated = sum(counts.values())
    lines = [f"{period}\t{decile}\t{n}" for (period, decile), n in sorted(counts.items())]
    text = "\n".join(lines) + ("\n" if lines else "")
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    wall_s = time.perf_counter() - START
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"DUCKDB_RESULT rows={rows} aggregated={aggregated} skipped={rows - aggregated} unreadable_dates={unreadable} "
          f"unknown_lsoas={unknown} query_s={query_s:.3f} wall_s={wall_s:.3f} peak_rss_kib={peak} threads={threads}",
          file=sys.stderr)


if __name__ == "__main__":
    main()

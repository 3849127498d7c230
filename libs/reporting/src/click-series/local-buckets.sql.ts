/**
 * The CTEs both series readers start from, over parameters $2 (from), $3 (to), $4 (the
 * PostgreSQL unit) and $5 (the zone): `buckets`, the local bucket starts PostgreSQL generates
 * (generate_series and date_trunc with a zone do the DST arithmetic), and `bounds`, the
 * instants from the first bucket's start to the last one's end. The series steps real hours
 * and days, so across an offset change that is not whole steps (Lord Howe Island's half-hour
 * DST) its starts drift off the local hour: readers check `start = date_trunc(unit, start)`.
 */
export const LOCAL_BUCKETS = `buckets AS (
         SELECT generate_series(
                  date_trunc($4, $2::timestamptz, $5),
                  $3::timestamptz - interval '1 microsecond',
                  ('1 ' || $4)::interval,
                  $5) AS start
       ), bounds AS (
         SELECT min(start) AS lo, date_add(max(start), ('1 ' || $4)::interval, $5) AS hi FROM buckets
       )`;

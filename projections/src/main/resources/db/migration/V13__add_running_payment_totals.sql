-- Running totals of the payment side of the indicators, kept by the batch projection, so that the indicator table
-- "now" reads a dozen batch rows and one row per recipient instead of scanning the year's lines (3.6M for a
-- 300k-recipient program-year). The as-of table still computes from the lines and their recorded times.

-- Per batch: its payments (lines not stopped, not returned), those of at least the standard, and their amount;
-- counted from the lines at disbursement and again after each bank return.
ALTER TABLE batch_view ADD COLUMN paid_count integer NOT NULL DEFAULT 0;
ALTER TABLE batch_view ADD COLUMN paid_full_count integer NOT NULL DEFAULT 0;
ALTER TABLE batch_view ADD COLUMN paid_fen bigint NOT NULL DEFAULT 0;

-- Per program, year and recipient: the months of the year paid (disbursed, not returned), bit m-1 for month m
-- (a recipient has at most one paid line per program and month, SPEC §3.4). Not 0 = paid in the year; with the
-- months a fact makes not due, the paid months that were not due.
CREATE TABLE paid_recipient_year_view (
    program_code varchar(40) NOT NULL,
    year         integer     NOT NULL,
    recipient_id char(18)    NOT NULL,
    paid_months  integer     NOT NULL,
    CONSTRAINT pk_paid_recipient_year_view PRIMARY KEY (program_code, year, recipient_id)
);

-- The batches disbursed before this migration.
UPDATE batch_view b
SET paid_count = t.paid, paid_full_count = t.full, paid_fen = t.fen
FROM (SELECT l.batch_id, count(*) AS paid, count(*) FILTER (WHERE l.amount_fen >= l.standard_fen) AS full,
             coalesce(sum(l.amount_fen), 0) AS fen
      FROM batch_line_view l
      WHERE l.stopped_at IS NULL AND l.returned_at IS NULL
      GROUP BY l.batch_id) t
WHERE b.batch_id = t.batch_id AND b.status = 'DISBURSED';

INSERT INTO paid_recipient_year_view (program_code, year, recipient_id, paid_months)
SELECT l.program_code, extract(year FROM l.period)::int, l.recipient_id,
       bit_or(1 << (extract(month FROM l.period)::int - 1))
FROM batch_line_view l JOIN batch_view b ON b.batch_id = l.batch_id
WHERE b.status = 'DISBURSED' AND l.stopped_at IS NULL AND l.returned_at IS NULL
GROUP BY l.program_code, extract(year FROM l.period), l.recipient_id;

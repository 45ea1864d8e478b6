-- Rules 9 and 13 (issue 17). A batch line may be a 补发 line (settles_month: the earlier month whose arrears it pays)
-- or a one-off line (benefit: FUNERAL_GRANT or ACCOUNT_BALANCE); period stays the batch's month. A recipient still has
-- one line per batch (the primary key).
ALTER TABLE payout_line_index ADD COLUMN settles_month date;
ALTER TABLE payout_line_index ADD COLUMN benefit varchar(20);
ALTER TABLE payout_line_index ADD CONSTRAINT ck_payout_line_kind CHECK (settles_month IS NULL OR benefit IS NULL);

-- At most one pending or paid monthly line per recipient, program and month, as before: 补发 and one-off lines aside.
DROP INDEX ux_payout_line_one_per_month;
CREATE UNIQUE INDEX ux_payout_line_one_per_month ON payout_line_index (program_code, period, recipient_id)
    WHERE state IN ('PENDING', 'PAID') AND settles_month IS NULL AND benefit IS NULL;
-- At most one 补发 line per recipient, program and settled month in the workflow at once: two clerks posting 补发 for
-- the same month at the same moment cannot both pay it.
CREATE UNIQUE INDEX ux_payout_line_one_settling_pending ON payout_line_index (program_code, settles_month, recipient_id)
    WHERE state = 'PENDING' AND settles_month IS NOT NULL;
-- A one-off benefit is paid at most once per recipient across every program of the installation (rule 13).
CREATE UNIQUE INDEX ux_payout_line_one_off ON payout_line_index (recipient_id, benefit)
    WHERE state IN ('PENDING', 'PAID') AND benefit IS NOT NULL;

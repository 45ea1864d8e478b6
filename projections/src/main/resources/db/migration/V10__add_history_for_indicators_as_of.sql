-- What the indicators need to be computed as of any past moment (issue 6): the states a case went through and every
-- version of an annual plan, each with the recorded time of the event behind it. (Payments, returns, stops, facts
-- and their changes already carry their recorded times.)

-- The case's amounts and status right after each change. Rows written before this migration have them null: reset
-- the overpayment-view processor to rebuild them (docs/operations.md).
ALTER TABLE overpayment_change_view ADD COLUMN amount_after bigint;
ALTER TABLE overpayment_change_view ADD COLUMN recovered_after bigint;
ALTER TABLE overpayment_change_view ADD COLUMN written_off_after bigint;
ALTER TABLE overpayment_change_view ADD COLUMN status_after varchar(12);
CREATE INDEX ix_overpayment_change_view_recorded ON overpayment_change_view (recorded_at);

-- Every version of every annual plan (program_plan_view keeps the latest).
CREATE TABLE program_plan_history_view (
    program_code       varchar(40)  NOT NULL,
    year               integer      NOT NULL,
    plan_version       integer      NOT NULL,
    planned_recipients bigint       NOT NULL,
    planned_payouts    integer      NOT NULL,
    budget_fen         bigint       NOT NULL,
    set_at             timestamptz  NOT NULL,
    set_by             varchar(100),
    CONSTRAINT pk_program_plan_history_view PRIMARY KEY (program_code, year, plan_version)
);
-- As-of reads of payments: lines by program and month.
CREATE INDEX ix_batch_line_view_program_period ON batch_line_view (program_code, period);

-- Rule 14 on the read side (追回程序, issue 18): the recovery procedure of each case, projected from its notices,
-- deliveries, contacts, instalment agreements and appeals, so that the 追回台账 shows and filters by it. What depends
-- on the day asked (days since delivery, instalments overdue, the next step) is computed when the ledger is read.
-- Filled by overpayment-view from the events; cases with procedure events recorded before this migration get them
-- only from a replay of overpayment-view (docs/operations.md).

-- Notices generated, and the business date of the last one.
ALTER TABLE overpayment_view ADD COLUMN notice_count integer NOT NULL DEFAULT 0;
ALTER TABLE overpayment_view ADD COLUMN last_notice_on date;
-- The case's first delivery, which starts its clocks: deductions may start on deductions_from, an appeal may be filed
-- until appeal_deadline, and the aging counts from notice_delivered_on. Later deliveries change none of them.
ALTER TABLE overpayment_view ADD COLUMN notice_delivered_on date;
ALTER TABLE overpayment_view ADD COLUMN delivery_method varchar(24);
ALTER TABLE overpayment_view ADD COLUMN deductions_from date;
ALTER TABLE overpayment_view ADD COLUMN appeal_deadline date;
-- The appeal waiting for a decision (null when none) and the business date it was filed.
ALTER TABLE overpayment_view ADD COLUMN open_appeal_id varchar(36);
ALTER TABLE overpayment_view ADD COLUMN appeal_filed_on date;
-- The business date of the last contact with the recipient.
ALTER TABLE overpayment_view ADD COLUMN last_contact_on date;
-- The instalment agreement in force (the last one), null when none: the instalment of a month, the first month (its
-- first day), what the plan covers and what had been recovered when it was agreed.
ALTER TABLE overpayment_view ADD COLUMN instalment_fen bigint;
ALTER TABLE overpayment_view ADD COLUMN instalments_from date;
ALTER TABLE overpayment_view ADD COLUMN instalments_total_fen bigint;
ALTER TABLE overpayment_view ADD COLUMN instalments_recovered_fen bigint;
ALTER TABLE overpayment_view ADD COLUMN instalments_agreed_on date;

-- The ledger's default order: oldest first by the day its aging counts from (delivery, else identification).
CREATE INDEX ix_overpayment_view_aging ON overpayment_view ((coalesce(notice_delivered_on, identified_on)),
                                                            identified_at, case_id);

-- The history's change codes grow (NOTICE_GENERATED, INSTALMENTS_AGREED …): room for them.
ALTER TABLE overpayment_change_view ALTER COLUMN change TYPE varchar(24);

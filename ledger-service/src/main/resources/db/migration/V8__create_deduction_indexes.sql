-- Recovery by deduction from later payments (SPEC §3.7), kept by the overpayment-index processor in the appending
-- transaction.

-- The status of each case after its last event, and the cap per payment while it is recovered by deduction (null
-- otherwise). opened_order keeps the order cases were opened in: deductions from one payment go oldest case first.
ALTER TABLE overpayment_case_index ADD COLUMN status varchar(12) NOT NULL DEFAULT 'OPEN';
ALTER TABLE overpayment_case_index ADD COLUMN deduction_cap_fen bigint;
ALTER TABLE overpayment_case_index ADD COLUMN opened_order bigserial;
CREATE INDEX ix_overpayment_case_deduction ON overpayment_case_index (recipient_id, program_code)
    WHERE deduction_cap_fen IS NOT NULL;

-- Each deduction taken from a payment: a bank return of that payment reverses it.
CREATE TABLE deduction_index (
    batch_id     varchar(36) NOT NULL,
    recipient_id char(18)    NOT NULL,
    case_id      varchar(36) NOT NULL,
    repayment_id varchar(36) NOT NULL,
    amount_fen   bigint      NOT NULL,
    reversed     boolean     NOT NULL DEFAULT false,
    CONSTRAINT pk_deduction_index PRIMARY KEY (batch_id, recipient_id, case_id)
);
CREATE UNIQUE INDEX ux_deduction_repayment ON deduction_index (repayment_id);

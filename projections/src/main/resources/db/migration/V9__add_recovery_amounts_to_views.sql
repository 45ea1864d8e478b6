-- Recovery (SPEC §3.7): what each case still owes and what it owes back, deductions from later payments.

-- outstanding: what is still to be recovered (0 once cancelled). refund_due: what was recovered beyond what the case
-- owes — everything recovered, once cancelled — to be paid back to the recipient. Per case
-- outstanding − refund_due = amount − recovered − written off (amount taken as 0 once cancelled): the write-offs a
-- smaller amount no longer needs are released by the events (written_off_fen goes down first).
ALTER TABLE overpayment_view ADD COLUMN outstanding_fen bigint GENERATED ALWAYS AS (
    CASE WHEN status = 'CANCELLED' THEN 0
         ELSE greatest(amount_fen - recovered_fen - written_off_fen, 0) END) STORED;
ALTER TABLE overpayment_view ADD COLUMN refund_due_fen bigint GENERATED ALWAYS AS (
    CASE WHEN status = 'CANCELLED' THEN recovered_fen
         ELSE greatest(recovered_fen + written_off_fen - amount_fen, 0) END) STORED;
-- The cap per payment while the case is recovered by deduction, and the share of the standard it came from.
ALTER TABLE overpayment_view ADD COLUMN deduction_cap_fen bigint;
ALTER TABLE overpayment_view ADD COLUMN deduction_share varchar(10);
CREATE INDEX ix_overpayment_view_outstanding ON overpayment_view (outstanding_fen);

-- Deductions kept back from the lines of a disbursed batch: the line stays a payment of its gross amount, the bank
-- transferred amount − deducted.
ALTER TABLE batch_view ADD COLUMN deducted_count integer NOT NULL DEFAULT 0;
ALTER TABLE batch_view ADD COLUMN deducted_fen bigint NOT NULL DEFAULT 0;
ALTER TABLE batch_line_view ADD COLUMN deducted_fen bigint NOT NULL DEFAULT 0;

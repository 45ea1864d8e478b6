-- Write-side indexes for payout batches (written in the transaction that appends the events they mirror).

-- Bulk posting needs the program's review levels without loading the Program aggregate.
ALTER TABLE program_registry ADD COLUMN review_levels integer NOT NULL DEFAULT 3;

-- One row per accepted batch line. state: PENDING (posted, not yet disbursed), PAID (disbursed), RETURNED (bank
-- return), WITHDRAWN (its batch was withdrawn). A recipient has at most one PENDING or PAID line per program and
-- month: the partial unique index is what keeps two clerks posting at the same moment from paying a month twice.
CREATE TABLE payout_line_index (
    batch_id      varchar(36) NOT NULL,
    program_code  varchar(40) NOT NULL,
    period        date        NOT NULL,
    recipient_id  char(18)    NOT NULL,
    line          integer     NOT NULL,
    amount_fen    bigint      NOT NULL,
    state         varchar(10) NOT NULL,
    CONSTRAINT pk_payout_line_index PRIMARY KEY (batch_id, recipient_id),
    CONSTRAINT ck_payout_line_state CHECK (state IN ('PENDING', 'PAID', 'RETURNED', 'WITHDRAWN'))
);
CREATE UNIQUE INDEX ux_payout_line_one_per_month ON payout_line_index (program_code, period, recipient_id)
    WHERE state IN ('PENDING', 'PAID');

-- Months in which a recipient is not due, from the facts the ledger knows (death, suspension, duplicate claim, end
-- of enrolment). program_code NULL: every program. to_month NULL: open-ended. Batch posting rejects lines for these
-- months. Filled by the life-event facts; a retracted fact's rows are removed with the event that retracts it.
CREATE TABLE not_due_index (
    fact_id       varchar(36) NOT NULL,
    recipient_id  char(18)    NOT NULL,
    program_code  varchar(40),
    from_month    date        NOT NULL,
    to_month      date,
    cause         varchar(20) NOT NULL,
    CONSTRAINT pk_not_due_index PRIMARY KEY (fact_id, recipient_id)
);
CREATE INDEX ix_not_due_index_recipient ON not_due_index (recipient_id);

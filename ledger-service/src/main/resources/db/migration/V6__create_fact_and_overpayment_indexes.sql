-- Write-side indexes for life events and overpayments (issue 4). Like the others they are written in the transaction
-- that appends the events they mirror, by subscribing event handlers, and can be rebuilt from the events.

-- The recipient's name, to check the names of a death comparison file against.
ALTER TABLE enrolment_index ADD COLUMN name varchar(100);

-- Lines stopped before disbursement because a fact made their month not due.
ALTER TABLE payout_line_index DROP CONSTRAINT ck_payout_line_state;
ALTER TABLE payout_line_index ADD CONSTRAINT ck_payout_line_state
    CHECK (state IN ('PENDING', 'PAID', 'RETURNED', 'WITHDRAWN', 'STOPPED'));
CREATE INDEX ix_payout_line_recipient ON payout_line_index (recipient_id);

-- The event that made a batch's lines payments (its BatchDisbursed): overpayments name it for each overpaid month.
CREATE TABLE batch_disbursement_index (
    batch_id     varchar(36)  NOT NULL,
    event_id     varchar(255) NOT NULL,
    disbursed_on date         NOT NULL,
    CONSTRAINT pk_batch_disbursement_index PRIMARY KEY (batch_id)
);

-- Every fact, as its span (see NotDueMonths.of): from_date, to_date. state ACTIVE or RETRACTED. recorded_order
-- decides which fact an overpaid month is attributed to when several cover it (the earliest recorded).
CREATE TABLE life_fact_index (
    fact_id        varchar(36)  NOT NULL,
    recipient_id   char(18)     NOT NULL,
    kind           varchar(20)  NOT NULL,
    program_code   varchar(40),
    from_date      date         NOT NULL,
    to_date        date,
    detail         varchar(200),
    state          varchar(10)  NOT NULL,
    recorded_order bigserial    NOT NULL,
    CONSTRAINT pk_life_fact_index PRIMARY KEY (fact_id),
    CONSTRAINT ck_life_fact_state CHECK (state IN ('ACTIVE', 'RETRACTED'))
);
CREATE INDEX ix_life_fact_index_recipient ON life_fact_index (recipient_id);
-- A recipient dies once: two clerks recording a death at the same moment cannot both succeed.
CREATE UNIQUE INDEX ux_life_fact_one_death ON life_fact_index (recipient_id)
    WHERE kind = 'DEATH' AND state = 'ACTIVE';
-- An enrolment ends once.
CREATE UNIQUE INDEX ux_life_fact_one_end ON life_fact_index (recipient_id, program_code)
    WHERE kind = 'ENROLMENT_END' AND state = 'ACTIVE';

-- Overpayment cases: one per fact and program while not cancelled.
CREATE TABLE overpayment_case_index (
    case_id      varchar(36) NOT NULL,
    recipient_id char(18)    NOT NULL,
    program_code varchar(40) NOT NULL,
    fact_id      varchar(36) NOT NULL,
    cancelled    boolean     NOT NULL DEFAULT false,
    CONSTRAINT pk_overpayment_case_index PRIMARY KEY (case_id)
);
CREATE INDEX ix_overpayment_case_recipient ON overpayment_case_index (recipient_id);
CREATE UNIQUE INDEX ux_overpayment_case_per_fact ON overpayment_case_index (fact_id, program_code)
    WHERE NOT cancelled;

-- The payments each open case claims. A payment (a batch line) is overpaid at most once, whatever the number of
-- facts covering its month: the primary key is the guarantee.
CREATE TABLE overpaid_payment_index (
    batch_id         varchar(36)  NOT NULL,
    recipient_id     char(18)     NOT NULL,
    case_id          varchar(36)  NOT NULL,
    period           date         NOT NULL,
    line             integer      NOT NULL,
    amount_fen       bigint       NOT NULL,
    payment_event_id varchar(255),
    CONSTRAINT pk_overpaid_payment_index PRIMARY KEY (batch_id, recipient_id)
);
CREATE INDEX ix_overpaid_payment_recipient ON overpaid_payment_index (recipient_id);
CREATE INDEX ix_overpaid_payment_case ON overpaid_payment_index (case_id);

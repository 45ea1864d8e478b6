-- Read models of payout batches, fed by the batch-view processor. Amounts in 分.
-- batch_view rows change only under a guard on the event's sequence number in its batch (last_sequence), line rows
-- are keyed by (batch, recipient): redelivery and replays give the same rows.

CREATE TABLE batch_view (
    batch_id       varchar(36)  NOT NULL,
    program_code   varchar(40)  NOT NULL,
    period         date         NOT NULL,
    status         varchar(12)  NOT NULL,
    review_levels  integer      NOT NULL,
    levels_passed  integer      NOT NULL DEFAULT 0,
    round          integer      NOT NULL DEFAULT 1,
    line_count     integer      NOT NULL,
    total_fen      bigint       NOT NULL,
    short_count    integer      NOT NULL,
    over_count     integer      NOT NULL,
    returned_count integer      NOT NULL DEFAULT 0,
    returned_fen   bigint       NOT NULL DEFAULT 0,
    source         varchar(300) NOT NULL,
    file_sha256    char(64),
    posted_at      timestamptz  NOT NULL,
    posted_by      varchar(100),
    disbursed_on   date,
    last_sequence  bigint       NOT NULL,
    CONSTRAINT pk_batch_view PRIMARY KEY (batch_id)
);
CREATE INDEX ix_batch_view_program_period ON batch_view (program_code, period);

-- The workflow history of each batch: one row per step event.
CREATE TABLE batch_step_view (
    batch_id    varchar(36)  NOT NULL,
    sequence    bigint       NOT NULL,
    step        varchar(20)  NOT NULL,
    level       integer,
    round       integer,
    comment     varchar(1000),
    actor       varchar(100),
    role        varchar(20),
    recorded_at timestamptz  NOT NULL,
    event_id    varchar(255) NOT NULL,
    CONSTRAINT pk_batch_step_view PRIMARY KEY (batch_id, sequence)
);

-- Every accepted line. Its state is derived: RETURNED when returned_at is set, otherwise from its batch's status
-- (DISBURSED → PAID, WITHDRAWN → WITHDRAWN, else PENDING).
CREATE TABLE batch_line_view (
    batch_id      varchar(36)  NOT NULL,
    recipient_id  char(18)     NOT NULL,
    program_code  varchar(40)  NOT NULL,
    period        date         NOT NULL,
    line          integer      NOT NULL,
    name          varchar(100) NOT NULL,
    amount_fen    bigint       NOT NULL,
    standard_fen  bigint       NOT NULL,
    mark          varchar(5)   NOT NULL,
    event_id      varchar(255) NOT NULL,
    returned_at   timestamptz,
    return_reason varchar(500),
    CONSTRAINT pk_batch_line_view PRIMARY KEY (batch_id, recipient_id)
);
CREATE INDEX ix_batch_line_view_recipient ON batch_line_view (recipient_id);

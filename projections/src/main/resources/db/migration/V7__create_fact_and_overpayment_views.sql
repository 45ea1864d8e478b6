-- Read models of life events and overpayments (the 追回台账), fed by the fact-view and overpayment-view processors.
-- Rows of one fact or one case change only under a guard on the event's sequence number (last_sequence); child rows
-- are keyed, so redelivery and replays give the same rows. Amounts in 分.

CREATE TABLE life_fact_view (
    fact_id         varchar(36)  NOT NULL,
    recipient_id    char(18)     NOT NULL,
    kind            varchar(20)  NOT NULL,
    program_code    varchar(40),
    -- the fact's span (NotDueMonths.of): date of death; suspension days; first days of duplicate-claim months;
    -- first day of the last month due
    from_date       date         NOT NULL,
    to_date         date,
    -- suspension kind, other scheme or reason for an end of enrolment
    detail          varchar(200),
    source          varchar(200),
    state           varchar(10)  NOT NULL,
    comparison_id   varchar(36),
    comparison_line integer,
    recorded_at     timestamptz  NOT NULL,
    recorded_by     varchar(100),
    event_id        varchar(255) NOT NULL,
    last_sequence   bigint       NOT NULL,
    CONSTRAINT pk_life_fact_view PRIMARY KEY (fact_id)
);
CREATE INDEX ix_life_fact_view_recipient ON life_fact_view (recipient_id);

-- Every change of a fact after it was recorded: ENDED, CORRECTED, RETRACTED.
CREATE TABLE life_fact_change_view (
    fact_id       varchar(36)  NOT NULL,
    sequence      bigint       NOT NULL,
    change        varchar(10)  NOT NULL,
    from_date     date,
    to_date       date,
    previous_from date,
    previous_to   date,
    reason        varchar(500),
    recorded_at   timestamptz  NOT NULL,
    recorded_by   varchar(100),
    event_id      varchar(255) NOT NULL,
    CONSTRAINT pk_life_fact_change_view PRIMARY KEY (fact_id, sequence)
);

CREATE TABLE death_comparison_view (
    comparison_id varchar(36)  NOT NULL,
    source        varchar(300) NOT NULL,
    file_sha256   char(64),
    rows          integer      NOT NULL,
    recorded      integer      NOT NULL,
    already_known integer      NOT NULL,
    not_recorded  integer      NOT NULL,
    recorded_at   timestamptz  NOT NULL,
    recorded_by   varchar(100),
    event_id      varchar(255) NOT NULL,
    CONSTRAINT pk_death_comparison_view PRIMARY KEY (comparison_id)
);

-- The rows of a comparison file that were not recorded, with why.
CREATE TABLE death_comparison_row_view (
    comparison_id varchar(36)  NOT NULL,
    line          integer      NOT NULL,
    recipient_id  varchar(40),
    name          varchar(200),
    date_of_death varchar(40),
    source        varchar(200),
    code          varchar(40)  NOT NULL,
    message       varchar(500),
    CONSTRAINT pk_death_comparison_row_view PRIMARY KEY (comparison_id, line)
);

-- One row per overpayment case. outstanding = amount − recovered − written off while not cancelled.
CREATE TABLE overpayment_view (
    case_id          varchar(36)   NOT NULL,
    recipient_id     char(18)      NOT NULL,
    program_code     varchar(40)   NOT NULL,
    fact_id          varchar(36)   NOT NULL,
    cause            varchar(20)   NOT NULL,
    rule             varchar(40)   NOT NULL,
    rule_description varchar(500)  NOT NULL,
    amount_fen       bigint        NOT NULL,
    recovered_fen    bigint        NOT NULL DEFAULT 0,
    written_off_fen  bigint        NOT NULL DEFAULT 0,
    status           varchar(12)   NOT NULL,
    month_count      integer       NOT NULL,
    first_month      date          NOT NULL,
    last_month       date          NOT NULL,
    identified_on    date          NOT NULL,
    identified_at    timestamptz   NOT NULL,
    identified_by    varchar(100),
    event_id         varchar(255)  NOT NULL,
    updated_at       timestamptz   NOT NULL,
    last_sequence    bigint        NOT NULL,
    CONSTRAINT pk_overpayment_view PRIMARY KEY (case_id)
);
CREATE INDEX ix_overpayment_view_program_status ON overpayment_view (program_code, status);
CREATE INDEX ix_overpayment_view_recipient ON overpayment_view (recipient_id);
CREATE INDEX ix_overpayment_view_amount ON overpayment_view (amount_fen);
CREATE INDEX ix_overpayment_view_identified ON overpayment_view (identified_at);

-- The overpaid payments of each case: month by month, with the batch line and the payment event.
CREATE TABLE overpayment_month_view (
    case_id          varchar(36)  NOT NULL,
    batch_id         varchar(36)  NOT NULL,
    period           date         NOT NULL,
    line             integer      NOT NULL,
    amount_fen       bigint       NOT NULL,
    payment_event_id varchar(255),
    CONSTRAINT pk_overpayment_month_view PRIMARY KEY (case_id, batch_id)
);

-- The history of each case: IDENTIFIED, ADJUSTED, CANCELLED (and later recovery steps).
CREATE TABLE overpayment_change_view (
    case_id     varchar(36)   NOT NULL,
    sequence    bigint        NOT NULL,
    change      varchar(20)   NOT NULL,
    amount_fen  bigint        NOT NULL,
    detail      varchar(1000),
    recorded_at timestamptz   NOT NULL,
    recorded_by varchar(100),
    role        varchar(20),
    event_id    varchar(255)  NOT NULL,
    CONSTRAINT pk_overpayment_change_view PRIMARY KEY (case_id, sequence)
);

-- Stopped lines of batches.
ALTER TABLE batch_view ADD COLUMN stopped_count integer NOT NULL DEFAULT 0;
ALTER TABLE batch_view ADD COLUMN stopped_fen bigint NOT NULL DEFAULT 0;
ALTER TABLE batch_line_view ADD COLUMN stopped_at timestamptz;
ALTER TABLE batch_line_view ADD COLUMN stop_fact_id varchar(36);

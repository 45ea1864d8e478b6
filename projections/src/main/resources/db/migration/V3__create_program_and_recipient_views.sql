-- Read models of programs and recipients, fed by the program-view and recipient-view processors.
-- Every write is idempotent (keyed by event id or guarded by version/position), so a redelivered event or a replay
-- from zero gives the same rows. Amounts in 分.

CREATE TABLE program_view (
    code                 varchar(40)  NOT NULL,
    name                 varchar(200) NOT NULL,
    region               varchar(12)  NOT NULL,
    monthly_standard_fen bigint       NOT NULL,
    deadline_day         integer      NOT NULL,
    review_levels        integer      NOT NULL,
    created_at           timestamptz  NOT NULL,
    created_by           varchar(100),
    CONSTRAINT pk_program_view PRIMARY KEY (code)
);

CREATE TABLE program_plan_view (
    program_code       varchar(40)  NOT NULL,
    year               integer      NOT NULL,
    planned_recipients bigint       NOT NULL,
    planned_payouts    integer      NOT NULL,
    budget_fen         bigint       NOT NULL,
    plan_version       integer      NOT NULL,
    reason             varchar(500),
    set_at             timestamptz  NOT NULL,
    set_by             varchar(100),
    CONSTRAINT pk_program_plan_view PRIMARY KEY (program_code, year)
);

CREATE TABLE program_funds_view (
    tranche_id   varchar(64)  NOT NULL,
    program_code varchar(40)  NOT NULL,
    year         integer      NOT NULL,
    amount_fen   bigint       NOT NULL,
    received_on  date         NOT NULL,
    reference    varchar(200) NOT NULL,
    recorded_at  timestamptz  NOT NULL,
    recorded_by  varchar(100),
    event_id     varchar(255) NOT NULL,
    CONSTRAINT pk_program_funds_view PRIMARY KEY (tranche_id)
);
CREATE INDEX ix_program_funds_view_program_year ON program_funds_view (program_code, year);

CREATE TABLE enrolment_view (
    program_code         varchar(40)  NOT NULL,
    recipient_id         char(18)     NOT NULL,
    name                 varchar(100) NOT NULL,
    region               varchar(12)  NOT NULL,
    monthly_standard_fen bigint       NOT NULL,
    effective_from       date         NOT NULL,
    source               varchar(300),
    source_line          integer,
    enrolled_at          timestamptz  NOT NULL,
    enrolled_by          varchar(100),
    event_id             varchar(255) NOT NULL,
    -- position of the event in the store: a recipient's profile (name, region) is that of the latest enrolment
    source_position      bigint       NOT NULL,
    CONSTRAINT pk_enrolment_view PRIMARY KEY (program_code, recipient_id)
);
CREATE INDEX ix_enrolment_view_recipient ON enrolment_view (recipient_id);

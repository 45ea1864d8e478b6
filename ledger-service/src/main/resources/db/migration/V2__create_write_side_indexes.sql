-- Write-side lookup tables. They are written in the same transaction as the events they mirror, so they are
-- always consistent with the event store; commands check set-wide rules (uniqueness, eligibility) against them
-- instead of loading hundreds of thousands of aggregates. They can be rebuilt from the events.

-- One row per program: lets bulk operations check that a program exists and read its default standard.
CREATE TABLE program_registry (
    code                 varchar(40)  NOT NULL,
    monthly_standard_fen bigint       NOT NULL,
    created_event_id     varchar(255) NOT NULL,
    CONSTRAINT pk_program_registry PRIMARY KEY (code)
);

-- One row per enrolment (program, recipient).
CREATE TABLE enrolment_index (
    program_code         varchar(40) NOT NULL,
    recipient_id         char(18)    NOT NULL,
    effective_from       date        NOT NULL,
    monthly_standard_fen bigint      NOT NULL,
    CONSTRAINT pk_enrolment_index PRIMARY KEY (program_code, recipient_id)
);

-- Responses of requests made with an Idempotency-Key, kept so that a retry gets the first answer.
CREATE TABLE idempotent_request (
    scope          varchar(100) NOT NULL,
    idempotency_key varchar(200) NOT NULL,
    request_digest char(64)     NOT NULL,
    status         integer      NOT NULL,
    response_body  text         NOT NULL,
    recorded_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT pk_idempotent_request PRIMARY KEY (scope, idempotency_key)
);

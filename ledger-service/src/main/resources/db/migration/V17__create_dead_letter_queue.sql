-- Axon's sequenced dead-letter queue (JdbcSequencedDeadLetterQueue) for the read-model processors: an event a
-- projection handler fails on is parked here with the rest of its sequence (its aggregate's later events), and the
-- processor goes on with the others. Columns are Axon's (GenericDeadLetterTableFactory) in snake_case; the time
-- columns hold ISO-8601 text as Axon writes them. Operators list, retry and evict through
-- /api/v1/operations/dead-letters (docs/operations.md).
CREATE TABLE dead_letter_entry (
    dead_letter_id      varchar(255)  NOT NULL,
    processing_group    varchar(255)  NOT NULL,
    sequence_identifier varchar(255)  NOT NULL,
    sequence_index      bigint        NOT NULL,
    message_type        varchar(255)  NOT NULL,
    event_identifier    varchar(255)  NOT NULL,
    time_stamp          varchar(255)  NOT NULL,
    payload_type        varchar(255)  NOT NULL,
    payload_revision    varchar(255),
    payload             bytea         NOT NULL,
    meta_data           bytea,
    aggregate_type      varchar(255),
    aggregate_identifier varchar(255),
    sequence_number     bigint,
    token_type          varchar(255),
    token               bytea,
    enqueued_at         varchar(255)  NOT NULL,
    last_touched        varchar(255),
    processing_started  varchar(255),
    cause_type          varchar(255),
    cause_message       varchar(1023),
    diagnostics         bytea,
    CONSTRAINT pk_dead_letter_entry PRIMARY KEY (dead_letter_id),
    CONSTRAINT ux_dead_letter_sequence_index UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX ix_dead_letter_group ON dead_letter_entry (processing_group, sequence_identifier);

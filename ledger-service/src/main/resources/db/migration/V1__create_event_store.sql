-- Axon's event store, token store and snapshot table, owned by Flyway (Axon never creates schema here).
-- Column names are snake_case; AxonConfiguration gives the JDBC engine and token store the same names.
-- Payloads and metadata are bytea (never oid). global_index comes from its own sequence with increment 1 so
-- that, across nodes, ids are handed out in commit-near order and gap detection stays meaningful.

CREATE SEQUENCE domain_event_global_index_seq AS bigint INCREMENT BY 1 START WITH 1 CACHE 1;

CREATE TABLE domain_event_entry (
    global_index         bigint       NOT NULL DEFAULT nextval('domain_event_global_index_seq'),
    aggregate_identifier varchar(255) NOT NULL,
    sequence_number      bigint       NOT NULL,
    type                 varchar(255),
    event_identifier     varchar(255) NOT NULL,
    meta_data            bytea,
    payload              bytea        NOT NULL,
    payload_revision     varchar(255),
    payload_type         varchar(255) NOT NULL,
    time_stamp           varchar(255) NOT NULL,
    CONSTRAINT pk_domain_event_entry PRIMARY KEY (global_index),
    CONSTRAINT uk_domain_event_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number),
    CONSTRAINT uk_domain_event_identifier UNIQUE (event_identifier)
);
ALTER SEQUENCE domain_event_global_index_seq OWNED BY domain_event_entry.global_index;

CREATE TABLE snapshot_event_entry (
    aggregate_identifier varchar(255) NOT NULL,
    sequence_number      bigint       NOT NULL,
    type                 varchar(255) NOT NULL,
    event_identifier     varchar(255) NOT NULL,
    meta_data            bytea,
    payload              bytea        NOT NULL,
    payload_revision     varchar(255),
    payload_type         varchar(255) NOT NULL,
    time_stamp           varchar(255) NOT NULL,
    CONSTRAINT pk_snapshot_event_entry PRIMARY KEY (aggregate_identifier, sequence_number),
    CONSTRAINT uk_snapshot_event_identifier UNIQUE (event_identifier)
);

CREATE TABLE token_entry (
    processor_name varchar(255) NOT NULL,
    segment        integer      NOT NULL,
    token          bytea,
    token_type     varchar(255),
    time_stamp     varchar(255),
    owner          varchar(255),
    CONSTRAINT pk_token_entry PRIMARY KEY (processor_name, segment)
);

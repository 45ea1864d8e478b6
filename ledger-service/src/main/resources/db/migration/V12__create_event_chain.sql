-- The event store is append-only, and provably so.
--
-- 1. No UPDATE, DELETE or TRUNCATE of a stored event: the database refuses them (a correction is a new event).
-- 2. event_chain: a SHA-256 hash chain over every stored event, in the order the event-chain processor met them.
--    event_sha256 hashes the event's stored row (global index, aggregate, sequence, type, id, time stamp, payload
--    type and revision, metadata and payload bytes); chain_sha256 = SHA-256(previous chain_sha256 || event_sha256),
--    starting from 32 zero bytes. GET /api/v1/audit/verify recomputes both from the stored events; an export quotes
--    the chain head it was computed under, so a later alteration of any event behind it shows.

CREATE FUNCTION refuse_change_of_recorded_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are never updated or deleted: record a compensating event', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER domain_event_entry_append_only BEFORE UPDATE OR DELETE ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_recorded_rows();
CREATE TRIGGER domain_event_entry_no_truncate BEFORE TRUNCATE ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_recorded_rows();

CREATE TABLE event_chain (
    position         bigint       NOT NULL,
    global_index     bigint       NOT NULL,
    event_identifier varchar(255) NOT NULL,
    event_sha256     bytea        NOT NULL,
    chain_sha256     bytea        NOT NULL,
    chained_at       timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT pk_event_chain PRIMARY KEY (position),
    CONSTRAINT uk_event_chain_global_index UNIQUE (global_index)
);

CREATE TRIGGER event_chain_append_only BEFORE UPDATE OR DELETE ON event_chain
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_recorded_rows();
CREATE TRIGGER event_chain_no_truncate BEFORE TRUNCATE ON event_chain
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_recorded_rows();

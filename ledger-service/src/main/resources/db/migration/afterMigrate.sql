-- Least privilege for the application role (Flyway runs this after every migrate, as the migration user).
--
-- When the service runs as a role other than the one that migrates (spring.datasource.username differs from
-- spring.flyway.user), that role gets exactly what the service needs and nothing more:
--   * the event store, the hash chain and the write side's append-only indexes: SELECT and INSERT only
--     (no UPDATE, DELETE or TRUNCATE, whatever a bug or an intruder in the service tries);
--   * Axon's tokens, snapshots and dead letters, and the write side's mutable indexes: SELECT, INSERT, UPDATE, DELETE;
--   * the read models (tables named *_view), which a replay rebuilds: those and TRUNCATE;
--   * the sequences: USAGE and SELECT.
-- It owns nothing, so it cannot ALTER or DROP a table, disable a trigger or grant itself more.
-- docs/operations.md gives the SQL that creates both roles. On the embedded database both are one role: nothing to do.
DO $grants$
DECLARE
    app         text := '${application_role}';
    append_only text[] := ARRAY['domain_event_entry', 'event_chain', 'batch_disbursement_index', 'enrolment_index', 'access_log',
                                'program_registry', 'idempotent_request', 'flyway_schema_history',
                                'certification_index'];
    t           record;
BEGIN
    IF app = '' OR app = current_user OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = app) THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app);
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
        EXECUTE format('REVOKE ALL ON TABLE %I FROM %I', t.tablename, app);
        IF t.tablename = 'flyway_schema_history' THEN
            EXECUTE format('GRANT SELECT ON TABLE %I TO %I', t.tablename, app);
        ELSIF t.tablename = ANY (append_only) THEN
            EXECUTE format('GRANT SELECT, INSERT ON TABLE %I TO %I', t.tablename, app);
        ELSIF t.tablename LIKE '%\_view' THEN
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLE %I TO %I', t.tablename, app);
        ELSE
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE %I TO %I', t.tablename, app);
        END IF;
    END LOOP;
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), app);
END
$grants$;

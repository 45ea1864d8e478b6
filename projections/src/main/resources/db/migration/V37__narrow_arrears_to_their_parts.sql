-- Issue 17's listing target (GET /arrears lists a 1.8M-arrear 调标 within 30 s of it): what every arrear of a part
-- shares (its change, cause, who and the event) is kept once per part, and an arrear row keeps only what it is
-- filtered and summed by. A row shrinks from about 245 bytes to about 100, and one index serves the list (by
-- recipient and month), a recipient's balance and the indicators; the projection COPYs a part in a third of the time.

-- One row per ArrearsRecorded event (a part of up to 1,000 arrears). part_id is the event's position in the event store
-- (its global index): the same after a replay, and in the order the parts were recorded. Rows projected before this
-- migration take it from the event store (a negative number only if the event could not be found there).
CREATE TABLE arrear_part_view (
    part_id      bigint       NOT NULL,
    source_id    varchar(36)  NOT NULL,
    program_code varchar(40)  NOT NULL,
    cause        varchar(24)  NOT NULL,
    cause_ref    varchar(80)  NOT NULL,
    recorded_at  timestamptz  NOT NULL,
    recorded_by  varchar(100) NOT NULL,
    event_id     varchar(255) NOT NULL,
    CONSTRAINT pk_arrear_part_view PRIMARY KEY (part_id),
    CONSTRAINT uk_arrear_part_view_event UNIQUE (event_id)
);

-- The event store is the write side's table: on a database holding the read models alone (the projections module's
-- tests) there is nothing to move, and the arrears' positions are taken as they come (negative, in recorded order).
DO $move$
BEGIN
    IF to_regclass('domain_event_entry') IS NOT NULL THEN
        EXECUTE $sql$
            INSERT INTO arrear_part_view (part_id, source_id, program_code, cause, cause_ref, recorded_at,
                                          recorded_by, event_id)
            SELECT coalesce(d.global_index, -row_number() OVER (ORDER BY a.recorded_at, a.event_id)), a.source_id,
                   a.program_code, a.cause, a.cause_ref, a.recorded_at, a.recorded_by, a.event_id
            FROM (SELECT DISTINCT source_id, program_code, cause, cause_ref, recorded_at, recorded_by, event_id
                  FROM arrear_view) a
            LEFT JOIN domain_event_entry d ON d.event_identifier = a.event_id$sql$;
    ELSE
        INSERT INTO arrear_part_view (part_id, source_id, program_code, cause, cause_ref, recorded_at, recorded_by,
                                      event_id)
        SELECT -row_number() OVER (ORDER BY a.recorded_at, a.event_id), a.source_id, a.program_code, a.cause,
               a.cause_ref, a.recorded_at, a.recorded_by, a.event_id
        FROM (SELECT DISTINCT source_id, program_code, cause, cause_ref, recorded_at, recorded_by, event_id
              FROM arrear_view) a;
    END IF;
END
$move$;

ALTER TABLE arrear_view RENAME TO arrear_view_v25;
DROP INDEX ix_arrear_view_program;
DROP INDEX ix_arrear_view_month;

-- Every arrear (待补发) as recorded; program and recorded time repeated from its part so that a program's arrears as
-- of a moment are read without a join. No primary key: a part is COPYed once, guarded by its part row.
CREATE TABLE arrear_view (
    part_id        bigint      NOT NULL,
    program_code   varchar(40) NOT NULL,
    recipient_id   char(18)    NOT NULL,
    month          date        NOT NULL,
    due_fen        bigint      NOT NULL,
    paid_fen       bigint      NOT NULL,
    difference_fen bigint      NOT NULL,
    recorded_at    timestamptz NOT NULL
);

INSERT INTO arrear_view (part_id, program_code, recipient_id, month, due_fen, paid_fen, difference_fen, recorded_at)
SELECT p.part_id, a.program_code, a.recipient_id, a.month, a.due_fen, a.paid_fen, a.difference_fen, a.recorded_at
FROM arrear_view_v25 a JOIN arrear_part_view p ON p.event_id = a.event_id;

DROP TABLE arrear_view_v25;

-- The list's order (recipient, month), a recipient's arrears and the month of a payment, all by program.
CREATE INDEX ix_arrear_view_program ON arrear_view (program_code, recipient_id, month);

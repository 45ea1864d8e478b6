-- Rule 9 (issue 17) on the read side. Every figure here is read "as of" a moment by its recorded time.

-- A program's age supplements ("65:500;75:1000", age:分) as created; empty when none.
ALTER TABLE program_view ADD COLUMN age_supplements varchar(200) NOT NULL DEFAULT '';

-- Whether an enrolment's standard is the recipient's own (kept through the program's changes). Rows projected before:
-- their own when it differs from the program's standard (there were no changes then).
ALTER TABLE enrolment_view ADD COLUMN individual_standard boolean NOT NULL DEFAULT false;
UPDATE enrolment_view e SET individual_standard = true FROM program_view p
WHERE p.code = e.program_code AND e.monthly_standard_fen <> p.monthly_standard_fen;

-- A batch line's kind: a 补发 line names the month it settles; a one-off line its benefit.
ALTER TABLE batch_line_view ADD COLUMN settles_month date;
ALTER TABLE batch_line_view ADD COLUMN benefit varchar(20);
CREATE INDEX ix_batch_line_view_settling ON batch_line_view (program_code, recipient_id, settles_month)
    WHERE settles_month IS NOT NULL;

-- Every standard change (program-wide when recipient_id is NULL), when recorded and by whom.
CREATE TABLE standard_change_view (
    change_id    varchar(36)  NOT NULL,
    program_code varchar(40)  NOT NULL,
    recipient_id char(18),
    from_month   date         NOT NULL,
    standard_fen bigint       NOT NULL,
    reason       varchar(200) NOT NULL,
    recorded_at  timestamptz  NOT NULL,
    recorded_by  varchar(100) NOT NULL,
    event_id     varchar(255) NOT NULL,
    CONSTRAINT pk_standard_change_view PRIMARY KEY (change_id)
);
CREATE INDEX ix_standard_change_view_program ON standard_change_view (program_code, recorded_at);

-- Every arrear (待补发) as recorded. Its status is derived: the month's 补发 lines paid by the moment settle its arrears
-- oldest first.
CREATE TABLE arrear_view (
    source_id      varchar(36)  NOT NULL,
    program_code   varchar(40)  NOT NULL,
    recipient_id   char(18)     NOT NULL,
    month          date         NOT NULL,
    due_fen        bigint       NOT NULL,
    paid_fen       bigint       NOT NULL,
    difference_fen bigint       NOT NULL,
    cause          varchar(24)  NOT NULL,
    cause_ref      varchar(80)  NOT NULL,
    recorded_at    timestamptz  NOT NULL,
    recorded_by    varchar(100) NOT NULL,
    event_id       varchar(255) NOT NULL
);
-- No primary key: the projection COPYs each part of 1,000 arrears in the transaction that moves its token (1.8M rows
-- after a program-wide change), and a replay starts from an empty table.
CREATE INDEX ix_arrear_view_program ON arrear_view (program_code, recipient_id, month);

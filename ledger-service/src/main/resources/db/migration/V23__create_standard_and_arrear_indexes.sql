-- Rule 9 (issue 17): standards over time and arrears, written by the standard feature in the transaction that appends
-- their events (StandardChanged, ArrearsRecorded) and rebuilt from them.

-- Every standard change: program-wide (recipient_id NULL) or individual. For a month, the change with the latest
-- from_month not after it applies; of two with the same from_month, the later recorded (recorded_order).
CREATE TABLE standard_index (
    change_id      varchar(36) NOT NULL,
    program_code   varchar(40) NOT NULL,
    recipient_id   char(18),
    from_month     date        NOT NULL,
    standard_fen   bigint      NOT NULL,
    recorded_order bigserial   NOT NULL,
    CONSTRAINT pk_standard_index PRIMARY KEY (change_id)
);
CREATE INDEX ix_standard_index_program ON standard_index (program_code, recipient_id);

-- Whether an enrolment's standard is the recipient's own (given and different from the program's) or follows the
-- program's. Enrolments recorded before: their own when it differs from the program's standard (there were no
-- changes then).
ALTER TABLE enrolment_index ADD COLUMN individual_standard boolean NOT NULL DEFAULT false;
UPDATE enrolment_index e SET individual_standard = true FROM program_registry p
WHERE p.code = e.program_code AND e.monthly_standard_fen <> p.monthly_standard_fen;

-- Every arrear (待补发): what a change or a release made owed for a recipient's month on top of what was paid. A
-- negative difference takes back open arrears a decrease made no longer due. The open amount of a month is the sum of
-- its differences less its pending and paid 补发 lines (payout_line_index.settles_month).
CREATE TABLE arrear_index (
    source_id      varchar(36) NOT NULL,
    program_code   varchar(40) NOT NULL,
    recipient_id   char(18)    NOT NULL,
    month          date        NOT NULL,
    due_fen        bigint      NOT NULL,
    paid_fen       bigint      NOT NULL,
    difference_fen bigint      NOT NULL,
    cause          varchar(24) NOT NULL
);
-- One index only: a program-wide change writes 1.8M rows at once (a primary key would be a second index to build);
-- the arrears of a change are written once, in its transaction, and a rebuild starts from an empty table.
CREATE INDEX ix_arrear_index_recipient ON arrear_index (program_code, recipient_id, month);

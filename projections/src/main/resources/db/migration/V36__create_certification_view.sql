-- Rule 11 (existence certification, 生存认证): every certification as recorded, fed by the certification-view
-- processor and emptied on replay. recorded_at is the event's time: the work list and certificationRate read the
-- certifications recorded by a moment ("as of"). program_code NULL: a certification for every program.
CREATE TABLE certification_view (
    certification_id varchar(36)  NOT NULL,
    recipient_id     char(18)     NOT NULL,
    program_code     varchar(40),
    certified_on     date         NOT NULL,
    method           varchar(20)  NOT NULL,
    reference        varchar(200),
    file_id          varchar(36),
    file_line        integer,
    released_months  integer      NOT NULL,
    recorded_at      timestamptz  NOT NULL,
    recorded_by      varchar(100),
    event_id         varchar(255) NOT NULL,
    CONSTRAINT pk_certification_view PRIMARY KEY (certification_id)
);
CREATE INDEX ix_certification_view_recipient ON certification_view (recipient_id, certified_on);

-- How often the program's recipients certify (0: never), from ProgramCreated; filled on the program-view replay.
ALTER TABLE program_view ADD COLUMN certification_months integer NOT NULL DEFAULT 0;

-- Rule 11 (existence certification, 生存认证): every certification recorded, written by the certification-index
-- handler in the transaction that appends its event, and rebuilt from the events like the other write-side indexes.
-- program_code NULL: the certification is for every program of the recipient. Batch posting asks, through the
-- certification feature's Certifications component, which recipients are withheld for a month (latest certified_on
-- per recipient, one query for the whole batch).
CREATE TABLE certification_index (
    certification_id varchar(36) NOT NULL,
    recipient_id     char(18)    NOT NULL,
    program_code     varchar(40),
    certified_on     date        NOT NULL,
    method           varchar(20) NOT NULL,
    CONSTRAINT pk_certification_index PRIMARY KEY (certification_id),
    CONSTRAINT ck_certification_index_method CHECK (method IN ('FACE', 'HOME_VISIT', 'COMMUNITY', 'OTHER'))
);
-- One certification per recipient, program (or all) and day: the same day again is the one already recorded, and two
-- requests recording it at the same moment cannot both succeed. Also the lookup by recipient.
CREATE UNIQUE INDEX ux_certification_index_once
    ON certification_index (recipient_id, coalesce(program_code, ''), certified_on);

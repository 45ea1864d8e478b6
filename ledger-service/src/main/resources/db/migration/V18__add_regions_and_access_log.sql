-- Region scope and the access log (issue 15, docs/rules.md "Access and personal data").
--
-- The write side answers "is this recipient, case or program within the caller's scope?" from its own indexes, in
-- the transaction of the command: enrolment_index and program_registry gain the 行政区划 their events carry.
-- Existing rows are filled from the stored events (the events are the truth; nothing else is read).
ALTER TABLE enrolment_index ADD COLUMN region varchar(12);
ALTER TABLE program_registry ADD COLUMN region varchar(12);

UPDATE enrolment_index i SET region = r.region
FROM (SELECT p.event ->> 'programCode' AS program_code, e ->> 'recipientId' AS recipient_id, e ->> 'region' AS region
      FROM domain_event_entry d
      CROSS JOIN LATERAL (SELECT convert_from(d.payload, 'UTF8')::jsonb AS event) p
      CROSS JOIN LATERAL jsonb_array_elements(p.event -> 'enrolments') e
      WHERE d.payload_type = 'org.subsidyledger.contract.enrolment.RecipientsEnrolled') r
WHERE i.program_code = r.program_code AND i.recipient_id = r.recipient_id;

UPDATE program_registry g SET region = p.event ->> 'region'
FROM domain_event_entry d
CROSS JOIN LATERAL (SELECT convert_from(d.payload, 'UTF8')::jsonb AS event) p
WHERE d.payload_type = 'org.subsidyledger.contract.program.ProgramCreated' AND p.event ->> 'code' = g.code;

CREATE INDEX ix_enrolment_index_recipient ON enrolment_index (recipient_id);

-- Every read of one recipient's profile or case, and every reveal, by anyone (SPEC §8). Append-only: the
-- application role may insert and select, never change or delete a row (afterMigrate.sql).
CREATE TABLE access_log (
    access_id    bigint GENERATED ALWAYS AS IDENTITY,
    accessed_at  timestamptz  NOT NULL DEFAULT now(),
    user_name    varchar(100) NOT NULL,
    roles        varchar(200) NOT NULL,
    action       varchar(20)  NOT NULL,
    recipient_id char(18),
    case_id      varchar(36),
    path         varchar(300) NOT NULL,
    status       integer      NOT NULL,
    reason       varchar(500),
    -- the 行政区划 of the recipient's enrolments when it was read: what a region-scoped auditor may search
    regions      varchar(12)[],
    CONSTRAINT pk_access_log PRIMARY KEY (access_id),
    CONSTRAINT ck_access_log_action CHECK (action IN ('READ', 'REVEAL'))
);
CREATE INDEX ix_access_log_recipient ON access_log (recipient_id, accessed_at);
CREATE INDEX ix_access_log_user ON access_log (user_name, accessed_at);
CREATE INDEX ix_access_log_time ON access_log (accessed_at);

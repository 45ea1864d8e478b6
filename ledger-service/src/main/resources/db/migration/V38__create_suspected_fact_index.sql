-- Rule 12 (两上两下): suspected facts from comparisons posted for verification, owned by the verification package.
-- A row per suspected fact; `open` turns false once the region confirms or dismisses it (the events say which).
-- Batch posting and disbursement read the open ones that hold a program's month.
CREATE TABLE suspected_fact_index (
    suspect_id   varchar(36) NOT NULL,
    recipient_id char(18)    NOT NULL,
    kind         varchar(24) NOT NULL,
    -- DUPLICATE_CLAIM: the program whose months are held; NULL: every program of the recipient
    program_code varchar(40),
    -- the months held (those the fact would make not due); first_month NULL when it would make none not due
    first_month  date,
    last_month   date,
    open         boolean     NOT NULL,
    -- what confirming it records, as the comparison said
    region        varchar(12)  NOT NULL,
    from_date     date         NOT NULL,
    to_date       date,
    other_scheme  varchar(200),
    source        varchar(200) NOT NULL,
    comparison_id varchar(36)  NOT NULL,
    CONSTRAINT pk_suspected_fact_index PRIMARY KEY (suspect_id)
);
CREATE INDEX ix_suspected_fact_index_open ON suspected_fact_index (recipient_id, kind) WHERE open;

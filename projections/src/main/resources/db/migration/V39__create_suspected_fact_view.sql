-- Rule 12 (两上两下) on the read side: every suspected fact with its region (the work queue), when it was raised and
-- when and how it was settled, so the queue and its figures are read as of any moment by recorded time.
CREATE TABLE suspected_fact_view (
    suspect_id     varchar(36)  NOT NULL,
    comparison_id  varchar(36)  NOT NULL,
    line           integer      NOT NULL,
    recipient_id   char(18)     NOT NULL,
    region         varchar(12)  NOT NULL,
    kind           varchar(24)  NOT NULL,
    from_date      date         NOT NULL,
    to_date        date,
    program_code   varchar(40),
    other_scheme   varchar(200),
    source         varchar(200) NOT NULL,
    raised_at      timestamptz  NOT NULL,
    raised_by      varchar(100) NOT NULL,
    raise_event_id varchar(255) NOT NULL,
    -- CONFIRMED or DISMISSED once settled (OPEN before settled_at)
    outcome        varchar(12),
    settled_at     timestamptz,
    settled_by     varchar(100),
    fact_id        varchar(36),
    found_on       date,
    evidence       varchar(200),
    reason         varchar(200),
    settle_event_id varchar(255),
    CONSTRAINT pk_suspected_fact_view PRIMARY KEY (suspect_id)
);
CREATE INDEX ix_suspected_fact_view_region ON suspected_fact_view (region, raised_at);
CREATE INDEX ix_suspected_fact_view_recipient ON suspected_fact_view (recipient_id);

-- Every comparison posted for verification, with the rows that became no suspected fact (kept as JSON: none is lost).
CREATE TABLE verification_comparison_view (
    comparison_id varchar(36)  NOT NULL,
    kind          varchar(24)  NOT NULL,
    file_name     varchar(255) NOT NULL,
    program_code  varchar(40),
    rows          integer      NOT NULL,
    suspected     integer      NOT NULL,
    not_suspected jsonb        NOT NULL,
    recorded_at   timestamptz  NOT NULL,
    recorded_by   varchar(100) NOT NULL,
    event_id      varchar(255) NOT NULL,
    CONSTRAINT pk_verification_comparison_view PRIMARY KEY (comparison_id)
);

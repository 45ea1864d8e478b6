-- The instances running on this database, each with the time it was last seen. The segment balancer reads it to
-- know how many instances share the processors' segments (an instance unseen for a while is gone).
CREATE TABLE ledger_node (
    node_id   varchar(255) NOT NULL,
    seen_at   timestamptz  NOT NULL,
    CONSTRAINT pk_ledger_node PRIMARY KEY (node_id)
);

-- What a reviewer compares with last month (GET /batches/{id}/comparison, the console's batch page), kept per batch
-- and region scope with the signature of the batches it was computed from (this month's and last month's: ids,
-- states, lines, returns, stops): reading 3 × 300k lines again only when one of those batches changed. Sample IDs
-- are kept as they are and masked when read. Rebuilt with batch-view (TRUNCATE on reset).
CREATE TABLE batch_comparison_view (
    batch_id           varchar(36)  NOT NULL,
    scope              varchar(500) NOT NULL,
    sample             integer      NOT NULL,
    signature          text         NOT NULL,
    line_count         integer      NOT NULL,
    total_fen          bigint       NOT NULL,
    previous_period    date,
    previous_lines     integer      NOT NULL,
    previous_total_fen bigint       NOT NULL,
    added              bigint       NOT NULL,
    dropped            bigint       NOT NULL,
    added_sample       text[]       NOT NULL,
    dropped_sample     text[]       NOT NULL,
    CONSTRAINT pk_batch_comparison_view PRIMARY KEY (batch_id, scope, sample)
);

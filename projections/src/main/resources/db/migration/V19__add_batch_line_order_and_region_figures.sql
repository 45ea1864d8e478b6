-- The console's batch pages (issue 16): a batch's lines are listed in file order, a page at a time — an index on
-- (batch, line) reads the 50 rows of a page instead of sorting all 300k lines of the batch.
CREATE INDEX ix_batch_line_view_batch_line ON batch_line_view (batch_id, line);

-- A batch's counts and totals by the region of its recipients' enrolments, for users scoped to a district or city
-- (SPEC §8: they see their share of a city batch). Derived from batch_line_view and enrolment_view on first read
-- and kept with the signature of the batch's own figures (lines, returns, stops, deductions) they were computed
-- at: a batch whose figures changed since is computed again. Rebuilt with batch-view (TRUNCATE on reset).
CREATE TABLE batch_region_view (
    batch_id       varchar(36)  NOT NULL,
    region         varchar(12)  NOT NULL,
    signature      varchar(200) NOT NULL,
    line_count     integer      NOT NULL,
    total_fen      bigint       NOT NULL,
    short_count    integer      NOT NULL,
    over_count     integer      NOT NULL,
    returned_count integer      NOT NULL,
    returned_fen   bigint       NOT NULL,
    stopped_count  integer      NOT NULL,
    stopped_fen    bigint       NOT NULL,
    deducted_count integer      NOT NULL,
    deducted_fen   bigint       NOT NULL,
    CONSTRAINT pk_batch_region_view PRIMARY KEY (batch_id, region)
);

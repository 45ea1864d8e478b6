-- Evaluations (绩效评价), fed by the evaluation-view processor: the rubric each program-year is scored with and what
-- evaluators entered, every version kept with its recorded time so that the table can be scored as of any moment.

CREATE TABLE evaluation_rubric_view (
    evaluation_id  varchar(60)  NOT NULL,
    sequence       bigint       NOT NULL,
    program_code   varchar(40)  NOT NULL,
    year           integer      NOT NULL,
    rubric_id      varchar(100) NOT NULL,
    rubric_version integer      NOT NULL,
    recorded_at    timestamptz  NOT NULL,
    recorded_by    varchar(100),
    event_id       varchar(255) NOT NULL,
    CONSTRAINT pk_evaluation_rubric_view PRIMARY KEY (evaluation_id, sequence)
);

-- kind SCORE: an item's score; INPUT: an entered indicator (numerator of denominator).
CREATE TABLE evaluation_entry_view (
    evaluation_id varchar(60)   NOT NULL,
    sequence      bigint        NOT NULL,
    kind          varchar(5)    NOT NULL,
    entry_key     varchar(100)  NOT NULL,
    score         numeric(7, 2),
    numerator     bigint,
    denominator   bigint,
    reason        varchar(1000) NOT NULL,
    recorded_at   timestamptz   NOT NULL,
    recorded_by   varchar(100),
    event_id      varchar(255)  NOT NULL,
    CONSTRAINT pk_evaluation_entry_view PRIMARY KEY (evaluation_id, sequence)
);

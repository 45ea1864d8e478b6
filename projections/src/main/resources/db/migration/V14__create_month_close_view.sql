-- Months closed (月结), per program: the payment figures sealed at the close, who closed it and when. The indicator
-- table shows a closed month with these figures, and the later changes to it as adjustments in the next open month.
CREATE TABLE month_close_view (
    program_code    varchar(40)  NOT NULL,
    month           date         NOT NULL,
    batches         bigint       NOT NULL,
    on_time_batches bigint       NOT NULL,
    lines_sent      bigint       NOT NULL,
    lines_returned  bigint       NOT NULL,
    payments        bigint       NOT NULL,
    full_payments   bigint       NOT NULL,
    spending_fen    bigint       NOT NULL,
    reason          varchar(500),
    closed_at       timestamptz  NOT NULL,
    closed_by       varchar(100),
    closed_as       varchar(20),
    event_id        varchar(255) NOT NULL,
    CONSTRAINT pk_month_close_view PRIMARY KEY (program_code, month)
);

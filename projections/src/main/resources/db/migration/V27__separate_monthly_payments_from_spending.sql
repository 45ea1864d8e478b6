-- Issue 17: a batch may carry 补发 lines (settling an earlier month's arrears) and one-off lines (丧葬补助金, 个人账户
-- 余额) besides its monthly lines. The payment counts (paid_count, paid_full_count, paid_fen) and the months paid per
-- recipient (paid_recipient_year_view) count the monthly lines only — person-months; what the batch spent, every line
-- not stopped and not returned, is kept apart for 预算执行率.
ALTER TABLE batch_view ADD COLUMN spent_count integer NOT NULL DEFAULT 0;
ALTER TABLE batch_view ADD COLUMN spent_fen bigint NOT NULL DEFAULT 0;
UPDATE batch_view SET spent_count = paid_count, spent_fen = paid_fen;

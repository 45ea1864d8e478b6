-- Rule 10 (issue 17): a month released from withholding is owed as arrears and paid by a 补发 line; batch posting
-- refuses a monthly line for it (ARREAR_OPEN), looking the month's released arrears up here.
CREATE INDEX ix_arrear_index_released ON arrear_index (program_code, month) WHERE cause = 'WITHHOLDING_RELEASED';

-- Rule 13: a case's cause in the write-side index, so that the overpayment detector keeps its DUPLICATE_ONE_OFF cases
-- (a funeral grant whose death was retracted, a one-off benefit paid twice) apart from the cases of life facts, which
-- it cancels when their fact no longer covers their payments. Null for the cases indexed before: all of them had a
-- life fact as cause (an index rebuild fills it from OverpaymentIdentified).
ALTER TABLE overpayment_case_index ADD COLUMN cause varchar(20);

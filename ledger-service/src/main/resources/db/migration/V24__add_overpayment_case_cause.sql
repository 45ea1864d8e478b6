-- Rule 9 (issue 17): a case's cause on the write side. Cases whose cause is not a life fact (STANDARD_CHANGE) are
-- not reconciled against facts: the overpayment detector leaves them alone, and their payments are not claimed whole
-- in overpaid_payment_index (a decrease overpays part of a payment). Cases recorded before are all of life facts.
ALTER TABLE overpayment_case_index ADD COLUMN cause varchar(20);

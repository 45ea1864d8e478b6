-- Rule 10 (issue 17): a suspension of kind LOST_CONTACT (失联) or QUALIFICATION_NOT_CONFIRMED (未认证) withholds its
-- months instead of making them not due: batch posting refuses their lines WITHHELD, what was already paid for them is
-- no overpayment, and ending the suspension makes the unpaid months arrears. Suspensions recorded before keep their
-- span; only the meaning of their months changes (docs/operations.md, "Upgrading to rules 9–14").
UPDATE not_due_index n SET cause = 'WITHHELD'
FROM life_fact_index f
WHERE f.fact_id = n.fact_id AND f.kind = 'SUSPENSION'
  AND f.detail IN ('LOST_CONTACT', 'QUALIFICATION_NOT_CONFIRMED');

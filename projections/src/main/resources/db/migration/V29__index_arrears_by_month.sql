-- GET /arrears lists arrears by month and recipient: with this index a page is read in order, not sorted out of
-- 1.8M rows (a program-wide 调标 over 300k recipients × 6 months).
CREATE INDEX ix_arrear_view_month ON arrear_view (program_code, month, recipient_id);

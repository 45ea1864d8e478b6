/**
 * Standards over time and arrears on the read side (rule 9, docs/rules.md): {@code standard_change_view} and
 * {@code arrear_view} ({@link StandardProjection}), what was due as known at a moment ({@link StandardTerms}), and the
 * arrears list {@code GET /arrears} ({@link ArrearQueryController}).
 */
package org.subsidyledger.projections.standard;

/**
 * Standards over time (调标) and arrears (待补发), rule 9 of docs/rules.md: program-wide and individual standard
 * changes ({@link StandardChange}), what is due for a recipient and month as the ledger knows it now
 * ({@link Standards}), and the arrears a change or a release makes, recorded in bulk ({@link ArrearService}) and asked
 * about by batch posting ({@link Arrears}). Owns {@code standard_index} and {@code arrear_index}.
 */
package org.subsidyledger.ledger.standard;

/**
 * Rule 12 (两上两下 verification, docs/rules.md): comparison files posted for verification become suspected facts
 * ({@link org.subsidyledger.ledger.verification.SuspectedFact}), held against the recipient's lines until the region
 * confirms them (recorded as facts by {@code fact.FactService}) or dismisses them. Owns {@code suspected_fact_index}.
 */
package org.subsidyledger.ledger.verification;

/**
 * Existence certification (生存认证, rule 11): recording certifications one by one or by file, the write-side index of
 * them, and {@link org.subsidyledger.ledger.certification.Certifications} — which recipients are withheld for a month —
 * for batch posting and the arrears feature.
 */
package org.subsidyledger.ledger.certification;

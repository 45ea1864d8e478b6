/**
 * Rule 12 on the read side (两上两下): {@code suspected_fact_view} and {@code verification_comparison_view}
 * ({@link org.subsidyledger.projections.verification.SuspectedFactProjection}), the regions' work queue and its
 * figures as of any moment ({@link org.subsidyledger.projections.verification.SuspectedFactQueryController}).
 */
package org.subsidyledger.projections.verification;

/**
 * Existence certification (生存认证, rule 11): its events, its methods and the date rule both sides share
 * ({@link org.subsidyledger.contract.certification.CertificationSchedule}).
 */
package org.subsidyledger.contract.certification;

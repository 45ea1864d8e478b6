package org.subsidyledger.ledger.enrolment;

/**
 * One recipient to enrol, as given (not yet validated).
 *
 * @param line the file line (header = 1) or the 1-based position in the JSON list
 */
public record EnrolmentCandidate(int line, String id, String name, String region, String monthlyStandard,
                                 String effectiveFrom) {
}

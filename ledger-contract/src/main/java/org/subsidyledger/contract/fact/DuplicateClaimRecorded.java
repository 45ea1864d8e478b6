package org.subsidyledger.contract.fact;

import java.time.YearMonth;
import org.axonframework.serialization.Revision;

/**
 * The recipient draws {@code otherScheme} (e.g. 职工养老) for months {@code from} … {@code to}; those months are not
 * due in {@code programCode}, and the other scheme is kept.
 */
@Revision("1")
public record DuplicateClaimRecorded(String factId, String recipientId, String programCode, String otherScheme,
                                     YearMonth from, YearMonth to) {
}

package org.subsidyledger.contract.fact;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * Payment to a recipient is suspended (停发, e.g. 服刑) from {@code from} to {@code to} inclusive, in every program;
 * {@code to} is {@code null} while it is open, until a {@link SuspensionEnded}.
 */
@Revision("1")
public record SuspensionRecorded(String factId, String recipientId, SuspensionKind kind, LocalDate from,
                                 LocalDate to, String source) {
}

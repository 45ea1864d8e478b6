package org.subsidyledger.contract.fact;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** An open suspension ended (e.g. release from prison, 刑满释放) on {@code endedOn}; payment resumes the next month. */
@Revision("1")
public record SuspensionEnded(String factId, String recipientId, LocalDate endedOn, String source) {
}

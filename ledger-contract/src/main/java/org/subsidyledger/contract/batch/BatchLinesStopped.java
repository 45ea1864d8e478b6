package org.subsidyledger.contract.batch;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.subsidyledger.contract.fact.FactKind;

/**
 * Lines of a batch not yet disbursed were stopped because a fact made their month not due: they will not be paid
 * with the batch. A stopped line stays stopped even if the fact is later retracted; the month can then be paid in a
 * later batch (补发).
 */
@Revision("1")
public record BatchLinesStopped(String batchId, String programCode, String factId, FactKind cause,
                                List<Stopped> lines) {

    public record Stopped(int line, String recipientId, long amountFen) {
    }

    public BatchLinesStopped {
        lines = List.copyOf(lines);
    }
}

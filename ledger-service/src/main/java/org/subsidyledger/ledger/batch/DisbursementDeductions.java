package org.subsidyledger.ledger.batch;

import java.time.LocalDate;
import java.util.List;
import org.subsidyledger.contract.batch.BatchDisbursed;
import org.subsidyledger.ledger.security.Actor;

/**
 * Asked, inside the disbursement transaction and before the batch is disbursed, what to keep back from its lines to
 * recover overpayments; records each deduction on its case and answers them, for {@code BatchDisbursed}.
 */
public interface DisbursementDeductions {

    List<BatchDisbursed.Deduction> deduct(String batchId, LocalDate disbursedOn, Actor actor);
}

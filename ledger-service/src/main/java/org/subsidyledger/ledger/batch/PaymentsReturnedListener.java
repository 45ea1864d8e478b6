package org.subsidyledger.ledger.batch;

import java.util.List;
import org.subsidyledger.ledger.security.Actor;

/**
 * Told, inside the transaction that records a bank return, which recipients' payments of a batch were returned: a
 * returned payment is not a payment, so it can no longer be an overpayment.
 */
public interface PaymentsReturnedListener {

    void returned(String batchId, List<String> recipientIds, Actor actor);
}

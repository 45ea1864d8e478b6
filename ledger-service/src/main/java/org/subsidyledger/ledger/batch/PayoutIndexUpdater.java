package org.subsidyledger.ledger.batch;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.batch.BankReturnsRecorded;
import org.subsidyledger.contract.batch.BatchDisbursed;
import org.subsidyledger.contract.batch.BatchLinesStopped;
import org.subsidyledger.contract.batch.BatchWithdrawn;

/**
 * Moves the lines of {@code payout_line_index} through their states as the batch workflow goes on. Runs in a
 * subscribing processor, inside the transaction that appends the event; a line not in the expected state fails the
 * whole command, so the index and the events cannot disagree. (The lines themselves are inserted by
 * {@link BatchPostingService} in the posting transaction.)
 */
@Component
@ProcessingGroup(PayoutIndexUpdater.GROUP)
class PayoutIndexUpdater {

    static final String GROUP = "payout-index";

    private final JdbcTemplate jdbc;

    PayoutIndexUpdater(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The disbursement event is what makes the lines payments: overpayments name it. */
    @EventHandler
    void on(BatchDisbursed event, EventMessage<?> message) {
        jdbc.update("UPDATE payout_line_index SET state = 'PAID' WHERE batch_id = ? AND state = 'PENDING'",
                event.batchId());
        jdbc.update("INSERT INTO batch_disbursement_index (batch_id, event_id, disbursed_on) VALUES (?, ?, ?)",
                event.batchId(), message.getIdentifier(), java.sql.Date.valueOf(event.disbursedOn()));
    }

    @EventHandler
    void on(BatchWithdrawn event) {
        jdbc.update("UPDATE payout_line_index SET state = 'WITHDRAWN' WHERE batch_id = ? AND state = 'PENDING'",
                event.batchId());
    }

    @EventHandler
    void on(BatchLinesStopped event) {
        int[][] updated = jdbc.batchUpdate("""
                        UPDATE payout_line_index SET state = 'STOPPED'
                        WHERE batch_id = ? AND recipient_id = ? AND state = 'PENDING'""", event.lines(), 1_000,
                (ps, stopped) -> {
                    ps.setString(1, event.batchId());
                    ps.setString(2, stopped.recipientId());
                });
        expectAll(updated, event.lines().size(), "the stop of lines of batch " + event.batchId(), "pending");
    }

    @EventHandler
    void on(BankReturnsRecorded event) {
        int[][] updated = jdbc.batchUpdate("""
                        UPDATE payout_line_index SET state = 'RETURNED'
                        WHERE batch_id = ? AND recipient_id = ? AND state = 'PAID'""", event.returns(), 1_000,
                (ps, returned) -> {
                    ps.setString(1, event.batchId());
                    ps.setString(2, returned.recipientId());
                });
        expectAll(updated, event.returns().size(), "the bank return of batch " + event.batchId(), "paid");
    }

    private static void expectAll(int[][] updated, int expected, String what, String state) {
        int count = 0;
        for (int[] chunk : updated) {
            for (int rows : chunk) {
                count += rows;
            }
        }
        if (count != expected) {
            throw new IllegalStateException(what + " names " + expected + " " + state + " lines, but " + count
                    + " were " + state);
        }
    }
}

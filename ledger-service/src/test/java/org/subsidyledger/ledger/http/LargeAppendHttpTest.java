package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.subsidyledger.ledger.infrastructure.BulkEventAppender;

/**
 * Axon's streaming processors give up at once on a gap in the global index that lies more than 10,000 events
 * ({@code maxGapOffset}) behind the newest event they read. A transaction appending more than that while another
 * transaction commits an event at its end would, without the ledger's append order, leave its events unread by the
 * read models and the hash chain for good. Here the second transaction must wait for the first, and every event of
 * both is chained.
 */
class LargeAppendHttpTest extends HttpTestBase {

    /** An event no read model handles; the hash chain handles every event. */
    public record AppendOrderProbe(String label, int n) {
    }

    @Autowired
    BulkEventAppender appender;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anEventCommittedDuringAnAppendOfFifteenThousandEventsWaitsAndEveryEventIsChained() throws Exception {
        String large = "large-append-" + UUID.randomUUID();
        String small = "small-append-" + UUID.randomUUID();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> largeTransaction = CompletableFuture.runAsync(() ->
                new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    appender.append(events(large, 15_000));
                    appended.countDown();
                    await(commit);
                }));
        assertThat(appended.await(120, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> smallTransaction = CompletableFuture.runAsync(() ->
                new TransactionTemplate(transactions).executeWithoutResult(status -> appender.append(events(small, 1))));
        Thread.sleep(1_000);
        assertThat(smallTransaction).as("the small append waits for the large one to commit").isNotDone();
        commit.countDown();
        largeTransaction.get(60, TimeUnit.SECONDS);
        smallTransaction.get(60, TimeUnit.SECONDS);

        long largeLast = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, large);
        long smallIndex = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, small);
        assertThat(smallIndex).as("commit order is global-index order").isGreaterThan(largeLast);
        eventually(() -> chained(small) == 1);
        assertThat(chained(large)).as("no event of the large append was skipped").isEqualTo(15_000);
        assertThat(get("auditor", "/api/v1/audit/verify").json().get("behindChain").asLong()).isZero();
    }

    private long chained(String aggregate) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM event_chain c JOIN domain_event_entry e ON e.global_index = c.global_index
                WHERE e.aggregate_identifier = ?""", Long.class, aggregate);
    }

    private static List<GenericDomainEventMessage<AppendOrderProbe>> events(String aggregate, int count) {
        List<GenericDomainEventMessage<AppendOrderProbe>> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(new GenericDomainEventMessage<>("AppendOrderProbe", aggregate, i, new AppendOrderProbe(aggregate, i)));
        }
        return events;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never told to commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.subsidyledger.ledger.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class RecordedTimeClockTest {

    private static final Instant IN_2023 = Instant.parse("2023-03-20T01:00:00Z");

    @Test
    void eventsCreatedOnTheLoadingThreadCarryItsTimeWhileOtherThreadsReadThePresent() {
        GenericEventMessage<String> inside = RecordedTimeClock.at(IN_2023, () -> {
            Instant elsewhere = CompletableFuture.supplyAsync(() -> GenericEventMessage.clock.instant()).join();
            assertThat(elsewhere).isAfter(Instant.now().minusSeconds(60));
            return new GenericEventMessage<>("recorded in 2023");
        });

        assertThat(inside.getTimestamp()).isEqualTo(IN_2023);
        assertThat(new GenericEventMessage<>("now").getTimestamp()).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void anInnerOverrideGivesBackTheOuterOne() {
        Instant inner = IN_2023.plusSeconds(3600);
        Instant[] seen = new Instant[2];
        RecordedTimeClock.at(IN_2023, () -> {
            seen[0] = RecordedTimeClock.at(inner, () -> GenericEventMessage.clock.instant());
            seen[1] = GenericEventMessage.clock.instant();
            return null;
        });
        assertThat(seen).containsExactly(inner, IN_2023);
    }
}

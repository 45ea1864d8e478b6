package org.subsidyledger.ledger.demo;

import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * How far the demo data (乌鲁木齐 2023, {@link DemoDataLoader}) has got, for the console's home page and the log.
 * {@code OFF} unless the loader runs ({@code ledger.demo-data.enabled}, on with the {@code demo} profile).
 */
@Component
public class DemoDataStatus {

    public enum State {
        /** Demo data is not enabled. */
        OFF,
        /** The database was not empty at start: nothing was loaded. */
        SKIPPED,
        LOADING,
        DONE,
        /** The load stopped part-way; see the log ({@code docs/operations.md} says what to do). */
        FAILED
    }

    /**
     * One moment of the load: {@code step} names the step under way (or the last one), {@code done} of {@code total}
     * steps are complete ({@code percent} of them), {@code batches} of the year's 12 monthly batches are disbursed.
     * {@code startedAt}/{@code finishedAt} are real times (null until then); {@code failure} says why it stopped.
     */
    public record Snapshot(State state, String step, int done, int total, int percent, int batches, Instant startedAt,
                           Instant finishedAt, String failure) {
    }

    private volatile Snapshot snapshot = new Snapshot(State.OFF, null, 0, 0, 0, 0, null, null, null);

    public Snapshot snapshot() {
        return snapshot;
    }

    void skipped() {
        snapshot = new Snapshot(State.SKIPPED, null, 0, 0, 0, 0, null, Instant.now(), null);
    }

    void started(int total) {
        snapshot = new Snapshot(State.LOADING, null, 0, total, 0, 0, Instant.now(), null, null);
    }

    void working(String step) {
        Snapshot s = snapshot;
        snapshot = new Snapshot(State.LOADING, step, s.done(), s.total(), s.percent(), s.batches(), s.startedAt(),
                null, null);
    }

    /** The step under way is complete; {@code batches} monthly batches are disbursed. */
    void stepDone(int batches) {
        Snapshot s = snapshot;
        int done = s.done() + 1;
        snapshot = new Snapshot(State.LOADING, s.step(), done, s.total(), done * 100 / s.total(), batches,
                s.startedAt(), null, null);
    }

    void done() {
        Snapshot s = snapshot;
        snapshot = new Snapshot(State.DONE, s.step(), s.done(), s.total(), 100, s.batches(), s.startedAt(),
                Instant.now(), null);
    }

    void failed(String why) {
        Snapshot s = snapshot;
        snapshot = new Snapshot(State.FAILED, s.step(), s.done(), s.total(), s.percent(), s.batches(),
                s.startedAt(), Instant.now(), why);
    }
}

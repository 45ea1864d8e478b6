package org.subsidyledger.ledger.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * Axon's event clock ({@link GenericEventMessage#clock}, one static for the JVM) made able to give one thread another
 * time: {@link #at} runs a call with the events it creates on this thread stamped with the given recorded time,
 * while every other thread — requests, processors, the gap timeout of the event store — reads the system's UTC time
 * as before. The demo data records 2023 this way while the service serves its users. Installed once, on the first
 * {@link #at}, and left installed: without an override it is {@link Clock#systemUTC()}.
 *
 * <p>It works because events are created on the thread that handles the command, which is the sending thread:
 * Axon's {@code SimpleCommandBus} (the one configured here) handles a command on the caller's thread, subscribing
 * processors run in the publishing unit of work, and the bulk paths create their messages on the calling thread.
 */
final class RecordedTimeClock extends Clock {

    private static final ThreadLocal<Instant> OVERRIDE = new ThreadLocal<>();
    private static final RecordedTimeClock INSTANCE = new RecordedTimeClock(ZoneOffset.UTC);

    private final ZoneId zone;

    private RecordedTimeClock(ZoneId zone) {
        this.zone = zone;
    }

    /** Runs {@code call} with the events this thread creates recorded at {@code recordedAt}. */
    static <T> T at(Instant recordedAt, Supplier<T> call) {
        install();
        Instant before = OVERRIDE.get();
        OVERRIDE.set(recordedAt);
        try {
            return call.get();
        } finally {
            if (before == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(before);
            }
        }
    }

    static synchronized void install() {
        if (GenericEventMessage.clock != INSTANCE) {
            GenericEventMessage.clock = INSTANCE;
        }
    }

    @Override
    public Instant instant() {
        Instant at = OVERRIDE.get();
        return at != null ? at : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new RecordedTimeClock(zone);
    }
}

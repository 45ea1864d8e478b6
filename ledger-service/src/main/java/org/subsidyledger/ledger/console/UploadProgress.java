package org.subsidyledger.ledger.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.error.RowProblem;
import org.subsidyledger.ledger.infrastructure.Progress;
import org.subsidyledger.ledger.operations.ReadModelCatchUp;
import org.subsidyledger.projections.port.AccessScope;

/**
 * The console's uploads in flight and their results, per user: the phase an upload has reached (the browser's
 * progress bar polls it while the file is checked and recorded), then what was accepted and rejected, kept for an
 * hour so the result page and its rejected-rows XLSX can be opened again. In memory: the console's session is
 * per instance anyway (docs/console.md).
 */
@Component
public class UploadProgress {

    /** The phases, in order, with the share of the bar each has reached. */
    public static final List<String> PHASES = List.of("UPLOAD", "CHECK", "RECORD", "PROJECT", "DONE");
    private static final Duration KEPT = Duration.ofHours(1);
    /** Rejected rows kept per result (the page and its XLSX list these; the count says how many there were). */
    public static final int KEPT_ROWS = 10_000;
    /** Uploads kept at most, all users together; the oldest go first. */
    private static final int KEPT_UPLOADS = 500;

    /**
     * What an upload came to.
     *
     * @param kind     BATCH, ENROLMENT, DEATH_COMPARISON or RETURNS
     * @param link     where the recorded thing can be seen (a batch, a comparison), or null
     * @param figures  the counts and totals to show, label → value, in order
     * @param rejected the rejected rows, with line, ID, code and reason
     */
    public record Result(String kind, String title, String link, Map<String, String> figures,
                         List<RowProblem> rejected, boolean projected, int rejectedCount) {

        public Result(String kind, String title, String link, Map<String, String> figures, List<RowProblem> rejected,
                      boolean projected) {
            this(kind, title, link, figures, rejected.size() > KEPT_ROWS ? List.copyOf(rejected.subList(0,
                    KEPT_ROWS)) : rejected, projected, rejected.size());
        }
    }

    /** Where an upload has got to. */
    public record State(String user, String phase, int percent, Result result, Instant updatedAt) {
    }

    private final Map<String, State> uploads = new ConcurrentHashMap<>();
    private final ReadModelCatchUp readModels;

    UploadProgress(ReadModelCatchUp readModels) {
        this.readModels = readModels;
    }

    /**
     * Runs an upload under {@code token}: its phases are reported as they happen; once recorded, the read models
     * are waited for (PROJECT, at most a minute) and the result is kept.
     */
    public Result run(String token, Supplier<Result> upload) {
        String key = key(token);
        String user = AccessScope.userName();
        put(key, new State(user, "CHECK", percent("CHECK"), null, Instant.now()));
        Result result;
        try {
            result = Progress.watched(phase -> put(key, new State(user, phase, percent(phase), null,
                    Instant.now())), upload);
        } catch (RuntimeException e) {
            put(key, new State(user, "FAILED", 100, null, Instant.now()));
            throw e;
        }
        put(key, new State(user, "PROJECT", percent("PROJECT"), null, Instant.now()));
        boolean projected = readModels.await(Duration.ofMinutes(1));
        Result done = new Result(result.kind(), result.title(), result.link(), result.figures(), result.rejected(),
                projected, result.rejectedCount());
        put(key, new State(user, "DONE", 100, done, Instant.now()));
        return done;
    }

    /** Keeps a result that was not recorded at all (every row rejected), so it can be shown and downloaded. */
    public void keep(String token, Result result) {
        put(key(token), new State(AccessScope.userName(), "DONE", 100, result, Instant.now()));
    }

    /** The state of the caller's own upload; another user's token is unknown to them. */
    public State state(String token) {
        return uploads.get(key(token));
    }

    private void put(String key, State state) {
        uploads.put(key, state);
        evictOld();
    }

    /** A token the browser made up: a UUID, or a fresh one when it sent none. */
    public static String token(String given) {
        try {
            return java.util.UUID.fromString(given == null ? "" : given.strip()).toString();
        } catch (IllegalArgumentException e) {
            return java.util.UUID.randomUUID().toString();
        }
    }

    /**
     * Rejected rows as the console shows them, from what a service gave: {@link RowProblem}s, or any record of the
     * same shape (line, ID, code, message — the batch's {@code LineProblem}).
     */
    public static List<RowProblem> rows(List<?> given) {
        return given.stream().map(UploadProgress::row).toList();
    }

    private static RowProblem row(Object given) {
        if (given instanceof RowProblem row) {
            return row;
        }
        if (given instanceof Record record && record.getClass().getRecordComponents().length == 4) {
            try {
                var parts = record.getClass().getRecordComponents();
                return new RowProblem((Integer) parts[0].getAccessor().invoke(record),
                        (String) parts[1].getAccessor().invoke(record), (String) parts[2].getAccessor().invoke(record),
                        (String) parts[3].getAccessor().invoke(record));
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalStateException("not a rejected row: " + given.getClass(), e);
            }
        }
        throw new IllegalStateException("not a rejected row: " + given.getClass());
    }

    /** Uploads are the caller's own: the key is theirs and the token together. */
    private static String key(String token) {
        return AccessScope.userName() + ":" + token(token);
    }

    private static int percent(String phase) {
        return switch (phase) {
            case "UPLOAD" -> 10;
            case "CHECK" -> 30;
            case "RECORD" -> 60;
            case "PROJECT" -> 85;
            default -> 100;
        };
    }

    private void evictOld() {
        Instant cutoff = Instant.now().minus(KEPT);
        uploads.values().removeIf(state -> state.updatedAt().isBefore(cutoff));
        while (uploads.size() > KEPT_UPLOADS) {
            uploads.entrySet().stream().min(java.util.Map.Entry.comparingByValue(
                            java.util.Comparator.comparing(State::updatedAt)))
                    .ifPresent(oldest -> uploads.remove(oldest.getKey(), oldest.getValue()));
        }
    }
}

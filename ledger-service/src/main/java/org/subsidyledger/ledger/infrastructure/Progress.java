package org.subsidyledger.ledger.infrastructure;

import java.util.function.Consumer;

/**
 * Where a long request has got to, for whoever is watching it on the same thread (the console's upload progress
 * bar): services report their phases ({@code CHECK}, {@code RECORD}); nothing happens unless a watcher is bound.
 */
public final class Progress {

    private static final ThreadLocal<Consumer<String>> WATCHER = new ThreadLocal<>();

    private Progress() {
    }

    /** Reports a phase to the watcher of this thread, if any. */
    public static void report(String phase) {
        Consumer<String> watcher = WATCHER.get();
        if (watcher != null) {
            watcher.accept(phase);
        }
    }

    /** Runs {@code work} with {@code watcher} told of every phase it reports. */
    public static <T> T watched(Consumer<String> watcher, java.util.function.Supplier<T> work) {
        Consumer<String> before = WATCHER.get();
        WATCHER.set(watcher);
        try {
            return work.get();
        } finally {
            if (before == null) {
                WATCHER.remove();
            } else {
                WATCHER.set(before);
            }
        }
    }
}

package org.subsidyledger.projections.support;

import java.util.List;

/** One page of a list: items, the 0-based page number, the page size and the total number of items. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 1000;

    /** Clamps a requested page size to 1…{@link #MAX_SIZE}. */
    public static int size(int requested) {
        return Math.max(1, Math.min(MAX_SIZE, requested));
    }
}

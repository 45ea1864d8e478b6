package org.subsidyledger.ledger.tabular;

import java.util.List;

/**
 * A column a file may have: its key and the header names it may appear under (Chinese and English).
 */
public record Column(String key, List<String> headers, boolean required) {

    public static Column required(String key, String... headers) {
        return new Column(key, List.of(headers), true);
    }

    public static Column optional(String key, String... headers) {
        return new Column(key, List.of(headers), false);
    }
}

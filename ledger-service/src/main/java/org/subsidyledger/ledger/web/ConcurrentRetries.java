package org.subsidyledger.ledger.web;

import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

import java.util.function.Supplier;

/**
 * Runs a request again when it lost a race ({@link ErrorCode#CONCURRENT_MODIFICATION}): its transaction rolled back
 * entirely, and the retry sees what the winner recorded (so it is answered, for instance, with ALREADY_PENDING or
 * with the fact already recorded).
 */
public final class ConcurrentRetries {

    public static final int ATTEMPTS = 3;

    private ConcurrentRetries() {
    }

    public static <T> T run(Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (LedgerException e) {
                if (e.code() != ErrorCode.CONCURRENT_MODIFICATION || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}

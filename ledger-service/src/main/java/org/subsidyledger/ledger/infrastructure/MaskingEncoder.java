package org.subsidyledger.ledger.infrastructure;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * Wraps the encoder of a log appender and masks every ID number in what it writes (SPEC §8: logs never carry a full
 * 公民身份号码): any run of 17 digits and a digit or {@code X} not inside a longer run of digits keeps its first 6
 * and last 4 characters, with 8 {@code *} between — as {@code RecipientId.maskAll} does, on the encoded bytes. The
 * whole line is masked, message, stack trace and structured fields alike, whatever the format (plain or JSON).
 *
 * <p>Digits are compared as ASCII bytes, exact for UTF-8 (where a byte below 0x80 is always that character), the
 * encoding of the ledger's console and JSON logs.
 */
final class MaskingEncoder extends EncoderBase<ILoggingEvent> {

    private final Encoder<ILoggingEvent> delegate;

    MaskingEncoder(Encoder<ILoggingEvent> delegate) {
        this.delegate = delegate;
    }

    Encoder<ILoggingEvent> delegate() {
        return delegate;
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return maskIds(delegate.encode(event));
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }

    @Override
    public void start() {
        if (!delegate.isStarted()) {
            delegate.start();
        }
        super.start();
    }

    @Override
    public void stop() {
        delegate.stop();
        super.stop();
    }

    /** Masks, in place, every ID-number-like run of {@code bytes}; returns them. */
    static byte[] maskIds(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int n = bytes.length;
        int i = 0;
        while (i < n) {
            if (!digit(bytes[i])) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && digit(bytes[i])) {
                i++;
            }
            int end;
            if (i - start == 18) {
                end = i;
            } else if (i - start == 17 && i < n && (bytes[i] == 'X' || bytes[i] == 'x')) {
                end = i + 1;
            } else {
                continue;
            }
            if (end < n && (digit(bytes[end]) || bytes[end] == 'X' || bytes[end] == 'x')) {
                i = end;
                continue;
            }
            for (int k = start + 6; k < start + 14; k++) {
                bytes[k] = '*';
            }
            i = end;
        }
        return bytes;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }
}

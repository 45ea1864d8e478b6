package org.subsidyledger.ledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.subsidyledger.contract.error.ErrorCode;

/**
 * A JSON body may be at most {@code ledger.http.max-json-body} (32 MB: a 300k-line batch as JSON is about 27 MB;
 * larger ones are posted as files, whose limit is the multipart one). A larger declared length is answered
 * {@code 413 BODY_TOO_LARGE} before anything is read; a body without a length (chunked) is counted as it is read and
 * refused the same way when it passes the limit, before any of it is recorded.
 */
@Component
class JsonBodyLimit extends OncePerRequestFilter {

    /** A body that passed the limit while being read; {@link ProblemDetailsAdvice} answers it 413. */
    static final class BodyTooLargeException extends IOException {

        BodyTooLargeException(long limit) {
            super("the JSON body is larger than " + limit + " bytes");
        }
    }

    private final long limit;

    JsonBodyLimit(@Value("${ledger.http.max-json-body:32MB}") DataSize limit) {
        this.limit = limit.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase().contains("json")) {
            chain.doFilter(request, response);
            return;
        }
        long length = request.getContentLengthLong();
        if (length > limit) {
            response.setStatus(413);
            response.setContentType("application/problem+json");
            response.getOutputStream().write(Problems.json(ErrorCode.BODY_TOO_LARGE, "the JSON body has " + length
                    + " bytes, more than the " + limit + " allowed; post large lists as a file",
                    request.getHeader("Accept-Language")).getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(length >= 0 ? request : new Counted(request, limit), response);
    }

    /** A request whose body stops with {@link BodyTooLargeException} once it passes the limit. */
    private static final class Counted extends HttpServletRequestWrapper {

        private final long limit;

        Counted(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    count(Math.max(n, 0));
                    return n;
                }

                private void count(int n) throws IOException {
                    read += n;
                    if (read > limit) {
                        throw new BodyTooLargeException(limit);
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}

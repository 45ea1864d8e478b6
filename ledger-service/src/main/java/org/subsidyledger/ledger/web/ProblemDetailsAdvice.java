package org.subsidyledger.ledger.web;

import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.error.RowsRejectedException;
import org.subsidyledger.contract.value.PersonalData;

import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.util.unit.DataSize;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every rejection into an RFC 9457 problem with a stable {@code code}; rows of files come with their line
 * numbers in {@code errors}. Framework errors (malformed JSON, missing parameters) get {@code MALFORMED_REQUEST}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** {@code ledger.upload.max-bytes}, named when the multipart parser refuses a file larger than it. */
    private final DataSize maxUploadBytes;

    ProblemDetailsAdvice(@Value("${ledger.upload.max-bytes:200MB}") DataSize maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
    }

    private static ProblemDetail problem(ErrorCode code, String detail) {
        return Problems.problem(code, detail);
    }

    @ExceptionHandler(RowsRejectedException.class)
    ProblemDetail rowsRejected(RowsRejectedException e) {
        ProblemDetail problem = problem(e.code(), e.getMessage());
        problem.setProperty("errors", e.rows());
        return problem;
    }

    @ExceptionHandler(LedgerException.class)
    ProblemDetail ledger(LedgerException e) {
        return problem(e.code(), e.getMessage());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrency(ConcurrencyException e) {
        return problem(ErrorCode.CONCURRENT_MODIFICATION,
                "another request changed the same record at the same moment; retry");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail aggregateNotFound(AggregateNotFoundException e) {
        return problem(ErrorCode.NOT_FOUND, "no record " + e.getAggregateIdentifier());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ProblemDetail accessDenied(RuntimeException e) {
        return problem(ErrorCode.FORBIDDEN, "your role may not do this");
    }

    /** Seconds a client waits before retrying when the database cannot be reached. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (databaseUnavailable(e)) {
            log.warn("Database unavailable: {}", rootMessage(e));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(DATABASE_RETRY_AFTER_SECONDS))
                    .body(problem(ErrorCode.DATABASE_UNAVAILABLE, "the database cannot be reached just now; nothing "
                            + "was recorded by this request — retry it (with the same Idempotency-Key) in "
                            + DATABASE_RETRY_AFTER_SECONDS + " s"));
        }
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError()
                .body(problem(ErrorCode.INTERNAL_ERROR, "unexpected failure; nothing was recorded by this request"));
    }

    /**
     * A lost or refused connection anywhere in the cause chain: Hikari's timeout, a connection closed by a server
     * restart (SQLSTATE class 08), or the server shutting down or starting up (57P01–57P03).
     */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.jdbc.CannotGetJdbcConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof org.springframework.web.ErrorResponse response) {
            body = response.getBody();
        }
        if (body instanceof ProblemDetail given && given.getProperties() != null
                && given.getProperties().containsKey("code")) {
            return super.handleExceptionInternal(ex, given, headers, statusCode, request);
        }
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonBodyLimit.BodyTooLargeException tooLarge) {
                return super.handleExceptionInternal(ex, Problems.problem(ErrorCode.BODY_TOO_LARGE,
                        tooLarge.getMessage() + "; post large lists as a file"), headers,
                        HttpStatusCode.valueOf(413), request);
            }
        }
        if (ex instanceof MaxUploadSizeExceededException) {
            return super.handleExceptionInternal(ex, Problems.problem(ErrorCode.FILE_TOO_LARGE, 413,
                    "the file is larger than " + megabytesOrBytes(maxUploadBytes) + " (ledger.upload.max-bytes); "
                            + "split it into smaller files"), headers, HttpStatusCode.valueOf(413), request);
        }
        ErrorCode code = statusCode.value() == 413 ? ErrorCode.FILE_TOO_LARGE
                : statusCode.value() == 415 ? ErrorCode.UNSUPPORTED_FILE_TYPE
                : statusCode.value() == 404 ? ErrorCode.NOT_FOUND
                : ErrorCode.MALFORMED_REQUEST;
        ProblemDetail problem = Problems.problem(code, statusCode.value(), describe(ex));
        return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
    }

    private static String megabytesOrBytes(DataSize size) {
        return size.toBytes() % DataSize.ofMegabytes(1).toBytes() == 0 ? size.toMegabytes() + " MB"
                : size.toBytes() + " bytes";
    }

    /** A quoted value in a framework's message: Jackson quotes the token or text it could not read. */
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^']{1,200})'|\"([^\"]{1,200})\"");

    private static String describe(Exception ex) {
        String message = ex.getMessage();
        if (message == null) {
            return ex.getClass().getSimpleName();
        }
        // Jackson's messages carry internal class names after the first line; the first line is enough.
        List<String> lines = message.lines().toList();
        return maskQuotedNames(lines.isEmpty() ? message : lines.get(0));
    }

    /**
     * A framework quotes the value it could not read ({@code Unrecognized token '张三'}): one that is not plain ASCII
     * may be a name sent in the wrong field, and is shown masked as a name (SPEC §8). ID numbers are masked by
     * {@link Problems}.
     */
    static String maskQuotedNames(String text) {
        return QUOTED.matcher(text).replaceAll(match -> {
            String quote = match.group(1) != null ? "'" : "\"";
            String value = match.group(1) != null ? match.group(1) : match.group(2);
            boolean ascii = value.chars().allMatch(c -> c < 0x80);
            return java.util.regex.Matcher.quoteReplacement(ascii ? match.group()
                    : quote + PersonalData.maskName(value) + quote);
        });
    }
}

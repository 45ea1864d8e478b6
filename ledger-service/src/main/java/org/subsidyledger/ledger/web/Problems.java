package org.subsidyledger.ledger.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.value.PersonalData;

/**
 * The HTTP edge of the error vocabulary: the one mapping from an {@link ErrorCode}'s kind to a status and the one
 * builder of RFC 9457 problems ({@code type} from the code, {@code title} and {@code code} the code's name). Every
 * problem the service answers — controllers of both modules, the security filters — is built here, and its
 * {@code detail} never carries a full ID number: whatever looks like one is masked (SPEC §8), whoever built the text.
 * The texts are English; {@link ProblemLanguage} turns a problem into Chinese when the request asks for it.
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    public static HttpStatus status(ErrorCode code) {
        return switch (code.kind()) {
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    public static ProblemDetail problem(ErrorCode code, String detail) {
        return problem(code, status(code).value(), detail);
    }

    /** A problem of {@code code} under a status the framework already chose (a 413 from the multipart parser). */
    public static ProblemDetail problem(ErrorCode code, int status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status),
                PersonalData.maskIds(detail));
        problem.setType(URI.create(code.typeUri()));
        problem.setTitle(code.name());
        problem.setProperty("code", code.name());
        return problem;
    }

    /**
     * The same problem as JSON text, for writers outside Spring MVC (the security filters): in Chinese when
     * {@code acceptLanguage} asks for it ({@link ProblemLanguage}).
     */
    public static String json(ErrorCode code, String detail, String acceptLanguage) {
        ProblemDetail problem = problem(code, detail);
        if (ProblemLanguage.wantsChinese(acceptLanguage)) {
            ProblemLanguage.localize(problem);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("code", code.name());
        if (problem.getProperties() != null && problem.getProperties().get(ProblemLanguage.ENGLISH_DETAIL) != null) {
            body.put(ProblemLanguage.ENGLISH_DETAIL, problem.getProperties().get(ProblemLanguage.ENGLISH_DETAIL));
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a failure is the database being unreachable (answered 503 with Retry-After, never 500). */
    public static boolean databaseUnavailable(Throwable e) {
        return ProblemDetailsAdvice.databaseUnavailable(e);
    }
}

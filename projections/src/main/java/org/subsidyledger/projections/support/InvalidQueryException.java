package org.subsidyledger.projections.support;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A query parameter that is not understood; answered as a 400 problem with the code {@code INVALID_QUERY}. */
public class InvalidQueryException extends ErrorResponseException {

    public static final String CODE = "INVALID_QUERY";

    public InvalidQueryException(String detail) {
        super(HttpStatus.BAD_REQUEST, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(URI.create("urn:subsidy-ledger:problem:invalid-query"));
        problem.setTitle(CODE);
        problem.setProperty("code", CODE);
        return problem;
    }
}

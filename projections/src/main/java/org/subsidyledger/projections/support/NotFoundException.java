package org.subsidyledger.projections.support;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.ProblemDetail;
import java.net.URI;

/** Nothing in the read model has this id; answered as a 404 problem with a stable code. */
public class NotFoundException extends ErrorResponseException {

    public NotFoundException(String code, String detail) {
        super(HttpStatus.NOT_FOUND, problem(code, detail), null);
    }

    private static ProblemDetail problem(String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setType(URI.create("urn:subsidy-ledger:problem:" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(code);
        problem.setProperty("code", code);
        return problem;
    }
}

package org.subsidyledger.ledger.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.subsidyledger.contract.value.PersonalData;

/**
 * The last line of defence for problem details (SPEC §8): every {@link ProblemDetail} Spring MVC writes — ours, built
 * by {@link Problems}, or one a framework built — has whatever looks like an ID number in its {@code detail} masked.
 * Only the detail: the {@code errors} of a refused file are its rows, returned to the clerk who sent them.
 */
@ControllerAdvice
class ProblemMasking implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && problem.getDetail() != null) {
            problem.setDetail(PersonalData.maskIds(problem.getDetail()));
        }
        return body;
    }
}

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
 * The last step of every {@link ProblemDetail} Spring MVC writes — ours, built by {@link Problems}, or one a framework
 * built: in Chinese when the request asks for it ({@link ProblemLanguage}), and, the last line of defence (SPEC §8),
 * whatever looks like an ID number in its {@code detail}, its English {@code detailEn} and its {@code instance} (the
 * request path) masked. Not the {@code errors} of a refused file: they are its rows, returned to
 * the clerk who sent them.
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
        if (body instanceof ProblemDetail problem) {
            response.getHeaders().add(org.springframework.http.HttpHeaders.VARY,
                    org.springframework.http.HttpHeaders.ACCEPT_LANGUAGE);
            if (ProblemLanguage.wantsChinese(request.getHeaders()
                    .getFirst(org.springframework.http.HttpHeaders.ACCEPT_LANGUAGE))) {
                ProblemLanguage.localize(problem);
            }
            if (problem.getDetail() != null) {
                problem.setDetail(PersonalData.maskIds(problem.getDetail()));
            }
            if (problem.getProperties() != null
                    && problem.getProperties().get(ProblemLanguage.ENGLISH_DETAIL) instanceof String english) {
                problem.setProperty(ProblemLanguage.ENGLISH_DETAIL, PersonalData.maskIds(english));
            }
            // the request path, which names a recipient by their ID number (/recipients/{id}/…)
            if (problem.getInstance() != null) {
                String instance = problem.getInstance().toString();
                String masked = PersonalData.maskIds(java.net.URLDecoder.decode(instance.replace("+", "%2B"),
                        java.nio.charset.StandardCharsets.UTF_8));
                if (!masked.equals(instance)) {
                    problem.setInstance(java.net.URI.create(masked.replace(" ", "%20")));
                }
            }
        }
        return body;
    }
}

package org.subsidyledger.ledger.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The console speaks Chinese whatever the browser asks for: its texts are in {@code messages_zh_CN.properties}
 * (the base {@code messages.properties} holds only what Spring needs to find the bundle). The API keeps the
 * request's {@code Accept-Language}.
 */
@Component("localeResolver")
class ConsoleLocale implements LocaleResolver {

    private final AcceptHeaderLocaleResolver api = new AcceptHeaderLocaleResolver();

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/") ? api.resolveLocale(request)
                : Locale.SIMPLIFIED_CHINESE;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        throw new UnsupportedOperationException("the console's language is fixed (中文)");
    }
}

package org.subsidyledger.ledger.access;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The region scope guard before every handler, the access log after the reads it records — API and console alike. */
@Configuration(proxyBeanMethods = false)
class AccessWebConfiguration implements WebMvcConfigurer {

    private final ScopeGuard scopeGuard;
    private final AccessLog accessLog;

    AccessWebConfiguration(ScopeGuard scopeGuard, AccessLog accessLog) {
        this.scopeGuard = scopeGuard;
        this.accessLog = accessLog;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(accessLog).addPathPatterns("/api/v1/**", "/console/**");
        registry.addInterceptor(scopeGuard).addPathPatterns("/api/v1/**", "/console/**");
    }
}

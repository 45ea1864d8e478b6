package org.subsidyledger.ledger.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.projections.port.AccessScope;
import org.subsidyledger.ledger.web.Problems;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Every endpoint is authenticated except health, info and (by a setting) the OpenAPI document; the Prometheus
 * endpoint too. Users come from configuration
 * (HTTP Basic) or, when a JWT issuer or key is configured, from bearer tokens whose {@code roles} claim names the
 * roles. Per-endpoint roles are declared with {@code @PreAuthorize} next to each endpoint. A command run without a
 * web server ({@code rebuild-write-indexes}) has no users to sign in and none of this.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    /** name:role[:region prefix] — the scoped ones are 天山区 (650102), 沙依巴克区 (650103) and 乌鲁木齐市 (6501). */
    private static final List<String> DEMO_USERS = List.of(
            "clerk:CLERK", "clerk2:CLERK", "reviewer1:REVIEWER", "reviewer2:REVIEWER", "reviewer3:REVIEWER",
            "finance:FINANCE", "inspector:INSPECTOR", "evaluator:EVALUATOR", "auditor:AUDITOR", "admin:ADMIN",
            "clerk-650102:CLERK:650102", "inspector-650102:INSPECTOR:650102", "inspector-650103:INSPECTOR:650103",
            "evaluator-6501:EVALUATOR:6501");

    /** One count of wrong passwords per user name, for HTTP Basic and the console's sign-in form alike. */
    @Bean
    LoginThrottle loginThrottle(SecurityProperties properties) {
        return new LoginThrottle(properties.login().slowAfter(), properties.login().maxFailures(),
                properties.login().lock());
    }

    /** Keeps the throttle out of the servlet container's own filter chain: it runs inside the security chains. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<LoginThrottle> loginThrottleNotAServletFilter(
            LoginThrottle throttle) {
        org.springframework.boot.web.servlet.FilterRegistrationBean<LoginThrottle> registration =
                new org.springframework.boot.web.servlet.FilterRegistrationBean<>(throttle);
        registration.setEnabled(false);
        return registration;
    }

    /**
     * The console (server-rendered pages, issue 16): form sign-in with a session and CSRF protection on every form;
     * signing out ends the session. Only the console's own paths; the API below keeps HTTP Basic and JWT, stateless.
     */
    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain console(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.securityMatcher("/", "/login", "/logout", "/console/**", "/webjars/**", "/console-assets/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/webjars/**", "/console-assets/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers.frameOptions(frame -> frame.deny()))
                // a form without its CSRF token (or a page whose session expired): 403 with a word of Chinese,
                // written here — an error dispatch would land in the API's chain and ask for credentials
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, denied) -> {
                    response.setStatus(403);
                    response.setContentType("text/plain;charset=UTF-8");
                    response.getWriter().write("请求被拒绝：页面已过期或缺少安全令牌，请刷新页面后重试。");
                }))
                .addFilterBefore(throttle, org.springframework.security.web.authentication
                        .UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @org.springframework.core.annotation.Order(2)
    SecurityFilterChain api(HttpSecurity http, ObjectProvider<JwtDecoder> jwtDecoder, SecurityProperties properties,
                            LoginThrottle throttle) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"subsidy-ledger\"");
            writeProblem(request, response, ErrorCode.UNAUTHENTICATED, "credentials are missing or wrong");
        };
        AccessDeniedHandler forbidden = (request, response, e) ->
                writeProblem(request, response, ErrorCode.FORBIDDEN, "your role may not do this");
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    // a failure's error dispatch (a page that failed to render) shows its error, not a sign-in prompt
                    auth.dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ERROR).permitAll();
                    auth.requestMatchers(HttpMethod.GET, "/actuator/health/**", "/actuator/info").permitAll();
                    if (properties.apiDocsPublic()) {
                        auth.requestMatchers(HttpMethod.GET, "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                                .permitAll();
                    }
                    auth.anyRequest().authenticated();
                })
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .addFilterBefore(throttle, org.springframework.security.web.authentication.www
                        .BasicAuthenticationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden));
        if (jwtDecoder.getIfAvailable() != null) {
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(jwt -> authorities(jwt.getClaim(properties.rolesClaim()),
                    jwt.getClaim(properties.regionsClaim())));
            http.oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                    .authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden));
        }
        return http.build();
    }

    /**
     * The configured users, plus the demo users when the {@code demo} profile is active. Fails closed: with no
     * configured user, no demo profile and no JWT issuer or key the service refuses to start, saying what to set.
     */
    @Bean
    UserDetailsService users(SecurityProperties properties, Environment environment,
                             ObjectProvider<JwtDecoder> jwtDecoder) {
        List<UserDetails> users = new ArrayList<>();
        for (SecurityProperties.User user : properties.users()) {
            users.add(User.withUsername(user.name()).password(user.password())
                    .authorities(authorities(user.roles().stream().map(Role::name).toList(),
                            user.regions().isEmpty() ? null : user.regions()))
                    .build());
        }
        if (environment.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
            for (String entry : DEMO_USERS) {
                String[] parts = entry.split(":");
                users.add(User.withUsername(parts[0]).password("{noop}demo")
                        .authorities(authorities(List.of(parts[1]), parts.length > 2 ? List.of(parts[2]) : null))
                        .build());
            }
            log.warn("Profile 'demo': demo users are enabled (password 'demo'): {}", DEMO_USERS);
        }
        if (users.isEmpty() && jwtDecoder.getIfAvailable() == null) {
            throw new NoUsersConfiguredException();
        }
        return new InMemoryUserDetailsManager(users);
    }

    /** The profile that adds the documented demo users. */
    static final String DEMO_PROFILE = "demo";

    /** Start-up refused: nobody could sign in. The message is what an operator reads in the failed start. */
    static final class NoUsersConfiguredException extends IllegalStateException {
        NoUsersConfiguredException() {
            super("""
                    No users are configured, so nobody could sign in and the service refuses to start. Configure one of:
                      - users: ledger.security.users[0].name / .password ({bcrypt}… or {noop}…) / .roles[0]
                        (environment: LEDGER_SECURITY_USERS_0_NAME, LEDGER_SECURITY_USERS_0_PASSWORD, LEDGER_SECURITY_USERS_0_ROLES_0);
                      - a JWT issuer: spring.security.oauth2.resourceserver.jwt.issuer-uri (or .jwk-set-uri, .public-key-location);
                      - for a trial only, the demo users: SPRING_PROFILES_ACTIVE=demo (password 'demo').
                    See docs/configuration.md, "Users".""");
        }
    }

    /**
     * The roles and the region scope as authorities: {@code ROLE_<role>} and {@code REGION_<prefix>} (read back by
     * {@link AccessScope}). {@code regions} null: unscoped. A token's regions that are not 行政区划 prefixes, or a
     * regions claim present but empty, grant nothing, so such a token sees nothing rather than everything: its scope
     * is a prefix no region has.
     */
    private static Collection<GrantedAuthority> authorities(Object roles, Object regions) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (roles instanceof Collection<?> values) {
            for (Object value : values) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + String.valueOf(value).toUpperCase()));
            }
        }
        if (regions instanceof Collection<?> values) {
            for (Object value : values) {
                String prefix = scopePrefix(String.valueOf(value));
                authorities.add(new SimpleGrantedAuthority(AccessScope.REGION_AUTHORITY
                        + (AccessScope.isRegionPrefix(prefix) ? prefix : "-")));
            }
            if (values.isEmpty()) { // a regions claim that names none: nothing, never everything
                authorities.add(new SimpleGrantedAuthority(AccessScope.REGION_AUTHORITY + "-"));
            }
        } else if (regions instanceof String value) {
            return authorities(roles, value.isBlank() ? List.of() : List.of(value.strip().split("[,\\s]+")));
        } else if (regions != null) {
            authorities.add(new SimpleGrantedAuthority(AccessScope.REGION_AUTHORITY + "-"));
        }
        return authorities;
    }

    /**
     * A scope as a prefix: a 6-digit 行政区划 code of a city or province stands for all of it ({@code 650100} →
     * {@code 6501}), as {@code region=} does; anything else is kept as given (and refused if not a prefix).
     */
    static String scopePrefix(String value) {
        String code = value.strip();
        try {
            return code.length() == 6 ? AccessScope.regionPrefix(code) : code;
        } catch (org.subsidyledger.contract.error.LedgerException notDigits) {
            return code;
        }
    }

    private static void writeProblem(jakarta.servlet.http.HttpServletRequest request,
                                     jakarta.servlet.http.HttpServletResponse response, ErrorCode code,
                                     String detail) throws java.io.IOException {
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        response.setStatus(Problems.status(code).value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Problems.json(code, detail,
                request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
    }
}

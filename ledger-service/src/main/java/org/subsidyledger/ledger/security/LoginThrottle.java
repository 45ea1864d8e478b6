package org.subsidyledger.ledger.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.ledger.web.Problems;

/**
 * Slows down and then locks password guessing (HTTP Basic and the console's sign-in form, counted together per user
 * name). After {@code slowAfter} wrong passwords in a row for a
 * user name, each further attempt must wait twice as long as the one before (1 s, 2 s, 4 s …) after the last
 * failure; after {@code maxFailures} the name is locked for {@code lock}, and every attempt meanwhile — with the
 * right password too — is answered {@code 401 ACCOUNT_LOCKED} with {@code Retry-After}, without checking the
 * password. A success resets the count. Unknown names are counted like known ones, so the answer does not tell
 * which names exist. Counts are kept by each instance (a cluster behind one name sees up to instances × the limit);
 * a JWT issuer does its own throttling.
 */
class LoginThrottle extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    /** Names tracked at most; beyond it the oldest settled entries are dropped. */
    private static final int MAX_TRACKED = 10_000;

    private record Failures(int count, Instant last, Instant lockedUntil) {
    }

    private final int slowAfter;
    private final int maxFailures;
    private final Duration lock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(int slowAfter, int maxFailures, Duration lock) {
        this.slowAfter = slowAfter;
        this.maxFailures = maxFailures;
        this.lock = lock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean form = isFormLogin(request);
        String user = form ? request.getParameter("username") : basicUser(request.getHeader("Authorization"));
        if (user == null || user.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        Instant now = Instant.now();
        Failures known = failures.get(user);
        long wait = known == null ? 0 : waitSeconds(known, now);
        if (wait > 0 && form) { // the console's sign-in page says so, in Chinese
            response.sendRedirect(request.getContextPath() + "/login?locked=" + wait);
            return;
        }
        if (wait > 0) {
            response.setHeader("Retry-After", Long.toString(wait));
            response.setStatus(401);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(Problems.json(ErrorCode.ACCOUNT_LOCKED, "too many wrong passwords for this "
                    + "user: try again in " + wait + " s", request.getHeader("Accept-Language")));
            return;
        }
        chain.doFilter(request, response);
        if (form ? failedFormLogin(response) : response.getStatus() == 401) {
            Failures after = failures.merge(user, new Failures(1, now, null), (old, one) -> {
                int count = old.count() + 1;
                return new Failures(count, now, count >= maxFailures ? now.plus(lock) : null);
            });
            if (after.lockedUntil() != null && after.count() == maxFailures) {
                log.warn("Login locked for {} after {} wrong passwords, until {}", mask(user), after.count(),
                        after.lockedUntil());
            }
            if (failures.size() > MAX_TRACKED) {
                failures.entrySet().removeIf(e -> waitSeconds(e.getValue(), now) == 0 && e.getValue().count()
                        < slowAfter);
            }
        } else {
            failures.remove(user);
        }
    }

    /** How long the name must wait before its next attempt is checked; 0 when it may try now. */
    private long waitSeconds(Failures f, Instant now) {
        if (f.lockedUntil() != null) {
            if (now.isBefore(f.lockedUntil())) {
                return Math.max(1, Duration.between(now, f.lockedUntil()).toSeconds());
            }
            return 0;
        }
        if (f.count() < slowAfter) {
            return 0;
        }
        Instant next = f.last().plusSeconds(1L << Math.min(20, f.count() - slowAfter));
        return now.isBefore(next) ? Math.max(1, Duration.between(now, next).toSeconds()) : 0;
    }

    /** The console's sign-in form posted (Spring Security's form login at {@code POST /login}). */
    private static boolean isFormLogin(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
    }

    /** A failed form login is sent back to the sign-in page with {@code ?error}. */
    private static boolean failedFormLogin(HttpServletResponse response) {
        String location = response.getHeader("Location");
        return response.getStatus() == 302 && location != null && location.contains("/login?error");
    }

    private static String basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A user name in the log: its first two characters. */
    private static String mask(String user) {
        return user.length() <= 2 ? "**" : user.substring(0, 2) + "***";
    }
}

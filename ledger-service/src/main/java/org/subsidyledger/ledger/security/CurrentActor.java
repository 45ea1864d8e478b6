package org.subsidyledger.ledger.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Resolves the {@link Actor} of the current request for one action: the user, and the first of the roles allowed
 * for that action which the user holds. Endpoints are already guarded by role; this only names the role acted in.
 */
@Component
public class CurrentActor {

    public Actor actingAs(Role... allowed) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new AccessDeniedException("not authenticated");
        }
        Set<String> held = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        return Arrays.stream(allowed)
                .filter(role -> held.contains("ROLE_" + role.name()))
                .findFirst()
                .map(role -> new Actor(authentication.getName(), role))
                .orElseThrow(() -> new AccessDeniedException("none of the roles " + Arrays.toString(allowed)));
    }
}

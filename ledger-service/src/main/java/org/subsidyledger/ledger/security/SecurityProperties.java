package org.subsidyledger.ledger.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users of the HTTP API when it authenticates with HTTP Basic.
 *
 * @param demoUsers {@code true} to add the documented demo users (one per role, password {@code demo});
 *                  {@code null} means: only when running on the embedded database
 * @param users     configured users; passwords in Spring Security's encoded form ({@code {bcrypt}…}, {@code {noop}…})
 * @param rolesClaim the JWT claim holding role names when running as an OIDC/JWT resource server
 */
@ConfigurationProperties("ledger.security")
record SecurityProperties(Boolean demoUsers, List<User> users, String rolesClaim) {

    record User(String name, String password, List<Role> roles) {
    }

    SecurityProperties {
        users = users == null ? List.of() : users;
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
    }
}

package org.subsidyledger.ledger.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users of the HTTP API when it authenticates with HTTP Basic. The demo users come with the {@code demo} profile.
 *
 * @param users     configured users; passwords in Spring Security's encoded form ({@code {bcrypt}…}, {@code {noop}…})
 * @param rolesClaim the JWT claim holding role names when running as an OIDC/JWT resource server
 * @param apiDocsPublic whether the OpenAPI document is readable without signing in (default true)
 */
@ConfigurationProperties("ledger.security")
record SecurityProperties(List<User> users, String rolesClaim, Boolean apiDocsPublic) {

    record User(String name, String password, List<Role> roles) {
    }

    SecurityProperties {
        users = users == null ? List.of() : users;
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        apiDocsPublic = apiDocsPublic == null || apiDocsPublic;
    }
}

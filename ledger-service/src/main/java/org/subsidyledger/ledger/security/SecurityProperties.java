package org.subsidyledger.ledger.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users of the HTTP API when it authenticates with HTTP Basic. The demo users come with the {@code demo} profile.
 *
 * @param users     configured users; passwords in Spring Security's encoded form ({@code {bcrypt}…}, {@code {noop}…})
 * @param rolesClaim the JWT claim holding role names when running as an OIDC/JWT resource server
 * @param regionsClaim the JWT claim holding the user's region prefixes (absent = unscoped)
 * @param apiDocsPublic whether the OpenAPI document is readable without signing in (default true)
 * @param login     password guessing: slowed after {@code slowAfter} (3) wrong passwords, locked for {@code lock}
 *                  (15 min) after {@code maxFailures} (5)
 */
@ConfigurationProperties("ledger.security")
record SecurityProperties(List<User> users, String rolesClaim, String regionsClaim, Boolean apiDocsPublic,
                          Login login) {

    /**
     * @param regions the user's region scope: 行政区划 prefixes of 2, 4, 6, 9 or 12 digits; none = the whole installation
     */
    record User(String name, String password, List<Role> roles, List<String> regions) {

        User {
            roles = roles == null ? List.of() : List.copyOf(roles);
            regions = regions == null ? List.of()
                    : regions.stream().map(SecurityConfiguration::scopePrefix).toList();
            for (String region : regions) {
                if (!org.subsidyledger.projections.port.AccessScope.isRegionPrefix(region)) {
                    throw new IllegalArgumentException("ledger.security.users: user " + name + " has region '"
                            + region + "': a region scope is a 行政区划 prefix of 2, 4, 6, 9 or 12 digits");
                }
            }
        }
    }

    record Login(Integer slowAfter, Integer maxFailures, java.time.Duration lock) {

        Login {
            slowAfter = slowAfter == null ? 3 : slowAfter;
            maxFailures = maxFailures == null ? 5 : maxFailures;
            lock = lock == null ? java.time.Duration.ofMinutes(15) : lock;
            if (slowAfter < 1 || maxFailures < slowAfter) {
                throw new IllegalArgumentException("ledger.security.login: need 1 <= slow-after <= max-failures");
            }
        }
    }

    SecurityProperties {
        users = users == null ? List.of() : users;
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        regionsClaim = regionsClaim == null || regionsClaim.isBlank() ? "regions" : regionsClaim;
        apiDocsPublic = apiDocsPublic == null || apiDocsPublic;
        login = login == null ? new Login(null, null, null) : login;
    }
}

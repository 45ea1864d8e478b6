package org.subsidyledger.projections.port;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.value.PersonalData;
import org.subsidyledger.contract.value.RecipientId;

/**
 * What the caller of a request may see (docs/rules.md, "Access and personal data"): the 行政区划 prefixes of their
 * region scope (none = the whole installation) and whether personal data is masked for them. Both sides read it:
 * the query controllers filter and mask every row with it, the write side refuses commands on what lies outside it.
 *
 * <p>A user's regions are granted as authorities {@code REGION_<prefix>} beside their roles (configured users, the
 * JWT's regions claim, the scoped demo users). Masked are the users who hold only roles that do not work with people
 * (EVALUATOR, AUDITOR); a user who also holds CLERK, REVIEWER, FINANCE, INSPECTOR or ADMIN sees people in full.
 *
 * @param regions the region prefixes the caller is limited to; empty when unscoped
 * @param masked  whether ID numbers and names are shown masked to the caller
 */
public record AccessScope(List<String> regions, boolean masked) {

    /** The authority prefix that carries a region scope. */
    public static final String REGION_AUTHORITY = "REGION_";
    private static final Set<String> PEOPLE_ROLES = Set.of("ROLE_CLERK", "ROLE_REVIEWER", "ROLE_FINANCE",
            "ROLE_INSPECTOR", "ROLE_ADMIN");
    private static final Set<Integer> PREFIX_LENGTHS = Set.of(2, 4, 6, 9, 12);

    /** Everything, in full: work done by the service itself (no signed-in user). */
    public static final AccessScope UNRESTRICTED = new AccessScope(List.of(), false);

    public AccessScope {
        regions = List.copyOf(regions);
    }

    /** The scope of the signed-in user of this request; unrestricted when no user is signed in (the service itself). */
    public static AccessScope current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return UNRESTRICTED;
        }
        return of(authentication.getAuthorities());
    }

    /** The scope that the authorities grant. */
    public static AccessScope of(Collection<? extends GrantedAuthority> authorities) {
        List<String> regions = new ArrayList<>();
        boolean people = false;
        for (GrantedAuthority authority : authorities) {
            String name = authority.getAuthority();
            if (name.startsWith(REGION_AUTHORITY)) {
                regions.add(name.substring(REGION_AUTHORITY.length()));
            }
            people |= PEOPLE_ROLES.contains(name);
        }
        return new AccessScope(regions, !people);
    }

    /** Whether {@code prefix} is a 行政区划 prefix a scope may name: 2, 4, 6, 9 or 12 digits. */
    public static boolean isRegionPrefix(String prefix) {
        return prefix != null && PREFIX_LENGTHS.contains(prefix.length()) && prefix.chars().allMatch(Character::isDigit);
    }

    public boolean scoped() {
        return !regions.isEmpty();
    }

    /** Whether a recipient registered in {@code region} is within the scope. */
    public boolean covers(String region) {
        if (!scoped()) {
            return true;
        }
        return region != null && regions.stream().anyMatch(region::startsWith);
    }

    /**
     * Whether the whole of a program's region lies within the scope (a city-wide scope and a program of one of its
     * districts): then nothing of the program needs filtering.
     */
    public boolean coversAllOf(String programRegion) {
        if (!scoped()) {
            return true;
        }
        String prefix = regionPrefix(programRegion);
        return regions.stream().anyMatch(prefix::startsWith);
    }

    /**
     * The scope as it applies to one program: unrestricted (but still masked) when it covers the whole of the
     * program's region; a program whose region it does not meet at all → {@code 404 UNKNOWN_PROGRAM}, as if the
     * program did not exist.
     */
    public AccessScope withinProgram(String program, String programRegion) {
        if (!scoped()) {
            return this;
        }
        if (programRegion == null || !overlaps(programRegion)) {
            throw new LedgerException(ErrorCode.UNKNOWN_PROGRAM, "program " + program + " does not exist");
        }
        return coversAllOf(programRegion) ? new AccessScope(List.of(), masked) : this;
    }

    /** The user name of the signed-in caller; empty for the service itself. */
    public static String userName() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "" : authentication.getName();
    }

    /** Whether a program's region and the scope meet: the program may have recipients within the scope. */
    public boolean overlaps(String programRegion) {
        if (!scoped()) {
            return true;
        }
        String prefix = regionPrefix(programRegion);
        return regions.stream().anyMatch(r -> r.startsWith(prefix) || prefix.startsWith(r));
    }

    /**
     * The scope narrowed to a region asked for ({@code region=} of a list or an indicator): a prefix of digits that
     * must itself lie within the scope, or share a prefix with it (a city asked for by a district user narrows to the
     * district). Asking for a region wholly outside the scope → {@code 404 NOT_FOUND}, as if it did not exist.
     */
    public AccessScope narrowedTo(String region) {
        if (region == null || region.isBlank()) {
            return this;
        }
        String prefix = regionPrefix(region);
        if (!scoped()) {
            return new AccessScope(List.of(prefix), masked);
        }
        List<String> narrowed = new ArrayList<>();
        for (String own : regions) {
            if (prefix.startsWith(own)) {
                narrowed.add(prefix);
            } else if (own.startsWith(prefix)) {
                narrowed.add(own);
            }
        }
        if (narrowed.isEmpty()) {
            throw new LedgerException(ErrorCode.NOT_FOUND, "region " + prefix + " is outside your scope");
        }
        return new AccessScope(narrowed.stream().distinct().toList(), masked);
    }

    /**
     * A region code as a prefix: trailing {@code 00} pairs of a 6-digit code stand for the whole city or province
     * (650100 → 6501, 650000 → 65), as a 行政区划 code of a city includes its districts.
     */
    public static String regionPrefix(String region) {
        String code = region.strip();
        if (code.isEmpty() || code.length() > 12 || !code.chars().allMatch(Character::isDigit)) {
            throw new LedgerException(ErrorCode.INVALID_QUERY, "region must be a 行政区划 code of digits");
        }
        if (code.length() == 6) {
            while (code.length() > 2 && code.endsWith("00")) {
                code = code.substring(0, code.length() - 2);
            }
        }
        return code;
    }

    /**
     * An SQL condition on {@code column} (a region) that holds for the rows within the scope, with its parameter
     * {@code :scope_regions} from {@link #likePatterns()}; {@code TRUE} when unscoped.
     */
    public String sql(String column) {
        return scoped() ? "(" + column + " LIKE ANY (:scope_regions))" : "TRUE";
    }

    /** The {@code LIKE} patterns of the regions, bound as one array parameter. */
    public String[] likePatterns() {
        return regions.stream().map(r -> r + "%").toArray(String[]::new);
    }

    /** An ID number as the caller may see it. */
    public String id(String id) {
        return masked ? PersonalData.maskId(id) : id;
    }

    /** A name as the caller may see it: the first character and one {@code *} per further character when masked. */
    public String name(String name) {
        return masked ? maskName(name) : name;
    }

    /** Free text (a cause, a comment) with any ID number in it masked when the caller sees no personal data. */
    public String text(String text) {
        return masked ? RecipientId.maskAll(text) : text;
    }

    /** {@code 张三} → {@code 张*}, {@code 欧阳娜娜} → {@code 欧阳**} ({@link PersonalData#maskName}). */
    public static String maskName(String name) {
        return PersonalData.maskName(name);
    }
}

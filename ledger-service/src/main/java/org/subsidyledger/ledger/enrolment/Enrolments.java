package org.subsidyledger.ledger.enrolment;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.ledger.infrastructure.ArrayQueries;

/**
 * What the other features of the write side may ask about enrolments, from the {@code enrolment_index} this feature
 * writes ({@link EnrolmentService}): who is enrolled where, from when, at which standard, under which names. No other
 * package reads that table. Lookups of many recipients are one query each.
 */
@Component
public class Enrolments {

    /**
     * An enrolment: the first month due, the monthly standard enrolled with (分) and whether it is the recipient's own
     * (else the program's standards apply, rule 9).
     */
    public record Enrolled(YearMonth from, long standardFen, boolean individual) {
    }

    private final JdbcTemplate jdbc;

    Enrolments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The enrolments in the program of those of {@code ids} enrolled in it. */
    public Map<String, Enrolled> inProgram(String programCode, List<String> ids) {
        Map<String, Enrolled> found = new HashMap<>(ids.size() * 2);
        ArrayQueries.query(jdbc, """
                SELECT recipient_id, effective_from, monthly_standard_fen, individual_standard FROM enrolment_index
                WHERE program_code = ? AND recipient_id = ANY (?)""", rs -> found.put(
                rs.getString(1), new Enrolled(YearMonth.from(rs.getDate(2).toLocalDate()), rs.getLong(3),
                        rs.getBoolean(4))),
                programCode, ids.toArray(String[]::new));
        return found;
    }

    /** Every enrolment in the program, by recipient. */
    public Map<String, Enrolled> allInProgram(String programCode) {
        Map<String, Enrolled> found = new HashMap<>();
        jdbc.query("""
                SELECT recipient_id, effective_from, monthly_standard_fen, individual_standard FROM enrolment_index
                WHERE program_code = ?""", rs -> {
            found.put(rs.getString(1), new Enrolled(YearMonth.from(rs.getDate(2).toLocalDate()), rs.getLong(3),
                    rs.getBoolean(4)));
        }, programCode);
        return found;
    }

    /** Every enrolment of those of {@code ids} enrolled anywhere: per recipient, per program (one query). */
    public Map<String, Map<String, Enrolled>> everywhere(String[] ids) {
        Map<String, Map<String, Enrolled>> found = new HashMap<>(ids.length * 2);
        ArrayQueries.query(jdbc, """
                SELECT recipient_id, program_code, effective_from, monthly_standard_fen, individual_standard
                FROM enrolment_index
                WHERE recipient_id = ANY (?)""", rs -> found.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                .put(rs.getString(2), new Enrolled(YearMonth.from(rs.getDate(3).toLocalDate()), rs.getLong(4),
                        rs.getBoolean(5))),
                (Object) ids);
        return found;
    }

    /** Those of {@code ids} enrolled anywhere, each with the names they are enrolled under (as recorded). */
    public Map<String, Set<String>> names(String[] ids) {
        Map<String, Set<String>> names = new HashMap<>();
        ArrayQueries.query(jdbc, "SELECT recipient_id, name FROM enrolment_index WHERE recipient_id = ANY (?)", rs -> {
            Set<String> set = names.computeIfAbsent(rs.getString(1), k -> new HashSet<>());
            if (rs.getString(2) != null) {
                set.add(rs.getString(2));
            }
        }, (Object) ids);
        return names;
    }

    /**
     * Those of {@code ids} enrolled anywhere, each with the names they are enrolled under as
     * {@link #normalisedName}s, for matching the names of a file (empty when none is known).
     */
    public Map<String, Set<String>> normalisedNames(String[] ids) {
        Map<String, Set<String>> names = new HashMap<>();
        names(ids).forEach((id, enrolled) -> {
            Set<String> set = new HashSet<>();
            enrolled.forEach(name -> set.add(normalisedName(name)));
            names.put(id, set);
        });
        return names;
    }

    /** A recipient as a comparison row is matched: the names enrolled under ({@link #normalisedName}s) and a region. */
    public record Person(Set<String> names, String region) {
    }

    /**
     * Those of {@code ids} enrolled (in {@code programCode}, or anywhere when it is {@code null}), each with their
     * names and the region of their latest enrolment (one query): whose office verifies a comparison's match.
     */
    public Map<String, Person> people(String[] ids, String programCode) {
        Map<String, Person> people = new HashMap<>();
        ArrayQueries.query(jdbc, """
                SELECT recipient_id, name, coalesce(region, '') FROM enrolment_index
                WHERE recipient_id = ANY (?) AND (CAST(? AS varchar) IS NULL OR program_code = ?)
                ORDER BY recipient_id, effective_from DESC, program_code""", rs -> {
            String region = rs.getString(3);
            Person person = people.computeIfAbsent(rs.getString(1), id -> new Person(new HashSet<>(), region));
            if (rs.getString(2) != null) {
                person.names().add(normalisedName(rs.getString(2)));
            }
        }, ids, programCode, programCode);
        return people;
    }

    /** A name as files are matched on: without any white space. */
    public static String normalisedName(String name) {
        return name == null ? "" : name.strip().replaceAll("\\s+", "");
    }

    /** The name each of the recipient's enrolments records, by program. */
    public Map<String, String> namesOf(String recipientId) {
        Map<String, String> names = new HashMap<>();
        jdbc.query("SELECT program_code, name FROM enrolment_index WHERE recipient_id = ?",
                rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                }, recipientId);
        return names;
    }

    /** The 行政区划 of each of the recipient's enrolments, by program. */
    public Map<String, String> regionsOf(String recipientId) {
        Map<String, String> regions = new HashMap<>();
        jdbc.query("SELECT program_code, region FROM enrolment_index WHERE recipient_id = ?",
                rs -> {
                    regions.put(rs.getString(1), rs.getString(2));
                }, recipientId);
        return regions;
    }

    /**
     * Those of {@code ids} enrolled somewhere but in none of the regions that start with one of {@code prefixes}
     * (one query): the recipients a user scoped to those regions may not act on.
     */
    public Set<String> outsideEverywhere(String[] ids, List<String> prefixes) {
        Set<String> outside = new HashSet<>();
        ArrayQueries.query(jdbc, """
                SELECT recipient_id FROM enrolment_index WHERE recipient_id = ANY (?)
                GROUP BY recipient_id HAVING NOT bool_or(coalesce(region, '') LIKE ANY (?))""",
                rs -> {
                    outside.add(rs.getString(1));
                }, ids, prefixes.stream().map(p -> p + "%").toArray(String[]::new));
        return outside;
    }

    /**
     * Those of {@code ids} enrolled in the program under a 行政区划 that starts with none of {@code prefixes}: the
     * recipients a user scoped to those regions may not act on (one query).
     */
    public Set<String> outside(String programCode, List<String> ids, List<String> prefixes) {
        Set<String> outside = new HashSet<>();
        ArrayQueries.query(jdbc, """
                SELECT recipient_id FROM enrolment_index
                WHERE program_code = ? AND recipient_id = ANY (?) AND NOT (coalesce(region, '') LIKE ANY (?))""",
                rs -> {
                    outside.add(rs.getString(1));
                }, programCode, ids.toArray(String[]::new),
                prefixes.stream().map(p -> p + "%").toArray(String[]::new));
        return outside;
    }

    /** The programs the recipient is enrolled in. */
    public List<String> programsOf(String recipientId) {
        return jdbc.queryForList("SELECT program_code FROM enrolment_index WHERE recipient_id = ?", String.class,
                recipientId);
    }

    /** The recipient's monthly standard in the program, if enrolled in it. */
    public OptionalLong standard(String programCode, String recipientId) {
        List<Long> found = jdbc.queryForList("""
                SELECT monthly_standard_fen FROM enrolment_index WHERE program_code = ? AND recipient_id = ?""",
                Long.class, programCode, recipientId);
        return found.isEmpty() ? OptionalLong.empty() : OptionalLong.of(found.get(0));
    }
}

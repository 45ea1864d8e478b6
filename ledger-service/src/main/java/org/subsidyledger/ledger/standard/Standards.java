package org.subsidyledger.ledger.standard;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.standard.Entitlement;
import org.subsidyledger.ledger.enrolment.Enrolments;
import org.subsidyledger.ledger.infrastructure.ArrayQueries;
import org.subsidyledger.ledger.program.Programs;

/**
 * What is due, as the ledger knows it now (rule 9): a program's {@link Entitlement} (its standard as created, its
 * program-wide changes and age supplements, from {@code standard_index} and the program registry) and each recipient's
 * own terms (enrolment and individual changes). Lookups of many recipients are one query each.
 */
@Component
public class Standards {

    private final JdbcTemplate jdbc;
    private final Programs programs;
    private final Enrolments enrolments;

    Standards(JdbcTemplate jdbc, Programs programs, Enrolments enrolments) {
        this.jdbc = jdbc;
        this.programs = programs;
        this.enrolments = enrolments;
    }

    /** The program's terms; 404 {@code UNKNOWN_PROGRAM} when there is no such program. */
    public Entitlement entitlement(String programCode) {
        Programs.Terms terms = programs.require(programCode);
        List<Entitlement.Change> changes = jdbc.query("""
                        SELECT from_month, standard_fen, recorded_order FROM standard_index
                        WHERE program_code = ? AND recipient_id IS NULL""",
                (rs, n) -> new Entitlement.Change(YearMonth.from(rs.getDate(1).toLocalDate()), rs.getLong(2),
                        rs.getLong(3)), programCode);
        return new Entitlement(terms.monthlyStandardFen(), changes, terms.ageSupplements());
    }

    /** The terms of those of {@code ids} enrolled in the program. */
    public Map<String, Entitlement.Individual> individuals(String programCode, List<String> ids) {
        return individuals(programCode, enrolments.inProgram(programCode, ids), ids.toArray(String[]::new));
    }

    /** The terms of every recipient enrolled in the program. */
    public Map<String, Entitlement.Individual> everyone(String programCode) {
        return individuals(programCode, enrolments.allInProgram(programCode), null);
    }

    /** The terms of the recipients whose enrolments in the program are given (looked up already). */
    public Map<String, Entitlement.Individual> individuals(String programCode,
                                                           Map<String, Enrolments.Enrolled> enrolled) {
        return individuals(programCode, enrolled, enrolled.keySet().toArray(String[]::new));
    }

    private Map<String, Entitlement.Individual> individuals(String programCode,
                                                            Map<String, Enrolments.Enrolled> enrolled, String[] ids) {
        Map<String, List<Entitlement.Change>> changes = new HashMap<>();
        ArrayQueries.RowAction row = rs -> changes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(new Entitlement.Change(YearMonth.from(rs.getDate(2).toLocalDate()), rs.getLong(3),
                        rs.getLong(4)));
        String sql = """
                SELECT recipient_id, from_month, standard_fen, recorded_order FROM standard_index
                WHERE program_code = ? AND recipient_id IS NOT NULL""";
        if (ids == null) {
            jdbc.query(sql, rs -> {
                row.accept(rs);
            }, programCode);
        } else {
            ArrayQueries.query(jdbc, sql + " AND recipient_id = ANY (?)", row, programCode, ids);
        }
        Map<String, Entitlement.Individual> found = new HashMap<>(enrolled.size() * 2);
        enrolled.forEach((id, enrolment) -> found.put(id, new Entitlement.Individual(Entitlement.birthDate(id),
                enrolment.individual() ? enrolment.standardFen() : null, enrolment.from(),
                changes.getOrDefault(id, List.of()))));
        return found;
    }
}

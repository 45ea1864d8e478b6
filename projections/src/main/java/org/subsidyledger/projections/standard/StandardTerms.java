package org.subsidyledger.projections.standard;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.program.AgeSupplement;
import org.subsidyledger.contract.standard.Entitlement;

/**
 * What was due as known at a moment (rule 9), from the read models: a program's {@link Entitlement} with the changes
 * recorded by then, and its recipients' own terms (enrolment and individual changes recorded by then) — the same
 * function the write side uses, fed what the ledger knew at the moment.
 */
@Component
public class StandardTerms {

    private final JdbcTemplate jdbc;

    public StandardTerms(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code program_view.age_supplements}: {@code age:分} pairs joined by {@code ;}. */
    public static String encode(List<AgeSupplement> supplements) {
        return String.join(";", supplements.stream().map(s -> s.fromAge() + ":" + s.amountFen()).toList());
    }

    static List<AgeSupplement> decode(String encoded) {
        List<AgeSupplement> supplements = new ArrayList<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split(";")) {
                String[] parts = pair.split(":");
                supplements.add(new AgeSupplement(Integer.parseInt(parts[0]), Long.parseLong(parts[1])));
            }
        }
        return supplements;
    }

    /** The program's terms as known at {@code at}; null when the program did not exist then. */
    public Entitlement program(String programCode, Instant at) {
        Timestamp when = Timestamp.from(at);
        List<Entitlement> found = jdbc.query("""
                        SELECT monthly_standard_fen, age_supplements FROM program_view
                        WHERE code = ? AND created_at <= ?""",
                (rs, n) -> new Entitlement(rs.getLong(1), changes(programCode, when), decode(rs.getString(2))),
                programCode, when);
        return found.isEmpty() ? null : found.get(0);
    }

    private List<Entitlement.Change> changes(String programCode, Timestamp at) {
        return jdbc.query("""
                        SELECT from_month, standard_fen, extract(epoch FROM recorded_at) * 1000000
                        FROM standard_change_view
                        WHERE program_code = ? AND recipient_id IS NULL AND recorded_at <= ?""",
                (rs, n) -> new Entitlement.Change(YearMonth.from(rs.getDate(1).toLocalDate()), rs.getLong(2),
                        rs.getLong(3)), programCode, at);
    }

    /** Whether anything but the standard as created can be due in the program as of {@code at}. */
    public boolean flat(String programCode, Entitlement program, Instant at) {
        return program.flat() && !Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM standard_change_view WHERE program_code = ? AND recorded_at <= ?)""",
                Boolean.class, programCode, Timestamp.from(at)));
    }

    /**
     * The own terms of the recipients of the program as of {@code at}: each one's individual standard if any and
     * individual changes recorded by then. {@code ids} null: every recipient enrolled by then.
     */
    public Map<String, Entitlement.Individual> recipients(String programCode, String[] ids, Instant at) {
        Timestamp when = Timestamp.from(at);
        Map<String, List<Entitlement.Change>> changes = new HashMap<>();
        jdbc.query("""
                        SELECT recipient_id, from_month, standard_fen, extract(epoch FROM recorded_at) * 1000000
                        FROM standard_change_view
                        WHERE program_code = ? AND recipient_id IS NOT NULL AND recorded_at <= ?""", rs -> {
            changes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Entitlement.Change(
                    YearMonth.from(rs.getDate(2).toLocalDate()), rs.getLong(3), rs.getLong(4)));
        }, programCode, when);
        Map<String, Entitlement.Individual> found = new HashMap<>();
        String sql = """
                SELECT recipient_id, effective_from, monthly_standard_fen, individual_standard FROM enrolment_view
                WHERE program_code = ? AND enrolled_at <= ?""";
        org.springframework.jdbc.core.RowCallbackHandler row = rs -> {
            String id = rs.getString(1);
            found.put(id, new Entitlement.Individual(Entitlement.birthDate(id),
                    rs.getBoolean(4) ? rs.getLong(3) : null, YearMonth.from(rs.getDate(2).toLocalDate()),
                    changes.getOrDefault(id, List.of())));
        };
        if (ids == null) {
            jdbc.query(sql, row, programCode, when);
        } else {
            jdbc.query(sql + " AND recipient_id = ANY (CAST(? AS bpchar[]))", row, programCode, when, ids);
        }
        return found;
    }
}

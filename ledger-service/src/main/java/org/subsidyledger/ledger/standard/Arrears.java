package org.subsidyledger.ledger.standard;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.ledger.infrastructure.ArrayQueries;

/**
 * What other features may ask about arrears, from the {@code arrear_index} this feature keeps: what has been made
 * owed for recipients' months (before what 补发 lines pay of it).
 */
@Component
public class Arrears {

    private final JdbcTemplate jdbc;

    Arrears(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The recipients whose month of the program was released from withholding into arrears (rule 10). */
    public java.util.Set<String> released(String programCode, YearMonth month) {
        return new java.util.HashSet<>(jdbc.queryForList("""
                SELECT DISTINCT recipient_id FROM arrear_index
                WHERE program_code = ? AND month = ? AND cause = 'WITHHOLDING_RELEASED'""", String.class, programCode,
                java.sql.Date.valueOf(month.atDay(1))));
    }

    /** The arrears recorded for the recipients' months of the program, by "recipient month", 分. */
    public Map<String, Long> owed(String programCode, List<String> ids) {
        Map<String, Long> owed = new HashMap<>();
        ArrayQueries.query(jdbc, """
                SELECT recipient_id, month, sum(difference_fen) FROM arrear_index
                WHERE program_code = ? AND recipient_id = ANY (?) GROUP BY 1, 2""",
                rs -> owed.put(rs.getString(1) + " " + YearMonth.from(rs.getDate(2).toLocalDate()), rs.getLong(3)),
                programCode, ids.toArray(String[]::new));
        return owed;
    }
}

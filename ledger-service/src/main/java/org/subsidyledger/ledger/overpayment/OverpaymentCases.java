package org.subsidyledger.ledger.overpayment;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the other features of the write side may ask about a case, from the {@code overpayment_case_index} this
 * feature keeps: whose case it is and in which program (to decide whether it lies within a user's region scope).
 */
@Component
public class OverpaymentCases {

    /**
     * The request attribute naming the cases (a {@code List<String>} of case ids) a request read in bulk — the cases
     * a bulk notice generation addressed — so that the access log records each.
     */
    public static final String CASES_READ = "org.subsidyledger.overpayment.casesRead";

    /** Whose case, in which program. */
    public record Subject(String recipientId, String programCode) {
    }

    private final JdbcTemplate jdbc;

    OverpaymentCases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Subject> subject(String caseId) {
        return jdbc.query("SELECT recipient_id, program_code FROM overpayment_case_index WHERE case_id = ?",
                (rs, n) -> new Subject(rs.getString(1), rs.getString(2)), caseId).stream().findFirst();
    }
}

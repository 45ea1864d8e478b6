package org.subsidyledger.projections.overpayment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A selection of the recovery ledger by the filters of {@code GET /overpayments} (program, status, cause, region,
 * recipient, aging), within the caller's region scope: the cases a bulk action — notices for many cases — addresses,
 * oldest first.
 */
@Component
public class LedgerSelection {

    private final JdbcClient jdbc;

    LedgerSelection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids of the selected cases that still have something outstanding, at most {@code limit + 1} of them. */
    public List<String> openCases(String program, String status, String cause, String region, String recipient,
                                  String aging, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        OverpaymentQueryController.filters(program, status, cause, region, recipient, aging, where, params);
        where.add("o.status IN ('OPEN', 'PARTIAL')");
        return jdbc.sql("""
                        SELECT o.case_id FROM overpayment_view o
                        LEFT JOIN enrolment_view e ON e.program_code = o.program_code AND e.recipient_id = o.recipient_id
                        WHERE """ + String.join(" AND ", where) + " ORDER BY o.identified_at, o.case_id LIMIT :limit")
                .params(params).param("limit", limit + 1).query(String.class).list();
    }
}

package org.subsidyledger.projections.overpayment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The ledger's selection for bulk actions, by the same filters as the list ({@code OverpaymentQueryController}). */
@Component
class OverpaymentSelection implements org.subsidyledger.projections.port.LedgerSelection {

    private final JdbcClient jdbc;

    OverpaymentSelection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> openCases(String program, String status, String cause, String region, String recipient,
                                  String aging, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        OverpaymentQueryController.filters(program, status, cause, region, recipient, aging, where, params);
        where.add("o.status IN ('OPEN', 'PARTIAL')");
        return jdbc.sql("""
                        SELECT o.case_id FROM overpayment_view o
                        LEFT JOIN enrolment_view e ON e.program_code = o.program_code AND e.recipient_id = o.recipient_id
                        """ + " WHERE " + String.join(" AND ", where) + " ORDER BY o.identified_at, o.case_id LIMIT :limit")
                .params(params).param("limit", limit + 1).query(String.class).list();
    }
}

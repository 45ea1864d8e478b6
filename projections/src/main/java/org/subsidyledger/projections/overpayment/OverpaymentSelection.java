package org.subsidyledger.projections.overpayment;

import java.util.List;
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
        LedgerQuery.Where where = LedgerQuery.where(LedgerQuery.Filter.of(program, status, cause, region, recipient,
                aging), org.subsidyledger.contract.value.BusinessDates.today()).and("o.status IN ('OPEN', 'PARTIAL')");
        return jdbc.sql("SELECT o.case_id" + LedgerQuery.FROM + where.clause()
                        + " ORDER BY o.identified_at, o.case_id LIMIT :limit")
                .params(where.params()).param("limit", limit + 1).query(String.class).list();
    }
}

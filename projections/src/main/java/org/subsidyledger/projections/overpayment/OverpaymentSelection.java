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
    public List<String> openCases(Filter f, int limit) {
        LedgerQuery.Where where = LedgerQuery.where(new LedgerQuery.Filter(f.program(), f.status(), f.cause(),
                        f.region(), f.recipient(), f.aging(), f.appealOpen(), f.noticeDelivered(),
                        f.instalmentsOverdue(), f.nextStep()), org.subsidyledger.contract.value.BusinessDates.today())
                .and("o.status IN ('OPEN', 'PARTIAL')");
        return jdbc.sql("SELECT o.case_id" + LedgerQuery.FROM + where.clause()
                        + " ORDER BY o.identified_at, o.case_id LIMIT :limit")
                .params(where.params()).param("limit", limit + 1).query(String.class).list();
    }
}

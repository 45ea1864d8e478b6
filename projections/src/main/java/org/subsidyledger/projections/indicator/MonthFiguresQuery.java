package org.subsidyledger.projections.indicator;

import java.sql.Date;
import java.time.YearMonth;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.program.MonthClosed;
import org.subsidyledger.contract.value.Money;
import org.subsidyledger.projections.port.MonthFigures;

/** The month figures of {@link IndicatorCalculator}'s current table, and the payments {@code batch_view} shows. */
@Component
class MonthFiguresQuery implements MonthFigures {

    private final IndicatorCalculator indicators;
    private final JdbcTemplate jdbc;

    MonthFiguresQuery(IndicatorCalculator indicators, JdbcTemplate jdbc) {
        this.indicators = indicators;
        this.jdbc = jdbc;
    }

    @Override
    public MonthClosed.Figures current(String program, YearMonth month) {
        return indicators.current(program, month.getYear()).months().stream()
                .filter(m -> m.month().equals(month.toString()) && m.closedAt() == null).findFirst()
                .map(m -> new MonthClosed.Figures(m.batches(), m.onTimeBatches(), m.linesSent(), m.linesReturned(),
                        m.payments(), m.fullPayments(), Money.parseYuan(m.spending()).fen()))
                .orElse(new MonthClosed.Figures(0, 0, 0, 0, 0, 0, 0));
    }

    @Override
    public long projectedPayments(String program, YearMonth month) {
        Long paid = jdbc.queryForObject("""
                SELECT coalesce(sum(paid_count), 0) FROM batch_view
                WHERE program_code = ? AND period = ? AND status = 'DISBURSED'""", Long.class, program,
                Date.valueOf(month.atDay(1)));
        return paid == null ? 0 : paid;
    }
}

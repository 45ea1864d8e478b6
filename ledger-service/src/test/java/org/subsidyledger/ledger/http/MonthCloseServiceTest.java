package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.program.MonthClosed;
import org.subsidyledger.ledger.batch.PayoutLines;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.program.MonthCloseService;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.ledger.security.Role;
import org.subsidyledger.projections.port.MonthFigures;

/**
 * The month-close service on the running application's database: what it refuses, that it waits for the read
 * models (here with a 300 ms limit) and seals what they then show.
 */
class MonthCloseServiceTest extends HttpTestBase {

    private static final Actor FINANCE = new Actor("finance", Role.FINANCE);

    @Autowired
    private MonthFigures figures;
    @Autowired
    private PayoutLines lines;
    @Autowired
    private AuditedCommands commands;
    @Autowired
    private EventProcessingConfiguration processing;

    private MonthCloseService service() {
        return new MonthCloseService(lines, figures, commands, Duration.ofMillis(300));
    }

    private static ErrorCode codeOf(Runnable action) {
        try {
            action.run();
        } catch (LedgerException e) {
            return e.code();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void refusesAMonthNotBegunAndAMonthWithABatchStillInTheWorkflow() {
        String code = newProgram("MCS");
        enrol(code, "2023-01", 7600);
        assertThat(codeOf(() -> service().close(code, YearMonth.now().plusMonths(2), null, FINANCE)))
                .isEqualTo(ErrorCode.INVALID_MONTH);
        String pending = post("clerk", batches(code, "2023-01"), lines(line(syntheticId(7600), "120.00")), null)
                .expect(201).json().get("batchId").asText();
        assertThatThrownBy(() -> service().close(code, YearMonth.of(2023, 1), null, FINANCE))
                .isInstanceOf(LedgerException.class).hasMessageContaining(pending)
                .matches(e -> ((LedgerException) e).code() == ErrorCode.MONTH_HAS_PENDING_BATCHES);
        assertThat(codeOf(() -> service().close("NO-SUCH-PROGRAM", YearMonth.of(2023, 1), null, FINANCE)))
                .isEqualTo(ErrorCode.UNKNOWN_PROGRAM);
    }

    @Test
    void waitsForTheReadModelsToShowEveryPaymentThenSealsWhatTheyShow() {
        String code = newProgram("MCS");
        enrol(code, "2023-01", 7700, 7701);
        StreamingEventProcessor batchView =
                processing.eventProcessor("batch-view", StreamingEventProcessor.class).orElseThrow();
        batchView.shutDown();
        try {
            payMonth(code, 1, List.of(syntheticId(7700), syntheticId(7701)));
            assertThat(codeOf(() -> service().close(code, YearMonth.of(2023, 1), "月结", FINANCE)))
                    .as("batch_view does not show the payments yet").isEqualTo(ErrorCode.FIGURES_BEHIND);
        } finally {
            batchView.start();
        }
        eventually(() -> figures.projectedPayments(code, YearMonth.of(2023, 1)) == 2);
        MonthClosed.Figures sealed = service().close(code, YearMonth.of(2023, 1), "月结", FINANCE);
        assertThat(sealed.payments()).isEqualTo(2);
        assertThat(sealed.spendingFen()).isEqualTo(24_000);
        assertThat(codeOf(() -> service().close(code, YearMonth.of(2023, 1), "again", FINANCE)))
                .isEqualTo(ErrorCode.MONTH_ALREADY_CLOSED);
    }
}

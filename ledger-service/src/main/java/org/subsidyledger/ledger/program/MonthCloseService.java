package org.subsidyledger.ledger.program;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.program.MonthClosed;
import org.subsidyledger.ledger.batch.PayoutLines;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.ledger.program.ProgramCommands.CloseMonth;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.projections.port.MonthFigures;

/**
 * Month close (月结): seals a month's payment figures in the program's {@code MonthClosed}. Refused for a month not
 * yet begun and while a batch of the month is still in the workflow (the write side's payout lines are
 * authoritative for that, {@link PayoutLines}). The figures come from the read models through {@link MonthFigures}, so it first waits
 * until they show every payment the write side knows of — at most {@code ledger.month-close.wait} (30 s), then
 * {@code 503 FIGURES_BEHIND}. The Program aggregate refuses a second close and one out of order.
 */
@Service
public class MonthCloseService {

    private final PayoutLines lines;
    private final MonthFigures figures;
    private final AuditedCommands commands;
    private final Duration wait;

    public MonthCloseService(PayoutLines lines, MonthFigures figures, AuditedCommands commands,
                             @Value("${ledger.month-close.wait:30s}") Duration wait) {
        this.lines = lines;
        this.figures = figures;
        this.commands = commands;
        this.wait = wait;
    }

    public MonthClosed.Figures close(String program, YearMonth month, String reason, Actor actor) {
        if (month.isAfter(YearMonth.now(BusinessDates.ZONE))) {
            throw new LedgerException(ErrorCode.INVALID_MONTH, month + " has not begun; it cannot be closed");
        }
        List<String> pending = lines.batchesInWorkflow(program, month);
        if (!pending.isEmpty()) {
            throw new LedgerException(ErrorCode.MONTH_HAS_PENDING_BATCHES, month + " has batches still in the "
                    + "workflow (" + String.join(", ", pending) + "): disburse or withdraw them first");
        }
        awaitProjectedPayments(program, month);
        MonthClosed.Figures sealed = figures.current(program, month);
        try {
            commands.send(new CloseMonth(program, month, sealed, reason), actor);
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(ErrorCode.UNKNOWN_PROGRAM, "program " + program + " does not exist");
        }
        return sealed;
    }

    private void awaitProjectedPayments(String program, YearMonth month) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long paid = lines.paid(program, month);
            long projected = figures.projectedPayments(program, month);
            if (paid == projected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LedgerException(ErrorCode.FIGURES_BEHIND, "the read models show " + projected + " of the "
                        + paid + " payments of " + program + " " + month + "; try again in a moment");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

package org.subsidyledger.ledger.program;

import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.program.MonthClosed;
import org.subsidyledger.contract.value.Money;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.contract.value.ProgramCode;
import org.subsidyledger.contract.value.Region;
import org.subsidyledger.ledger.idempotency.IdempotentRequests;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.program.ProgramCommands.CloseMonth;
import org.subsidyledger.ledger.program.ProgramCommands.CreateProgram;
import org.subsidyledger.ledger.program.ProgramCommands.RecordFundsReceived;
import org.subsidyledger.ledger.program.ProgramCommands.SetAnnualPlan;
import org.subsidyledger.ledger.security.CurrentActor;
import org.subsidyledger.ledger.security.Role;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.projections.indicator.IndicatorCalculator;

/**
 * Commands on programs: create, set the annual plan, record funds received, close a month. Reads are in the
 * projections.
 */
@RestController
@RequestMapping("/api/v1/programs")
class ProgramController {

    private final AuditedCommands commands;
    private final CurrentActor currentActor;
    private final IdempotentRequests idempotent;

    private final IndicatorCalculator indicators;
    private final JdbcTemplate jdbc;

    ProgramController(AuditedCommands commands, CurrentActor currentActor, IdempotentRequests idempotent,
                      IndicatorCalculator indicators, JdbcTemplate jdbc) {
        this.commands = commands;
        this.currentActor = currentActor;
        this.idempotent = idempotent;
        this.indicators = indicators;
        this.jdbc = jdbc;
    }

    /** Amounts in 元 as strings ({@code "120.00"}). */
    record CreateProgramRequest(String code, String name, String region, String monthlyStandard,
                                Integer deadlineDay, Integer reviewLevels) {
    }

    record AnnualPlanRequest(Long plannedRecipients, Integer plannedPayouts, String budget, String reason) {
    }

    /** {@code year} defaults to the year of {@code receivedOn}. */
    record FundsRequest(String amount, String receivedOn, String reference, Integer year) {
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Map<String, Object>> create(@RequestBody CreateProgramRequest request) {
        ProgramCode code = new ProgramCode(request.code());
        Region region = Region.parse(request.region());
        Money standard = Money.parsePositiveYuan(request.monthlyStandard());
        CreateProgram command = new CreateProgram(code.value(), request.name(), region.code(), standard.fen(),
                request.deadlineDay() == null ? 25 : request.deadlineDay(),
                request.reviewLevels() == null ? 3 : request.reviewLevels());
        try {
            commands.send(command, currentActor.actingAs(Role.ADMIN));
        } catch (AggregateStreamCreationException e) {
            throw new LedgerException(ErrorCode.PROGRAM_EXISTS, "program " + code + " already exists");
        }
        return ResponseEntity.created(URI.create("/api/v1/programs/" + code)).body(Map.of("code", code.value()));
    }

    @PutMapping("/{code}/plans/{year}")
    @PreAuthorize("hasAnyRole('ADMIN', 'FINANCE')")
    Map<String, Object> setPlan(@PathVariable String code, @PathVariable int year,
                                @RequestBody AnnualPlanRequest request) {
        if (request.plannedRecipients() == null || request.plannedPayouts() == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "plannedRecipients and plannedPayouts are required");
        }
        Money budget = Money.parseYuan(request.budget());
        onExistingProgram(code, () -> commands.send(new SetAnnualPlan(code, year, request.plannedRecipients(),
                request.plannedPayouts(), budget.fen(), request.reason()), currentActor.actingAs(Role.FINANCE, Role.ADMIN)));
        return Map.of("program", code, "year", year);
    }

    @PostMapping("/{code}/funds")
    @PreAuthorize("hasRole('FINANCE')")
    ResponseEntity<String> recordFunds(@PathVariable String code, @RequestBody FundsRequest request,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Money amount = Money.parsePositiveYuan(request.amount());
        LocalDate receivedOn = Periods.parseDate(request.receivedOn());
        int year = request.year() == null ? receivedOn.getYear() : request.year();
        return idempotent.run("funds:" + code, key, request, () -> {
            String trancheId = UUID.randomUUID().toString();
            onExistingProgram(code, () -> commands.send(new RecordFundsReceived(code, trancheId, year, amount.fen(),
                    receivedOn, request.reference()), currentActor.actingAs(Role.FINANCE)));
            return new IdempotentRequests.Response(201, Map.of("trancheId", trancheId, "program", code,
                    "year", year, "amount", amount.toString()));
        });
    }

    record CloseMonthRequest(String reason) {
    }

    /**
     * Closes a month (月结): seals its payment figures as the indicator table gives them now. Refused while a batch
     * of the month is still in the workflow, for a month not yet begun, twice, or out of order.
     */
    @PostMapping("/{code}/months/{month}/close")
    @PreAuthorize("hasAnyRole('FINANCE', 'ADMIN')")
    ResponseEntity<Map<String, Object>> closeMonth(@PathVariable String code, @PathVariable String month,
                                                   @RequestBody(required = false) CloseMonthRequest request) {
        YearMonth closing = Periods.parseMonth(month);
        if (closing.isAfter(YearMonth.now(ZoneId.of("Asia/Shanghai")))) {
            throw new LedgerException(ErrorCode.INVALID_MONTH, closing + " has not begun; it cannot be closed");
        }
        java.sql.Date period = java.sql.Date.valueOf(closing.atDay(1));
        // The write side's line states: authoritative, unlike the read models.
        List<String> pending = jdbc.queryForList("""
                SELECT DISTINCT batch_id FROM payout_line_index
                WHERE program_code = ? AND period = ? AND state = 'PENDING' ORDER BY batch_id""", String.class,
                code, period);
        if (!pending.isEmpty()) {
            throw new LedgerException(ErrorCode.MONTH_HAS_PENDING_BATCHES, closing + " has batches still in the "
                    + "workflow (" + String.join(", ", pending) + "): disburse or withdraw them first");
        }
        awaitProjectedPayments(code, period);
        IndicatorCalculator.Month figures = indicators.current(code, closing.getYear()).months().stream()
                .filter(m -> m.month().equals(closing.toString()) && m.closedAt() == null).findFirst()
                .orElse(null);
        MonthClosed.Figures sealed = figures == null ? new MonthClosed.Figures(0, 0, 0, 0, 0, 0, 0)
                : new MonthClosed.Figures(figures.batches(), figures.onTimeBatches(), figures.linesSent(),
                figures.linesReturned(), figures.payments(), figures.fullPayments(),
                Money.parseYuan(figures.spending()).fen());
        onExistingProgram(code, () -> commands.send(new CloseMonth(code, closing, sealed,
                request == null ? null : request.reason()), currentActor.actingAs(Role.FINANCE, Role.ADMIN)));
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("program", code);
        answer.put("month", closing.toString());
        answer.put("figures", figures == null ? new IndicatorCalculator.Month(closing.toString(), 0, 0, 0, 0, 0, 0,
                "0.00", null, null) : figures);
        return ResponseEntity.status(201).body(answer);
    }

    /**
     * Waits until the read models show every payment of the month the write side knows of, so that the figures sealed
     * are the month's; 503 {@code FIGURES_BEHIND} after 30 s.
     */
    private void awaitProjectedPayments(String code, java.sql.Date period) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            long paid = jdbc.queryForObject("""
                    SELECT count(*) FROM payout_line_index WHERE program_code = ? AND period = ? AND state = 'PAID'""",
                    Long.class, code, period);
            long projected = jdbc.queryForObject("""
                    SELECT coalesce(sum(paid_count), 0) FROM batch_view
                    WHERE program_code = ? AND period = ? AND status = 'DISBURSED'""", Long.class, code, period);
            if (paid == projected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LedgerException(ErrorCode.FIGURES_BEHIND, "the read models show " + projected + " of the "
                        + paid + " payments of " + code + " " + YearMonth.from(period.toLocalDate())
                        + "; try again in a moment");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void onExistingProgram(String code, Runnable action) {
        try {
            action.run();
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(ErrorCode.UNKNOWN_PROGRAM, "program " + code + " does not exist");
        }
    }
}

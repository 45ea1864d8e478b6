package org.subsidyledger.ledger.program;

import java.util.List;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Service;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.value.Money;
import org.subsidyledger.contract.value.ProgramCode;
import org.subsidyledger.contract.value.Region;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.program.ProgramCommands.CreateProgram;
import org.subsidyledger.ledger.program.ProgramCommands.RecordFundsReceived;
import org.subsidyledger.ledger.program.ProgramCommands.SetAnnualPlan;
import org.subsidyledger.ledger.security.Actor;

/**
 * Creating a program, setting its annual plan and recording funds received: what {@code /api/v1/programs} does,
 * for the API and for anything else that records on a user's behalf (the demo data). Values arrive as the API takes
 * them and are checked here; the caller has resolved the actor.
 */
@Service
public class ProgramService {

    private final AuditedCommands commands;
    private final ReviewLevelPolicy reviewLevels;

    ProgramService(AuditedCommands commands, ReviewLevelPolicy reviewLevels) {
        this.commands = commands;
        this.reviewLevels = reviewLevels;
    }

    /**
     * Creates a program; {@code deadlineDay} defaults to 25 and {@code levels} to the region's required levels.
     * {@code reviewLevelsApproval}: the ADMIN's reason for fewer levels than required, or null. Answers the code.
     */
    public ProgramCode create(String code, String name, String region, String monthlyStandard, Integer deadlineDay,
                              Integer levels, String reviewLevelsApproval, Actor actor) {
        return create(code, name, region, monthlyStandard, deadlineDay, levels, reviewLevelsApproval, List.of(), null,
                actor);
    }

    /**
     * Also with age supplements (age → amount in 元) and how often recipients certify ({@code certificationMonths},
     * null or 0: never).
     */
    public ProgramCode create(String code, String name, String region, String monthlyStandard, Integer deadlineDay,
                              Integer levels, String reviewLevelsApproval,
                              List<java.util.Map.Entry<Integer, String>> ageSupplements, Integer certificationMonths,
                              Actor actor) {
        List<org.subsidyledger.contract.program.AgeSupplement> supplements = new java.util.ArrayList<>();
        for (java.util.Map.Entry<Integer, String> supplement : ageSupplements) {
            if (supplement.getKey() == null) {
                throw new LedgerException(ErrorCode.INVALID_AGE_SUPPLEMENT, "an age supplement needs fromAge");
            }
            supplements.add(new org.subsidyledger.contract.program.AgeSupplement(supplement.getKey(),
                    Money.parsePositiveYuan(supplement.getValue()).fen()));
        }
        ProgramCode program = new ProgramCode(code);
        Region area = Region.parse(region);
        if (!org.subsidyledger.projections.port.AccessScope.current().coversAllOf(area.code())) {
            throw new LedgerException(ErrorCode.OUT_OF_SCOPE, "行政区划 " + area.code()
                    + " is not wholly within your region scope (不在您的管辖区域内)");
        }
        Money standard = Money.parsePositiveYuan(monthlyStandard);
        int required = reviewLevels.requiredFor(area.code());
        CreateProgram command = new CreateProgram(program.value(), name, area.code(), standard.fen(),
                deadlineDay == null ? 25 : deadlineDay, levels == null ? required : levels, required,
                reviewLevelsApproval, supplements, certificationMonths == null ? 0 : certificationMonths);
        try {
            commands.send(command, actor);
        } catch (AggregateStreamCreationException e) {
            throw new LedgerException(ErrorCode.PROGRAM_EXISTS, "program " + program + " already exists");
        }
        return program;
    }

    /** Sets or revises the plan of {@code year}; {@code budget} in 元. */
    public void setPlan(String code, int year, Long plannedRecipients, Integer plannedPayouts, String budget,
                        String reason, Actor actor) {
        if (plannedRecipients == null || plannedPayouts == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "plannedRecipients and plannedPayouts are required");
        }
        Money amount = Money.parseYuan(budget);
        onExistingProgram(code, () -> commands.send(new SetAnnualPlan(code, year, plannedRecipients, plannedPayouts,
                amount.fen(), reason), actor));
    }

    /** Records a tranche of funds received for {@code year}; answers the tranche's id. */
    public String recordFunds(String code, int year, Money amount, LocalDate receivedOn, String reference,
                              Actor actor) {
        String trancheId = UUID.randomUUID().toString();
        onExistingProgram(code, () -> commands.send(new RecordFundsReceived(code, trancheId, year, amount.fen(),
                receivedOn, reference), actor));
        return trancheId;
    }

    private static void onExistingProgram(String code, Runnable action) {
        try {
            action.run();
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(ErrorCode.UNKNOWN_PROGRAM, "program " + code + " does not exist");
        }
    }
}

package org.subsidyledger.ledger.standard;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.standard.Entitlement;
import org.subsidyledger.contract.standard.StandardChanged;
import org.subsidyledger.contract.value.Money;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.infrastructure.DirectlyWrittenIndex;
import org.subsidyledger.ledger.security.Actor;

/**
 * Changes standards (rule 9): records the change ({@link StandardChange}), indexes it in {@code standard_index} and
 * records the arrears and overpayments it makes ({@link ArrearService}), all in the caller's transaction.
 */
@Service
public class StandardService implements DirectlyWrittenIndex {

    /** A change recorded and what it made. */
    public record Changed(String changeId, StandardChanged change, ArrearService.Outcome outcome) {
    }

    private final JdbcTemplate jdbc;
    private final AuditedCommands commands;
    private final Standards standards;
    private final ArrearService arrears;

    StandardService(JdbcTemplate jdbc, AuditedCommands commands, Standards standards, ArrearService arrears) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.standards = standards;
        this.arrears = arrears;
    }

    /**
     * Changes the program's standard from {@code from} on ({@code monthlyStandard} in 元), or, with a
     * {@code recipientId}, that recipient's own standard in the program.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Changed change(String programCode, String recipientId, YearMonth from, String monthlyStandard,
                          String reason, Actor actor) {
        Entitlement before = standards.entitlement(programCode);
        long fen = Money.parsePositiveYuan(monthlyStandard).fen();
        Map<String, Entitlement.Individual> individuals = recipientId == null ? standards.everyone(programCode)
                : standards.individuals(programCode, List.of(recipientId));
        Entitlement.Individual own = null;
        if (recipientId != null) {
            Entitlement.Individual terms = individuals.get(recipientId);
            if (terms == null) {
                throw new LedgerException(ErrorCode.NOT_ENROLLED, "recipient " + recipientId + " is not enrolled in "
                        + programCode);
            }
            long programStandard = before.programStandard(from);
            if (fen > programStandard) {
                throw new LedgerException(ErrorCode.STANDARD_ABOVE_PROGRAM, "个人月标准 " + Money.ofFen(fen)
                        + " 高于项目标准 " + Money.ofFen(programStandard) + "：an individual standard above the "
                        + "program's is not accepted");
            }
            List<Entitlement.Change> changes = new ArrayList<>(terms.changes());
            changes.add(new Entitlement.Change(from, fen, Long.MAX_VALUE));
            own = new Entitlement.Individual(terms.birthDate(), terms.enrolledStandardFen(), terms.enrolledFrom(),
                    changes);
        }
        String changeId = UUID.randomUUID().toString();
        commands.send(new StandardChange.ChangeStandard(changeId, programCode, recipientId, from, fen, reason), actor);
        StandardChanged change = new StandardChanged(changeId, programCode, recipientId, from, fen,
                reason == null ? "" : reason.strip());
        index(change);
        Entitlement after = before;
        if (recipientId == null) {
            List<Entitlement.Change> changes = new ArrayList<>(before.programChanges());
            changes.add(new Entitlement.Change(from, fen, Long.MAX_VALUE));
            after = new Entitlement(before.programStandardFen(), changes, before.supplements());
        }
        return new Changed(changeId, change, arrears.afterChange(change, before, after, individuals, own, actor));
    }

    private void index(StandardChanged change) {
        jdbc.update("""
                INSERT INTO standard_index (change_id, program_code, recipient_id, from_month, standard_fen)
                VALUES (?, ?, ?, ?, ?)""", change.changeId(), change.programCode(), change.recipientId(),
                Date.valueOf(change.from().atDay(1)), change.monthlyStandardFen());
    }

    /** {@code standard_index} is written here; a rebuild writes it again from each {@link StandardChanged}. */
    @Override
    public List<String> tables() {
        return List.of("standard_index");
    }

    @Override
    public Consumer<EventMessage<?>> rebuilder() {
        return message -> {
            if (message.getPayload() instanceof StandardChanged change) {
                index(change);
            }
        };
    }
}

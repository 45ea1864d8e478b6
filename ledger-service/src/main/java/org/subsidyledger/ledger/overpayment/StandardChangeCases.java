package org.subsidyledger.ledger.overpayment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.NotDueMonths;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.contract.overpayment.OverpaymentIdentified;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.infrastructure.BulkEventAppender;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.IdentifyOverpayment;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.ledger.standard.StandardChangeOverpayments;

/**
 * Opens the cases of a retroactive decrease (cause {@code STANDARD_CHANGE}, rule 9): one per recipient, its months
 * each with the part of the payment no longer due. Built by the aggregate's own {@link Overpayment#identified} and
 * appended in bulk like the detector's; indexed with their cause and without whole-payment claims, so the detector
 * never cancels them and a later fact can still overpay the rest of the payment.
 */
@Component
class StandardChangeCases implements StandardChangeOverpayments {

    private final OverpaymentIndexUpdater index;
    private final BulkEventAppender appender;

    StandardChangeCases(OverpaymentIndexUpdater index, BulkEventAppender appender) {
        this.index = index;
        this.appender = appender;
    }

    @Override
    public int open(String changeId, String programCode, String description, List<Overpaid> months, Actor actor) {
        Map<String, List<OverpaidMonth>> byRecipient = new LinkedHashMap<>();
        for (Overpaid overpaid : months) {
            var account = overpaid.month();
            byRecipient.computeIfAbsent(account.recipientId(), k -> new ArrayList<>()).add(new OverpaidMonth(
                    account.month(), account.batchId(), account.line(), overpaid.differenceFen(),
                    account.paidEventId()));
        }
        List<OverpaymentIdentified> events = new ArrayList<>();
        byRecipient.forEach((recipientId, overpaidMonths) -> events.add(Overpayment.identified(new IdentifyOverpayment(
                UUID.randomUUID().toString(), recipientId, programCode, changeId, FactKind.STANDARD_CHANGE,
                NotDueMonths.ruleOf(FactKind.STANDARD_CHANGE), description, overpaidMonths, BusinessDates.today()))));
        index.identified(events);
        var metaData = AuditedCommands.metaDataOf(actor);
        appender.append(events.stream().map(event -> new GenericDomainEventMessage<>("Overpayment", event.caseId(), 0,
                event, metaData)).toList());
        return events.size();
    }
}

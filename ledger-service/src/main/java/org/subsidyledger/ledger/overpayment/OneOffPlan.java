package org.subsidyledger.ledger.overpayment;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.NotDueMonths;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.ledger.batch.PayoutLines.OneOff;
import org.subsidyledger.ledger.fact.ActiveFacts.Death;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.IdentifyOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentPlan.Adjustment;
import org.subsidyledger.ledger.overpayment.OverpaymentPlan.CaseKey;
import org.subsidyledger.ledger.overpayment.OverpaymentPlan.OpenCase;

/**
 * Which paid one-off lines (rule 13) are overpaid, and so which {@code DUPLICATE_ONE_OFF} cases to open, adjust or
 * cancel, decided from what {@link OverpaymentDetector} loaded and nothing else:
 * <ul>
 *   <li>a funeral grant (丧葬补助金) paid while the recipient has no active death — the death it was paid on was
 *       retracted — is not due: its case's cause is that death ({@code factId} the retracted death's fact id, rule
 *       {@value #GRANT_WITHOUT_DEATH});</li>
 *   <li>of a kind paid more than once to a recipient, in any programs, every payment after the first disbursed is a
 *       duplicate: its case's cause is the first payment ({@code factId} derived from its batch and recipient, rule
 *       {@code ONE_OFF_AT_MOST_ONCE}).</li>
 * </ul>
 * One case per cause and program. A one-off line is never a monthly payment, so these cases and the life-fact cases
 * never claim the same payment.
 */
final class OneOffPlan {

    /** The rule applied to a funeral grant whose death was retracted. */
    static final String GRANT_WITHOUT_DEATH = "FUNERAL_GRANT_WITHOUT_DEATH";

    private static final String FUNERAL_GRANT = "FUNERAL_GRANT";

    private record Rule(String code, String description) {
    }

    private OneOffPlan() {
    }

    /**
     * @param paid    each recipient's paid one-off lines, in the order they were disbursed
     * @param deaths  each recipient's death: the active one, or the one retracted last
     * @param cases   each recipient's open {@code DUPLICATE_ONE_OFF} cases with the payments they claim
     * @param settled {@code batchId/recipientId} of payments held by a case an inspector cancelled: left alone
     */
    static OverpaymentPlan.Plan plan(String[] ids, Map<String, List<OneOff>> paid, Map<String, Death> deaths,
                                     Map<String, List<OpenCase>> cases, Set<String> settled, LocalDate today,
                                     Supplier<String> caseIds) {
        List<OpenCase> cancellations = new ArrayList<>();
        List<Adjustment> adjustments = new ArrayList<>();
        List<IdentifyOverpayment> identifications = new ArrayList<>();
        for (String recipientId : ids) {
            Death death = deaths.get(recipientId);
            Map<CaseKey, List<OverpaidMonth>> desired = new LinkedHashMap<>();
            Map<String, Rule> rules = new HashMap<>();
            Map<String, OneOff> first = new HashMap<>();
            for (OneOff line : paid.getOrDefault(recipientId, List.of())) {
                if (settled.contains(line.batchId() + "/" + recipientId)) {
                    continue;
                }
                String cause;
                if (line.benefit().equals(FUNERAL_GRANT) && (death == null || !death.active())) {
                    cause = death == null ? causeOf(line) : death.factId();
                    rules.put(cause, new Rule(GRANT_WITHOUT_DEATH, "丧葬补助金须有死亡登记: the death "
                            + (death == null ? "" : death.factId() + " ") + "the funeral grant was paid on is "
                            + "retracted, the grant is not due"));
                } else if (first.putIfAbsent(line.benefit(), line) != null) {
                    OneOff original = first.get(line.benefit());
                    cause = causeOf(original);
                    rules.put(cause, new Rule(NotDueMonths.ruleOf(FactKind.DUPLICATE_ONE_OFF), "一次性待遇每人限领一次: "
                            + line.benefit() + " was first paid by batch " + original.batchId() + " of "
                            + original.programCode() + "; every later payment of it is a duplicate"));
                } else {
                    continue;
                }
                desired.computeIfAbsent(new CaseKey(cause, line.programCode()), k -> new ArrayList<>())
                        .add(new OverpaidMonth(line.period(), line.batchId(), line.line(), line.amountFen(),
                                line.paidEventId()));
            }
            OverpaymentPlan.settle(desired, cases.getOrDefault(recipientId, List.of()), cancellations, adjustments,
                    (key, months) -> identifications.add(new IdentifyOverpayment(caseIds.get(), recipientId,
                            key.programCode(), key.factId(), FactKind.DUPLICATE_ONE_OFF,
                            rules.get(key.factId()).code(), rules.get(key.factId()).description(), months, today)));
        }
        return new OverpaymentPlan.Plan(List.of(), cancellations, adjustments, identifications, Map.of());
    }

    /**
     * A stable id (36 characters, as a fact's) for a cause that is a payment: the same line gives the same id, so a
     * second run finds the case the first opened.
     */
    static String causeOf(OneOff line) {
        return UUID.nameUUIDFromBytes(("one-off " + line.batchId() + "/" + line.recipientId())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}

package org.subsidyledger.ledger.overpayment;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.subsidyledger.contract.batch.BatchLinesStopped;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.NotDueMonths;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.ledger.batch.LineStopService;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.IdentifyOverpayment;

/**
 * What {@link OverpaymentDetector} must do for some recipients, decided from what it loaded and nothing else (no
 * database, no clock, no random ids: the day and the case ids are given): which pending lines to stop, which paid
 * lines are overpaid and by which fact, and so which cases to open, adjust or cancel. A payment is attributed to one
 * fact — the one whose case already claims it if that fact still covers the month, otherwise the earliest recorded.
 */
final class OverpaymentPlan {

    /** {@code withheld}: the fact withholds its months (rule 10): it stops pending lines but overpays no payment. */
    record Fact(String factId, String recipientId, String programCode, NotDueMonths months, FactKind kind,
                LocalDate from, LocalDate to, long order, boolean withheld) {

        Fact(String factId, String recipientId, String programCode, NotDueMonths months, FactKind kind,
             LocalDate from, LocalDate to, long order) {
            this(factId, recipientId, programCode, months, kind, from, to, order, false);
        }

        boolean covers(String program, YearMonth period) {
            return (programCode == null || programCode.equals(program)) && months.contains(period);
        }
    }

    /** {@code settling}: a 补发 line, paying {@code period}'s arrears. */
    record Line(String batchId, String programCode, YearMonth period, String recipientId, int line,
                long amountFen, boolean paid, String paidEventId, boolean settling) {

        Line(String batchId, String programCode, YearMonth period, String recipientId, int line, long amountFen,
             boolean paid, String paidEventId) {
            this(batchId, programCode, period, recipientId, line, amountFen, paid, paidEventId, false);
        }

        OverpaidMonth overpaid() {
            return new OverpaidMonth(period, batchId, line, amountFen, paidEventId);
        }
    }

    /** A case not cancelled, with its cause and the payments it claims by batch. */
    record OpenCase(String caseId, String recipientId, String programCode, String factId, FactKind cause,
                    Map<String, OverpaidMonth> months) {
    }

    record CaseKey(String factId, String programCode) {
    }

    record Adjustment(OpenCase openCase, List<OverpaidMonth> added, List<OverpaidMonth> removed) {
    }

    /**
     * @param stops           pending lines to stop, one group per batch and fact
     * @param cancellations   open cases left with no overpaid payment
     * @param adjustments     open cases whose payments change
     * @param identifications new cases, one per fact and program
     * @param factsById       the facts loaded, by id
     */
    record Plan(Collection<LineStopService.Stop> stops, List<OpenCase> cancellations, List<Adjustment> adjustments,
                List<IdentifyOverpayment> identifications, Map<String, Fact> factsById) {
    }

    private OverpaymentPlan() {
    }

    /**
     * Brings one recipient's open cases in line with the payments each cause and program should claim
     * ({@code desired}, emptied): a case left with none is cancelled, a case whose payments differ is adjusted, and
     * what no case claims yet is handed to {@code open} in month order.
     */
    static void settle(Map<CaseKey, List<OverpaidMonth>> desired, List<OpenCase> openCases,
                       List<OpenCase> cancellations, List<Adjustment> adjustments,
                       BiConsumer<CaseKey, List<OverpaidMonth>> open) {
        for (OpenCase openCase : openCases) {
            List<OverpaidMonth> wanted = desired.remove(new CaseKey(openCase.factId(), openCase.programCode()));
            if (wanted == null || wanted.isEmpty()) {
                cancellations.add(openCase);
                continue;
            }
            Map<String, OverpaidMonth> wantedByBatch = new LinkedHashMap<>();
            wanted.forEach(m -> wantedByBatch.put(m.batchId(), m));
            List<OverpaidMonth> added = wanted.stream()
                    .filter(m -> !openCase.months().containsKey(m.batchId())).toList();
            List<OverpaidMonth> removed = openCase.months().values().stream()
                    .filter(m -> !wantedByBatch.containsKey(m.batchId())).toList();
            if (!added.isEmpty() || !removed.isEmpty()) {
                adjustments.add(new Adjustment(openCase, added, removed));
            }
        }
        desired.forEach((key, months) -> {
            months.sort(Comparator.comparing(OverpaidMonth::period));
            open.accept(key, months);
        });
        desired.clear();
    }

    /**
     * @param facts   each recipient's active facts, earliest recorded first
     * @param lines   each recipient's pending and paid, unreturned lines
     * @param cases   each recipient's open cases with the payments they claim
     * @param settled {@code batchId/recipientId} of payments already recovered or written off: left alone
     */
    static Plan plan(String[] ids, Map<String, List<Fact>> facts, Map<String, List<Line>> lines,
                     Map<String, List<OpenCase>> cases, Set<String> settled, LocalDate today,
                     Supplier<String> caseIds) {
        Map<String, LineStopService.Stop> stopsByBatchAndFact = new LinkedHashMap<>();
        List<OpenCase> cancellations = new ArrayList<>();
        List<Adjustment> adjustments = new ArrayList<>();
        List<IdentifyOverpayment> identifications = new ArrayList<>();
        Map<String, Fact> factsById = new HashMap<>();
        for (String recipientId : ids) {
            List<Fact> recipientFacts = facts.getOrDefault(recipientId, List.of());
            List<OpenCase> recipientCases = cases.getOrDefault(recipientId, List.of());
            recipientFacts.forEach(f -> factsById.put(f.factId(), f));
            Map<String, OpenCase> claims = new HashMap<>();
            recipientCases.forEach(c -> c.months().keySet().forEach(batch -> claims.put(batch, c)));

            Map<CaseKey, List<OverpaidMonth>> desired = new LinkedHashMap<>();
            for (Line line : lines.getOrDefault(recipientId, List.of())) {
                List<Fact> covering = recipientFacts.stream()
                        .filter(f -> f.covers(line.programCode(), line.period())).toList();
                if (covering.isEmpty() || settled.contains(line.batchId() + "/" + recipientId)) {
                    continue;
                }
                if (line.settling() && covering.stream().allMatch(Fact::withheld)) {
                    continue; // a 补发 line pays a withheld month's arrears: the withholding is what it settles
                }
                if (!line.paid()) {
                    Fact first = covering.stream().filter(f -> !f.withheld()).findFirst().orElse(covering.get(0));
                    stopsByBatchAndFact.computeIfAbsent(line.batchId() + "/" + first.factId(),
                                    key -> new LineStopService.Stop(line.batchId(), first.factId(), first.kind(),
                                            new ArrayList<>()))
                            .lines().add(new BatchLinesStopped.Stopped(line.line(), recipientId, line.amountFen()));
                    continue;
                }
                covering = covering.stream().filter(f -> !f.withheld()).toList();
                if (covering.isEmpty()) {
                    continue; // a withheld month is due: what was paid for it is no overpayment
                }
                OpenCase claimant = claims.get(line.batchId());
                Fact chosen = claimant != null && claimant.programCode().equals(line.programCode())
                        ? covering.stream().filter(f -> f.factId().equals(claimant.factId())).findFirst()
                        .orElse(covering.get(0))
                        : covering.get(0);
                desired.computeIfAbsent(new CaseKey(chosen.factId(), line.programCode()), k -> new ArrayList<>())
                        .add(line.overpaid());
            }
            settle(desired, recipientCases, cancellations, adjustments, (key, months) -> {
                Fact fact = factsById.get(key.factId());
                identifications.add(new IdentifyOverpayment(caseIds.get(), recipientId,
                        key.programCode(), fact.factId(), fact.kind(), NotDueMonths.ruleOf(fact.kind()),
                        NotDueMonths.describe(fact.kind(), fact.from(), fact.to()), months, today));
            });
        }
        return new Plan(List.copyOf(stopsByBatchAndFact.values()), cancellations, adjustments, identifications,
                factsById);
    }
}

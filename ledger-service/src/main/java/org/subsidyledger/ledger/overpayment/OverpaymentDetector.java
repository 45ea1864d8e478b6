package org.subsidyledger.ledger.overpayment;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.subsidyledger.contract.batch.BatchLinesStopped;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.NotDueMonths;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.contract.overpayment.OverpaymentIdentified;
import org.subsidyledger.ledger.batch.LineStopService;
import org.subsidyledger.ledger.batch.PaymentsReturnedListener;
import org.subsidyledger.ledger.batch.PayoutLines;
import org.subsidyledger.ledger.fact.ActiveFacts;
import org.subsidyledger.ledger.infrastructure.ArrayQueries;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.infrastructure.BulkEventAppender;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.AdjustOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.CancelOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.IdentifyOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentPlan.Adjustment;
import org.subsidyledger.ledger.overpayment.OverpaymentPlan.Fact;
import org.subsidyledger.ledger.overpayment.OverpaymentPlan.Line;
import org.subsidyledger.ledger.overpayment.OverpaymentPlan.OpenCase;
import org.subsidyledger.ledger.security.Actor;

/**
 * Brings recipients' overpayment cases in line with what the ledger knows (rule 6, docs/rules.md). Called in the transaction that
 * records, ends, corrects or retracts a fact, or records a bank return, for the recipients concerned; it reads, for
 * all of them at once, their active facts ({@link ActiveFacts}), their pending and paid lines
 * ({@link PayoutLines}, locked) and the payments their open cases claim, and then:
 * <ul>
 *   <li>stops every pending line in a month that is not due (one {@code BatchLinesStopped} per batch and fact);</li>
 *   <li>attributes every paid, unreturned line in a month that is not due to one fact — the one whose case already
 *       claims it if that fact still covers the month, otherwise the earliest recorded — so a payment is overpaid
 *       once however many facts cover it;</li>
 *   <li>opens a case per fact and program with new overpaid payments ({@code OverpaymentIdentified}), adjusts a case
 *       whose payments changed ({@code OverpaymentAdjusted}: added and removed months) and cancels a case left with
 *       none ({@code OverpaymentCancelled}).</li>
 * </ul>
 * Paid one-off lines (rule 13) are reconciled alongside, by {@link OneOffPlan}, into {@code DUPLICATE_ONE_OFF} cases:
 * a funeral grant whose death was retracted, a kind paid twice.
 * Running it twice changes nothing the second time: that is what makes recording the same fact twice harmless.
 */
@Service
public class OverpaymentDetector implements PaymentsReturnedListener {

    private static final Logger log = LoggerFactory.getLogger(OverpaymentDetector.class);

    /** What a case went through: IDENTIFIED, ADJUSTED or CANCELLED, and its payments and amount after it. */
    public record CaseChange(String caseId, String recipientId, String programCode, String factId, FactKind cause,
                             String change, List<YearMonth> months, long amountFen) {
    }

    /** What reconciling did. */
    public record Result(int stoppedLines, List<CaseChange> changes) {

        public long overpaidFen(String change) {
            return changes.stream().filter(c -> c.change().equals(change)).mapToLong(CaseChange::amountFen).sum();
        }
    }

    private static final String AGGREGATE_TYPE = "Overpayment";

    private final JdbcTemplate jdbc;
    private final ActiveFacts activeFacts;
    private final PayoutLines payoutLines;
    private final AuditedCommands commands;
    private final LineStopService stops;
    private final BulkEventAppender appender;
    private final OverpaymentIndexUpdater index;

    OverpaymentDetector(JdbcTemplate jdbc, ActiveFacts activeFacts, PayoutLines payoutLines,
                        AuditedCommands commands, LineStopService stops, BulkEventAppender appender,
                        OverpaymentIndexUpdater index) {
        this.jdbc = jdbc;
        this.activeFacts = activeFacts;
        this.payoutLines = payoutLines;
        this.commands = commands;
        this.stops = stops;
        this.appender = appender;
        this.index = index;
    }

    /** Only recipients whose returned payment is claimed by a case are reconciled. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void returned(String batchId, List<String> recipientIds, Actor actor) {
        List<String> claimed = new ArrayList<>();
        ArrayQueries.query(jdbc, """
                        SELECT recipient_id FROM overpaid_payment_index WHERE batch_id = ? AND recipient_id = ANY (?)""",
                rs -> claimed.add(rs.getString(1)), batchId, recipientIds.toArray(String[]::new));
        reconcile(claimed, "payment of batch " + batchId + " returned by the bank", actor);
    }

    /**
     * @param reason why the cases of these recipients may change, for adjustments and cancellations
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Result reconcile(Collection<String> recipientIds, String reason, Actor actor) {
        if (recipientIds.isEmpty()) {
            return new Result(0, List.of());
        }
        long started = System.nanoTime();
        String[] ids = new HashSet<>(recipientIds).toArray(String[]::new);
        Map<String, List<Fact>> facts = facts(ids);
        Map<String, List<Line>> lines = lines(ids);
        Set<String> settled = new HashSet<>();
        Map<String, List<OpenCase>> oneOffCases = new HashMap<>();
        Map<String, List<OpenCase>> cases = openCases(ids, settled, oneOffCases);
        Map<String, List<PayoutLines.OneOff>> oneOffs = payoutLines.paidOneOffsLocked(ids);
        Map<String, ActiveFacts.Death> deaths = oneOffs.isEmpty() ? Map.of() : activeFacts.deathsOf(ids);
        long loaded = System.nanoTime();

        OverpaymentPlan.Plan monthly = OverpaymentPlan.plan(ids, facts, lines, cases, settled, BusinessDates.today(),
                () -> UUID.randomUUID().toString());
        OverpaymentPlan.Plan oneOff = OneOffPlan.plan(ids, oneOffs, deaths, oneOffCases, settled,
                BusinessDates.today(), () -> UUID.randomUUID().toString());
        OverpaymentPlan.Plan plan = new OverpaymentPlan.Plan(monthly.stops(),
                concat(monthly.cancellations(), oneOff.cancellations()),
                concat(monthly.adjustments(), oneOff.adjustments()),
                concat(monthly.identifications(), oneOff.identifications()), monthly.factsById());
        Map<String, Fact> factsById = plan.factsById();
        long planned = System.nanoTime();

        List<CaseChange> changes = new ArrayList<>();
        int stopped = 0;
        for (LineStopService.Stop stop : plan.stops()) {
            stops.stop(stop, actor);
            stopped += stop.lines().size();
        }
        for (OpenCase openCase : plan.cancellations()) {
            commands.send(new CancelOverpayment(openCase.caseId(), reason, true), actor);
            changes.add(change(openCase, "CANCELLED", openCase.months().values(), factsById));
        }
        for (Adjustment adjustment : inClaimOrder(plan.adjustments())) {
            commands.send(new AdjustOverpayment(adjustment.openCase().caseId(), adjustment.added(),
                    adjustment.removed(), reason), actor);
            Map<String, OverpaidMonth> after = new LinkedHashMap<>(adjustment.openCase().months());
            adjustment.removed().forEach(m -> after.remove(m.batchId()));
            adjustment.added().forEach(m -> after.put(m.batchId(), m));
            changes.add(change(adjustment.openCase(), "ADJUSTED", after.values(), factsById));
        }
        List<OverpaymentIdentified> opened = new ArrayList<>(plan.identifications().size());
        for (IdentifyOverpayment identify : plan.identifications()) {
            OverpaymentIdentified event = Overpayment.identified(identify);
            opened.add(event);
            changes.add(new CaseChange(event.caseId(), event.recipientId(), event.programCode(), event.factId(),
                    event.cause(), "IDENTIFIED", event.months().stream().map(OverpaidMonth::period).toList(),
                    event.amountFen()));
        }
        open(opened, actor);
        log.info("Reconciled {} recipient(s): {} line(s) stopped, {} case(s) opened, {} adjusted, {} cancelled; "
                        + "load {} ms, plan {} ms, record {} ms", ids.length, stopped, plan.identifications().size(),
                plan.adjustments().size(), plan.cancellations().size(), (loaded - started) / 1_000_000,
                (planned - loaded) / 1_000_000, (System.nanoTime() - planned) / 1_000_000);
        return new Result(stopped, changes);
    }

    /**
     * New cases are the first events of new {@link Overpayment} aggregates, built by the aggregate's own
     * {@link Overpayment#identified}: appended with one {@code COPY} and indexed with JDBC batches, the same events
     * and rows as one command each — a death comparison opens thousands at once.
     */
    private void open(List<OverpaymentIdentified> cases, Actor actor) {
        if (cases.isEmpty()) {
            return;
        }
        index.identified(cases);
        MetaData metaData = AuditedCommands.metaDataOf(actor);
        appender.append(cases.stream().map(event -> new GenericDomainEventMessage<>(AGGREGATE_TYPE, event.caseId(),
                0, event, metaData)).toList());
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static CaseChange change(OpenCase openCase, String change, Collection<OverpaidMonth> months,
                                     Map<String, Fact> factsById) {
        Fact fact = factsById.get(openCase.factId());
        return new CaseChange(openCase.caseId(), openCase.recipientId(), openCase.programCode(), openCase.factId(),
                openCase.cause() != null ? openCase.cause() : fact == null ? null : fact.kind(), change,
                months.stream().map(OverpaidMonth::period).sorted().toList(),
                months.stream().mapToLong(OverpaidMonth::amountFen).sum());
    }

    /**
     * Adjustments that release payments go before those that claim them, so that a payment moving from one case to
     * another is never claimed twice at one moment.
     */
    private static List<Adjustment> inClaimOrder(List<Adjustment> adjustments) {
        List<Adjustment> pending = new ArrayList<>(adjustments);
        List<Adjustment> ordered = new ArrayList<>(adjustments.size());
        while (!pending.isEmpty()) {
            Set<String> stillClaimed = new HashSet<>();
            for (Adjustment adjustment : pending) {
                adjustment.removed().forEach(m -> stillClaimed.add(m.batchId() + "/"
                        + adjustment.openCase().recipientId()));
            }
            List<Adjustment> ready = pending.stream().filter(a -> a.added().stream()
                    .noneMatch(m -> stillClaimed.contains(m.batchId() + "/" + a.openCase().recipientId()))).toList();
            if (ready.isEmpty()) {
                throw new IllegalStateException("overpaid payments would move between cases in a cycle");
            }
            ordered.addAll(ready);
            pending.removeAll(ready);
        }
        return ordered;
    }

    /** The recipients' active facts, as the plan reads them. */
    private Map<String, List<Fact>> facts(String[] ids) {
        Map<String, List<Fact>> facts = new HashMap<>();
        activeFacts.of(ids).forEach((recipient, list) -> facts.put(recipient, list.stream()
                .map(f -> new Fact(f.factId(), f.recipientId(), f.programCode(), f.months(), f.kind(), f.from(),
                        f.to(), f.recordedOrder(), f.withheld())).toList()));
        return facts;
    }

    /** Pending and paid lines, locked so that a disbursement or return cannot change them under us. */
    private Map<String, List<Line>> lines(String[] ids) {
        Map<String, List<Line>> lines = new HashMap<>();
        payoutLines.lockedOf(ids).forEach((recipient, list) -> lines.put(recipient, list.stream()
                .map(l -> new Line(l.batchId(), l.programCode(), l.period(), l.recipientId(), l.line(), l.amountFen(),
                        l.paid(), l.paidEventId(), l.settling())).toList()));
        return lines;
    }

    /**
     * The cases not cancelled that {@code factId} is the cause of: while there is one, retracting or correcting the
     * fact takes a second person (docs/rules.md, segregation of duties).
     */
    public List<String> liveCasesOf(String factId) {
        return jdbc.queryForList("""
                SELECT case_id FROM overpayment_case_index WHERE fact_id = ? AND NOT cancelled
                ORDER BY case_id""", String.class, factId);
    }

    /**
     * The open cases of the recipients caused by life facts; their {@code DUPLICATE_ONE_OFF} cases go to
     * {@code oneOff} (rule 13, {@link OneOffPlan}: their cause is no fact that could stop covering them). {@code settled}
     * receives "batch/recipient" of every payment that a case cancelled by an inspector still holds: such a payment
     * is left alone.
     */
    private Map<String, List<OpenCase>> openCases(String[] ids, Set<String> settled,
                                                  Map<String, List<OpenCase>> oneOff) {
        Map<String, OpenCase> byId = new LinkedHashMap<>();
        query("""
                SELECT case_id, recipient_id, program_code, fact_id, cause FROM overpayment_case_index
                WHERE recipient_id = ANY (?) AND NOT cancelled AND coalesce(cause, '') <> 'STANDARD_CHANGE'
                ORDER BY case_id
                FOR UPDATE""", ids, rs -> byId.put(rs.getString(1), new OpenCase(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5) == null ? null : FactKind.valueOf(rs.getString(5)),
                new LinkedHashMap<>())));
        query("""
                SELECT case_id, batch_id, period, line, amount_fen, payment_event_id, recipient_id
                FROM overpaid_payment_index WHERE recipient_id = ANY (?)""", ids, rs -> {
            OpenCase openCase = byId.get(rs.getString(1));
            if (openCase != null) {
                openCase.months().put(rs.getString(2), new OverpaidMonth(month(rs.getDate(3)), rs.getString(2),
                        rs.getInt(4), rs.getLong(5), rs.getString(6)));
            } else {
                settled.add(rs.getString(2) + "/" + rs.getString(7));
            }
        });
        Map<String, List<OpenCase>> cases = new HashMap<>();
        byId.values().forEach(c -> (c.cause() == FactKind.DUPLICATE_ONE_OFF ? oneOff : cases)
                .computeIfAbsent(c.recipientId(), k -> new ArrayList<>()).add(c));
        return cases;
    }

    private void query(String sql, String[] ids, ArrayQueries.RowAction row) {
        ArrayQueries.query(jdbc, sql, row, (Object) ids);
    }

    private static YearMonth month(Date date) {
        return YearMonth.from(date.toLocalDate());
    }
}

package org.subsidyledger.ledger.standard;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.subsidyledger.contract.standard.ArrearsRecorded;
import org.subsidyledger.contract.standard.Entitlement;
import org.subsidyledger.contract.standard.StandardChanged;
import org.subsidyledger.ledger.batch.PayoutLines;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.infrastructure.BulkEventAppender;
import org.subsidyledger.ledger.infrastructure.DirectlyWrittenIndex;
import org.subsidyledger.ledger.security.Actor;

/**
 * Records arrears (rule 9): after a standard change, every month already paid (or owed) whose due amount the change
 * raised becomes an arrear of the difference; one whose due amount it lowered first gives back its open arrears and
 * then, for what was paid beyond the new due amount, an overpayment {@code STANDARD_CHANGE}. The months are streamed
 * from the payout lines and the arrears already recorded, compared with {@link Entitlement} before and after the
 * change, written to {@code arrear_index} with one {@code COPY} and appended as parts of {@link ArrearsRecorded} in
 * the change's stream — a program-wide change over 300k recipients and six paid months is one transaction.
 *
 * <p>Also records the arrears of months released from withholding (rule 10), given by the caller.
 */
@Service
public class ArrearService implements DirectlyWrittenIndex {

    private static final Logger log = LoggerFactory.getLogger(ArrearService.class);
    static final String AGGREGATE_TYPE = "StandardChange";
    static final String RELEASE_AGGREGATE_TYPE = "ArrearRelease";

    /** What a change did: arrears recorded (months, 分), open arrears taken back, overpayment cases opened. */
    public record Outcome(long arrearMonths, long arrearFen, long takenBackFen, int overpaymentCases,
                          long overpaidFen) {
    }

    /** A month owed: what is due, what was paid or owed before, the difference. */
    public record Owed(String recipientId, YearMonth month, long dueFen, long paidFen, long differenceFen) {
    }

    private final JdbcTemplate jdbc;
    private final PayoutLines lines;
    private final BulkEventAppender appender;
    private final StandardChangeOverpayments overpayments;
    private final org.subsidyledger.ledger.fact.ActiveFacts facts;

    ArrearService(JdbcTemplate jdbc, PayoutLines lines, BulkEventAppender appender,
                  StandardChangeOverpayments overpayments, org.subsidyledger.ledger.fact.ActiveFacts facts) {
        this.facts = facts;
        this.jdbc = jdbc;
        this.lines = lines;
        this.appender = appender;
        this.overpayments = overpayments;
    }

    /**
     * The arrears and overpayments of a change just recorded (sequence 0 of its stream).
     *
     * @param before      the program's terms before the change
     * @param after       the program's terms with it
     * @param individuals the recipients' terms before the change (all of the program's, or the one concerned)
     * @param changed     for an individual change, the recipient's terms with it; else null
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome afterChange(StandardChanged change, Entitlement before, Entitlement after,
                               Map<String, Entitlement.Individual> individuals, Entitlement.Individual changed,
                               Actor actor) {
        long started = System.nanoTime();
        Map<String, Long> owed = owedSums(change.programCode(), change.from(), change.recipientId());
        List<ArrearsRecorded.Arrear> arrears = new ArrayList<>();
        List<StandardChangeOverpayments.Overpaid> overpaid = new ArrayList<>();
        long[] takenBack = new long[1];
        java.util.Set<String> seen = new java.util.HashSet<>();
        // A month a fact makes not due (a death, an imprisonment…) is due nothing whatever the standard: its payment is
        // the fact's overpayment already, and a change owes nothing for it. Withheld months stay due (rule 10).
        Map<YearMonth, java.util.Set<String>> notDue = new java.util.HashMap<>();
        java.util.function.Consumer<PayoutLines.MonthAccount> judge = account -> {
            Entitlement.Individual terms = individuals.get(account.recipientId());
            if (terms == null || notDue.computeIfAbsent(account.month(),
                    month -> notDueIn(change.programCode(), month))
                    .contains(account.recipientId())) {
                return;
            }
            long oldDue = before.due(terms, account.month());
            long newDue = changed != null ? after.due(changed, account.month()) : after.due(terms, account.month());
            if (oldDue == newDue) {
                return;
            }
            long owedBefore = 0;
            if (!owed.isEmpty()) {
                String key = account.recipientId() + " " + account.month();
                Long found = owed.get(key);
                if (found != null) {
                    owedBefore = found;
                    seen.add(key);
                }
            }
            long accounted = account.monthlyFen() + owedBefore;
            if (newDue > oldDue) {
                long difference = newDue - Math.max(accounted, oldDue);
                if (difference > 0) {
                    arrears.add(new ArrearsRecorded.Arrear(account.recipientId(), account.month(), newDue, accounted,
                            difference));
                }
                return;
            }
            long excess = accounted - newDue;
            if (excess <= 0) {
                return;
            }
            long open = Math.max(0, owedBefore - account.settlingFen());
            long giveBack = Math.min(excess, open);
            if (giveBack > 0) {
                arrears.add(new ArrearsRecorded.Arrear(account.recipientId(), account.month(), newDue, accounted,
                        -giveBack));
                takenBack[0] += giveBack;
            }
            long over = Math.min(excess - giveBack, oldDue - newDue);
            if (over > 0 && account.paidMonthly()) {
                overpaid.add(new StandardChangeOverpayments.Overpaid(account, Math.min(over, account.monthlyFen()),
                        newDue));
            }
        };
        lines.monthAccounts(change.programCode(), change.from(), change.recipientId(), judge);
        // Months owed with no line at all (released from withholding, not yet paid by 补发): their arrears follow the
        // change too.
        owed.forEach((key, fen) -> {
            if (!seen.contains(key)) {
                String[] parts = key.split(" ");
                judge.accept(new PayoutLines.MonthAccount(parts[0], YearMonth.parse(parts[1]), 0, false, null, 0, null,
                        0));
            }
        });
        long computed = System.nanoTime();
        record(change.changeId(), 1, AGGREGATE_TYPE, change.programCode(), "STANDARD_CHANGE", change.changeId(),
                arrears, actor);
        int cases = overpaid.isEmpty() ? 0 : overpayments.open(change.changeId(), change.programCode(),
                describe(change), overpaid, actor);
        long positive = arrears.stream().filter(a -> a.differenceFen() > 0).mapToLong(ArrearsRecorded.Arrear::differenceFen)
                .sum();
        log.info("Standard change {} of {} from {}: {} arrear month(s), {} case(s) opened; compute {} ms, record {} ms",
                change.changeId(), change.programCode(), change.from(), arrears.size(), cases,
                (computed - started) / 1_000_000, (System.nanoTime() - computed) / 1_000_000);
        return new Outcome(arrears.stream().filter(a -> a.differenceFen() > 0).count(), positive, takenBack[0], cases,
                overpaid.stream().mapToLong(StandardChangeOverpayments.Overpaid::differenceFen).sum());
    }

    /** The months one cause released from withholding in one program (rule 10). */
    public record Release(String programCode, String causeRef, List<Owed> months) {
    }

    /**
     * Records the arrears of months released from withholding (rule 10) in a stream of their own; answers its id,
     * or null when there is nothing to record.
     *
     * @param causeRef the fact or certification that ended the withholding
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String released(String programCode, String causeRef, List<Owed> months, Actor actor) {
        return releasedAll(List.of(new Release(programCode, causeRef, months)), actor).get(0);
    }

    /**
     * Records many releases at once — a certification file's — each in a stream of its own, with one {@code COPY}
     * into {@code arrear_index} and one append for all of them; answers each release's stream id (null when it had
     * nothing to record), in order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<String> releasedAll(List<Release> releases, Actor actor) {
        List<String> ids = new ArrayList<>(releases.size());
        List<Recorded> recorded = new ArrayList<>();
        for (Release release : releases) {
            if (release.months().isEmpty()) {
                ids.add(null);
                continue;
            }
            String sourceId = java.util.UUID.randomUUID().toString();
            ids.add(sourceId);
            recorded.add(new Recorded(sourceId, 0, RELEASE_AGGREGATE_TYPE, release.programCode(),
                    "WITHHOLDING_RELEASED", release.causeRef(), release.months().stream()
                    .map(m -> new ArrearsRecorded.Arrear(m.recipientId(), m.month(), m.dueFen(), m.paidFen(),
                            m.differenceFen())).toList()));
        }
        record(recorded, actor);
        return java.util.Collections.unmodifiableList(ids);
    }

    static String describe(StandardChanged change) {
        return "调标: " + (change.recipientId() == null ? "program standard" : "individual standard") + " "
                + org.subsidyledger.contract.value.Money.ofFen(change.monthlyStandardFen()) + " from "
                + change.from() + " (" + change.reason() + "); the difference paid beyond it is overpaid";
    }

    /** The arrears recorded so far, by "recipient month". */
    /** The recipients a fact makes not due in the program's month (not those only withheld). */
    private java.util.Set<String> notDueIn(String programCode, YearMonth month) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        facts.notDueIn(programCode, month).forEach((id, cause) -> {
            if (!cause.withheld()) {
                ids.add(id);
            }
        });
        return ids;
    }

    private Map<String, Long> owedSums(String programCode, YearMonth from, String recipientId) {
        Map<String, Long> sums = new HashMap<>();
        String sql = """
                SELECT recipient_id, month, sum(difference_fen) FROM arrear_index
                WHERE program_code = ? AND month >= ?""" + (recipientId == null ? "" : " AND recipient_id = ?")
                + " GROUP BY 1, 2";
        Object[] parameters = recipientId == null ? new Object[]{programCode, Date.valueOf(from.atDay(1))}
                : new Object[]{programCode, Date.valueOf(from.atDay(1)), recipientId};
        jdbc.query(sql, rs -> {
            sums.put(rs.getString(1) + " " + YearMonth.from(rs.getDate(2).toLocalDate()), rs.getLong(3));
        }, parameters);
        return sums;
    }

    /** Arrears to record in one stream, from {@code firstSequence} on, in parts of at most MAX_PART_SIZE. */
    private record Recorded(String sourceId, int firstSequence, String aggregateType, String programCode, String cause,
                            String causeRef, List<ArrearsRecorded.Arrear> arrears) {
    }

    private void record(String sourceId, int firstSequence, String aggregateType, String programCode, String cause,
                        String causeRef, List<ArrearsRecorded.Arrear> arrears, Actor actor) {
        if (!arrears.isEmpty()) {
            record(List.of(new Recorded(sourceId, firstSequence, aggregateType, programCode, cause, causeRef,
                    arrears)), actor);
        }
    }

    private void record(List<Recorded> streams, Actor actor) {
        if (streams.isEmpty()) {
            return;
        }
        index(streams);
        MetaData metaData = AuditedCommands.metaDataOf(actor);
        List<GenericDomainEventMessage<ArrearsRecorded>> events = new ArrayList<>();
        for (Recorded stream : streams) {
            List<ArrearsRecorded.Arrear> arrears = stream.arrears();
            for (int part = 0; part * ArrearsRecorded.MAX_PART_SIZE < arrears.size(); part++) {
                List<ArrearsRecorded.Arrear> slice = arrears.subList(part * ArrearsRecorded.MAX_PART_SIZE,
                        Math.min(arrears.size(), (part + 1) * ArrearsRecorded.MAX_PART_SIZE));
                events.add(new GenericDomainEventMessage<>(stream.aggregateType(), stream.sourceId(),
                        stream.firstSequence() + part, new ArrearsRecorded(stream.sourceId(), stream.programCode(),
                        stream.cause(), stream.causeRef(), part, slice), metaData));
            }
        }
        appender.append(events);
    }

    /** One {@code COPY} of the arrears of every stream given into {@code arrear_index}, in buffers of about 1 MB. */
    private void index(List<Recorded> parts) {
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            org.postgresql.copy.CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY arrear_index (source_id, program_code, recipient_id, month, due_fen, paid_fen,
                                       difference_fen, cause) FROM STDIN""");
            try {
                StringBuilder rows = new StringBuilder(1 << 20);
                for (Recorded part : parts) {
                    String prefix = part.sourceId() + '\t' + part.programCode() + '\t';
                    for (ArrearsRecorded.Arrear arrear : part.arrears()) {
                        rows.append(prefix).append(arrear.recipientId()).append('\t').append(arrear.month())
                                .append("-01\t").append(arrear.dueFen()).append('\t').append(arrear.paidFen())
                                .append('\t').append(arrear.differenceFen()).append('\t').append(part.cause())
                                .append('\n');
                        if (rows.length() > (1 << 20) - 200) {
                            byte[] bytes = rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                            copy.writeToCopy(bytes, 0, bytes.length);
                            rows.setLength(0);
                        }
                    }
                }
                byte[] bytes = rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                return copy.endCopy();
            } catch (java.sql.SQLException | RuntimeException e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                throw e;
            }
        });
    }

    /** {@code arrear_index} is written here; a rebuild writes it again from each {@link ArrearsRecorded}. */
    @Override
    public List<String> tables() {
        return List.of("arrear_index");
    }

    @Override
    public Consumer<EventMessage<?>> rebuilder() {
        return message -> {
            if (message.getPayload() instanceof ArrearsRecorded recorded) {
                index(List.of(new Recorded(recorded.sourceId(), recorded.part(), null, recorded.programCode(),
                        recorded.cause(), recorded.causeRef(), recorded.arrears())));
            }
        };
    }
}

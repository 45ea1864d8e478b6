package org.subsidyledger.ledger.batch;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.subsidyledger.ledger.tabular.CellProblem;
import org.subsidyledger.contract.batch.BatchLinesRecorded;
import org.subsidyledger.contract.batch.BatchLinesRecorded.Mark;
import org.subsidyledger.contract.standard.Entitlement;
import org.subsidyledger.contract.value.Money;
import org.subsidyledger.contract.value.RecipientId;
import org.subsidyledger.ledger.enrolment.Enrolments;
import org.subsidyledger.ledger.fact.ActiveFacts;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.program.Programs;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.error.RowsRejectedException;

/**
 * Posts a payout batch (rule 4, docs/rules.md). Every line is checked against what the ledger knows, with set-wise queries on the
 * write-side indexes rather than one aggregate per recipient: ID and amount, enrolment for the month, months not due
 * ({@code not_due_index}), and lines already paid or pending for the month ({@code payout_line_index}). The accepted
 * lines are then written to {@code payout_line_index} and appended as one {@link Batch} aggregate — a
 * {@code BatchPosted} and its line parts — in the caller's transaction: all of them or none.
 *
 * <p>Two clerks posting overlapping batches at the same moment both pass the checks; the partial unique index on
 * {@code payout_line_index} then makes the second wait for the first and fail, and the caller retries, this time
 * seeing the first batch's lines.
 */
@Service
public class BatchPostingService implements org.subsidyledger.ledger.infrastructure.DirectlyWrittenIndex {

    private static final Logger log = LoggerFactory.getLogger(BatchPostingService.class);
    private static final int MAX_NAME_LENGTH = 100;

    /** What a post did: the batch and its accepted lines, and every rejected line. */
    public record Outcome(String batchId, int accepted, long acceptedTotalFen, int shortCount, int overCount,
                          List<LineProblem> rejected) {
    }

    private final JdbcTemplate jdbc;
    private final AuditedCommands commands;
    private final Programs programs;
    private final Enrolments enrolments;
    private final ActiveFacts facts;
    private final SettlingLines settlingLines;
    private final org.subsidyledger.ledger.standard.Standards standards;
    private final org.subsidyledger.ledger.certification.Certifications certifications;
    private final org.subsidyledger.ledger.standard.Arrears arrears;
    private final OneOffLines oneOffLines;
    private final org.subsidyledger.ledger.verification.Suspects suspects;

    private final io.micrometer.core.instrument.Timer postDuration;
    private final io.micrometer.core.instrument.DistributionSummary acceptedLines;
    private final io.micrometer.core.instrument.DistributionSummary rejectedLines;

    BatchPostingService(JdbcTemplate jdbc, AuditedCommands commands, Programs programs, Enrolments enrolments,
                        ActiveFacts facts, SettlingLines settlingLines, OneOffLines oneOffLines,
                        org.subsidyledger.ledger.standard.Standards standards,
                        org.subsidyledger.ledger.certification.Certifications certifications,
                        org.subsidyledger.ledger.standard.Arrears arrears,
                        org.subsidyledger.ledger.verification.Suspects suspects,
                        io.micrometer.core.instrument.MeterRegistry meters) {
        this.arrears = arrears;
        this.suspects = suspects;
        this.certifications = certifications;
        this.standards = standards;
        this.settlingLines = settlingLines;
        this.oneOffLines = oneOffLines;
        this.jdbc = jdbc;
        this.commands = commands;
        this.programs = programs;
        this.enrolments = enrolments;
        this.facts = facts;
        this.postDuration = io.micrometer.core.instrument.Timer.builder("ledger.batch.post")
                .description("time to check and record a posted batch (before commit)").register(meters);
        this.acceptedLines = io.micrometer.core.instrument.DistributionSummary.builder("ledger.batch.lines")
                .tag("outcome", "accepted").baseUnit("lines").description("lines of a posted batch").register(meters);
        this.rejectedLines = io.micrometer.core.instrument.DistributionSummary.builder("ledger.batch.lines")
                .tag("outcome", "rejected").baseUnit("lines").description("lines of a posted batch").register(meters);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome post(String programCode, YearMonth period, String source, String fileSha256,
                        List<BatchLineCandidate> candidates, Actor actor) {
        long started = System.nanoTime();
        org.subsidyledger.ledger.infrastructure.Progress.report("CHECK");
        Programs.Terms program = programs.require(programCode);
        List<LineProblem> rejected = new ArrayList<>();
        List<BatchLinesRecorded.Line> checked = new ArrayList<>(candidates.size());
        Map<String, Integer> firstLine = new HashMap<>(candidates.size() * 2);
        Map<String, String> firstBenefit = new HashMap<>();
        for (BatchLineCandidate candidate : candidates) {
            try {
                CellProblem.raise(candidate.problem());
                String id = RecipientId.parse(candidate.recipientId()).value();
                String name = requireName(candidate.name());
                if (candidate.amount() == null || candidate.amount().isBlank()) {
                    throw new LedgerException(ErrorCode.MISSING_VALUE, "the amount is missing");
                }
                long amount = Money.parsePositiveYuan(candidate.amount()).fen();
                YearMonth settles = settlesMonth(candidate, period);
                String benefit = benefit(candidate, settles);
                Integer earlier = firstLine.putIfAbsent(id, candidate.line());
                if (earlier != null) {
                    boolean sameOneOff = benefit != null && benefit.equals(firstBenefit.get(id));
                    rejected.add(new LineProblem(candidate.line(), candidate.recipientId(),
                            (sameOneOff ? ErrorCode.DUPLICATE_ONE_OFF : ErrorCode.DUPLICATE_IN_FILE).name(),
                            "recipient " + id + " is already on line " + earlier + " of this batch"
                            + (sameOneOff ? " with " + benefit + " (一次性待遇每人限领一次)" : "")));
                    continue;
                }
                if (benefit != null) {
                    firstBenefit.put(id, benefit);
                }
                checked.add(new BatchLinesRecorded.Line(candidate.line(), id, name, amount, 0, Mark.FULL, settles,
                        benefit));
            } catch (LedgerException e) { // invalid values among them
                rejected.add(new LineProblem(candidate.line(), candidate.recipientId(), e.code().name(),
                        e.getMessage()));
            }
        }
        long validated = System.nanoTime();
        List<String> ids = checked.stream().map(BatchLinesRecorded.Line::recipientId).toList();
        Map<String, Enrolments.Enrolled> enrolled = enrolments.inProgram(programCode, ids);
        Entitlement entitlement = standards.entitlement(programCode);
        Map<String, Entitlement.Individual> individuals = standards.individuals(programCode, enrolled);
        Map<String, String> notDue = notDue(programCode, period, ids);
        // Rule 11: a recipient whose certification is overdue at the month's start is withheld (未认证).
        certifications.withheld(programCode, period, ids).forEach((id, since) -> notDue.putIfAbsent(id,
                "WITHHELD QUALIFICATION_NOT_CONFIRMED (生存认证逾期, withheld since " + since + ")"));
        Map<String, String> existing = existingLines(programCode, period, ids);
        java.util.Set<String> released = arrears.released(programCode, period);
        // Rule 12: an open suspected fact (两上两下 verification) holds the months it would make not due.
        Map<String, org.subsidyledger.ledger.verification.Suspects.Hold> held = suspects.held(programCode, period);
        org.subsidyledger.projections.port.AccessScope scope = org.subsidyledger.projections.port.AccessScope.current();
        java.util.Set<String> outside = scope.scoped() ? enrolments.outside(programCode, ids, scope.regions())
                : java.util.Set.of();
        long looked = System.nanoTime();

        List<BatchLinesRecorded.Line> accepted = new ArrayList<>(checked.size());
        List<BatchLinesRecorded.Line> settling = new ArrayList<>();
        List<BatchLinesRecorded.Line> oneOff = new ArrayList<>();
        for (BatchLinesRecorded.Line line : checked) {
            String id = line.recipientId();
            Enrolments.Enrolled enrolment = enrolled.get(id);
            YearMonth dueMonth = line.settlesMonth() == null ? period : line.settlesMonth();
            if (enrolment == null || (line.benefit() == null && enrolment.from().isAfter(dueMonth))) {
                rejected.add(new LineProblem(line.line(), id, ErrorCode.NOT_ENROLLED.name(), enrolment == null
                        ? "recipient " + id + " is not enrolled in " + programCode
                        : "recipient " + id + " is enrolled in " + programCode + " only from " + enrolment.from()));
            } else if (outside.contains(id)) {
                rejected.add(new LineProblem(line.line(), id, ErrorCode.OUT_OF_SCOPE.name(),
                        "recipient " + id + " is registered outside your region scope (不在您的管辖区域内)"));
            } else if (line.benefit() == null && held(held, programCode, id, dueMonth, period) != null) {
                rejected.add(new LineProblem(line.line(), id, ErrorCode.SUSPECTED.name(), "recipient " + id + "'s "
                        + dueMonth + " is held until the region verifies a "
                        + held(held, programCode, id, dueMonth, period).describe()));
            } else if (line.settlesMonth() != null) {
                settling.add(line);
            } else if (line.benefit() != null) {
                oneOff.add(line);
            } else if (notDue.containsKey(id)) {
                boolean withheld = notDue.get(id).startsWith("WITHHELD");
                rejected.add(new LineProblem(line.line(), id, (withheld ? ErrorCode.WITHHELD : ErrorCode.NOT_DUE).name(),
                        "recipient " + id + (withheld ? " is withheld (暂停发放) for " : " is not due for ") + period
                                + ": " + notDue.get(id)));
            } else if (released.contains(id)) {
                rejected.add(new LineProblem(line.line(), id, ErrorCode.ARREAR_OPEN.name(), "recipient " + id
                        + "'s " + period + " was released from withholding and is owed as arrears: pay it with a 补发 "
                        + "line (settlesMonth " + period + ")"));
            } else if (existing.containsKey(id)) {
                String[] state = existing.get(id).split(" ", 2);
                boolean paid = state[0].equals("PAID");
                rejected.add(new LineProblem(line.line(), id,
                        (paid ? ErrorCode.ALREADY_PAID : ErrorCode.ALREADY_PENDING).name(),
                        "recipient " + id + " already has a " + (paid ? "paid" : "pending") + " line for "
                                + period + " in batch " + state[1]));
            } else {
                Entitlement.Individual terms = individuals.get(id);
                long standard = entitlement.due(terms, period);
                Mark mark = mark(line.amountFen(), standard, entitlement.programStandard(period)
                        + entitlement.supplement(terms.birthDate(), period));
                accepted.add(new BatchLinesRecorded.Line(line.line(), id, line.name(), line.amountFen(), standard,
                        mark));
            }
        }
        accepted.addAll(settlingLines.accept(programCode, period, settling, rejected));
        accepted.addAll(oneOffLines.accept(programCode, period, oneOff, rejected));
        rejected.sort(Comparator.comparingInt(LineProblem::line));
        if (accepted.isEmpty()) {
            throw new RowsRejectedException(rejected);
        }
        accepted.sort(Comparator.comparingInt(BatchLinesRecorded.Line::line));
        String batchId = UUID.randomUUID().toString();
        org.subsidyledger.ledger.infrastructure.Progress.report("RECORD");
        indexLines(batchId, programCode, period, accepted);
        long indexed = System.nanoTime();
        commands.send(new BatchCommands.PostBatch(batchId, programCode, period, program.reviewLevels(), source,
                fileSha256, accepted), actor);
        long total = 0;
        int shortCount = 0;
        int overCount = 0;
        for (BatchLinesRecorded.Line line : accepted) {
            total += line.amountFen();
            shortCount += line.mark() == Mark.SHORT ? 1 : 0;
            overCount += line.mark() == Mark.OVER ? 1 : 0;
        }
        // Not the file's name: a clerk may name a file after a person (SPEC §8); the batch keeps it.
        log.info("Posted batch {} of {} for {} from {}: {} accepted, {} rejected; validate {} ms, lookups {} ms, "
                        + "index {} ms, events {} ms", batchId, programCode, period,
                "JSON".equals(source) ? "JSON" : "a file", accepted.size(),
                rejected.size(), millis(started, validated), millis(validated, looked), millis(looked, indexed),
                millis(indexed, System.nanoTime()));
        postDuration.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        acceptedLines.record(accepted.size());
        rejectedLines.record(rejected.size());
        return new Outcome(batchId, accepted.size(), total, shortCount, overCount, rejected);
    }

    /**
     * A line is over (超额) when it pays more than what is due for the month (rule 9: the standard in force with the age
     * supplement), or more than the program's standard with the supplement — an individual standard above the
     * program's (recorded before enrolment refused it) does not make it full.
     */
    static Mark mark(long amountFen, long standardFen, long programStandardFen) {
        if (amountFen > standardFen || amountFen > programStandardFen) {
            return Mark.OVER;
        }
        return amountFen < standardFen ? Mark.SHORT : Mark.FULL;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A 补发 line's month: before the batch's own. */
    private static YearMonth settlesMonth(BatchLineCandidate candidate, YearMonth period) {
        if (blank(candidate.settlesMonth())) {
            return null;
        }
        YearMonth month = org.subsidyledger.contract.value.Periods.parseMonth(candidate.settlesMonth().strip());
        if (!month.isBefore(period)) {
            throw new LedgerException(ErrorCode.INVALID_MONTH, "settlesMonth " + month
                    + " must be before the batch's month " + period + " (补发月份须早于本批次月份)");
        }
        return month;
    }

    /** A one-off line's benefit kind ({@link OneOffLines#KINDS}); not also a 补发 line. */
    private static String benefit(BatchLineCandidate candidate, YearMonth settles) {
        if (blank(candidate.benefit())) {
            return null;
        }
        String benefit = candidate.benefit().strip().toUpperCase(java.util.Locale.ROOT);
        if (!OneOffLines.KINDS.contains(benefit) || settles != null) {
            throw new LedgerException(ErrorCode.INVALID_BENEFIT, "benefit must be one of " + OneOffLines.KINDS
                    + " and a one-off line cannot also be a 补发 line");
        }
        return benefit;
    }

    /**
     * The suspected fact holding the recipient's line for {@code dueMonth}: from {@code held} (the batch's month), or
     * asked for a 补发 line's earlier month.
     */
    private org.subsidyledger.ledger.verification.Suspects.Hold held(
            Map<String, org.subsidyledger.ledger.verification.Suspects.Hold> held, String programCode, String id,
            YearMonth dueMonth, YearMonth period) {
        if (dueMonth.equals(period)) {
            return held.get(id);
        }
        return suspects.held(programCode, dueMonth).get(id);
    }

    private static String requireName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new LedgerException(ErrorCode.INVALID_NAME,
                    "name is required (at most " + MAX_NAME_LENGTH + " characters)");
        }
        return name;
    }

    /** The recipients among {@code ids} not due for {@code period}, each with why. */
    private Map<String, String> notDue(String programCode, YearMonth period, List<String> ids) {
        Map<String, String> found = new HashMap<>();
        Map<String, ActiveFacts.Cause> causes = facts.notDueIn(programCode, period);
        if (causes.isEmpty()) {
            return found;
        }
        for (String id : ids) {
            ActiveFacts.Cause cause = causes.get(id);
            if (cause != null) {
                found.put(id, (cause.withheld() ? "WITHHELD " : "") + cause.kind().name() + " (fact " + cause.factId()
                        + ")");
            }
        }
        return found;
    }

    /** Recipients among {@code ids} with a pending or paid line for the month: "STATE batchId". */
    private Map<String, String> existingLines(String programCode, YearMonth period, List<String> ids) {
        Map<String, String> found = new HashMap<>();
        Date month = Date.valueOf(period.atDay(1));
        jdbc.query("""
                        SELECT recipient_id, state, batch_id FROM payout_line_index
                        WHERE program_code = ? AND coalesce(settles_month, period) = ? AND benefit IS NULL
                          AND state IN ('PENDING', 'PAID')""",
                rs -> {
                    found.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3));
                }, programCode, month);
        if (!found.isEmpty()) {
            found.keySet().retainAll(new java.util.HashSet<>(ids));
        }
        return found;
    }

    /**
     * {@code payout_line_index} rows are written here when a batch is posted (its later states by
     * {@code PayoutIndexUpdater}): a rebuild writes them from each {@code BatchLinesRecorded}, in the month of the
     * batch's {@code BatchPosted}, which comes first in the batch's stream.
     */
    @Override
    public List<String> tables() {
        return List.of("payout_line_index");
    }

    @Override
    public java.util.function.Consumer<org.axonframework.eventhandling.EventMessage<?>> rebuilder() {
        Map<String, YearMonth> periods = new java.util.HashMap<>();
        return message -> {
            if (message.getPayload() instanceof org.subsidyledger.contract.batch.BatchPosted posted) {
                periods.put(posted.batchId(), posted.period());
            } else if (message.getPayload() instanceof BatchLinesRecorded recorded) {
                YearMonth period = periods.get(recorded.batchId());
                if (period == null) {
                    throw new IllegalStateException("lines of batch " + recorded.batchId() + " before its BatchPosted");
                }
                indexLines(recorded.batchId(), recorded.programCode(), period, recorded.lines());
            }
        };
    }

    /** One {@code COPY} of the accepted lines into {@code payout_line_index}: its unique index still guards them. */
    private void indexLines(String batchId, String programCode, YearMonth period,
                            List<BatchLinesRecorded.Line> lines) {
        String month = period.atDay(1).toString();
        StringBuilder rows = new StringBuilder(lines.size() * 90);
        for (BatchLinesRecorded.Line line : lines) {
            rows.append(batchId).append('\t').append(programCode).append('\t').append(month).append('\t')
                    .append(line.recipientId()).append('\t').append(line.line()).append('\t')
                    .append(line.amountFen()).append("\tPENDING\t")
                    .append(line.settlesMonth() == null ? "\\N" : line.settlesMonth().atDay(1).toString()).append('\t')
                    .append(line.benefit() == null ? "\\N" : line.benefit()).append('\n');
        }
        try {
            jdbc.execute((ConnectionCallback<Long>) connection -> {
                try {
                    return connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                            COPY payout_line_index (batch_id, program_code, period, recipient_id, line, amount_fen,
                                                    state, settles_month, benefit) FROM STDIN""", new StringReader(rows.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (DuplicateKeyException e) {
            throw new LedgerException(ErrorCode.CONCURRENT_MODIFICATION, "another batch paying some of these "
                    + "recipients for " + period + " was posted at the same moment; nothing was recorded");
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** Whether the batch was withdrawn: its stream holds a {@code BatchWithdrawn} event. */
    public boolean withdrawn(String batchId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?)""",
                Boolean.class, batchId, org.subsidyledger.contract.batch.BatchWithdrawn.class.getName()));
    }
}

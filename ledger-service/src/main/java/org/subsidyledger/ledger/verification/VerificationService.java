package org.subsidyledger.ledger.verification;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.SuspensionKind;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.contract.value.RecipientId;
import org.subsidyledger.contract.verification.FactSuspected;
import org.subsidyledger.contract.verification.VerificationComparisonRecorded;
import org.subsidyledger.ledger.enrolment.Enrolments;
import org.subsidyledger.ledger.fact.ActiveFacts;
import org.subsidyledger.ledger.fact.FactService;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.infrastructure.BulkEventAppender;
import org.subsidyledger.ledger.program.Programs;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.ledger.tabular.CellProblem;
import org.subsidyledger.projections.port.AccessScope;

/**
 * Rule 12 (两上两下): a comparison posted for verification makes each row that names an enrolled recipient (under
 * the enrolled name, within the poster's scope) a suspected fact in the recipient's region, appended in bulk with
 * the comparison in one transaction; every other row is kept in the comparison's event with why. The region then
 * confirms a suspected fact — recorded as the fact through {@link FactService}, with its overpayments at once — or
 * dismisses it.
 */
@Service
public class VerificationService {

    private static final Logger log = LoggerFactory.getLogger(VerificationService.class);
    static final String AGGREGATE_TYPE = "SuspectedFact";
    static final String COMPARISON_AGGREGATE_TYPE = "VerificationComparison";
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    /**
     * A row of a comparison file as read. {@code from}/{@code to}: the date of death (DEATH), the imprisonment's
     * first and last day (SUSPENSION), the first and last month drawn elsewhere (DUPLICATE_CLAIM).
     */
    public record Row(int line, String recipientId, String name, String from, String to, String otherScheme,
                      String source, CellProblem problem) {

        List<String> values() {
            List<String> values = new ArrayList<>();
            for (String value : new String[]{from, to, otherScheme, source}) {
                if (value != null && !value.isBlank()) {
                    values.add(value.strip());
                }
            }
            return values;
        }
    }

    /** What a comparison did. */
    public record Outcome(String comparisonId, int rows, int suspected, Map<String, Integer> byRegion,
                          List<VerificationComparisonRecorded.NotSuspected> notSuspected) {
    }

    /** A confirmation: the fact recorded (or found already recorded) and what it did. */
    public record Confirmed(String suspectId, FactService.Recorded fact) {
    }

    private record Candidate(Row row, String recipientId, LocalDate from, LocalDate to, String otherScheme,
                             String source) {
    }

    private final Enrolments enrolments;
    private final Programs programs;
    private final Suspects suspects;
    private final SuspectIndexUpdater index;
    private final BulkEventAppender appender;
    private final AuditedCommands commands;
    private final FactService facts;
    private final ActiveFacts activeFacts;

    VerificationService(Enrolments enrolments, Programs programs, Suspects suspects,
                        SuspectIndexUpdater index, BulkEventAppender appender, AuditedCommands commands,
                        FactService facts, ActiveFacts activeFacts) {
        this.activeFacts = activeFacts;
        this.enrolments = enrolments;
        this.programs = programs;
        this.suspects = suspects;
        this.index = index;
        this.appender = appender;
        this.commands = commands;
        this.facts = facts;
    }

    /**
     * @param kind        DEATH, SUSPENSION (imprisonments) or DUPLICATE_CLAIM
     * @param programCode DUPLICATE_CLAIM: the program whose months the other scheme paid; otherwise {@code null}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome compare(FactKind kind, String programCode, String fileName, String fileSha256, List<Row> rows,
                           String defaultSource, Actor actor) {
        long started = System.nanoTime();
        String program = null;
        if (kind == FactKind.DUPLICATE_CLAIM) {
            if (programCode == null || programCode.isBlank()) {
                throw new LedgerException(ErrorCode.MISSING_VALUE, "program is required: the program whose months "
                        + "the other scheme paid");
            }
            program = programCode.strip();
            programs.require(program);
        }
        String comparisonId = UUID.randomUUID().toString();
        List<VerificationComparisonRecorded.NotSuspected> notSuspected = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>(rows.size());
        Map<String, Integer> firstLine = new HashMap<>(rows.size() * 2);
        for (Row row : rows) {
            try {
                CellProblem.raise(row.problem());
                String id = RecipientId.parse(row.recipientId()).value();
                if (row.name() == null || row.name().isBlank()) {
                    throw new LedgerException(ErrorCode.INVALID_NAME, "the name is missing");
                }
                Candidate candidate = candidate(kind, row, id, defaultSource);
                Integer earlier = firstLine.putIfAbsent(id, row.line());
                if (earlier != null) {
                    throw new LedgerException(ErrorCode.DUPLICATE_IN_FILE, "recipient " + id + " is already on line "
                            + earlier);
                }
                candidates.add(candidate);
            } catch (LedgerException e) { // invalid values among them
                notSuspected.add(rejected(row, e.code(), e.getMessage()));
            }
        }
        long validated = System.nanoTime();
        String[] ids = candidates.stream().map(Candidate::recipientId).toArray(String[]::new);
        Map<String, Enrolments.Person> people = enrolments.people(ids, program);
        AccessScope scope = AccessScope.current();
        Set<String> alreadySuspected = suspects.openOf(ids, kind, program);
        Map<String, List<LocalDate[]>> recorded = activeFacts.spans(ids, kind, program);

        List<FactSuspected> raised = new ArrayList<>();
        Map<String, Integer> byRegion = new java.util.TreeMap<>();
        for (Candidate candidate : candidates) {
            Row row = candidate.row();
            String id = candidate.recipientId();
            Enrolments.Person person = people.get(id);
            if (person == null) {
                notSuspected.add(rejected(row, ErrorCode.UNMATCHED, "no recipient " + id + " is enrolled"
                        + (program == null ? "" : " in " + program)));
            } else if (scope.scoped() && !scope.covers(person.region())) { // nothing about them, not even names
                notSuspected.add(rejected(row, ErrorCode.OUT_OF_SCOPE, "recipient " + id + " is registered outside "
                        + "your region scope (不在您的管辖区域内): pass the row to their office"));
            } else if (!person.names().isEmpty()
                    && !person.names().contains(Enrolments.normalisedName(row.name()))) {
                notSuspected.add(rejected(row, ErrorCode.NAME_MISMATCH, "recipient " + id + " is enrolled as "
                        + String.join(" / ", person.names()) + ", not " + row.name().strip()));
            } else if (alreadySuspected.contains(id)) {
                notSuspected.add(rejected(row, ErrorCode.ALREADY_SUSPECTED, "recipient " + id + " already has an "
                        + "open suspected " + kind + " awaiting verification"));
            } else if (isRecorded(kind, recorded.get(id), candidate)) {
                notSuspected.add(rejected(row, ErrorCode.ALREADY_RECORDED, "the ledger already records "
                        + (kind == FactKind.DEATH ? "the death" : "this " + kind) + " of " + id
                        + (kind == FactKind.DEATH ? " (correct that fact if this date is right)" : "")));
            } else {
                raised.add(new FactSuspected(UUID.randomUUID().toString(), comparisonId, row.line(), id,
                        person.region(), kind, candidate.from(), candidate.to(), program, candidate.otherScheme(),
                        candidate.source()));
                byRegion.merge(person.region(), 1, Integer::sum);
            }
        }
        long matchedAt = System.nanoTime();
        MetaData metaData = AuditedCommands.metaDataOf(actor);
        long indexed = matchedAt;
        if (!raised.isEmpty()) {
            index.insert(raised);
            indexed = System.nanoTime();
            appender.append(raised.stream().map(event -> new GenericDomainEventMessage<>(AGGREGATE_TYPE,
                    event.suspectId(), 0, event, metaData)).toList());
        }
        notSuspected.sort(Comparator.comparingInt(VerificationComparisonRecorded.NotSuspected::line));
        appender.append(List.of(new GenericDomainEventMessage<>(COMPARISON_AGGREGATE_TYPE, comparisonId, 0,
                new VerificationComparisonRecorded(comparisonId, kind, fileName, fileSha256, program, rows.size(),
                        raised.size(), notSuspected), metaData)));
        // Not the file's name: a clerk may name a file after a person (SPEC §8).
        long done = System.nanoTime();
        log.info("Verification comparison {} ({}): {} rows, {} suspected facts in {} regions, {} not suspected; "
                        + "validate {} ms, match {} ms, index {} ms, events {} ms", comparisonId, kind, rows.size(),
                raised.size(), byRegion.size(), notSuspected.size(), (validated - started) / 1_000_000,
                (matchedAt - validated) / 1_000_000, (indexed - matchedAt) / 1_000_000, (done - indexed) / 1_000_000);
        return new Outcome(comparisonId, rows.size(), raised.size(), byRegion, notSuspected);
    }

    /**
     * Confirms a suspected fact: records the fact (dated {@code foundOn} when the region found another date) with
     * every consequence — pending lines stopped, overpayment cases opened — then the confirmation; all or nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Confirmed confirm(String suspectId, LocalDate foundOn, String evidence, Actor actor) {
        Suspects.Known known = requireInScope(suspectId);
        if (!known.open()) {
            throw new LedgerException(ErrorCode.SUSPECTED_FACT_SETTLED, "suspected fact " + suspectId
                    + " is already confirmed or dismissed");
        }
        String checkedEvidence = SuspectedFact.text(evidence, "evidence");
        LocalDate from = foundOn == null ? known.from() : foundOn;
        if (from.isAfter(BusinessDates.today())) {
            throw new LedgerException(ErrorCode.INVALID_DATE, "date " + from + " is in the future");
        }
        String source = "两上两下核实 " + known.source() + " (比对 " + known.comparisonId() + "): " + checkedEvidence;
        FactService.Recorded fact = switch (known.kind()) {
            case DEATH -> facts.recordDeath(known.recipientId(), from, source, actor);
            case SUSPENSION -> facts.recordSuspension(known.recipientId(), SuspensionKind.IMPRISONMENT.name(), from,
                    known.to(), source, actor);
            case DUPLICATE_CLAIM -> facts.recordDuplicateClaim(known.recipientId(), known.programCode(),
                    known.otherScheme(), YearMonth.from(from), YearMonth.from(known.to()), actor);
            default -> throw new IllegalStateException("no suspected fact is of kind " + known.kind());
        };
        commands.send(new VerificationCommands.ConfirmSuspectedFact(known.suspectId(), fact.factId(), from,
                checkedEvidence), actor);
        return new Confirmed(known.suspectId(), fact);
    }

    /** Dismisses a suspected fact with a reason: the hold on the recipient's lines ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void dismiss(String suspectId, String reason, Actor actor) {
        Suspects.Known known = requireInScope(suspectId);
        commands.send(new VerificationCommands.DismissSuspectedFact(known.suspectId(), reason), actor);
    }

    /** The suspected fact, if it exists and its region is within the caller's scope; else 404, as if absent. */
    private Suspects.Known requireInScope(String suspectId) {
        Suspects.Known known = suspectId == null ? null : suspects.find(suspectId.strip());
        AccessScope scope = AccessScope.current();
        if (known == null || (scope.scoped() && !scope.covers(known.region()))) {
            throw new LedgerException(ErrorCode.UNKNOWN_SUSPECTED_FACT, "no suspected fact " + suspectId);
        }
        return known;
    }

    private static Candidate candidate(FactKind kind, Row row, String id, String defaultSource) {
        String source = row.source() == null || row.source().isBlank() ? defaultSource : row.source().strip();
        if (source.length() > SuspectedFact.MAX_TEXT) {
            throw new LedgerException(ErrorCode.TEXT_TOO_LONG, "the source is longer than " + SuspectedFact.MAX_TEXT);
        }
        LocalDate today = BusinessDates.today();
        return switch (kind) {
            case DEATH -> {
                LocalDate date = pastDate(row.from(), "date of death", today);
                yield new Candidate(row, id, date, null, null, source);
            }
            case SUSPENSION -> {
                LocalDate from = pastDate(row.from(), "first day of imprisonment", today);
                LocalDate to = row.to() == null || row.to().isBlank() ? null : Periods.parseDate(row.to());
                if (to != null && to.isBefore(from)) {
                    throw new LedgerException(ErrorCode.INVALID_PERIOD, "the imprisonment ends " + to
                            + ", before it starts " + from);
                }
                yield new Candidate(row, id, from, to, null, source);
            }
            case DUPLICATE_CLAIM -> {
                String scheme = row.otherScheme() == null ? "" : row.otherScheme().strip();
                if (scheme.isEmpty() || scheme.length() > SuspectedFact.MAX_TEXT) {
                    throw new LedgerException(ErrorCode.MISSING_VALUE, "the other scheme is required (at most "
                            + SuspectedFact.MAX_TEXT + " characters)");
                }
                YearMonth from = Periods.parseMonth(row.from());
                YearMonth to = Periods.parseMonth(row.to());
                if (to.isBefore(from)) {
                    throw new LedgerException(ErrorCode.INVALID_PERIOD, "the last month " + to + " is before the first "
                            + from);
                }
                if (from.isAfter(YearMonth.from(today))) {
                    throw new LedgerException(ErrorCode.INVALID_PERIOD, "the first month " + from + " is in the future");
                }
                yield new Candidate(row, id, from.atDay(1), to.atDay(1), scheme, source);
            }
            default -> throw new IllegalArgumentException(kind + " is not verified by comparison");
        };
    }

    private static LocalDate pastDate(String raw, String what, LocalDate today) {
        if (raw == null || raw.isBlank()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "the " + what + " is missing");
        }
        LocalDate date = Periods.parseDate(raw);
        if (date.isAfter(today) || date.isBefore(EARLIEST)) {
            throw new LedgerException(ErrorCode.INVALID_DATE, what + " " + date + " is in the future or before "
                    + EARLIEST);
        }
        return date;
    }

    /** A death is recorded once; an imprisonment or duplicate claim is the same when it starts on the same day. */
    private static boolean isRecorded(FactKind kind, List<LocalDate[]> active, Candidate candidate) {
        if (active == null) {
            return false;
        }
        return kind == FactKind.DEATH || active.stream().anyMatch(dates -> dates[0].equals(candidate.from()));
    }

    private static VerificationComparisonRecorded.NotSuspected rejected(Row row, ErrorCode code, String message) {
        return new VerificationComparisonRecorded.NotSuspected(row.line(), row.recipientId(), row.name(), row.values(),
                code.name(), message);
    }
}

package org.subsidyledger.ledger.fact;

import org.subsidyledger.ledger.enrolment.Enrolments;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.axonframework.messaging.MetaData;
import org.springframework.dao.DuplicateKeyException;
import org.subsidyledger.ledger.tabular.CellProblem;
import org.subsidyledger.contract.fact.DeathComparisonRecorded;
import org.subsidyledger.contract.fact.DeathRecorded;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.contract.value.RecipientId;
import org.subsidyledger.ledger.infrastructure.ArrayQueries;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.infrastructure.BulkEventAppender;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.ledger.overpayment.OverpaymentDetector;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * Matches a death comparison file (殡葬/公安/卫健 data, docs/rules.md, file formats) against the recipients and records a death for every
 * row that names an enrolled recipient under the enrolled name. Rows with a bad ID or date, a recipient the ledger
 * does not know, another name, or a death already recorded on another date are not recorded but kept in the
 * {@link DeathComparisonRecorded} event with their reason, so none is lost; rows naming a death already recorded
 * on the same date count as already known. Everything — deaths, stopped lines, overpayment cases and the comparison
 * itself — is recorded in one transaction. The deaths are built by {@link LifeFact#death} (the aggregate's own
 * checks) and appended in bulk, not one command each: 10,000 commands cost 15 s here, the bulk append well under 1 s.
 */
@Service
public class DeathComparisonService {

    private static final Logger log = LoggerFactory.getLogger(DeathComparisonService.class);
    static final String AGGREGATE_TYPE = "DeathComparison";
    private static final String FACT_AGGREGATE_TYPE = "LifeFact";
    private static final int MAX_TEXT = 200;

    /**
     * A row of the file as read: line number and raw values, and a cell that cannot be trusted (an ID number in a
     * numeric cell), or {@code null}.
     */
    public record Row(int line, String recipientId, String name, String dateOfDeath, String source,
                      CellProblem problem) {
    }

    /** A row naming a death the ledger already knew, on the same date. */
    public record Known(int line, String recipientId, String factId) {
    }

    /** What the comparison did. */
    public record Outcome(String comparisonId, int rows, int recorded, List<Known> alreadyKnown,
                          List<DeathComparisonRecorded.Row> notRecorded, OverpaymentDetector.Result detection) {
    }

    private record Match(Row row, String recipientId, LocalDate dateOfDeath, String source) {
    }

    private final JdbcTemplate jdbc;
    private final Enrolments enrolments;
    private final OverpaymentDetector detector;
    private final BulkEventAppender appender;
    private final FactIndexUpdater factIndex;

    DeathComparisonService(JdbcTemplate jdbc, Enrolments enrolments, OverpaymentDetector detector,
                           BulkEventAppender appender, FactIndexUpdater factIndex) {
        this.jdbc = jdbc;
        this.enrolments = enrolments;
        this.detector = detector;
        this.appender = appender;
        this.factIndex = factIndex;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome compare(String fileName, String fileSha256, List<Row> rows, String defaultSource, Actor actor) {
        long started = System.nanoTime();
        String comparisonId = UUID.randomUUID().toString();
        List<DeathComparisonRecorded.Row> notRecorded = new ArrayList<>();
        List<Match> candidates = new ArrayList<>(rows.size());
        Map<String, Integer> firstLine = new HashMap<>();
        LocalDate today = BusinessDates.today();
        for (Row row : rows) {
            try {
                CellProblem.raise(row.problem());
                String id = RecipientId.parse(row.recipientId()).value();
                String name = row.name() == null ? "" : row.name().strip();
                if (name.isEmpty()) {
                    throw new LedgerException(ErrorCode.INVALID_NAME, "the name is missing");
                }
                LocalDate date = Periods.parseDate(row.dateOfDeath());
                if (date.isAfter(today)) {
                    throw new LedgerException(ErrorCode.INVALID_DATE, "date of death " + date + " is in the future");
                }
                String source = row.source() == null || row.source().isBlank() ? defaultSource : row.source().strip();
                if (source.length() > MAX_TEXT) {
                    throw new LedgerException(ErrorCode.TEXT_TOO_LONG, "the source is longer than " + MAX_TEXT);
                }
                Integer earlier = firstLine.putIfAbsent(id, row.line());
                if (earlier != null) {
                    throw new LedgerException(ErrorCode.DUPLICATE_IN_FILE, "recipient " + id
                            + " is already on line " + earlier);
                }
                candidates.add(new Match(row, id, date, source));
            } catch (LedgerException e) { // invalid values among them
                notRecorded.add(rejected(row, e.code().name(), e.getMessage()));
            }
        }
        String[] ids = candidates.stream().map(Match::recipientId).toArray(String[]::new);
        Map<String, Set<String>> names = enrolments.normalisedNames(ids);
        Map<String, String[]> known = knownDeaths(ids);
        org.subsidyledger.projections.port.AccessScope scope = org.subsidyledger.projections.port.AccessScope.current();
        Set<String> outside = scope.scoped() ? enrolments.outsideEverywhere(ids, scope.regions()) : Set.of();

        List<Known> alreadyKnown = new ArrayList<>();
        List<String> recorded = new ArrayList<>();
        List<DeathRecorded> deaths = new ArrayList<>();
        for (Match match : candidates) {
            Row row = match.row();
            Set<String> enrolledNames = names.get(match.recipientId());
            String[] death = known.get(match.recipientId());
            if (enrolledNames == null) {
                notRecorded.add(rejected(row, ErrorCode.UNMATCHED.name(), "no recipient " + match.recipientId()
                        + " is enrolled"));
            } else if (outside.contains(match.recipientId())) { // nothing about them, not even their names
                notRecorded.add(rejected(row, ErrorCode.OUT_OF_SCOPE.name(), "recipient " + match.recipientId()
                        + " is registered outside your region scope (不在您的管辖区域内): pass the row to their office"));
            } else if (!enrolledNames.isEmpty() && !enrolledNames.contains(Enrolments.normalisedName(row.name()))) {
                notRecorded.add(rejected(row, ErrorCode.NAME_MISMATCH.name(), "recipient " + match.recipientId()
                        + " is enrolled as " + String.join(" / ", enrolledNames) + ", not " + row.name().strip()));
            } else if (death != null && death[1].equals(match.dateOfDeath().toString())) {
                alreadyKnown.add(new Known(row.line(), match.recipientId(), death[0]));
            } else if (death != null) {
                notRecorded.add(rejected(row, ErrorCode.DEATH_ALREADY_RECORDED.name(), "the death of "
                        + match.recipientId() + " is already recorded on " + death[1] + " (fact " + death[0]
                        + "); correct that fact if this date is right"));
            } else {
                try {
                    deaths.add(LifeFact.death(new FactCommands.RecordDeath(UUID.randomUUID().toString(),
                            match.recipientId(), match.dateOfDeath(), match.source(), comparisonId, row.line())));
                    recorded.add(match.recipientId());
                } catch (LedgerException e) {
                    notRecorded.add(rejected(row, e.code().name(), e.getMessage()));
                }
            }
        }
        record(deaths, actor);
        long factsRecorded = System.nanoTime();
        OverpaymentDetector.Result detection = detector.reconcile(recorded,
                "death comparison " + comparisonId + " (" + fileName + ")", actor);
        notRecorded.sort(java.util.Comparator.comparingInt(DeathComparisonRecorded.Row::line));
        DeathComparisonRecorded event = new DeathComparisonRecorded(comparisonId, fileName, fileSha256, rows.size(),
                recorded.size(), alreadyKnown.size(), notRecorded);
        appender.append(List.of(new GenericDomainEventMessage<>(AGGREGATE_TYPE, comparisonId, 0, event,
                AuditedCommands.metaDataOf(actor))));
        // Not the file's name: a clerk may name a file after a person (SPEC §8); the comparison keeps it.
        log.info("Death comparison {}: {} rows, {} deaths recorded, {} already known, {} not recorded; "
                        + "facts {} ms, overpayments {} ms", comparisonId, rows.size(), recorded.size(),
                alreadyKnown.size(), notRecorded.size(), (factsRecorded - started) / 1_000_000,
                (System.nanoTime() - factsRecorded) / 1_000_000);
        return new Outcome(comparisonId, rows.size(), recorded.size(), alreadyKnown, notRecorded, detection);
    }

    /**
     * Appends the deaths as the first events of their {@link LifeFact} aggregates with one {@code COPY}, and writes
     * their index rows: the same events and rows as one command each, at a fraction of the cost. The partial unique
     * index of {@code life_fact_index} refuses a death recorded meanwhile by another request.
     */
    private void record(List<DeathRecorded> deaths, Actor actor) {
        if (deaths.isEmpty()) {
            return;
        }
        MetaData metaData = AuditedCommands.metaDataOf(actor);
        try {
            factIndex.deaths(deaths);
        } catch (DuplicateKeyException e) {
            throw new LedgerException(ErrorCode.CONCURRENT_MODIFICATION, "a death in this file was recorded by "
                    + "another request at the same moment; nothing was recorded");
        }
        appender.append(deaths.stream().map(death -> new GenericDomainEventMessage<>(FACT_AGGREGATE_TYPE,
                death.factId(), 0, death, metaData)).toList());
    }

    private static DeathComparisonRecorded.Row rejected(Row row, String code, String message) {
        return new DeathComparisonRecorded.Row(row.line(), row.recipientId(), row.name(), row.dateOfDeath(),
                row.source(), code, message);
    }

    /** Recorded deaths of {@code ids}: fact id and date. */
    private Map<String, String[]> knownDeaths(String[] ids) {
        Map<String, String[]> deaths = new HashMap<>();
        ArrayQueries.query(jdbc, """
                SELECT recipient_id, fact_id, from_date FROM life_fact_index
                WHERE kind = 'DEATH' AND state = 'ACTIVE' AND recipient_id = ANY (?)""",
                rs -> deaths.put(rs.getString(1), new String[]{rs.getString(2), rs.getDate(3).toString()}),
                (Object) ids);
        return deaths;
    }
}

package org.subsidyledger.ledger.enrolment;

import org.subsidyledger.ledger.program.Programs;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.subsidyledger.contract.enrolment.RecipientsEnrolled;
import org.subsidyledger.contract.enrolment.RecipientsEnrolled.Enrolment;
import org.subsidyledger.contract.value.Money;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.contract.value.RecipientId;
import org.subsidyledger.contract.value.Region;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.infrastructure.BulkEventAppender;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.error.RowProblem;
import org.subsidyledger.ledger.tabular.CellProblem;
import org.subsidyledger.contract.error.RowsRejectedException;

/**
 * Enrols recipients in bulk. Every row is checked first (ID, name, region, standard, month, duplicates in the
 * list, enrolments already recorded); then all accepted rows are appended as {@link RecipientsEnrolled} events, parts
 * of at most 1,000 rows of one new enrolment-list aggregate, in the caller's single transaction together with the
 * write-side {@code enrolment_index}. So a list is recorded entirely or not at all, and 300k rows cost one
 * transaction of 300 events instead of 300k commands.
 */
@Service
public class EnrolmentService implements org.subsidyledger.ledger.infrastructure.DirectlyWrittenIndex {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EnrolmentService.class);
    static final String AGGREGATE_TYPE = "EnrolmentList";
    private static final int INDEX_BATCH = 5_000;
    private static final int MAX_NAME_LENGTH = 100;

    /** What happened to a list: how many were enrolled and which rows were refused (only when asked to go on). */
    public record Outcome(int enrolled, List<RowProblem> rejected) {
    }

    private final BulkEventAppender appender;
    private final Programs programs;
    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    private final org.subsidyledger.ledger.standard.Standards standards;

    EnrolmentService(BulkEventAppender appender, JdbcClient jdbc, JdbcTemplate jdbcTemplate, Programs programs,
                     org.subsidyledger.ledger.standard.Standards standards) {
        this.standards = standards;
        this.appender = appender;
        this.programs = programs;
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * @param defaultFrom      the month for rows that name none; may be {@code null} when every row has one
     * @param recordValidRows  {@code false}: one bad row refuses the whole list; {@code true}: record the good rows
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome enrol(String programCode, String source, List<EnrolmentCandidate> candidates,
                         YearMonth defaultFrom, boolean recordValidRows, Actor actor) {
        long started = System.nanoTime();
        org.subsidyledger.contract.standard.Entitlement program = standards.entitlement(programCode);
        List<RowProblem> rejected = new ArrayList<>();
        List<Enrolment> accepted = new ArrayList<>(candidates.size());
        Set<String> seen = new HashSet<>(candidates.size() * 2);
        for (EnrolmentCandidate candidate : candidates) {
            try {
                Enrolment event = validate(candidate, defaultFrom, program);
                if (!seen.add(event.recipientId())) {
                    rejected.add(new RowProblem(candidate.line(), candidate.id(), ErrorCode.DUPLICATE_IN_FILE.name(),
                            "recipient " + event.recipientId() + " appears more than once"));
                } else {
                    accepted.add(event);
                }
            } catch (LedgerException e) { // invalid values among them
                rejected.add(new RowProblem(candidate.line(), candidate.id(), e.code().name(), e.getMessage()));
            }
        }
        long validated = System.nanoTime();
        Set<String> alreadyEnrolled = alreadyEnrolled(programCode, seen);
        long checked = System.nanoTime();
        if (!alreadyEnrolled.isEmpty()) {
            accepted.removeIf(event -> {
                if (alreadyEnrolled.contains(event.recipientId())) {
                    rejected.add(new RowProblem(event.line(), event.recipientId(), ErrorCode.ALREADY_ENROLLED.name(),
                            "recipient " + event.recipientId() + " is already enrolled in " + programCode));
                    return true;
                }
                return false;
            });
        }
        rejected.sort(Comparator.comparingInt(RowProblem::line));
        if (!rejected.isEmpty() && (!recordValidRows || accepted.isEmpty())) {
            throw new RowsRejectedException(rejected);
        }
        record(programCode, source, accepted, actor);
        // Not the file's name: a clerk may name a file after a person (SPEC §8); the event keeps it.
        log.info("Enrolled {} in {} from {} ({} rejected): validate {} ms, index check {} ms, record {} ms",
                accepted.size(), programCode, "JSON".equals(source) ? "JSON" : "a file", rejected.size(), (validated - started) / 1_000_000,
                (checked - validated) / 1_000_000, (System.nanoTime() - checked) / 1_000_000);
        return new Outcome(accepted.size(), rejected);
    }

    /**
     * The standard of an enrolment is the program's in force for its first month unless one is given; a given one that
     * differs from it is the recipient's own (individual), which the program's changes leave alone.
     */
    private static Enrolment validate(EnrolmentCandidate candidate, YearMonth defaultFrom,
                                      org.subsidyledger.contract.standard.Entitlement program) {
        CellProblem.raise(candidate.problem());
        RecipientId id = RecipientId.parse(candidate.id());
        String name = candidate.name() == null ? "" : candidate.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new LedgerException(ErrorCode.INVALID_NAME,
                    "name is required (at most " + MAX_NAME_LENGTH + " characters)");
        }
        Region region = Region.parse(candidate.region());
        if (!org.subsidyledger.projections.port.AccessScope.current().covers(region.code())) {
            throw new LedgerException(ErrorCode.OUT_OF_SCOPE, "行政区划 " + region.code()
                    + " is outside your region scope (不在您的管辖区域内)");
        }
        YearMonth from;
        if (candidate.effectiveFrom() != null) {
            from = Periods.parseMonth(candidate.effectiveFrom());
        } else if (defaultFrom != null) {
            from = defaultFrom;
        } else {
            throw new LedgerException(ErrorCode.MISSING_VALUE,
                    "effectiveFrom is missing: give it per row or as a parameter");
        }
        long programStandard = program.programStandard(from);
        long standard = candidate.monthlyStandard() == null ? programStandard
                : Money.parsePositiveYuan(candidate.monthlyStandard()).fen();
        if (standard > programStandard) {
            throw new LedgerException(ErrorCode.STANDARD_ABOVE_PROGRAM, "个人月标准 " + Money.ofFen(standard)
                    + " 高于项目标准 " + Money.ofFen(programStandard) + "，须经审批：an individual standard above the "
                    + "program's is not accepted");
        }
        return new Enrolment(candidate.line(), id.value(), name, region.code(), standard, from,
                standard != programStandard);
    }

    private Set<String> alreadyEnrolled(String programCode, Set<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbcTemplate.query(con -> {
            var statement = con.prepareStatement(
                    "SELECT recipient_id FROM enrolment_index WHERE program_code = ? AND recipient_id = ANY (?)");
            statement.setString(1, programCode);
            statement.setArray(2, con.createArrayOf("bpchar", ids.toArray()));
            return statement;
        }, (rs, n) -> rs.getString(1)));
    }

    /** {@code enrolment_index} is written here, not by a handler: a rebuild writes it from each {@code RecipientsEnrolled}. */
    @Override
    public List<String> tables() {
        return List.of("enrolment_index");
    }

    @Override
    public java.util.function.Consumer<org.axonframework.eventhandling.EventMessage<?>> rebuilder() {
        return message -> {
            if (message.getPayload() instanceof RecipientsEnrolled enrolled) {
                insertIndexRows(enrolled.programCode(), enrolled.enrolments().stream()
                        .map(e -> e.individualStandard() != null ? e : new Enrolment(e.line(), e.recipientId(),
                                e.name(), e.region(), e.monthlyStandardFen(), e.effectiveFrom(),
                                e.monthlyStandardFen() != programs.require(enrolled.programCode()).monthlyStandardFen()))
                        .toList());
            }
        };
    }

    private void insertIndexRows(String programCode, List<Enrolment> events) {
        for (int from = 0; from < events.size(); from += INDEX_BATCH) {
            List<Enrolment> slice = events.subList(from, Math.min(events.size(), from + INDEX_BATCH));
            jdbcTemplate.batchUpdate("""
                            INSERT INTO enrolment_index (program_code, recipient_id, effective_from, monthly_standard_fen,
                                                         name, region, individual_standard)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""", slice, slice.size(), (ps, event) -> {
                ps.setString(1, programCode);
                ps.setString(2, event.recipientId());
                ps.setDate(3, Date.valueOf(event.effectiveFrom().atDay(1)));
                ps.setLong(4, event.monthlyStandardFen());
                ps.setString(5, event.name());
                ps.setString(6, event.region());
                ps.setBoolean(7, Boolean.TRUE.equals(event.individualStandard()));
            });
        }
    }

    private void record(String programCode, String source, List<Enrolment> events, Actor actor) {
        MetaData metaData = AuditedCommands.metaDataOf(actor);
        long t0 = System.nanoTime();
        try {
            insertIndexRows(programCode, events);
            long indexed = System.nanoTime();
            String listId = UUID.randomUUID().toString();
            int size = RecipientsEnrolled.MAX_PART_SIZE;
            int parts = (events.size() + size - 1) / size;
            List<GenericDomainEventMessage<RecipientsEnrolled>> messages = new ArrayList<>(parts);
            for (int part = 0; part < parts; part++) {
                RecipientsEnrolled event = new RecipientsEnrolled(listId, programCode, source, part, parts,
                        events.subList(part * size, Math.min(events.size(), (part + 1) * size)));
                messages.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, listId, part, event, metaData));
            }
            appender.append(messages);
            log.debug("enrolment_index {} ms, event append {} ms", (indexed - t0) / 1_000_000,
                    (System.nanoTime() - indexed) / 1_000_000);
        } catch (DuplicateKeyException e) {
            throw new LedgerException(ErrorCode.CONCURRENT_MODIFICATION,
                    "some of these recipients were enrolled by another request at the same moment; "
                            + "nothing was recorded, retry to see which");
        }
    }
}

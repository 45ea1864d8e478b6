package org.subsidyledger.ledger.certification;

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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.subsidyledger.contract.certification.CertificationFileRecorded;
import org.subsidyledger.contract.certification.CertificationMethod;
import org.subsidyledger.contract.certification.CertificationRecorded;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.contract.value.PersonalData;
import org.subsidyledger.contract.value.RecipientId;
import org.subsidyledger.ledger.enrolment.Enrolments;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.infrastructure.BulkEventAppender;
import org.subsidyledger.ledger.infrastructure.Failures;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.ledger.tabular.CellProblem;
import org.subsidyledger.projections.port.AccessScope;

/**
 * Records existence certifications (rule 11, docs/rules.md) one at a time or from a file, and in the same
 * transaction tells the {@link CertificationListener}s which withheld months each releases. A certification for
 * every program (no program named) counts for each program of the recipient. The same recipient, program (or all)
 * and day again is the certification already recorded. A file is matched like a death comparison: rows with a bad
 * ID, date or method, a recipient not enrolled (in the program, when one is named), another name, or outside the
 * poster's region scope are not recorded but kept in the {@link CertificationFileRecorded} event with their line and
 * reason; the certifications are built by {@link Certification#recorded} (the aggregate's own checks) and appended
 * in bulk ({@link BulkEventAppender}), every lookup one query for the whole file.
 */
@Service
class CertificationService {

    private static final Logger log = LoggerFactory.getLogger(CertificationService.class);
    static final String AGGREGATE_TYPE = "Certification";
    static final String FILE_AGGREGATE_TYPE = "CertificationFile";

    /** A certification recorded (or already recorded) and the months it released, per program. */
    record Recorded(String certificationId, String recipientId, String programCode, LocalDate certifiedOn,
                    CertificationMethod method, boolean alreadyRecorded,
                    List<CertificationRecorded.Release> released) {
    }

    /** A row of a certification file as read: line, raw values, and a cell that cannot be trusted, or null. */
    record Row(int line, String recipientId, String name, String certifiedOn, String method, CellProblem problem) {
    }

    /** What a file did. */
    record Outcome(String fileId, int rows, int recorded, int alreadyKnown,
                   List<CertificationFileRecorded.FileRow> notRecorded, int recipientsReleased, int monthsReleased) {
    }

    private record Match(Row row, String recipientId, LocalDate certifiedOn, CertificationMethod method) {
    }

    private final Certifications certifications;
    private final Enrolments enrolments;
    private final AuditedCommands commands;
    private final BulkEventAppender appender;
    private final CertificationIndexUpdater index;
    private final ObjectProvider<CertificationListener> listeners;

    CertificationService(Certifications certifications, Enrolments enrolments, AuditedCommands commands,
                         BulkEventAppender appender, CertificationIndexUpdater index,
                         ObjectProvider<CertificationListener> listeners) {
        this.certifications = certifications;
        this.enrolments = enrolments;
        this.commands = commands;
        this.appender = appender;
        this.index = index;
        this.listeners = listeners;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Recorded record(String rawId, String programCode, LocalDate certifiedOn, CertificationMethod method,
                           String reference, Actor actor) {
        String recipientId = RecipientId.parse(rawId).value();
        String program = blankToNull(programCode);
        List<String> enrolled = enrolments.programsOf(recipientId);
        if (enrolled.isEmpty()) {
            throw new LedgerException(ErrorCode.UNKNOWN_RECIPIENT, "recipient " + PersonalData.maskId(recipientId)
                    + " is not enrolled anywhere");
        }
        if (program != null && !enrolled.contains(program)) {
            throw new LedgerException(ErrorCode.NOT_ENROLLED, "recipient " + PersonalData.maskId(recipientId)
                    + " is not enrolled in " + program);
        }
        String[] ids = {recipientId};
        Map<String, LocalDate> day = Map.of(recipientId, certifiedOn);
        if (!certifications.alreadyCertified(ids, program, day).isEmpty()) {
            return new Recorded(null, recipientId, program, certifiedOn, method, true, List.of());
        }
        List<CertificationRecorded.Release> released = releases(ids, program, day).getOrDefault(recipientId,
                List.of());
        String certificationId = UUID.randomUUID().toString();
        try {
            commands.send(new CertificationCommands.RecordCertification(certificationId, recipientId, program,
                    certifiedOn, method, reference, null, null, released), actor);
        } catch (RuntimeException e) {
            if (Failures.isDuplicateKey(e)) {
                throw new LedgerException(ErrorCode.CONCURRENT_MODIFICATION, "the same certification was recorded "
                        + "by another request at the same moment; nothing was recorded");
            }
            throw e;
        }
        tell(certificationId, recipientId, released, actor);
        return new Recorded(certificationId, recipientId, program, certifiedOn, method, false, released);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome recordFile(String fileName, String fileSha256, String programCode, List<Row> rows, Actor actor) {
        long started = System.nanoTime();
        String fileId = UUID.randomUUID().toString();
        String program = blankToNull(programCode);
        if (program != null) {
            certifications.requireProgram(program);
        }
        LocalDate today = BusinessDates.today();
        List<CertificationFileRecorded.FileRow> notRecorded = new ArrayList<>();
        List<Match> candidates = new ArrayList<>(rows.size());
        Map<String, Integer> firstLine = new HashMap<>();
        for (Row row : rows) {
            try {
                CellProblem.raise(row.problem());
                String id = RecipientId.parse(row.recipientId()).value();
                if (Enrolments.normalisedName(row.name()).isEmpty()) {
                    throw new LedgerException(ErrorCode.INVALID_NAME, "the name is missing");
                }
                LocalDate date = Periods.parseDate(row.certifiedOn());
                if (date.isAfter(today)) {
                    throw new LedgerException(ErrorCode.INVALID_DATE, "certification date " + date
                            + " is in the future");
                }
                CertificationMethod method = CertificationMethod.parse(row.method());
                Integer earlier = firstLine.putIfAbsent(id, row.line());
                if (earlier != null) {
                    throw new LedgerException(ErrorCode.DUPLICATE_IN_FILE, "recipient " + id
                            + " is already on line " + earlier);
                }
                candidates.add(new Match(row, id, date, method));
            } catch (LedgerException e) {
                notRecorded.add(rejected(row, e.code().name(), e.getMessage()));
            }
        }
        String[] ids = candidates.stream().map(Match::recipientId).toArray(String[]::new);
        Map<String, Set<String>> names = enrolments.normalisedNames(ids);
        Set<String> inProgram = program == null ? null : enrolments.inProgram(program, List.of(ids)).keySet();
        AccessScope scope = AccessScope.current();
        Set<String> outside = scope.scoped() ? enrolments.outsideEverywhere(ids, scope.regions()) : Set.of();
        Map<String, LocalDate> days = new HashMap<>();
        candidates.forEach(match -> days.put(match.recipientId(), match.certifiedOn()));
        Set<String> known = certifications.alreadyCertified(ids, program, days);

        List<Match> matched = new ArrayList<>();
        int alreadyKnown = 0;
        for (Match match : candidates) {
            Row row = match.row();
            Set<String> enrolledNames = names.get(match.recipientId());
            if (enrolledNames == null) {
                notRecorded.add(rejected(row, ErrorCode.UNMATCHED.name(), "no recipient " + match.recipientId()
                        + " is enrolled"));
            } else if (outside.contains(match.recipientId())) { // nothing about them, not even their names
                notRecorded.add(rejected(row, ErrorCode.OUT_OF_SCOPE.name(), "recipient " + match.recipientId()
                        + " is registered outside your region scope (不在您的管辖区域内): pass the row to their office"));
            } else if (inProgram != null && !inProgram.contains(match.recipientId())) {
                notRecorded.add(rejected(row, ErrorCode.NOT_ENROLLED.name(), "recipient " + match.recipientId()
                        + " is not enrolled in " + program));
            } else if (!enrolledNames.isEmpty() && !enrolledNames.contains(Enrolments.normalisedName(row.name()))) {
                notRecorded.add(rejected(row, ErrorCode.NAME_MISMATCH.name(), "recipient " + match.recipientId()
                        + " is enrolled as " + String.join(" / ", enrolledNames) + ", not " + row.name().strip()));
            } else if (known.contains(match.recipientId())) {
                alreadyKnown++;
            } else {
                matched.add(match);
            }
        }
        long matchedAt = System.nanoTime();
        Map<String, List<CertificationRecorded.Release>> released = releases(
                matched.stream().map(Match::recipientId).toArray(String[]::new), program, days);
        List<CertificationRecorded> recorded = new ArrayList<>(matched.size());
        for (Match match : matched) {
            try {
                recorded.add(Certification.recorded(new CertificationCommands.RecordCertification(
                        UUID.randomUUID().toString(), match.recipientId(), program, match.certifiedOn(),
                        match.method(), null, fileId, match.row().line(),
                        released.getOrDefault(match.recipientId(), List.of()))));
            } catch (LedgerException e) {
                notRecorded.add(rejected(match.row(), e.code().name(), e.getMessage()));
            }
        }
        long builtAt = System.nanoTime();
        append(recorded, actor);
        long appendedAt = System.nanoTime();
        int monthsReleased = 0;
        int recipientsReleased = 0;
        List<CertificationListener.Certified> releases = new ArrayList<>();
        for (CertificationRecorded event : recorded) {
            if (!event.released().isEmpty()) {
                recipientsReleased++;
                for (CertificationRecorded.Release release : event.released()) {
                    monthsReleased += release.months().size();
                    releases.add(new CertificationListener.Certified(event.certificationId(), release.programCode(),
                            event.recipientId(), release.months()));
                }
            }
        }
        if (!releases.isEmpty()) {
            List<CertificationListener.Certified> all = List.copyOf(releases);
            listeners.orderedStream().forEach(listener -> listener.certifiedAll(all, actor));
        }
        long releasedAt = System.nanoTime();
        notRecorded.sort(Comparator.comparingInt(CertificationFileRecorded.FileRow::line));
        CertificationFileRecorded event = new CertificationFileRecorded(fileId, fileName, fileSha256, program,
                rows.size(), recorded.size(), alreadyKnown, notRecorded);
        appender.append(List.of(new GenericDomainEventMessage<>(FILE_AGGREGATE_TYPE, fileId, 0, event,
                AuditedCommands.metaDataOf(actor))));
        // Not the file's name: a clerk may name a file after a person (SPEC §8).
        log.info("Certification file {}: {} rows, {} recorded, {} already known, {} not recorded, {} months released "
                        + "in {} ms (match {} ms, releases {} ms, append {} ms, arrears {} ms)", fileId, rows.size(),
                recorded.size(), alreadyKnown, notRecorded.size(), monthsReleased,
                (System.nanoTime() - started) / 1_000_000, (matchedAt - started) / 1_000_000,
                (builtAt - matchedAt) / 1_000_000, (appendedAt - builtAt) / 1_000_000,
                (releasedAt - appendedAt) / 1_000_000);
        return new Outcome(fileId, rows.size(), recorded.size(), alreadyKnown, notRecorded, recipientsReleased,
                monthsReleased);
    }

    /**
     * Per recipient of {@code ids}, the months each program that certifies releases when they certify on their day
     * in {@code days} ({@code programCode} null: in every program they are enrolled in). Two queries.
     */
    private Map<String, List<CertificationRecorded.Release>> releases(String[] ids, String programCode,
                                                                      Map<String, LocalDate> days) {
        Map<String, List<CertificationRecorded.Release>> releases = new HashMap<>();
        if (ids.length == 0) {
            return releases;
        }
        Map<String, Map<String, Enrolments.Enrolled>> enrolled = enrolments.everywhere(ids);
        Map<String, Map<String, LocalDate>> last = certifications.lastCertifiedByProgram(ids);
        Map<String, Integer> months = new HashMap<>();
        for (String id : ids) {
            Map<String, LocalDate> own = last.getOrDefault(id, Map.of());
            List<CertificationRecorded.Release> released = new ArrayList<>();
            enrolled.getOrDefault(id, Map.of()).entrySet().stream()
                    .filter(e -> programCode == null || programCode.equals(e.getKey()))
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> {
                        int n = months.computeIfAbsent(e.getKey(), certifications::certificationMonths);
                        List<YearMonth> freed = Certifications.released(n, e.getValue().from(),
                                Certifications.later(own.get(e.getKey()), own.get("")), days.get(id));
                        if (!freed.isEmpty()) {
                            released.add(new CertificationRecorded.Release(e.getKey(), freed));
                        }
                    });
            if (!released.isEmpty()) {
                releases.put(id, List.copyOf(released));
            }
        }
        return releases;
    }

    private void append(List<CertificationRecorded> recorded, Actor actor) {
        if (recorded.isEmpty()) {
            return;
        }
        try {
            long started = System.nanoTime();
            index.insert(recorded);
            log.info("certification_index: {} rows in {} ms", recorded.size(), (System.nanoTime() - started) / 1_000_000);
        } catch (DuplicateKeyException e) {
            throw new LedgerException(ErrorCode.CONCURRENT_MODIFICATION, "a certification in this file was recorded "
                    + "by another request at the same moment; nothing was recorded");
        }
        MetaData metaData = AuditedCommands.metaDataOf(actor);
        appender.append(recorded.stream().map(event -> new GenericDomainEventMessage<>(AGGREGATE_TYPE,
                event.certificationId(), 0, event, metaData)).toList());
    }

    private void tell(String certificationId, String recipientId, List<CertificationRecorded.Release> released,
                      Actor actor) {
        if (released.isEmpty()) {
            return;
        }
        listeners.orderedStream().forEach(listener -> released.forEach(release ->
                listener.certified(certificationId, release.programCode(), recipientId, release.months(), actor)));
    }

    private static CertificationFileRecorded.FileRow rejected(Row row, String code, String message) {
        return new CertificationFileRecorded.FileRow(row.line(), row.recipientId(), row.name(), row.certifiedOn(),
                row.method(), code, message);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

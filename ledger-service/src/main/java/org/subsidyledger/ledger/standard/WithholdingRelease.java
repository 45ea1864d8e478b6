package org.subsidyledger.ledger.standard;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.subsidyledger.contract.standard.Entitlement;
import org.subsidyledger.ledger.batch.PayoutLines;
import org.subsidyledger.ledger.enrolment.Enrolments;
import org.subsidyledger.ledger.fact.ActiveFacts;
import org.subsidyledger.ledger.security.Actor;

/**
 * Ends a withholding (rule 10): the months it withheld that are still due and were never paid become arrears of what
 * is due for them — in each program the recipient is enrolled in (or the one given), from the enrolment on, leaving
 * out months another fact makes not due (a death recorded meanwhile: nothing is owed after the death month), months
 * with a line already (paid or pending) and months already owed.
 */
@Component
public class WithholdingRelease {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WithholdingRelease.class);

    private final Enrolments enrolments;
    private final Standards standards;
    private final ActiveFacts facts;
    private final PayoutLines lines;
    private final Arrears arrears;
    private final ArrearService service;

    WithholdingRelease(Enrolments enrolments, Standards standards, ActiveFacts facts, PayoutLines lines,
                       Arrears arrears, ArrearService service) {
        this.enrolments = enrolments;
        this.standards = standards;
        this.facts = facts;
        this.lines = lines;
        this.arrears = arrears;
        this.service = service;
    }

    /**
     * @param programCode the program whose months were withheld, or null for every program of the recipient
     * @param first       the first month withheld
     * @param last        the last month withheld
     * @param causeRef    what ended it: the fact, or the certification
     * @return the arrears recorded (months)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int release(String recipientId, String programCode, YearMonth first, YearMonth last, String causeRef,
                       Actor actor) {
        List<YearMonth> span = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            span.add(m);
        }
        return release(recipientId, programCode, span, causeRef, actor);
    }

    /** The same for the months given (a certification's released months). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int release(String recipientId, String programCode, List<YearMonth> withheld, String causeRef,
                       Actor actor) {
        if (withheld.isEmpty()) {
            return 0;
        }
        List<String> programs = programCode == null ? enrolments.programsOf(recipientId) : List.of(programCode);
        return releaseAll(programs.stream().map(program -> new Released(recipientId, program, withheld, causeRef))
                .toList(), actor);
    }

    /** Months of one program that one cause (a fact, a certification) released for one recipient. */
    public record Released(String recipientId, String programCode, List<YearMonth> months, String causeRef) {
    }

    /**
     * Many releases at once — a certification file's: the facts, lines, terms and arrears of all their recipients are
     * read with one query each (per program for the terms and arrears), and every release is recorded with one
     * {@code COPY} and one append ({@link ArrearService#releasedAll}). The same rules as one by one: a release that
     * leaves nothing owed records nothing.
     *
     * @return the arrears recorded (months)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int releaseAll(List<Released> releases, Actor actor) {
        List<Released> wanted = releases.stream().filter(r -> !r.months().isEmpty()).toList();
        if (wanted.isEmpty()) {
            return 0;
        }
        long started = System.nanoTime();
        String[] ids = wanted.stream().map(Released::recipientId).distinct().toArray(String[]::new);
        Map<String, List<ActiveFacts.NotDueFact>> facts = this.facts.of(ids);
        Set<String> lined = new HashSet<>();
        lines.lockedOf(ids).values().forEach(list -> list.forEach(
                l -> lined.add(l.recipientId() + " " + l.programCode() + " " + l.period())));
        Map<String, List<Released>> byProgram = new LinkedHashMap<>();
        wanted.forEach(r -> byProgram.computeIfAbsent(r.programCode(), k -> new ArrayList<>()).add(r));
        Map<Released, List<ArrearService.Owed>> owedByRelease = new java.util.IdentityHashMap<>();
        for (Map.Entry<String, List<Released>> entry : byProgram.entrySet()) {
            String program = entry.getKey();
            List<String> recipients = entry.getValue().stream().map(Released::recipientId).distinct().toList();
            Map<String, Entitlement.Individual> terms = standards.individuals(program, recipients);
            if (terms.isEmpty()) {
                continue;
            }
            Entitlement entitlement = standards.entitlement(program);
            Map<String, Long> owed = arrears.owed(program, recipients);
            for (Released release : entry.getValue()) {
                Entitlement.Individual own = terms.get(release.recipientId());
                if (own == null) {
                    continue;
                }
                List<ActiveFacts.NotDueFact> notDue = facts.getOrDefault(release.recipientId(), List.of()).stream()
                        .filter(f -> !f.withheld() && (f.programCode() == null || f.programCode().equals(program)))
                        .toList();
                List<ArrearService.Owed> months = new ArrayList<>();
                for (YearMonth m : release.months()) {
                    if (m.isBefore(own.enrolledFrom()) || notDue.stream().anyMatch(f -> f.months().contains(m))
                            || lined.contains(release.recipientId() + " " + program + " " + m)
                            || owed.getOrDefault(release.recipientId() + " " + m, 0L) != 0) {
                        continue;
                    }
                    long due = entitlement.due(own, m);
                    months.add(new ArrearService.Owed(release.recipientId(), m, due, 0, due));
                }
                owedByRelease.put(release, months);
            }
        }
        long computed = System.nanoTime();
        List<ArrearService.Release> recorded = new ArrayList<>();
        wanted.forEach(r -> {
            List<ArrearService.Owed> months = owedByRelease.get(r);
            if (months != null && !months.isEmpty()) {
                recorded.add(new ArrearService.Release(r.programCode(), r.causeRef(), months));
            }
        });
        service.releasedAll(recorded, actor);
        int months = recorded.stream().mapToInt(r -> r.months().size()).sum();
        if (releases.size() > 1) {
            log.info("Released {} withholding(s) of {} recipient(s): {} arrear month(s); read and compute {} ms, "
                    + "record {} ms", recorded.size(), ids.length, months, (computed - started) / 1_000_000,
                    (System.nanoTime() - computed) / 1_000_000);
        }
        return months;
    }
}

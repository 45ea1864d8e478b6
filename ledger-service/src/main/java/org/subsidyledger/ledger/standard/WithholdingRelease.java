package org.subsidyledger.ledger.standard;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
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
        String[] ids = {recipientId};
        List<ActiveFacts.NotDueFact> notDue = facts.of(ids).getOrDefault(recipientId, List.of()).stream()
                .filter(f -> !f.withheld()).toList();
        Set<String> lined = new HashSet<>();
        lines.lockedOf(ids).getOrDefault(recipientId, List.of())
                .forEach(l -> lined.add(l.programCode() + " " + l.period()));
        int recorded = 0;
        List<String> programs = programCode == null ? enrolments.programsOf(recipientId) : List.of(programCode);
        for (String program : programs) {
            Entitlement.Individual terms = standards.individuals(program, List.of(recipientId)).get(recipientId);
            if (terms == null) {
                continue;
            }
            Entitlement entitlement = standards.entitlement(program);
            Map<String, Long> owed = arrears.owed(program, List.of(recipientId));
            List<ArrearService.Owed> months = new ArrayList<>();
            for (YearMonth m : withheld) {
                YearMonth month = m;
                if (m.isBefore(terms.enrolledFrom())) {
                    continue;
                }
                boolean notDueThen = notDue.stream().anyMatch(f -> (f.programCode() == null
                        || f.programCode().equals(program)) && f.months().contains(month));
                if (notDueThen || lined.contains(program + " " + m) || owed.getOrDefault(recipientId + " " + m, 0L)
                        != 0) {
                    continue;
                }
                long due = entitlement.due(terms, m);
                months.add(new ArrearService.Owed(recipientId, m, due, 0, due));
            }
            if (service.released(program, causeRef, months, actor) != null) {
                recorded += months.size();
            }
        }
        return recorded;
    }
}

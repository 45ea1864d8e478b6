package org.subsidyledger.ledger.overpayment;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.overpayment.RecoveryNoticeDelivered;
import org.subsidyledger.contract.overpayment.RecoveryNoticeGenerated;
import org.subsidyledger.ledger.enrolment.Enrolments;

/**
 * The content of a recovery notice, read from the case's own events (the notice as generated, and its delivery) —
 * so a notice can be printed the moment it is generated — with the recipient's name and region from the enrolment
 * and the program's name.
 */
@Service
class RecoveryNotices {

    private final EventStore events;
    private final OverpaymentCases cases;
    private final Enrolments enrolments;
    private final JdbcTemplate jdbc;

    RecoveryNotices(EventStore events, OverpaymentCases cases, Enrolments enrolments, JdbcTemplate jdbc) {
        this.events = events;
        this.cases = cases;
        this.enrolments = enrolments;
        this.jdbc = jdbc;
    }

    NoticeDocument.Content content(String caseId, String noticeId) {
        OverpaymentCases.Subject subject = cases.subject(caseId).orElseThrow(() -> new LedgerException(
                ErrorCode.UNKNOWN_OVERPAYMENT, "no overpayment case " + caseId));
        RecoveryNoticeGenerated notice = null;
        RecoveryNoticeDelivered delivery = null;
        for (Object payload : events.readEvents(caseId).asStream().map(m -> m.getPayload()).toList()) {
            if (payload instanceof RecoveryNoticeGenerated generated && generated.noticeId().equals(noticeId)) {
                notice = generated;
            } else if (payload instanceof RecoveryNoticeDelivered delivered
                    && delivered.noticeId().equals(noticeId)) {
                delivery = delivered;
            }
        }
        if (notice == null) {
            throw new LedgerException(ErrorCode.NOTICE_NOT_FOUND, "case " + caseId + " has no notice " + noticeId);
        }
        String program = subject.programCode();
        List<String> names = jdbc.queryForList("SELECT name FROM program_view WHERE code = ?", String.class,
                program);
        return new NoticeDocument.Content(notice, delivery, enrolments.namesOf(subject.recipientId()).get(program),
                subject.recipientId(), enrolments.regionsOf(subject.recipientId()).get(program), program,
                names.isEmpty() ? program : names.get(0));
    }
}

package org.subsidyledger.ledger.certification;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.subsidyledger.contract.certification.CertificationRecorded;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.ledger.certification.CertificationCommands.RecordCertification;

/**
 * One existence certification of a recipient (rule 11, docs/rules.md). It is never changed; its checks are those
 * of one certification (a date not in the future nor before 1900, a method, a short reference). Rules across
 * certifications (the same day once) are kept by {@link CertificationService} and the index's unique key.
 */
@Aggregate
class Certification {

    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final int MAX_TEXT = 200;

    @AggregateIdentifier
    private String certificationId;

    protected Certification() {
        // for Axon
    }

    @CommandHandler
    Certification(RecordCertification command) {
        apply(recorded(command));
    }

    /** The event recording a certification, after its checks; also used by the certification file. */
    static CertificationRecorded recorded(RecordCertification command) {
        if (command.certifiedOn() == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "certifiedOn is required");
        }
        if (command.certifiedOn().isAfter(BusinessDates.today())) {
            throw new LedgerException(ErrorCode.INVALID_DATE, "certification date " + command.certifiedOn()
                    + " is in the future");
        }
        if (command.certifiedOn().isBefore(EARLIEST)) {
            throw new LedgerException(ErrorCode.INVALID_DATE, "certification date " + command.certifiedOn()
                    + " is before " + EARLIEST);
        }
        if (command.method() == null) {
            throw new LedgerException(ErrorCode.INVALID_CERTIFICATION_METHOD,
                    "method is required: FACE, HOME_VISIT, COMMUNITY or OTHER");
        }
        String reference = command.reference() == null || command.reference().isBlank() ? null
                : command.reference().strip();
        if (reference != null && reference.length() > MAX_TEXT) {
            throw new LedgerException(ErrorCode.TEXT_TOO_LONG, "the reference is longer than " + MAX_TEXT);
        }
        return new CertificationRecorded(command.certificationId(), command.recipientId(), command.programCode(),
                command.certifiedOn(), command.method(), reference, command.fileId(), command.fileLine(),
                command.released());
    }

    @EventSourcingHandler
    void on(CertificationRecorded event) {
        this.certificationId = event.certificationId();
    }
}

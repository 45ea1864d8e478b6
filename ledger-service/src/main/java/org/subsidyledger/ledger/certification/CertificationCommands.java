package org.subsidyledger.ledger.certification;

import java.time.LocalDate;
import java.util.List;
import org.subsidyledger.contract.certification.CertificationMethod;
import org.subsidyledger.contract.certification.CertificationRecorded;

/** Commands on a {@link Certification}. Which months it releases is worked out by {@link CertificationService}. */
final class CertificationCommands {

    private CertificationCommands() {
    }

    /** {@code programCode} null: for every program of the recipient. */
    record RecordCertification(String certificationId, String recipientId, String programCode, LocalDate certifiedOn,
                               CertificationMethod method, String reference, String fileId, Integer fileLine,
                               List<CertificationRecorded.Release> released) {
    }
}

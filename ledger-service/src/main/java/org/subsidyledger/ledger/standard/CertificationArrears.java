package org.subsidyledger.ledger.standard;

import java.time.YearMonth;
import java.util.List;
import org.springframework.stereotype.Component;
import org.subsidyledger.ledger.certification.CertificationListener;
import org.subsidyledger.ledger.security.Actor;

/**
 * A certification (rule 11) ends the withholding its lateness made (rule 10): the months it releases that are still
 * due and unpaid become arrears ({@code WITHHOLDING_RELEASED}, caused by the certification).
 */
@Component
class CertificationArrears implements CertificationListener {

    private final WithholdingRelease release;

    CertificationArrears(WithholdingRelease release) {
        this.release = release;
    }

    @Override
    public void certified(String certificationId, String programCode, String recipientId,
                          List<YearMonth> releasedMonths, Actor actor) {
        release.release(recipientId, programCode, releasedMonths, certificationId, actor);
    }

    /** A file's releases, set-wise: a few queries and one append for all of them. */
    @Override
    public void certifiedAll(List<Certified> certified, Actor actor) {
        release.releaseAll(certified.stream().map(c -> new WithholdingRelease.Released(c.recipientId(),
                c.programCode(), c.releasedMonths(), c.certificationId())).toList(), actor);
    }
}

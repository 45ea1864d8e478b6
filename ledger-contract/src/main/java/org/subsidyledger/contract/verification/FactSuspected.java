package org.subsidyledger.contract.verification;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import org.axonframework.serialization.Revision;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.NotDueMonths;

/**
 * A comparison row matched a recipient and is to be verified by their region before it is recorded as a fact (rule
 * 12). Until it is confirmed or dismissed, the recipient's lines for the months it would make not due ({@link #held})
 * are held: refused {@code SUSPECTED} at posting and stopped at disbursement.
 *
 * @param kind        {@code DEATH}, {@code SUSPENSION} (服刑, from the 司法 comparison) or {@code DUPLICATE_CLAIM}
 *                    (省比对 重复领取)
 * @param region      the recipient's region (乡镇/街道) when matched: whose work queue it is in
 * @param from        DEATH: the date of death; SUSPENSION: its first day; DUPLICATE_CLAIM: the first day of the first
 *                    month drawn elsewhere
 * @param to          SUSPENSION: its last day, or {@code null} when open; DUPLICATE_CLAIM: the first day of the last
 *                    month; DEATH: {@code null}
 * @param programCode DUPLICATE_CLAIM: the program the months are not due in; otherwise {@code null} (every program)
 * @param otherScheme DUPLICATE_CLAIM: the other scheme drawn; otherwise {@code null}
 * @param source      where the comparison came from (殡葬/公安/卫健, 司法, 省比对)
 */
@Revision("1")
public record FactSuspected(String suspectId, String comparisonId, int line, String recipientId, String region,
                            FactKind kind, LocalDate from, LocalDate to, String programCode, String otherScheme,
                            String source) {

    /** The months the fact would make not due: those whose lines are held while it is suspected. */
    public Optional<NotDueMonths> held() {
        return NotDueMonths.of(kind, from, to);
    }

    /** The first month held, or the month after the last when none is. */
    public YearMonth firstHeld() {
        return held().map(NotDueMonths::first).orElse(YearMonth.from(from).plusMonths(1));
    }
}

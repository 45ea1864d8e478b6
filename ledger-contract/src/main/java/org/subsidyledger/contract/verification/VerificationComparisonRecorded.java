package org.subsidyledger.contract.verification;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.subsidyledger.contract.fact.FactKind;

/**
 * A comparison file posted for verification (rule 12): how many rows it had, how many became suspected facts
 * ({@link FactSuspected} events of the same comparison), and every row that did not, with why — none is lost.
 *
 * @param kind the kind of fact its rows suspect: DEATH, SUSPENSION (imprisonment) or DUPLICATE_CLAIM
 */
@Revision("1")
public record VerificationComparisonRecorded(String comparisonId, FactKind kind, String fileName, String fileSha256,
                                             String programCode, int rows, int suspected, List<NotSuspected> notSuspected) {

    /**
     * A row not made a suspected fact.
     *
     * @param values the row's other cells as read (dates, scheme, source), for the office to pass on
     * @param code   why: UNMATCHED, NAME_MISMATCH, OUT_OF_SCOPE, ALREADY_SUSPECTED, ALREADY_RECORDED, or a value error
     */
    public record NotSuspected(int line, String recipientId, String name, List<String> values, String code, String message) {

        public NotSuspected {
            values = List.copyOf(values);
        }
    }

    public VerificationComparisonRecorded {
        notSuspected = List.copyOf(notSuspected);
    }
}

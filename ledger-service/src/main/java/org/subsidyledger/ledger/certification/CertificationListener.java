package org.subsidyledger.ledger.certification;

import java.time.YearMonth;
import java.util.List;
import org.subsidyledger.ledger.security.Actor;

/**
 * Told of the months a certification releases (rule 10: withheld months become arrears), in the transaction that
 * records it — a failure rolls the certification back. Any Spring bean implementing it is called; when there is
 * none, nothing is called. Called once per program and recipient whose months were released, never with an empty
 * list — or, for a file, once with all of them ({@link #certifiedAll}).
 */
public interface CertificationListener {

    /**
     * @param certificationId the certification that released them
     * @param programCode    the program whose months are released
     * @param recipientId    the recipient (normalised 18-character ID)
     * @param releasedMonths the months that were withheld and now are not, ascending, never empty
     * @param actor          who recorded the certification
     */
    void certified(String certificationId, String programCode, String recipientId, List<YearMonth> releasedMonths,
                   Actor actor);

    /** The months one certification released in one program, as {@link #certified} is told of them. */
    record Certified(String certificationId, String programCode, String recipientId, List<YearMonth> releasedMonths) {
    }

    /**
     * Told of a file's certifications at once, in the transaction that records them. By default one {@link #certified}
     * call each; a listener that can act on them set-wise overrides it.
     */
    default void certifiedAll(List<Certified> certified, Actor actor) {
        certified.forEach(c -> certified(c.certificationId(), c.programCode(), c.recipientId(), c.releasedMonths(),
                actor));
    }
}

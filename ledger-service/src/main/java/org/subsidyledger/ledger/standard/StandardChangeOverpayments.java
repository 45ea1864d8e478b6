package org.subsidyledger.ledger.standard;

import java.util.List;
import org.subsidyledger.ledger.batch.PayoutLines;
import org.subsidyledger.ledger.security.Actor;

/**
 * Opens the overpayments a retroactive decrease makes (cause {@code STANDARD_CHANGE}, rule 9): for each recipient, the
 * paid months now due less than was paid, each with the difference. Implemented by the overpayment feature.
 */
public interface StandardChangeOverpayments {

    /** A paid month and how much of it is no longer due. */
    record Overpaid(PayoutLines.MonthAccount month, long differenceFen, long dueFen) {
    }

    /** Opens one case per recipient for the change's overpaid months; answers how many cases were opened. */
    int open(String changeId, String programCode, String description, List<Overpaid> months, Actor actor);
}

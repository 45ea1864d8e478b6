package org.subsidyledger.ledger.certification;

import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.subsidyledger.ledger.security.Actor;

/**
 * A {@link CertificationListener} of the tests' application (picked up by component scan, as the arrears feature's
 * will be): it keeps what it was told, and whether it was told inside the recording transaction.
 */
@Component
public class RecordingCertificationListener implements CertificationListener {

    /** One call: program, recipient, months, actor, and whether a transaction was active. */
    public record Call(String programCode, String recipientId, List<YearMonth> months, Actor actor,
                       boolean inTransaction) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public void certified(String certificationId, String programCode, String recipientId,
                          List<YearMonth> releasedMonths, Actor actor) {
        calls.add(new Call(programCode, recipientId, releasedMonths, actor,
                TransactionSynchronizationManager.isActualTransactionActive()));
    }

    /** The calls about one recipient. */
    public List<Call> about(String recipientId) {
        return calls.stream().filter(call -> call.recipientId().equals(recipientId)).toList();
    }
}

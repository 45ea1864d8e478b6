package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Axon's units of work run in Spring transactions: a processor batch's token and its rows commit together, and a
 * command's events and its write-side index rows commit together. With Axon's no-op fallback (what its
 * auto-configuration chooses under Spring Boot 4 when it is ordered before the transaction manager exists) each
 * statement commits alone, and a crash between them loses rows.
 */
class TransactionWiringHttpTest extends HttpTestBase {

    @Autowired
    TransactionManager axonTransactions;

    @Test
    void axonRunsItsUnitsOfWorkInSpringTransactions() {
        assertThat(axonTransactions).isInstanceOf(SpringTransactionManager.class);
    }
}

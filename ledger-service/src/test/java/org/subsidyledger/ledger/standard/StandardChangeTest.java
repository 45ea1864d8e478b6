package org.subsidyledger.ledger.standard;

import java.time.YearMonth;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.standard.StandardChanged;
import org.subsidyledger.ledger.standard.StandardChange.ChangeStandard;

class StandardChangeTest {

    private static final YearMonth JULY = YearMonth.of(2023, 7);

    private FixtureConfiguration<StandardChange> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StandardChange.class);
    }

    @Test
    void aProgramWideChangeFromAMonthIsRecordedWithItsReasonStripped() {
        fixture.givenNoPriorActivity()
                .when(new ChangeStandard("c-1", "RUGAO", null, JULY, 22_500, " 苏人社发〔2023〕12号 "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StandardChanged("c-1", "RUGAO", null, JULY, 22_500, "苏人社发〔2023〕12号"));
    }

    @Test
    void anIndividualChangeNamesItsRecipient() {
        fixture.givenNoPriorActivity()
                .when(new ChangeStandard("c-2", "RUGAO", "11010519491231002X", JULY, 20_000, "核定"))
                .expectEvents(new StandardChanged("c-2", "RUGAO", "11010519491231002X", JULY, 20_000, "核定"));
    }

    @Test
    void aStandardOfZeroIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeStandard("c-3", "RUGAO", null, JULY, 0, "x"))
                .expectException(LedgerException.class)
                .expectExceptionMessage("the monthly standard must be positive")
                .expectNoEvents();
    }

    @Test
    void aChangeWithoutAReasonIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeStandard("c-4", "RUGAO", null, JULY, 22_500, "  "))
                .expectException(LedgerException.class)
                .expectNoEvents();
    }

    @Test
    void aChangeWithoutAMonthIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangeStandard("c-5", "RUGAO", null, null, 22_500, "x"))
                .expectException(LedgerException.class)
                .expectNoEvents();
    }
}

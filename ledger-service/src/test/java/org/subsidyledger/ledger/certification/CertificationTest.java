package org.subsidyledger.ledger.certification;

import static org.subsidyledger.ledger.LedgerExceptionMatchers.codeIs;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.certification.CertificationMethod;
import org.subsidyledger.contract.certification.CertificationRecorded;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.ledger.certification.CertificationCommands.RecordCertification;

class CertificationTest {

    private static final String ID = "11010519491231002X";
    private static final LocalDate ON = LocalDate.of(2024, 6, 15);
    private static final List<CertificationRecorded.Release> RELEASED = List.of(new CertificationRecorded.Release(
            "P-1", List.of(YearMonth.of(2024, 4), YearMonth.of(2024, 5), YearMonth.of(2024, 6))));

    private FixtureConfiguration<Certification> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Certification.class);
    }

    @Test
    void givenNothing_whenACertificationIsRecorded_thenCertificationRecordedWithTheMonthsItReleases() {
        fixture.givenNoPriorActivity()
                .when(new RecordCertification("c-1", ID, "P-1", ON, CertificationMethod.FACE, " APP-778 ", null,
                        null, RELEASED))
                .expectEvents(new CertificationRecorded("c-1", ID, "P-1", ON, CertificationMethod.FACE, "APP-778",
                        null, null, RELEASED));
    }

    @Test
    void givenNothing_whenACertificationForEveryProgramIsRecorded_thenItNamesNoProgram() {
        fixture.givenNoPriorActivity()
                .when(new RecordCertification("c-1", ID, null, ON, CertificationMethod.HOME_VISIT, " ", "file-1", 7,
                        List.of()))
                .expectEvents(new CertificationRecorded("c-1", ID, null, ON, CertificationMethod.HOME_VISIT, null,
                        "file-1", 7, List.of()));
    }

    @Test
    void givenNothing_whenTheCertificationDateIsInTheFuture_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordCertification("c-1", ID, null, BusinessDates.today().plusDays(1),
                        CertificationMethod.FACE, null, null, null, List.of()))
                .expectException(codeIs(ErrorCode.INVALID_DATE));
    }

    @Test
    void givenNothing_whenTheMethodIsMissing_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordCertification("c-1", ID, null, ON, null, null, null, null, List.of()))
                .expectException(codeIs(ErrorCode.INVALID_CERTIFICATION_METHOD));
    }

    @Test
    void givenNothing_whenTheReferenceIsTooLong_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordCertification("c-1", ID, null, ON, CertificationMethod.OTHER, "x".repeat(201), null,
                        null, List.of()))
                .expectException(codeIs(ErrorCode.TEXT_TOO_LONG));
    }
}

package org.subsidyledger.ledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The subsidy ledger: write side, HTTP API and (from the projections module) the read models. */
@SpringBootApplication(scanBasePackages = {"org.subsidyledger.ledger", "org.subsidyledger.projections"})
@EnableScheduling
public class LedgerApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(LedgerApplication.class, args);
    }
}

package org.subsidyledger.ledger.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.subsidyledger.ledger.LedgerApplication;

/** The embedded default keeps its data in a data directory: what was recorded is there after a restart. */
class EmbeddedPostgresRestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void keepsRecordedEventsAcrossARestartOnTheSameDataDirectory() {
        long firstRunEvents;
        try (ConfigurableApplicationContext first = start()) {
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            jdbc.update("INSERT INTO program_registry (code, monthly_standard_fen, created_event_id) VALUES ('KEEP', 1, 'e')");
            firstRunEvents = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        }
        assertThat(Files.exists(dataDirectory.resolve("PG_VERSION"))).isTrue();

        try (ConfigurableApplicationContext second = start()) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM program_registry WHERE code = 'KEEP'", Long.class))
                    .isOne();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                    .isEqualTo(firstRunEvents);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Long.class))
                    .as("migrations are not applied twice").isGreaterThanOrEqualTo(3);
        }
    }

    private ConfigurableApplicationContext start() {
        // Command-line arguments, not builder properties: those are defaults that application.yml overrides.
        return new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.embedded-postgres.data-directory=" + dataDirectory,
                        "--logging.structured.format.console=", "--spring.profiles.active=demo",
                        "--ledger.demo-data.enabled=false");
    }
}

package org.subsidyledger.projections.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One real PostgreSQL for the projection tests of this JVM, migrated with the read-model migrations of this module.
 */
public final class ProjectionDatabase {

    private static JdbcTemplate jdbc;

    private ProjectionDatabase() {
    }

    public static synchronized JdbcTemplate jdbc() {
        if (jdbc == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is ending anyway
                    }
                }));
                DataSource dataSource = postgres.getPostgresDatabase();
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
                jdbc = new JdbcTemplate(dataSource);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jdbc;
    }
}

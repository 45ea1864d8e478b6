package org.subsidyledger.ledger;

import java.util.Arrays;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.subsidyledger.ledger.operations.IndexRebuild;

/**
 * The subsidy ledger: write side, HTTP API and (from the projections module) the read models.
 *
 * <p>{@code java -jar ledger-service.jar} serves; {@code java -jar ledger-service.jar rebuild-write-indexes} starts
 * without a web server, rebuilds the write side's indexes from the events ({@link IndexRebuild}) and exits.
 */
@SpringBootApplication(scanBasePackages = {"org.subsidyledger.ledger", "org.subsidyledger.projections"})
@EnableScheduling
public class LedgerApplication {

    public static final String REBUILD_WRITE_INDEXES = "rebuild-write-indexes";

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        if (args.length > 0 && REBUILD_WRITE_INDEXES.equals(args[0])) {
            System.exit(rebuildWriteIndexes(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(LedgerApplication.class, args);
    }

    private static int rebuildWriteIndexes(String[] args) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE)
                .properties("ledger.operations.command=" + REBUILD_WRITE_INDEXES)
                .run(args);
        int status = 0;
        try {
            IndexRebuild.Result result = context.getBean(IndexRebuild.class).rebuild();
            LoggerFactory.getLogger(LedgerApplication.class).info(
                    "write-side indexes rebuilt from {} events in {} ms: {}", result.events(), result.millis(),
                    result.rows());
        } catch (RuntimeException e) {
            boolean denied = e instanceof org.springframework.dao.PermissionDeniedDataAccessException
                    || e.getCause() instanceof java.sql.SQLException sql && "42501".equals(sql.getSQLState());
            LoggerFactory.getLogger(LedgerApplication.class).error("write-side index rebuild failed, nothing changed{}",
                    denied ? ": it empties the indexes, so it must run as the database owner "
                            + "(SPRING_DATASOURCE_USERNAME/PASSWORD of the role that owns the tables, as for migrations)"
                            : "", e);
            status = 1;
        }
        return SpringApplication.exit(context, () -> 0) == 0 ? status : 1;
    }
}

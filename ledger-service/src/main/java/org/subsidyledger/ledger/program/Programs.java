package org.subsidyledger.ledger.program;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.program.AgeSupplement;

/**
 * What the other features of the write side may ask about programs, from the {@code program_registry} this feature
 * keeps ({@link ProgramRegistryUpdater}): whether a program exists, and its standard and review levels; and, from the
 * program's events, the months it has closed. No other package reads that table.
 */
@Component
public class Programs {

    /**
     * A program's monthly standard (分) as created, how many review levels its batches pass, its age supplements
     * (ascending by age) and how often its recipients certify (0: never).
     */
    public record Terms(long monthlyStandardFen, int reviewLevels, List<AgeSupplement> ageSupplements,
                        int certificationMonths) {
    }

    private final JdbcTemplate jdbc;
    private final EventStore events;

    Programs(JdbcTemplate jdbc, EventStore events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * The last month the program has closed (月结), from its own events — a program has a handful of them a month, so
     * reading them is cheap and as current as the event store; empty when none is closed.
     */
    public Optional<YearMonth> closedThrough(String code) {
        YearMonth last = null;
        var stream = events.readEvents(code);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof org.subsidyledger.contract.program.MonthClosed closed) {
                last = closed.month();
            }
        }
        return Optional.ofNullable(last);
    }

    /** Whether any program has been created (an installation in use). */
    public boolean anyExists() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM program_registry)",
                Boolean.class));
    }

    public Optional<Terms> terms(String code) {
        return jdbc.query("""
                        SELECT monthly_standard_fen, review_levels, age_supplements, certification_months
                        FROM program_registry WHERE code = ?""",
                (rs, n) -> new Terms(rs.getLong(1), rs.getInt(2), decode(rs.getString(3)), rs.getInt(4)), code)
                .stream().findFirst();
    }

    /** {@code program_registry.age_supplements}: {@code age:分} pairs joined by {@code ;}. */
    static String encode(List<AgeSupplement> supplements) {
        return String.join(";", supplements.stream().map(s -> s.fromAge() + ":" + s.amountFen()).toList());
    }

    static List<AgeSupplement> decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return List.of();
        }
        List<AgeSupplement> supplements = new ArrayList<>();
        for (String pair : encoded.split(";")) {
            String[] parts = pair.split(":");
            supplements.add(new AgeSupplement(Integer.parseInt(parts[0]), Long.parseLong(parts[1])));
        }
        return List.copyOf(supplements);
    }

    /** The program's 行政区划, if there is such a program. */
    public Optional<String> region(String code) {
        return jdbc.query("SELECT region FROM program_registry WHERE code = ?", (rs, n) -> rs.getString(1), code)
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** The program's terms; 404 {@code UNKNOWN_PROGRAM} when there is no such program. */
    public Terms require(String code) {
        return terms(code).orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_PROGRAM,
                "program " + code + " does not exist"));
    }
}

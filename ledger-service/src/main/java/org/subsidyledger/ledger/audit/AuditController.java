package org.subsidyledger.ledger.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit/verify[?through=position]}: the integrity check of the event store. It reads every
 * chained event again from the store, in chain order, recomputes its hash and the chain, and reports what does not
 * match — an event altered ({@code ALTERED}), gone ({@code MISSING}), or a chain row itself altered
 * ({@code CHAIN_ALTERED}) — and how many stored events the chain has not met yet ({@code unchained}: in flight, or
 * slipped in behind the chain's back). {@code head} is the chain at {@code through} (default: its end), the value an
 * export quotes.
 */
@RestController
@PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
class AuditController {

    private static final int MAX_PROBLEMS = 100;

    record Problem(long position, long globalIndex, String eventId, String problem) {
    }

    record Head(long position, long globalIndex, String sha256) {
    }

    /**
     * @param unchained  stored events the chain has not met: {@code behindChain} of them lie behind its head (slipped in
     *                   behind its back, or skipped: never chained, a failure) and the rest are ahead (in flight)
     * @param chainToken the global index the event-chain processor has read up to; beyond the head's means rows of the
     *                   chain's tail are gone
     */
    record Verification(boolean verified, long checked, long storedEvents, long unchained, long behindChain,
                        Long chainToken, Head head, List<Problem> problems) {
    }

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    AuditController(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(200);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Verify the hash chain over every stored event (审计校验)")
    @GetMapping("/api/v1/audit/verify")
    Verification verify(@RequestParam(required = false) Long through,
                        @RequestParam(name = "head", required = false) String quotedHead) {
        long end = jdbc.queryForObject("SELECT coalesce(max(position), 0) FROM event_chain", Long.class);
        long last = through == null ? end : Math.max(0, Math.min(through, end));
        List<Problem> problems = new ArrayList<>();
        long[] checked = {0, 0, 0}; // events checked, problems, global index of the head
        byte[][] chain = {EventHash.GENESIS};
        readOnly.executeWithoutResult(status -> streaming.query("""
                SELECT c.position, c.global_index, c.event_identifier, c.event_sha256, c.chain_sha256,
                       e.global_index IS NOT NULL AS present, """ + EventHash.COLUMNS + """

                FROM event_chain c LEFT JOIN domain_event_entry e ON e.global_index = c.global_index
                WHERE c.position <= ? ORDER BY c.position""", rs -> {
            long position = rs.getLong(1);
            byte[] recorded = rs.getBytes(4);
            String problem = null;
            if (!rs.getBoolean(6)) {
                problem = "MISSING";
            } else if (!Arrays.equals(EventHash.of(rs, 7), recorded)
                    || !rs.getString(3).equals(rs.getString(11))) {
                problem = "ALTERED";
            }
            chain[0] = EventHash.link(chain[0], recorded);
            if (problem == null && !Arrays.equals(chain[0], rs.getBytes(5))) {
                problem = "CHAIN_ALTERED";
            }
            if (position != checked[0] + 1 && problem == null) {
                problem = "CHAIN_ALTERED"; // a chain row removed
            }
            checked[0] = position;
            checked[2] = rs.getLong(2);
            if (problem != null) {
                checked[1]++;
                if (problems.size() < MAX_PROBLEMS) {
                    problems.add(new Problem(position, rs.getLong(2), rs.getString(3), problem));
                }
            }
        }, last));
        long stored = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        long unchained = jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry e
                WHERE NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.global_index = e.global_index)""", Long.class);
        long chainedUpTo = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM event_chain", Long.class);
        List<Long> behind = jdbc.queryForList("""
                SELECT e.global_index FROM domain_event_entry e
                WHERE e.global_index < ?
                  AND NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.global_index = e.global_index)
                ORDER BY e.global_index""", Long.class, chainedUpTo);
        for (Long index : behind.subList(0, Math.min(behind.size(), MAX_PROBLEMS))) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new Problem(0, index, null, "UNCHAINED"));
            }
        }
        Long token = chainToken();
        boolean tailMissing = through == null && token != null && token > chainedUpTo;
        if (tailMissing) {
            problems.add(new Problem(end + 1, token, null, "TAIL_MISSING"));
        }
        boolean headFound = true;
        if (quotedHead != null) {
            headFound = quotedHeadMatches(quotedHead);
            if (!headFound) {
                problems.add(new Problem(0, 0, null, "QUOTED_HEAD_NOT_FOUND"));
            }
        }
        boolean verified = checked[1] == 0 && checked[0] == last && behind.isEmpty() && !tailMissing && headFound;
        return new Verification(verified, checked[0], stored, unchained, behind.size(), token,
                new Head(checked[0], checked[2], HexFormat.of().formatHex(chain[0])), List.copyOf(problems));
    }

    /**
     * The event-chain processor's position, from its token ({@code {"index": n, "gaps": [...]}}); it is written in the
     * transaction that appends the chain rows it covers, so it never runs ahead of an intact chain.
     */
    private Long chainToken() {
        List<String> tokens = jdbc.queryForList("""
                SELECT convert_from(token, 'UTF8') FROM token_entry
                WHERE processor_name = 'event-chain' AND token IS NOT NULL""", String.class);
        Long highest = null;
        for (String token : tokens) {
            java.util.regex.Matcher index = TOKEN_INDEX.matcher(token);
            if (index.find()) {
                long value = Long.parseLong(index.group(1));
                highest = highest == null ? value : Math.max(highest, value);
            }
        }
        return highest;
    }

    private static final java.util.regex.Pattern TOKEN_INDEX = java.util.regex.Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    /** A head quoted earlier ({@code position:sha256}, as exports quote it) must still be in the chain. */
    private boolean quotedHeadMatches(String quoted) {
        String[] parts = quoted.split(":", 2);
        if (parts.length != 2 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("[0-9a-fA-F]{64}")) {
            throw new org.subsidyledger.contract.error.LedgerException(
                    org.subsidyledger.contract.error.ErrorCode.INVALID_QUERY, "head must be position:sha256 (64 hex digits), as an export quotes it");
        }
        List<byte[]> found = jdbc.queryForList("SELECT chain_sha256 FROM event_chain WHERE position = ?", byte[].class,
                Long.parseLong(parts[0]));
        return !found.isEmpty() && Arrays.equals(found.get(0), HexFormat.of().parseHex(parts[1].toLowerCase()));
    }
}

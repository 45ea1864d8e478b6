package org.subsidyledger.projections.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.subsidyledger.projections.port.AccessScope;

/**
 * A batch's counts and totals over the recipients of a region scope — a district's share of a city batch (SPEC §8).
 * Summing 300k lines joined to their enrolments costs about half a second a batch, so the figures are kept by
 * region in {@code batch_region_view} with the signature of the batch's own figures they were computed at, and
 * computed again only when a return, stop or deduction has changed the batch since. Figures are kept only once every
 * line has found its enrolment (the enrolment read model is a different processor and may be behind).
 */
@Component
class BatchRegionFigures {

    /** The counts and totals (分) a batch summary shows. */
    record Figures(int lines, long totalFen, int shortCount, int overCount, int returned, long returnedFen,
                   int stopped, long stoppedFen, int deducted, long deductedFen) {

        Figures plus(Figures other) {
            return new Figures(lines + other.lines, totalFen + other.totalFen, shortCount + other.shortCount,
                    overCount + other.overCount, returned + other.returned, returnedFen + other.returnedFen,
                    stopped + other.stopped, stoppedFen + other.stoppedFen, deducted + other.deducted,
                    deductedFen + other.deductedFen);
        }

        /** What the cached figures were computed at: the batch's own figures that any change of a line changes. */
        String signature() {
            return lines + "|" + totalFen + "|" + returned + "|" + returnedFen + "|" + stopped + "|" + stoppedFen + "|"
                    + deducted + "|" + deductedFen;
        }

        static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static final String BY_REGION = """
            SELECT e.region, count(*), coalesce(sum(l.amount_fen), 0),
                   count(*) FILTER (WHERE l.mark = 'SHORT'), count(*) FILTER (WHERE l.mark = 'OVER'),
                   count(*) FILTER (WHERE l.returned_at IS NOT NULL),
                   coalesce(sum(l.amount_fen) FILTER (WHERE l.returned_at IS NOT NULL), 0),
                   count(*) FILTER (WHERE l.stopped_at IS NOT NULL),
                   coalesce(sum(l.amount_fen) FILTER (WHERE l.stopped_at IS NOT NULL), 0),
                   count(*) FILTER (WHERE l.deducted_fen > 0), coalesce(sum(l.deducted_fen), 0)
            FROM batch_line_view l
            JOIN enrolment_view e ON e.program_code = l.program_code AND e.recipient_id = l.recipient_id
            WHERE l.batch_id = :id GROUP BY e.region""";

    private final JdbcClient jdbc;

    BatchRegionFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The figures of each batch over the regions {@code scope} covers.
     *
     * @param whole each batch's own figures (the whole batch), by batch id
     */
    Map<String, Figures> within(Map<String, Figures> whole, AccessScope scope) {
        Map<String, Map<String, Figures>> byBatch = new HashMap<>();
        Map<String, String> signatures = new HashMap<>();
        if (!whole.isEmpty()) {
            jdbc.sql("SELECT batch_id, region, signature, line_count, total_fen, short_count, over_count, "
                            + "returned_count, returned_fen, stopped_count, stopped_fen, deducted_count, deducted_fen "
                            + "FROM batch_region_view WHERE batch_id IN (:ids)")
                    .param("ids", new ArrayList<>(whole.keySet()))
                    .query(rs -> {
                        byBatch.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2),
                                figures(rs, 4));
                        signatures.merge(rs.getString(1), rs.getString(3), (a, b) -> a.equals(b) ? a : "");
                    });
        }
        Map<String, Figures> within = new HashMap<>();
        for (Map.Entry<String, Figures> batch : whole.entrySet()) {
            Map<String, Figures> regions = byBatch.get(batch.getKey());
            String signature = batch.getValue().signature();
            if (regions == null || !signature.equals(signatures.get(batch.getKey()))
                    || regions.values().stream().mapToInt(Figures::lines).sum() != batch.getValue().lines()) {
                regions = compute(batch.getKey(), signature, batch.getValue().lines());
            }
            Figures sum = Figures.NONE;
            for (Map.Entry<String, Figures> region : regions.entrySet()) {
                if (scope.covers(region.getKey())) {
                    sum = sum.plus(region.getValue());
                }
            }
            within.put(batch.getKey(), sum);
        }
        return within;
    }

    /** Sums the batch's lines by region; keeps them when every line found its enrolment. */
    private Map<String, Figures> compute(String batchId, String signature, int lines) {
        Map<String, Figures> regions = new HashMap<>();
        jdbc.sql(BY_REGION).param("id", batchId).query(rs -> {
            regions.put(rs.getString(1), figures(rs, 2));
        });
        if (regions.values().stream().mapToInt(Figures::lines).sum() == lines) {
            for (Map.Entry<String, Figures> region : regions.entrySet()) {
                Figures f = region.getValue();
                jdbc.sql("""
                                INSERT INTO batch_region_view (batch_id, region, signature, line_count, total_fen,
                                    short_count, over_count, returned_count, returned_fen, stopped_count, stopped_fen,
                                    deducted_count, deducted_fen)
                                VALUES (:batch, :region, :signature, :lines, :total, :short, :over, :returned,
                                        :returnedFen, :stopped, :stoppedFen, :deducted, :deductedFen)
                                ON CONFLICT (batch_id, region) DO UPDATE SET signature = EXCLUDED.signature,
                                    line_count = EXCLUDED.line_count, total_fen = EXCLUDED.total_fen,
                                    short_count = EXCLUDED.short_count, over_count = EXCLUDED.over_count,
                                    returned_count = EXCLUDED.returned_count, returned_fen = EXCLUDED.returned_fen,
                                    stopped_count = EXCLUDED.stopped_count, stopped_fen = EXCLUDED.stopped_fen,
                                    deducted_count = EXCLUDED.deducted_count, deducted_fen = EXCLUDED.deducted_fen""")
                        .param("batch", batchId).param("region", region.getKey()).param("signature", signature)
                        .param("lines", f.lines()).param("total", f.totalFen()).param("short", f.shortCount())
                        .param("over", f.overCount()).param("returned", f.returned())
                        .param("returnedFen", f.returnedFen()).param("stopped", f.stopped())
                        .param("stoppedFen", f.stoppedFen()).param("deducted", f.deducted())
                        .param("deductedFen", f.deductedFen()).update();
            }
        }
        return regions;
    }

    private static Figures figures(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
        return new Figures(rs.getInt(first), rs.getLong(first + 1), rs.getInt(first + 2), rs.getInt(first + 3),
                rs.getInt(first + 4), rs.getLong(first + 5), rs.getInt(first + 6), rs.getLong(first + 7),
                rs.getInt(first + 8), rs.getLong(first + 9));
    }
}

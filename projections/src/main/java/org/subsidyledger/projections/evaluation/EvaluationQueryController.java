package org.subsidyledger.projections.evaluation;

import org.subsidyledger.contract.error.LedgerException;

import org.subsidyledger.contract.error.ErrorCode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.projections.indicator.AsOf;
import org.subsidyledger.projections.indicator.IndicatorCalculator;

/**
 * {@code GET /programs/{code}/evaluation?year=&asOf=}: the scored table (分值, 得分, 得分率), the total and the grade,
 * from the ledger's indicators and what evaluators entered — all as of the same moment.
 */
@RestController
@PreAuthorize("hasAnyRole('EVALUATOR', 'AUDITOR', 'FINANCE', 'INSPECTOR', 'ADMIN')")
class EvaluationQueryController {

    private final JdbcTemplate jdbc;
    private final IndicatorCalculator calculator;

    EvaluationQueryController(JdbcTemplate jdbc, IndicatorCalculator calculator) {
        this.jdbc = jdbc;
        this.calculator = calculator;
    }

    record ScoredItem(String key, String level1, String level2, String level3, String rule, String indicator,
               String points, String input, String score, String rate, boolean missing) {
    }

    record Table(String program, int year, Instant asOf, String rubric, int rubricVersion, String rubricName,
                 List<ScoredItem> items, String points, String total, boolean complete, String grade,
                 String gradeLabel) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Score a program-year with its rubric, as of a moment")
    @GetMapping("/api/v1/programs/{code}/evaluation")
    Table evaluation(@PathVariable String code, @RequestParam int year, @RequestParam(required = false) String asOf) {
        Instant moment = AsOf.parse(asOf);
        Timestamp at = Timestamp.from(moment);
        String evaluationId = code + ":" + AsOf.year(year);
        Map<String, Object> opened = jdbc.queryForList("""
                        SELECT rubric_id, rubric_version FROM evaluation_rubric_view
                        WHERE evaluation_id = ? AND recorded_at <= ? ORDER BY sequence DESC LIMIT 1""",
                evaluationId, at).stream().findFirst().orElseThrow(() -> new LedgerException(ErrorCode.EVALUATION_NOT_OPENED, "the evaluation of " + code + " " + year + " was not opened by then"));
        Rubric rubric = Rubrics.find((String) opened.get("rubric_id"), ((Number) opened.get("rubric_version"))
                .intValue()).orElseThrow(() -> new IllegalStateException("rubric " + opened + " is not shipped"));

        Map<String, BigDecimal> indicators = new HashMap<>();
        IndicatorCalculator.IndicatorTable table = calculator.compute(code, year,
                asOf == null || asOf.isBlank() ? null : moment,
                org.subsidyledger.projections.port.AccessScope.UNRESTRICTED, null); // a program's, never partial
        for (IndicatorCalculator.Figure figure : table.indicators()) {
            if (figure.value() != null) {
                indicators.put(figure.key(), new BigDecimal(figure.value()));
            }
        }
        Map<String, BigDecimal> scores = new HashMap<>();
        jdbc.query("""
                        SELECT DISTINCT ON (kind, entry_key) kind, entry_key, score, numerator, denominator
                        FROM evaluation_entry_view WHERE evaluation_id = ? AND recorded_at <= ?
                        ORDER BY kind, entry_key, sequence DESC""", rs -> {
            if (rs.getString(1).equals("SCORE")) {
                scores.put(rs.getString(2), rs.getBigDecimal(3));
            } else {
                indicators.put(rs.getString(2), BigDecimal.valueOf(rs.getLong(4))
                        .divide(BigDecimal.valueOf(rs.getLong(5)), 6, RoundingMode.HALF_UP));
            }
        }, evaluationId, at);

        Scorer.Evaluation evaluation = Scorer.score(rubric, indicators, scores);
        List<ScoredItem> rows = evaluation.items().stream().map(scored -> new ScoredItem(scored.item().key(),
                scored.item().level1(), scored.item().level2(), scored.item().level3(),
                scored.item().rule().kind().name(), ShippedRubrics.reads(scored.item().rule()),
                scored.item().points().toPlainString(), plain(scored.input()), plain(scored.score()),
                plain(scored.rate()), scored.missing())).toList();
        return new Table(code, year, moment, rubric.id(), rubric.version(), rubric.name(), rows,
                evaluation.points().toPlainString(), evaluation.total().setScale(2, RoundingMode.HALF_UP)
                .toPlainString(), evaluation.complete(),
                evaluation.grade() == null ? null : evaluation.grade().name(),
                evaluation.grade() == null ? null : evaluation.grade().label());
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}

package org.subsidyledger.projections.indicator;

import org.subsidyledger.contract.error.LedgerException;

import org.subsidyledger.contract.error.ErrorCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.projections.support.Csv;
import org.subsidyledger.projections.support.Labels;
import org.subsidyledger.projections.support.XlsxCells;
import org.subsidyledger.projections.port.EventStoreDigest;

/**
 * {@code GET /programs/{code}/indicators/export?year=&asOf=&format=json|csv|xlsx}: the indicator table as a file
 * for the evaluation's working papers, with the program, year, the moment it is as of, and the digest of the event
 * store it was computed under — the head of the hash chain over every stored event. An auditor checks later that
 * none of those events was altered: {@code GET /api/v1/audit/verify?through=<position>} must give the same
 * {@code sha256}; and the table itself can be computed again with the same {@code asOf}.
 */
@RestController
@PreAuthorize("hasAnyRole('EVALUATOR', 'AUDITOR', 'FINANCE', 'INSPECTOR', 'ADMIN')")
class IndicatorExport {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The event store behind the table: chain position and global index reached, and the chain's SHA-256 there. */
    record EventRange(long position, long globalIndex, String sha256, String chainedAt, String verify) {
    }

    /** {@code regions}: the 行政区划 prefixes the figures are computed over; empty for the whole program. */
    record Exported(String program, int year, String asOf, String exportedAt, EventRange events,
                    List<IndicatorCalculator.Figure> indicators, List<IndicatorCalculator.Month> months,
                    List<String> regions, List<String> programLevel) {
    }

    private final IndicatorCalculator calculator;
    private final EventStoreDigest digest;

    IndicatorExport(IndicatorCalculator calculator, EventStoreDigest digest) {
        this.calculator = calculator;
        this.digest = digest;
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Export the indicator table with the chain head it rests on")
    @ApiResponse(responseCode = "200", description = "the table as a file: JSON, CSV (UTF-8 with BOM) or XLSX",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = Exported.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary"))})
    @GetMapping("/api/v1/programs/{code}/indicators/export")
    ResponseEntity<byte[]> export(@PathVariable String code, @RequestParam int year,
                                  @RequestParam(required = false) String asOf,
                                  @RequestParam(required = false) String region,
                                  @RequestParam(defaultValue = "json") String format) throws IOException {
        String kind = format.strip().toLowerCase();
        if (!List.of("json", "csv", "xlsx").contains(kind)) {
            throw new LedgerException(ErrorCode.INVALID_QUERY, "format must be json, csv or xlsx");
        }
        Instant moment = AsOf.parse(asOf);
        AsOf.year(year);
        // The chain first: it then covers every event stored before the table is read.
        EventStoreDigest.Head head = digest.head();
        IndicatorCalculator.IndicatorTable table = calculator.compute(code, year,
                asOf == null || asOf.isBlank() ? null : moment,
                org.subsidyledger.projections.port.AccessScope.current(), region);
        Exported exported = new Exported(table.program(), table.year(), table.asOf().toString(), Instant.now().toString(),
                new EventRange(head.position(), head.globalIndex(), head.sha256(),
                        head.chainedAt() == null ? null : head.chainedAt().toString(),
                        "/api/v1/audit/verify?through=" + head.position()),
                table.indicators(), table.months(), table.regions(), table.programLevel());
        String name = "indicators-" + code + "-" + year + "." + kind;
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        return switch (kind) {
            case "json" -> answer.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(exported));
            case "csv" -> answer.contentType(MediaType.parseMediaType("text/csv;charset=UTF-8")).body(csv(exported));
            default -> answer.contentType(MediaType.parseMediaType(XLSX)).body(xlsx(exported));
        };
    }

    private static final List<String> FIGURE_HEADERS = List.of("指标键", "指标", "单位", "分子", "分母", "值");
    private static final List<String> MONTH_HEADERS = List.of("月份", "发放批次", "按时批次", "发送笔数", "退回笔数",
            "发放人次", "足额人次", "发放金额", "关账时间", "调整:发放批次", "调整:按时批次", "调整:发送笔数",
            "调整:退回笔数", "调整:发放人次", "调整:足额人次", "调整:发放金额");

    /** The header block: what the table is, as of when, and under which events. */
    private static List<List<String>> about(Exported e) {
        return List.of(List.of("项目", e.program()), List.of("年度", Integer.toString(e.year())),
                List.of("截至", e.asOf()), List.of("导出时间", e.exportedAt()),
                List.of("事件链位置", Long.toString(e.events().position())),
                List.of("事件全局序号", Long.toString(e.events().globalIndex())),
                List.of("事件链摘要 SHA-256", e.events().sha256()),
                List.of("核验", e.events().verify()),
                List.of("区域", e.regions().isEmpty() ? "全项目" : String.join(" ", e.regions())));
    }

    private static List<List<String>> figures(Exported e) {
        List<List<String>> rows = new ArrayList<>();
        for (IndicatorCalculator.Figure f : e.indicators()) {
            rows.add(java.util.Arrays.asList(f.key(), f.name(), f.unit(), f.numerator(), f.denominator(), f.value()));
        }
        return rows;
    }

    private static List<List<String>> months(Exported e) {
        List<List<String>> rows = new ArrayList<>();
        for (IndicatorCalculator.Month m : e.months()) {
            List<String> row = new ArrayList<>(List.of(m.month(), Long.toString(m.batches()),
                    Long.toString(m.onTimeBatches()), Long.toString(m.linesSent()), Long.toString(m.linesReturned()),
                    Long.toString(m.payments()), Long.toString(m.fullPayments()), m.spending(),
                    m.closedAt() == null ? "" : m.closedAt()));
            IndicatorCalculator.Adjustment a = m.adjustments();
            if (a != null) {
                row.addAll(List.of(Long.toString(a.batches()), Long.toString(a.onTimeBatches()),
                        Long.toString(a.linesSent()), Long.toString(a.linesReturned()), Long.toString(a.payments()),
                        Long.toString(a.fullPayments()), a.spending()));
            }
            rows.add(row);
        }
        return rows;
    }

    private static byte[] csv(Exported e) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
        writer.write('\uFEFF');
        for (List<String> row : about(e)) {
            Csv.row(writer, row);
        }
        writer.write("\r\n");
        Csv.row(writer, FIGURE_HEADERS);
        for (List<String> row : figures(e)) {
            Csv.row(writer, row);
        }
        writer.write("\r\n");
        Csv.row(writer, MONTH_HEADERS);
        for (List<String> row : months(e)) {
            Csv.row(writer, row);
        }
        writer.flush();
        return bytes.toByteArray();
    }

    /**
     * The same table as the CSV, for people: the figures and months as numbers that sum ({@code #,##0.00} for 元,
     * {@code #,##0} for counts, a rate's value as {@code 0.00%}) and the unit in Chinese; the header block as text.
     */
    private static byte[] xlsx(Exported e) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XlsxCells typed = new XlsxCells(workbook);
            Sheet figures = workbook.createSheet("指标");
            int r = 0;
            for (List<String> row : about(e)) {
                typed.row(figures.createRow(r++), row);
            }
            r++;
            typed.row(figures.createRow(r++), FIGURE_HEADERS);
            for (List<String> row : figures(e)) {
                boolean rate = "rate".equals(row.get(2));
                List<Object> cells = new ArrayList<>(row.stream().map(XlsxCells::number).toList());
                cells.set(2, Labels.unit(row.get(2)));
                if (rate && row.get(5) != null) {
                    cells.set(5, new XlsxCells.Rate(new java.math.BigDecimal(row.get(5))));
                }
                typed.row(figures.createRow(r++), cells);
            }
            Sheet monthly = workbook.createSheet("月度");
            typed.row(monthly.createRow(0), MONTH_HEADERS);
            List<List<String>> months = months(e);
            for (int m = 0; m < months.size(); m++) {
                typed.row(monthly.createRow(m + 1), months.get(m).stream().map(XlsxCells::number).toList());
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            workbook.write(bytes);
            return bytes.toByteArray();
        }
    }
}

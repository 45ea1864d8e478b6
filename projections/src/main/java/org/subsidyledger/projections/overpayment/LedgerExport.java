package org.subsidyledger.projections.overpayment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.subsidyledger.projections.port.AccessScope;
import org.springframework.transaction.support.TransactionTemplate;
import org.subsidyledger.projections.support.Csv;
import org.subsidyledger.projections.support.Labels;
import org.subsidyledger.projections.support.XlsxCells;

/**
 * Writes the filtered recovery ledger as CSV (UTF-8 with BOM, so that Excel shows the Chinese headers; codes and plain
 * amounts, as API clients read them) or XLSX (amounts as numbers formatted {@code #,##0.00} that sum, cause, rule and
 * status in Chinese: 死亡, 死亡次月停发, 待追回 …), row by row from a database cursor: a 100k-case export never holds
 * the ledger in memory (the XLSX writer keeps 100 rows and spills the rest to a temporary file).
 */
final class LedgerExport {

    static final List<String> HEADERS = List.of("案件编号", "身份证号", "姓名", "行政区划", "项目", "原因", "规则",
            "多发月份", "多发金额", "已追回", "已核销", "未追回", "应退还", "状态", "认定日期", "账龄(天)",
            "通知书送达日期", "送达后天数", "下一步", "申诉中", "逾期分期(期)");

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    LedgerExport(NamedParameterJdbcTemplate jdbc, TransactionTemplate readOnly) {
        this.jdbc = jdbc;
        this.readOnly = readOnly;
    }

    /** Writes one row of export values ({@link XlsxCells}: amounts, counts, codes with their Chinese names). */
    interface RowWriter {
        void write(List<?> cells) throws IOException;
    }

    void csv(String sql, Map<String, Object> params, OutputStream out, LocalDate today, AccessScope caller)
            throws IOException {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        writer.write('\uFEFF');
        // codes, not their names: API clients switch on them; amounts as plain decimals
        RowWriter rows = cells -> Csv.row(writer, cells.stream().map(XlsxCells::text).toList());
        rows.write(HEADERS);
        stream(sql, params, rows, today, caller);
        writer.flush();
    }

    void xlsx(String sql, Map<String, Object> params, OutputStream out, LocalDate today, AccessScope caller)
            throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            Sheet sheet = workbook.createSheet("追回台账");
            XlsxCells typed = new XlsxCells(workbook);
            int[] next = {0};
            RowWriter rows = cells -> typed.row(sheet.createRow(next[0]++), cells);
            rows.write(HEADERS);
            stream(sql, params, rows, today, caller);
            workbook.write(out);
            workbook.dispose();
        }
    }

    /** Runs the query in a read-only transaction so that PostgreSQL streams it through a cursor. */
    private void stream(String sql, Map<String, Object> params, RowWriter rows, LocalDate today,
                        AccessScope caller) {
        readOnly.executeWithoutResult(status -> jdbc.query(sql, params, (ResultSet rs) -> {
            try {
                rows.write(cells(rs, today, caller));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /**
     * One case ({@link LedgerQuery#SELECT}): amounts in 元 ({@link BigDecimal}, scale 2), its age in days (from the
     * notice's delivery, else from identification) and the days since delivery, cause, rule, status, next step and
     * whether an appeal is open as codes with their Chinese names (the XLSX shows the names, the CSV the codes).
     */
    private static List<Object> cells(ResultSet rs, LocalDate today, AccessScope caller) throws SQLException {
        LocalDate identifiedOn = rs.getDate("identified_on").toLocalDate();
        LocalDate deliveredOn = OverpaymentQueryController.date(rs, "notice_delivered_on");
        return Arrays.asList(rs.getString("case_id"), caller.id(rs.getString("recipient_id")),
                nonNull(caller.name(rs.getString("name"))), nonNull(rs.getString("region")),
                rs.getString("program_code"), Labels.cause(rs.getString("cause")), Labels.rule(rs.getString("rule")),
                String.join(" ", (String[]) rs.getArray("months").getArray()), yuan(rs.getLong("amount_fen")),
                yuan(rs.getLong("recovered_fen")), yuan(rs.getLong("written_off_fen")),
                yuan(rs.getLong("outstanding_fen")), yuan(rs.getLong("refund_due_fen")),
                Labels.status(rs.getString("status")), identifiedOn.toString(),
                ChronoUnit.DAYS.between(deliveredOn != null ? deliveredOn : identifiedOn, today),
                deliveredOn == null ? null : deliveredOn.toString(),
                deliveredOn == null ? null : ChronoUnit.DAYS.between(deliveredOn, today),
                Labels.nextStep(rs.getString("next_step")), Labels.yesNo(rs.getBoolean("appeal_open")),
                rs.getInt("instalments_overdue"));
    }

    private static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}

package org.subsidyledger.projections.support;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Writes export cells into a workbook so that a spreadsheet can sum them: amounts in 元 (two decimals) as numbers
 * formatted {@code #,##0.00}, counts {@code #,##0}, rates {@code 0.00%}; codes by their Chinese name
 * ({@link Labels.Coded}); anything else as text. The number stored is the double nearest the exact amount, which
 * Excel shows exactly for amounts under 10¹³ 元; the ledger's own figures stay exact (分, {@link BigDecimal}).
 */
public final class XlsxCells {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d{1,4})?");

    /** A fraction shown as a percentage ({@code 0.9098} → 90.98%). */
    public record Rate(BigDecimal fraction) {
    }

    private final CellStyle money;
    private final CellStyle count;
    private final CellStyle rate;
    private final CellStyle decimal;

    public XlsxCells(Workbook workbook) {
        money = style(workbook, "#,##0.00");
        count = style(workbook, "#,##0");
        rate = style(workbook, "0.00%");
        decimal = style(workbook, "0.0000");
    }

    /** Writes {@code values} into {@code row} from column 0; a {@code null} leaves its cell empty. */
    public void row(Row row, List<?> values) {
        for (int c = 0; c < values.size(); c++) {
            Object value = values.get(c);
            if (value != null) {
                write(row.createCell(c), value);
            }
        }
    }

    private void write(Cell cell, Object value) {
        if (value instanceof BigDecimal number) {
            cell.setCellValue(number.doubleValue());
            cell.setCellStyle(number.scale() == 2 ? money : number.scale() <= 0 ? count : decimal);
        } else if (value instanceof Long || value instanceof Integer) {
            cell.setCellValue(((Number) value).doubleValue());
            cell.setCellStyle(count);
        } else if (value instanceof Rate r) {
            cell.setCellValue(r.fraction().doubleValue());
            cell.setCellStyle(rate);
        } else if (value instanceof Labels.Coded coded) {
            cell.setCellValue(coded.label());
        } else {
            cell.setCellValue(value.toString());
        }
    }

    /**
     * A figure as the read side gives it — a plain decimal string ({@code "21400000.00"}, {@code "14390"}) — as a
     * number, other text as it is; {@code null} stays empty.
     */
    public static Object number(String figure) {
        return figure != null && PLAIN_DECIMAL.matcher(figure).matches() ? new BigDecimal(figure) : figure;
    }

    /** The text a CSV writes for an export value: a code, not its name; a plain decimal. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        if (value instanceof Rate r) {
            return r.fraction().toPlainString();
        }
        return value.toString();
    }

    private static CellStyle style(Workbook workbook, String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }
}

package org.subsidyledger.projections.support;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** CSV for spreadsheets: RFC 4180 quoting, and no cell that Excel would run as a formula (CSV injection). */
public final class Csv {

    private Csv() {
    }

    /** Writes one row ending in CRLF. */
    public static void row(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(cell(cells.get(i)));
        }
        writer.write("\r\n");
    }

    /**
     * One cell: a line of it (the cell itself, or any line after a CR or LF inside it) that starts with a formula
     * prefix ({@code = + - @}, or a tab or CR before one) and is not a plain number gets a leading apostrophe; a cell
     * with a comma, quote, CR or LF is quoted.
     */
    public static String cell(String cell) {
        if (cell == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(cell.length() + 4);
        int start = 0;
        for (int i = 0; i <= cell.length(); i++) {
            if (i == cell.length() || cell.charAt(i) == '\r' || cell.charAt(i) == '\n') {
                String line = cell.substring(start, i);
                safe.append(formula(line) ? "'" : "").append(line);
                if (i < cell.length()) {
                    safe.append(cell.charAt(i));
                }
                start = i + 1;
            }
        }
        String text = safe.toString();
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static boolean formula(String line) {
        String lead = line.replaceFirst("^[\t ]+", "");
        return !lead.isEmpty() && "=+-@".indexOf(lead.charAt(0)) >= 0 && !lead.matches("-?\\d+(\\.\\d+)?");
    }
}

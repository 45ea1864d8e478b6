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

    public static String cell(String cell) {
        if (cell == null) {
            return "";
        }
        boolean formula = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?\\d+(\\.\\d+)?");
        String safe = formula ? "'" + cell : cell;
        return safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}

package org.subsidyledger.ledger.tabular;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.subsidyledger.contract.error.ErrorCode;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads a CSV or XLSX upload into rows. CSV encodings are recognised from the bytes: a UTF-8 BOM, else strict
 * UTF-8, else strict GB18030; anything else (UTF-16, binary) is refused with {@code UNSUPPORTED_ENCODING}. XLSX
 * is read as a stream (first sheet), so 300k rows do not build a workbook in memory. Blank rows are skipped.
 */
public final class TabularReader {

    private static final Charset GB18030 = Charset.forName("GB18030");

    /** Rows a file may have ({@code ledger.upload.max-rows}, set at start by {@link UploadLimits}). */
    private static volatile int maxRows = 500_000;
    /** Entries an XLSX file may have, and what they may inflate to in all (a zip bomb is refused before it is read). */
    static final int MAX_XLSX_ENTRIES = 1_000;
    static final long MAX_XLSX_INFLATED_BYTES = 256L * 1024 * 1024;

    private TabularReader() {
    }

    static void maxRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("ledger.upload.max-rows must be at least 1");
        }
        maxRows = rows;
    }

    /** Refuses a file with more data rows than allowed, as soon as the row after the last allowed one is met. */
    private static void count(List<TabularRow> rows, int line) {
        if (rows.size() >= maxRows) {
            throw new TabularFileException(ErrorCode.TOO_MANY_ROWS, "line " + line + ": the file has more than "
                    + maxRows + " data rows (ledger.upload.max-rows); split it");
        }
    }

    public static List<TabularRow> read(String fileName, byte[] content, List<Column> columns) {
        if (content.length == 0) {
            throw new TabularFileException(ErrorCode.EMPTY_FILE, "the file is empty");
        }
        List<TabularRow> rows;
        if (startsWith(content, 0x50, 0x4B, 0x03, 0x04)) {
            rows = readXlsx(content, columns);
        } else if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw new TabularFileException(ErrorCode.UNSUPPORTED_FILE_TYPE,
                    "legacy .xls workbooks are not read; save the sheet as .xlsx or CSV");
        } else {
            rows = readCsv(decode(content), columns);
        }
        if (rows.isEmpty()) {
            throw new TabularFileException(ErrorCode.EMPTY_FILE, "the file '" + fileName + "' has no data rows");
        }
        return rows;
    }

    /** Decodes CSV bytes: UTF-8 with or without BOM, else GB18030. */
    static String decode(byte[] content) {
        if (startsWith(content, 0xEF, 0xBB, 0xBF)) {
            return strictly(StandardCharsets.UTF_8, content, 3)
                    .orElseThrowEncoding("the file starts with a UTF-8 BOM but is not valid UTF-8");
        }
        if (startsWith(content, 0xFF, 0xFE) || startsWith(content, 0xFE, 0xFF)) {
            throw new TabularFileException(ErrorCode.UNSUPPORTED_ENCODING,
                    "UTF-16 files are not accepted; save the file as UTF-8 or GB18030 CSV");
        }
        for (byte b : content) {
            if (b == 0) {
                throw new TabularFileException(ErrorCode.UNSUPPORTED_ENCODING,
                        "the file holds NUL bytes: it is not a UTF-8 or GB18030 text file");
            }
        }
        Decoded utf8 = strictly(StandardCharsets.UTF_8, content, 0);
        if (utf8.text != null) {
            return utf8.text;
        }
        return strictly(GB18030, content, 0)
                .orElseThrowEncoding("the file is neither UTF-8 nor GB18030 text");
    }

    private record Decoded(String text) {
        String orElseThrowEncoding(String message) {
            if (text == null) {
                throw new TabularFileException(ErrorCode.UNSUPPORTED_ENCODING, message);
            }
            return text;
        }
    }

    private static Decoded strictly(Charset charset, byte[] content, int offset) {
        try {
            return new Decoded(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, offset, content.length - offset))
                    .toString());
        } catch (CharacterCodingException e) {
            return new Decoded(null);
        }
    }

    private static List<TabularRow> readCsv(String text, List<Column> columns) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(false).get();
        List<TabularRow> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                return rows;
            }
            CSVRecord header = records.next();
            int[] positions = locate(header.toList(), columns);
            while (true) {
                int line = (int) parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new TabularFileException(ErrorCode.MALFORMED_FILE,
                            "line " + line + ": the CSV cannot be parsed (" + rootMessage(e) + ")");
                }
                if (record.toList().stream().allMatch(String::isBlank)) {
                    continue;
                }
                String[] values = new String[columns.size()];
                for (int c = 0; c < positions.length; c++) {
                    int at = positions[c];
                    if (at >= 0 && at < record.size()) {
                        values[c] = emptyToNull(record.get(at));
                    }
                }
                count(rows, line);
                rows.add(new TabularRow(line, values));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new TabularFileException(ErrorCode.MALFORMED_FILE, "the CSV cannot be parsed: " + rootMessage(e));
        }
        return rows;
    }

    /**
     * Walks the zip's entries once, inflating each into nothing, and refuses it when it has more than
     * {@link #MAX_XLSX_ENTRIES} entries or inflates to more than {@link #MAX_XLSX_INFLATED_BYTES} — before POI, which
     * holds every entry in memory, sees it.
     */
    private static void refuseZipBombs(byte[] content) {
        long inflated = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (org.apache.commons.compress.archivers.zip.ZipArchiveInputStream zip =
                     new org.apache.commons.compress.archivers.zip.ZipArchiveInputStream(
                             new ByteArrayInputStream(content), "UTF-8", true, true)) {
            while (zip.getNextEntry() != null) {
                if (++entries > MAX_XLSX_ENTRIES) {
                    throw new TabularFileException(ErrorCode.FILE_TOO_LARGE, "the XLSX file has more than "
                            + MAX_XLSX_ENTRIES + " parts; it is not a workbook this ledger reads");
                }
                for (int n; (n = zip.read(buffer)) > 0; ) {
                    inflated += n;
                    if (inflated > MAX_XLSX_INFLATED_BYTES) {
                        throw new TabularFileException(ErrorCode.FILE_TOO_LARGE, "the XLSX file inflates to more "
                                + "than " + MAX_XLSX_INFLATED_BYTES / (1024 * 1024) + " MB; save it as CSV or split it");
                    }
                }
            }
        } catch (IOException e) {
            throw new TabularFileException(ErrorCode.MALFORMED_FILE, "the XLSX file cannot be read: " + rootMessage(e));
        }
    }

    private static List<TabularRow> readXlsx(byte[] content, List<Column> columns) {
        refuseZipBombs(content);
        SheetCollector collector = new SheetCollector(columns);
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(content))) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                return List.of();
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, collector,
                        new DataFormatter(Locale.ROOT), false));
                xml.parse(new InputSource(sheet));
            }
        } catch (TabularFileException e) {
            throw e;
        } catch (Exception e) {
            throw new TabularFileException(ErrorCode.MALFORMED_FILE, "the XLSX file cannot be read: " + rootMessage(e));
        }
        return collector.rows;
    }

    /** Collects the first sheet's rows; the first non-blank row is the header. */
    private static final class SheetCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final List<Column> columns;
        private final List<TabularRow> rows = new ArrayList<>();
        private final List<String> headerCells = new ArrayList<>();
        private int[] positions;
        private String[] current;
        private int currentRow;

        SheetCollector(List<Column> columns) {
            this.columns = columns;
        }

        @Override
        public void startRow(int rowNum) {
            currentRow = rowNum;
            current = positions == null ? null : new String[columns.size()];
            headerCells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            if (positions == null) {
                if (headerCells.stream().anyMatch(h -> h != null && !h.isBlank())) {
                    positions = locate(headerCells, columns);
                }
                return;
            }
            if (Arrays.stream(current).anyMatch(v -> v != null)) {
                count(rows, rowNum + 1);
                rows.add(new TabularRow(rowNum + 1, current));
            }
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            int column = cellReference == null ? -1 : new CellReference(cellReference).getCol();
            if (column < 0) {
                return;
            }
            if (positions == null) {
                while (headerCells.size() <= column) {
                    headerCells.add(null);
                }
                headerCells.set(column, formattedValue);
                return;
            }
            for (int c = 0; c < positions.length; c++) {
                if (positions[c] == column) {
                    current[c] = emptyToNull(formattedValue);
                }
            }
        }
    }

    /** For each column, its position in the header, or -1 when optional and absent. */
    private static int[] locate(List<String> header, List<Column> columns) {
        int[] positions = new int[columns.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            positions[c] = -1;
            for (int h = 0; h < header.size() && positions[c] < 0; h++) {
                String name = normalise(header.get(h));
                for (String alias : columns.get(c).headers()) {
                    if (normalise(alias).equals(name)) {
                        positions[c] = h;
                        break;
                    }
                }
            }
            if (positions[c] < 0 && columns.get(c).required()) {
                missing.add(String.join("|", columns.get(c).headers()));
            }
        }
        if (!missing.isEmpty()) {
            throw new TabularFileException(ErrorCode.MISSING_COLUMN,
                    "line 1: required column(s) missing from the header: " + String.join(", ", missing));
        }
        return positions;
    }

    private static String normalise(String header) {
        if (header == null) {
            return "";
        }
        return header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

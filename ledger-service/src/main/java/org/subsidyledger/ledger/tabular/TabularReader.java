package org.subsidyledger.ledger.tabular;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.springframework.core.io.InputStreamSource;
import org.subsidyledger.contract.error.ErrorCode;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a CSV or XLSX upload into rows, as streams: the file is never held whole in memory as bytes or text, only
 * the rows read from it. The upload is opened more than once ({@link InputStreamSource#getInputStream()} gives a new
 * stream each time; a multipart file is kept on disk by the servlet container):
 * <ol>
 * <li>CSV: a first pass counts the bytes against {@code ledger.upload.max-bytes}, computes the SHA-256 and checks
 * the bytes as strict UTF-8 (and refuses NUL bytes); a file that is not UTF-8 is checked as strict GB18030 in a
 * second pass. Only then is it parsed, in a last pass, in the encoding found. An encoding error is thus reported
 * before any row, whatever its place in the file, with the line it is on — as when the whole file was decoded at
 * once — and a valid file reads exactly as before.</li>
 * <li>XLSX: the upload is copied to a temporary file (counted, digested), its zip entries are counted and inflated
 * into nothing, and only then POI reads the first sheet as a stream from the file.</li>
 * </ol>
 * CSV encodings are recognised from the bytes: a UTF-8 BOM, else strict UTF-8, else strict GB18030; anything else
 * (UTF-16, binary) is refused with {@code UNSUPPORTED_ENCODING}. Blank rows are skipped. Each value is read as its
 * column's {@link Column.Kind} reads it ({@link Cells}): an XLSX's numeric and date cells by their stored value, not
 * by how they are displayed.
 */
public final class TabularReader {

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final int BUFFER = 64 * 1024;

    /** Rows a file may have ({@code ledger.upload.max-rows}, set at start by {@link UploadLimits}). */
    private static volatile int maxRows = 500_000;
    /** Bytes a file may have ({@code ledger.upload.max-bytes}, set at start by {@link UploadLimits}). */
    private static volatile long maxBytes = 200L * 1024 * 1024;
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

    static void maxBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("ledger.upload.max-bytes must be at least 1 byte");
        }
        maxBytes = bytes;
    }

    static long maxBytes() {
        return maxBytes;
    }

    /** Refuses a file with more data rows than allowed, as soon as the row after the last allowed one is met. */
    private static void count(List<TabularRow> rows, int line) {
        if (rows.size() >= maxRows) {
            throw new TabularFileException(ErrorCode.TOO_MANY_ROWS, "line " + line + ": the file has more than "
                    + maxRows + " data rows (ledger.upload.max-rows); split it");
        }
    }

    /**
     * Reads an upload: its rows in the order of {@code columns}, and the SHA-256 of its bytes.
     *
     * @param source opened once per pass; each call must give the same bytes from the start
     */
    public static TabularFile read(String fileName, InputStreamSource source, List<Column> columns) {
        try {
            byte[] head;
            try (InputStream in = source.getInputStream()) {
                head = in.readNBytes(4);
            }
            if (head.length == 0) {
                throw new TabularFileException(ErrorCode.EMPTY_FILE, "the file is empty");
            }
            TabularFile file;
            if (startsWith(head, 0x50, 0x4B, 0x03, 0x04)) {
                file = readXlsx(source, columns);
            } else if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
                throw new TabularFileException(ErrorCode.UNSUPPORTED_FILE_TYPE,
                        "legacy .xls workbooks are not read; save the sheet as .xlsx or CSV");
            } else {
                file = readCsv(source, head, columns);
            }
            if (file.rows().isEmpty()) {
                throw new TabularFileException(ErrorCode.EMPTY_FILE, "the file '" + fileName + "' has no data rows");
            }
            return file;
        } catch (IOException e) {
            throw new TabularFileException(ErrorCode.MALFORMED_FILE, "the file cannot be read: " + rootMessage(e));
        }
    }

    /** The rows of {@code content} (tests and callers that already hold the bytes). */
    static List<TabularRow> read(String fileName, byte[] content, List<Column> columns) {
        return read(fileName, () -> new ByteArrayInputStream(content), columns).rows();
    }

    private static TabularFile readCsv(InputStreamSource source, byte[] head, List<Column> columns)
            throws IOException {
        boolean bom = startsWith(head, 0xEF, 0xBB, 0xBF);
        if (!bom && (startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF))) {
            throw new TabularFileException(ErrorCode.UNSUPPORTED_ENCODING,
                    "UTF-16 files are not accepted; save the file as UTF-8 or GB18030 CSV");
        }
        Scan scan = scan(source, !bom);
        Charset charset = StandardCharsets.UTF_8;
        if (scan.firstNonUtf8 >= 0) {
            if (bom) {
                throw new TabularFileException(ErrorCode.UNSUPPORTED_ENCODING, "line "
                        + lineAt(source, scan.firstNonUtf8) + ": the file starts with a UTF-8 BOM but is not valid UTF-8");
            }
            long firstNonGb18030;
            try (InputStream in = source.getInputStream()) {
                firstNonGb18030 = firstUndecodable(in, GB18030);
            }
            if (firstNonGb18030 >= 0) {
                throw new TabularFileException(ErrorCode.UNSUPPORTED_ENCODING, "line "
                        + lineAt(source, firstNonGb18030) + ": the file is neither UTF-8 nor GB18030 text");
            }
            charset = GB18030;
        }
        try (InputStream in = source.getInputStream()) {
            if (bom) {
                in.skipNBytes(3);
            }
            // Strict here too: the bytes were checked above, a stream that changed between passes is not read.
            Reader reader = new InputStreamReader(in, strict(charset));
            return new TabularFile(scan.sha256, scan.bytes, readCsv(reader, columns));
        }
    }

    /** What the first pass over a CSV found: its size and digest, and where it stops being UTF-8 (-1: never). */
    private record Scan(long bytes, String sha256, long firstNonUtf8) {
    }

    /**
     * One pass over the upload: counts its bytes against the limit, digests them, checks them as strict UTF-8 and,
     * when {@code refuseNul}, refuses a NUL byte at once (a binary file, or UTF-16 without its BOM).
     */
    private static Scan scan(InputStreamSource source, boolean refuseNul) throws IOException {
        MessageDigest digest = sha256();
        CharsetDecoder utf8 = strict(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
        CharBuffer chars = CharBuffer.allocate(BUFFER);
        long total = 0;
        long decoded = 0;
        long firstNonUtf8 = -1;
        try (InputStream in = source.getInputStream()) {
            boolean end = false;
            while (!end) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                end = n < 0;
                if (n > 0) {
                    byte[] array = bytes.array();
                    int from = bytes.position();
                    total += n;
                    refuseAbove(total);
                    digest.update(array, from, n);
                    if (refuseNul) {
                        for (int i = from; i < from + n; i++) {
                            if (array[i] == 0) {
                                throw new TabularFileException(ErrorCode.UNSUPPORTED_ENCODING,
                                        "the file holds NUL bytes: it is not a UTF-8 or GB18030 text file");
                            }
                        }
                    }
                    bytes.position(from + n);
                }
                bytes.flip();
                if (firstNonUtf8 < 0) {
                    int before = bytes.position();
                    CoderResult result = decode(utf8, bytes, chars, end);
                    if (result.isError()) {
                        firstNonUtf8 = decoded + (bytes.position() - before);
                    }
                    decoded += bytes.position() - before;
                } else {
                    bytes.position(bytes.limit());
                }
                bytes.compact();
            }
        }
        return new Scan(total, HexFormat.of().formatHex(digest.digest()), firstNonUtf8);
    }

    /** The offset of the first byte of {@code in} that is not text in {@code charset}, or -1. */
    private static long firstUndecodable(InputStream in, Charset charset) throws IOException {
        CharsetDecoder decoder = strict(charset);
        ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
        CharBuffer chars = CharBuffer.allocate(BUFFER);
        long decoded = 0;
        boolean end = false;
        while (!end) {
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            end = n < 0;
            if (n > 0) {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
            int before = bytes.position();
            CoderResult result = decode(decoder, bytes, chars, end);
            decoded += bytes.position() - before;
            if (result.isError()) {
                return decoded;
            }
            bytes.compact();
        }
        return -1;
    }

    /** Decodes what {@code bytes} holds into nothing; stops at the first error, leaving its position there. */
    private static CoderResult decode(CharsetDecoder decoder, ByteBuffer bytes, CharBuffer chars, boolean end) {
        while (true) {
            chars.clear();
            CoderResult result = decoder.decode(bytes, chars, end);
            if (result.isOverflow()) {
                continue;
            }
            if (result.isUnderflow() && end) {
                chars.clear();
                result = decoder.flush(chars);
                if (result.isOverflow()) {
                    continue;
                }
            }
            return result;
        }
    }

    /** The line (1 for the first) that the byte at {@code offset} is on: CR LF, LF and CR each end a line. */
    private static long lineAt(InputStreamSource source, long offset) throws IOException {
        long line = 1;
        long at = 0;
        boolean afterCr = false;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = source.getInputStream()) {
            for (int n; at < offset && (n = in.read(buffer, 0, (int) Math.min(buffer.length, offset - at))) > 0; ) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\r' || (b == '\n' && !afterCr)) {
                        line++;
                    }
                    afterCr = b == '\r';
                }
                at += n;
            }
        }
        return line;
    }

    private static void refuseAbove(long bytes) {
        if (bytes > maxBytes) {
            throw new TabularFileException(ErrorCode.FILE_TOO_LARGE, "the file is larger than " + size(maxBytes)
                    + " (ledger.upload.max-bytes); split it into smaller files");
        }
    }

    private static String size(long bytes) {
        long mb = 1024L * 1024;
        return bytes % mb == 0 ? bytes / mb + " MB" : bytes + " bytes";
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<TabularRow> readCsv(Reader text, List<Column> columns) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(false).get();
        List<TabularRow> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
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
                CellProblem problem = null;
                for (int c = 0; c < positions.length; c++) {
                    int at = positions[c];
                    if (at >= 0 && at < record.size()) {
                        Cells.Read read = Cells.text(columns.get(c).kind(), record.get(at));
                        values[c] = read.value();
                        problem = problem == null ? read.problem() : problem;
                    }
                }
                count(rows, line);
                rows.add(new TabularRow(line, values, problem));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new TabularFileException(ErrorCode.MALFORMED_FILE, "the CSV cannot be parsed: " + rootMessage(e));
        }
        return rows;
    }

    /**
     * Copies the upload to a temporary file (POI reads a file's entries as it needs them, but keeps every entry of a
     * stream in memory), refuses a zip bomb, then reads the first sheet as a stream.
     */
    private static TabularFile readXlsx(InputStreamSource source, List<Column> columns) throws IOException {
        Path copy = Files.createTempFile("ledger-upload-", ".xlsx");
        try {
            MessageDigest digest = sha256();
            long total = 0;
            try (InputStream in = source.getInputStream(); OutputStream out = Files.newOutputStream(copy)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                    refuseAbove(total);
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            refuseZipBombs(copy);
            return new TabularFile(HexFormat.of().formatHex(digest.digest()), total, readSheet(copy, columns));
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /**
     * Walks the zip's entries as its central directory lists them — what POI will open — inflating each into
     * nothing, and refuses it when it has more than {@link #MAX_XLSX_ENTRIES} entries or inflates to more than
     * {@link #MAX_XLSX_INFLATED_BYTES}, before POI sees it.
     */
    private static void refuseZipBombs(Path file) {
        long inflated = 0;
        int entries = 0;
        byte[] buffer = new byte[BUFFER];
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            for (Enumeration<ZipArchiveEntry> all = zip.getEntries(); all.hasMoreElements(); ) {
                ZipArchiveEntry entry = all.nextElement();
                if (++entries > MAX_XLSX_ENTRIES) {
                    throw new TabularFileException(ErrorCode.FILE_TOO_LARGE, "the XLSX file has more than "
                            + MAX_XLSX_ENTRIES + " parts; it is not a workbook this ledger reads");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        inflated += n;
                        if (inflated > MAX_XLSX_INFLATED_BYTES) {
                            throw new TabularFileException(ErrorCode.FILE_TOO_LARGE, "the XLSX file inflates to "
                                    + "more than " + MAX_XLSX_INFLATED_BYTES / (1024 * 1024)
                                    + " MB; save it as CSV or split it");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new TabularFileException(ErrorCode.MALFORMED_FILE, "the XLSX file cannot be read: " + rootMessage(e));
        }
    }

    private static List<TabularRow> readSheet(Path file, List<Column> columns) {
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                return List.of();
            }
            StylesTable styles = reader.getStylesTable();
            SheetCollector collector = new SheetCollector(columns, styles, date1904(reader));
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new CellTypes(new XSSFSheetXMLHandler(styles, null, strings, collector,
                        new DataFormatter(Locale.ROOT), false), collector));
                xml.parse(new InputSource(sheet));
            }
            return collector.rows;
        } catch (TabularFileException e) {
            throw e;
        } catch (Exception e) {
            throw new TabularFileException(ErrorCode.MALFORMED_FILE, "the XLSX file cannot be read: " + rootMessage(e));
        } finally {
            if (pkg != null) {
                pkg.revert(); // read-only: close() would try to save it
            }
        }
    }

    /** Whether the workbook counts its dates from 1904 (old Mac Excel) rather than 1900. */
    private static boolean date1904(XSSFReader reader) throws Exception {
        boolean[] found = {false};
        try (InputStream workbook = reader.getWorkbookData()) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if ("workbookPr".equals(localName)) {
                        String value = attributes.getValue("date1904");
                        found[0] = "1".equals(value) || "true".equalsIgnoreCase(value);
                    }
                }
            });
            xml.parse(new InputSource(workbook));
        }
        return found[0];
    }

    /**
     * Passes the sheet's XML on to POI's handler, noting on the way each cell's type ({@code t}), style ({@code s})
     * and stored value ({@code <v>}), which POI's handler reduces to the text the cell shows: the collector reads a
     * numeric cell from its stored value and its number format, not from how it is displayed.
     */
    private static final class CellTypes extends DefaultHandler {
        private final DefaultHandler delegate;
        private final SheetCollector collector;
        private boolean inValue;

        CellTypes(DefaultHandler delegate, SheetCollector collector) {
            this.delegate = delegate;
            this.collector = collector;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            if ("c".equals(localName)) {
                collector.cellType = attributes.getValue("t");
                collector.cellStyle = attributes.getValue("s");
                collector.stored.setLength(0);
            } else if ("v".equals(localName)) {
                inValue = true;
            }
            delegate.startElement(uri, localName, qName, attributes);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (inValue) {
                collector.stored.append(ch, start, length);
            }
            delegate.characters(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            if ("v".equals(localName)) {
                inValue = false;
            }
            delegate.endElement(uri, localName, qName);
            if ("c".equals(localName)) {
                collector.cellType = null;
                collector.cellStyle = null;
            }
        }
    }

    /**
     * Collects the first sheet's rows; the first non-blank row is the header. Each cell is read as its column's
     * {@link Column.Kind} reads it ({@link Cells}).
     */
    private static final class SheetCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final List<Column> columns;
        private final StylesTable styles;
        private final boolean date1904;
        private final Map<Integer, Boolean> dateStyles = new HashMap<>();
        private final List<TabularRow> rows = new ArrayList<>();
        private final List<String> headerCells = new ArrayList<>();
        private int[] positions;
        private String[] current;
        private CellProblem problem;
        /** The cell being read, as {@link CellTypes} saw it: {@code t} and {@code s} attributes and stored value. */
        private String cellType;
        private String cellStyle;
        private final StringBuilder stored = new StringBuilder();

        SheetCollector(List<Column> columns, StylesTable styles, boolean date1904) {
            this.columns = columns;
            this.styles = styles;
            this.date1904 = date1904;
        }

        @Override
        public void startRow(int rowNum) {
            current = positions == null ? null : new String[columns.size()];
            problem = null;
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
                rows.add(new TabularRow(rowNum + 1, current, problem));
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
                    Cells.Read read = read(columns.get(c).kind(), formattedValue);
                    current[c] = read.value();
                    problem = problem == null ? read.problem() : problem;
                }
            }
        }

        /** A numeric cell (no type, or {@code n}) from its stored value; any other cell from its text. */
        private Cells.Read read(Column.Kind kind, String formattedValue) {
            boolean numeric = (cellType == null || "n".equals(cellType)) && !stored.isEmpty();
            if (!numeric) {
                return Cells.text(kind, formattedValue);
            }
            return Cells.number(kind, stored.toString(), dateFormatted(), date1904, formattedValue);
        }

        /** Whether the cell's number format shows a date (style 0 when it names none, as Excel does). */
        private boolean dateFormatted() {
            if (styles == null || styles.getNumCellStyles() == 0) {
                return false;
            }
            int index = cellStyle == null ? 0 : Integer.parseInt(cellStyle);
            return dateStyles.computeIfAbsent(index, i -> {
                XSSFCellStyle style = styles.getStyleAt(i);
                return style != null && DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString());
            });
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

package org.subsidyledger.ledger.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.ProblemDetail;
import org.subsidyledger.contract.error.ErrorCode;

/**
 * Problem details in Chinese for a request that asks for it ({@code Accept-Language: zh}, {@code zh-CN},
 * {@code zh-Hans} … ranked before English): {@code title} and {@code detail} from {@code problems_zh.properties}, one
 * text per {@link ErrorCode}; the {@code code} and {@code type} stay as they are, and the English detail with its
 * particulars (which batch, which value) moves to {@code detailEn}. A detail that names a file line
 * ({@code line 5000: …}) keeps it in front ({@code 第 5000 行：…}). English stays the default.
 */
public final class ProblemLanguage {

    /** The extension member that keeps the English detail of a problem answered in Chinese. */
    public static final String ENGLISH_DETAIL = "detailEn";

    private static final Map<String, String> TEXTS = load();
    private static final Pattern LINE = Pattern.compile("^line (\\d+):");

    private ProblemLanguage() {
    }

    /** Whether {@code acceptLanguage} ranks Chinese above English (and any other language the ledger lacks). */
    public static boolean wantsChinese(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return false;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        for (Locale.LanguageRange range : ranges) { // ordered by weight
            String language = range.getRange().split("-")[0];
            if (language.equals("zh")) {
                return range.getWeight() > 0;
            }
            if (language.equals("en")) {
                return false;
            }
        }
        return false;
    }

    /** The Chinese title of {@code code}. */
    public static String title(ErrorCode code) {
        return TEXTS.get(code.name() + ".title");
    }

    /** The Chinese detail of {@code code}. */
    public static String detail(ErrorCode code) {
        return TEXTS.get(code.name() + ".detail");
    }

    /** Turns {@code problem} (built by {@link Problems}, with its {@code code}) into Chinese; others are left as they are. */
    static void localize(ProblemDetail problem) {
        Object name = problem.getProperties() == null ? null : problem.getProperties().get("code");
        ErrorCode code;
        try {
            code = name == null ? null : ErrorCode.valueOf(name.toString());
        } catch (IllegalArgumentException unknown) {
            return;
        }
        if (code == null || title(code) == null) {
            return;
        }
        String english = problem.getDetail();
        String chinese = detail(code);
        Matcher line = LINE.matcher(english == null ? "" : english);
        if (line.find()) {
            chinese = "第 " + line.group(1) + " 行：" + chinese;
        }
        problem.setTitle(title(code));
        problem.setDetail(chinese);
        if (english != null) {
            problem.setProperty(ENGLISH_DETAIL, english);
        }
    }

    private static Map<String, String> load() {
        Properties texts = new Properties();
        try (InputStream in = ProblemLanguage.class.getResourceAsStream("/problems_zh.properties")) {
            if (in == null) {
                throw new IllegalStateException("problems_zh.properties is missing from the classpath");
            }
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts.stringPropertyNames().stream().collect(Collectors.toUnmodifiableMap(k -> k, texts::getProperty));
    }
}

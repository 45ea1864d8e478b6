package org.subsidyledger.contract.value;

/**
 * Personal data as shown where it may not appear in full (SPEC §8): in application logs, in problem details, and to
 * roles that see no personal data. An ID number keeps its first 6 and last 4 characters with 8 {@code *} between
 * ({@code 650102********123X}); a name keeps its surname's first character — both characters of a compound surname
 * (复姓) — and has one {@code *} for each further character ({@code 张*}, {@code 欧阳**}).
 */
public final class PersonalData {

    /** Compound surnames (复姓) kept whole when a name is masked, as SPEC §8's {@code 欧阳**} shows. */
    private static final java.util.Set<String> COMPOUND_SURNAMES = java.util.Set.of(
            "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "宇文", "长孙", "尉迟", "公孙", "夏侯",
            "轩辕", "端木", "澹台", "南宫", "西门", "独孤", "司徒", "司空", "呼延", "闻人", "百里", "万俟", "钟离",
            "申屠", "太史", "公冶", "赫连", "濮阳", "淳于", "单于", "拓跋", "东郭", "仲孙", "第五");

    private PersonalData() {
    }

    /**
     * An ID number as given by a caller, valid or not, masked: 18 characters as {@link RecipientId#masked()} does;
     * any other value of more than 10 characters keeps its first 6 and last 4 with one {@code *} for each character
     * between; shorter values (never an ID number) are returned as they are, stripped.
     */
    public static String maskId(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        if (value.length() <= 10) {
            return value;
        }
        return value.substring(0, 6) + "*".repeat(value.length() - 10) + value.substring(value.length() - 4);
    }

    /**
     * A name masked: its first character (code point), or both of a compound surname when more follow, and one
     * {@code *} for each further character; blank stays blank.
     */
    public static String maskName(String name) {
        if (name == null) {
            return null;
        }
        String value = name.strip();
        if (value.isEmpty()) {
            return value;
        }
        int kept = Character.charCount(value.codePointAt(0));
        if (value.length() > 2 && COMPOUND_SURNAMES.contains(value.substring(0, 2))) {
            kept = 2;
        }
        return value.substring(0, kept) + "*".repeat(value.codePointCount(kept, value.length()));
    }

    /** {@code text} with every run that looks like an ID number masked ({@link RecipientId#maskAll}). */
    public static String maskIds(String text) {
        return RecipientId.maskAll(text);
    }
}

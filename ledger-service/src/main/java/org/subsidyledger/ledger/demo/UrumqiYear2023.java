package org.subsidyledger.ledger.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.subsidyledger.contract.value.RecipientId;

/**
 * The 乌鲁木齐 1995年以前退休人员生活补贴 2023 program-year of the seed evaluation (000_24e8cf7854165bd2, docs/rules.md):
 * plan 16,000 persons and 12 payouts, budget 2,352万, funds 2,140万 in four tranches, 120 元 a month, three review
 * levels and finance approval, paid on the 20th, and the report's qualitative scores. The demo data records it and
 * {@code UrumqiSeedReproductionHttpTest} records it over HTTP; both take the figures from here.
 *
 * <p>The report's figures hold together only with the deaths of the year (its own explanation of the 14,390:
 * "死亡减员后实际执行人数会低于预算数"): 2,140万 at 120 元 is 178,333 person-months, so the year starts with 15,333
 * retirees, 943 die month by month (learned from the monthly 殡葬 comparison after the month's payout, each paid for
 * the month of death and not after) and 14,390 are paid in December. Spending is then 21,399,960.00 元.
 */
public final class UrumqiYear2023 {

    /** A retiree of the program: a synthetic valid ID number and a made-up name. */
    public record Retiree(String id, String name) {
    }

    /** A tranche of funds received (资金到位); {@code amount} in 元. */
    public record Tranche(String amount, LocalDate receivedOn, String reference) {
    }

    /** A qualitative item of the rubric and the points the report gave it. */
    public record Score(String item, String points) {
    }

    public static final String CODE = "URUMQI-PRE1995";
    public static final String NAME = "1995年以前退休人员生活补贴";
    /** 乌鲁木齐市; the retirees are registered in 天山区 ({@link #DISTRICT}). */
    public static final String REGION = "650100";
    public static final String DISTRICT = "650102";
    public static final String STANDARD = "120.00";
    public static final int DEADLINE_DAY = 25;
    public static final int REVIEW_LEVELS = 3;
    public static final int YEAR = 2023;
    public static final long PLANNED_RECIPIENTS = 16_000;
    public static final int PLANNED_PAYOUTS = 12;
    public static final String BUDGET = "23520000.00";
    public static final int RETIREES = 15_333;
    public static final String RUBRIC = "urumqi-pre1995-retirees-2023";
    /** The source the qualitative scores rest on. */
    public static final String REPORT = "评价报告（000_24e8cf7854165bd2）";
    /** The report's qualitative items, at full marks: 决策 20/20, 过程 10/10 less the indicators, 效益 15, 满意度 5. */
    public static final List<Score> QUALITATIVE_SCORES = List.of(new Score("basisSufficiency", "4"),
            new Score("procedureCompliance", "4"), new Score("goalReasonableness", "3"),
            new Score("indicatorClarity", "3"), new Score("budgetingScience", "3"),
            new Score("allocationReasonableness", "3"), new Score("fundsCompliance", "3"),
            new Score("systemSoundness", "3"), new Score("systemExecution", "4"), new Score("socialBenefit", "15"),
            new Score("satisfaction", "5"));

    /** Synthetic ID numbers of this program's retirees start at this one ({@link #syntheticId}). */
    private static final int FIRST = 1_000_000;
    /** Deaths learned after each month's payout, January to December: 943 in all. */
    private static final int[] DEATHS = {85, 86, 86, 86, 86, 86, 86, 86, 86, 86, 84, 0};

    private UrumqiYear2023() {
    }

    /** The four quarterly tranches of 535万, received on the 5th of the quarter's first month. */
    public static List<Tranche> tranches() {
        List<Tranche> tranches = new ArrayList<>();
        for (int quarter = 1; quarter <= 4; quarter++) {
            tranches.add(new Tranche("5350000.00", LocalDate.of(YEAR, quarter * 3 - 2, 5),
                    "乌财社〔2023〕" + quarter + "号"));
        }
        return tranches;
    }

    /** The tranche received in {@code month}, if one is. */
    public static java.util.Optional<Tranche> trancheOf(int month) {
        return tranches().stream().filter(t -> t.receivedOn().getMonthValue() == month).findFirst();
    }

    /** Every retiree enrolled from January. */
    public static List<Retiree> retirees() {
        return range(0, RETIREES);
    }

    /** The retirees alive at the payout of {@code month} (1–12): everyone not reported dead after an earlier one. */
    public static List<Retiree> paidIn(int month) {
        return range(deadBefore(month), RETIREES);
    }

    /** The retirees who died on {@link #diedOn}{@code (month)}, learned from the comparison after that payout. */
    public static List<Retiree> diedIn(int month) {
        return range(deadBefore(month), deadBefore(month) + DEATHS[month - 1]);
    }

    public static YearMonth period(int month) {
        return YearMonth.of(YEAR, month);
    }

    /** Each month's batch is paid on the 20th. */
    public static LocalDate disbursedOn(int month) {
        return LocalDate.of(YEAR, month, 20);
    }

    /** The date of death of those reported in {@code month}'s comparison: the month of death is due, no later one. */
    public static LocalDate diedOn(int month) {
        return LocalDate.of(YEAR, month, 10);
    }

    /** The file name of {@code month}'s 殡葬 comparison. */
    public static String comparisonFile(int month) {
        return "殡葬比对2023-%02d.csv".formatted(month);
    }

    /** The source named in each row of the comparison files. */
    public static final String DEATH_SOURCE = "殡葬";

    /** {@code month}'s 殡葬 comparison as the file a clerk or inspector uploads (CSV, UTF-8). */
    public static String comparisonCsv(int month) {
        StringBuilder file = new StringBuilder("身份证号,姓名,死亡日期,数据来源\n");
        for (Retiree retiree : diedIn(month)) {
            file.append(retiree.id()).append(',').append(retiree.name()).append(',').append(diedOn(month))
                    .append(',').append(DEATH_SOURCE).append('\n');
        }
        return file.toString();
    }

    /** The n-th synthetic valid ID number: region 650102, born 1930-01-01 plus n / 1000 days, serial n % 1000. */
    public static String syntheticId(int n) {
        LocalDate born = LocalDate.of(1930, 1, 1).plusDays(n / 1000);
        return RecipientId.withCheckCharacter(String.format("650102%04d%02d%02d%03d", born.getYear(),
                born.getMonthValue(), born.getDayOfMonth(), n % 1000));
    }

    private static int deadBefore(int month) {
        int dead = 0;
        for (int m = 1; m < month; m++) {
            dead += DEATHS[m - 1];
        }
        return dead;
    }

    private static List<Retiree> range(int from, int to) {
        List<Retiree> retirees = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            retirees.add(new Retiree(syntheticId(FIRST + i), "退休人员" + i));
        }
        return retirees;
    }
}

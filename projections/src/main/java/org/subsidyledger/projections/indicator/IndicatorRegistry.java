package org.subsidyledger.projections.indicator;

import static org.subsidyledger.projections.indicator.Indicator.Side.count;
import static org.subsidyledger.projections.indicator.Indicator.Side.sum;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.projections.indicator.Indicator.Side;
import org.subsidyledger.projections.indicator.Indicator.Unit;

/**
 * Every indicator the ledger computes, each declared once, in the table's order. The definitions and their sources
 * are explained in docs/indicators.md; {@code GET /api/v1/indicators} lists these declarations.
 */
public final class IndicatorRegistry {

    private static final String DOC_10 = "财预〔2020〕10号";

    public static final List<Indicator> ALL;

    static {
        List<Indicator> all = new ArrayList<>(List.of(
                rate("fundsArrivalRate", "资金到位率", sum(Source.FUNDS), sum(Source.PLAN_BUDGET),
                        DOC_10 + " 附件：资金到位率 = 实际到位资金 / 预算资金；乌鲁木齐报告 2,140万 ÷ 2,352万"),
                rate("budgetExecutionRate", "预算执行率", sum(Source.SPENDING), sum(Source.FUNDS),
                        DOC_10 + "：预算执行率 = 实际支出资金 / 实际到位资金；红塔区报告"),
                rate("recipientCompletionRate", "发放人数完成率", count(Source.RECIPIENTS_PAID),
                        count(Source.PLAN_RECIPIENTS), DOC_10 + " 指标公式；红塔区 发放任务完成率"),
                rate("yearEndRecipientCompletionRate", "年末发放人数完成率", count(Source.PAYMENTS_PAID_LAST_MONTH),
                        count(Source.PLAN_RECIPIENTS), "乌鲁木齐 补贴发放人数（死亡减员后实际执行人数低于预算数）"),
                rate("payoutCompletionRate", "发放次数完成率", count(Source.MONTHS_PAID), count(Source.PLAN_PAYOUTS),
                        "乌鲁木齐 发放次数（12 of 12）"),
                rate("dueCoverageRate", "应发尽发率", count(Source.DUE_MONTHS_PAID), count(Source.DUE_MONTHS),
                        "红塔区 应发尽发率；规则 3（不应发的月份）"),
                rate("fullPaymentRate", "足额发放率", count(Source.PAYMENTS_PAID_FULL), count(Source.PAYMENTS_PAID),
                        "乌鲁木齐 补贴足额发放率；红塔区 足额发放率"),
                rate("fullPaymentAmountRate", "足额发放率（金额）", sum(Source.PAYMENTS_PAID), sum(Source.DUE_MONTHS),
                        DOC_10 + " 指标公式（按金额：实发 ÷ 应发）"),
                rate("onTimeRate", "发放及时率", count(Source.BATCHES_ON_TIME), count(Source.BATCHES_DISBURSED),
                        "乌鲁木齐（每月25日前）；红塔区 发放及时率"),
                figure("lateBatches", "逾期发放批次", Unit.COUNT, count(Source.BATCHES_LATE),
                        "红塔区：每发现一例未及时发放的扣2分"),
                figure("dueNotPaidPersonMonths", "应发未发人月", Unit.COUNT, count(Source.DUE_MONTHS_NOT_PAID),
                        "红塔区：每发现一例应发未发的扣0.5分"),
                rate("firstAttemptSuccessRate", "首次发放成功率", count(Source.PAYMENTS_PAID), count(Source.PAYMENTS_SENT),
                        DOC_10 + " 指标公式（首次发放成功笔数 ÷ 发送笔数）"),
                new Indicator("averagePerPersonMonth", "人均补贴标准", Unit.YUAN, sum(Source.PAYMENTS_PAID),
                        count(Source.PAYMENTS_PAID), "乌鲁木齐 人均补贴标准 120元", null),
                new Indicator("costSavingRate", "成本节约率", Unit.RATE, null, null,
                        DOC_10 + "：成本节约率 = (计划成本 − 实际成本) / 计划成本；乌鲁木齐",
                        "(项目月标准 − 人均补贴标准) ÷ 项目月标准"),
                figure("arrearsDue", "待补发金额", Unit.YUAN, sum(Source.ARREARS_OPEN),
                        "规则 9（调标补发）、规则 10（暂停恢复后补发）：年度各月已记录未补发的差额"),
                figure("arrearsDuePersonMonths", "待补发人月", Unit.COUNT, count(Source.ARREARS_OPEN),
                        "规则 9、10：有待补发差额的人月"),
                figure("withheldPersonMonths", "暂停发放人月", Unit.COUNT, count(Source.WITHHELD_MONTHS),
                        "规则 10（失联、未认证暂停发放，仍属应发）；如皋 生存认证"),
                rate("recoveryRate", "追回率", sum(Source.CASES_RECOVERED), sum(Source.CASES),
                        "规则 7（docs/rules.md）"),
                rate("recoveryHeadcountRate", "追回率（人数）", count(Source.CASE_RECIPIENTS_SETTLED),
                        count(Source.CASE_RECIPIENTS), DOC_10 + " 指标公式（追回率，也按人数）"),
                rate("certificationRate", "认证率", count(Source.CERTIFICATION_CURRENT),
                        count(Source.CERTIFICATION_EXPECTED),
                        "SPEC §4 规则 11；如皋 人脸识别生存认证、乌鲁木齐 年度认证（docs/indicators.md）")));
        for (FactKind cause : Source.CAUSES.stream().sorted(Comparator.comparing(Enum::name)).toList()) {
            Source cases = Source.casesOf(cause);
            all.add(figure("overpaymentCases." + cause.name(), "多发案件数（" + cause.name() + "）", Unit.COUNT,
                    count(cases), "红塔区 审核精准性（重复/死亡/服刑领取）"));
            all.add(figure("overpaymentAmount." + cause.name(), "多发金额（" + cause.name() + "）", Unit.YUAN,
                    sum(cases), "红塔区 审核精准性（重复/死亡/服刑领取）"));
        }
        ALL = List.copyOf(all);
    }

    private static final Map<String, Indicator> BY_KEY;

    static {
        Map<String, Indicator> byKey = new LinkedHashMap<>();
        ALL.forEach(indicator -> byKey.put(indicator.key(), indicator));
        BY_KEY = Map.copyOf(byKey);
    }

    /** The keys of the computed indicators; a rubric may read others, entered by an evaluator (survey figures). */
    public static final Set<String> COMPUTED = Set.copyOf(BY_KEY.keySet());

    private IndicatorRegistry() {
    }

    public static Optional<Indicator> find(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** Every source a declared side reads, and those the monthly side of the table reads. */
    public static Set<Source> sources() {
        Set<Source> sources = new LinkedHashSet<>();
        for (Indicator indicator : ALL) {
            for (Side side : new Side[]{indicator.numerator(), indicator.denominator()}) {
                if (side != null) {
                    sources.add(side.source());
                }
            }
        }
        sources.addAll(MONTHLY);
        return sources;
    }

    /** The sources of the table's months: batches (on time), lines sent and returned, payments (full), spending. */
    static final List<Source> MONTHLY = List.of(Source.BATCHES_DISBURSED, Source.BATCHES_ON_TIME, Source.PAYMENTS_SENT,
            Source.PAYMENTS_RETURNED, Source.PAYMENTS_PAID, Source.PAYMENTS_PAID_FULL);

    private static Indicator rate(String key, String name, Side numerator, Side denominator, String reference) {
        return new Indicator(key, name, Unit.RATE, numerator, denominator, reference, null);
    }

    private static Indicator figure(String key, String name, Unit unit, Side value, String reference) {
        return new Indicator(key, name, unit, value, null, reference, null);
    }
}

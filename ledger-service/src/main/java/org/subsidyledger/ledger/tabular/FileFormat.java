package org.subsidyledger.ledger.tabular;

import java.util.List;
import java.util.Optional;

/**
 * The files the ledger reads (SPEC §6): their columns, each with its Chinese and English header names and what it
 * holds, in the order the controllers read them; and the name of each one's downloadable template.
 */
public enum FileFormat {

    /** {@code POST /programs/{code}/enrolments}: recipients to enrol. */
    ENROLMENT("enrolment", "登记名单", List.of(
            Column.required("id", "身份证号", "recipient_id", "公民身份号码").as(Column.Kind.ID),
            Column.required("name", "姓名", "name"),
            Column.required("region", "行政区划", "region", "行政区划代码"),
            Column.optional("monthlyStandard", "月标准", "monthly_standard").as(Column.Kind.AMOUNT),
            Column.optional("effectiveFrom", "起始月份", "effective_from").as(Column.Kind.MONTH))),
    /** {@code POST /programs/{code}/batches?period=}: a month's payout lines (发放明细). */
    BATCH("batch", "发放明细", List.of(
            Column.required("recipientId", "身份证号", "recipient_id", "公民身份号码").as(Column.Kind.ID),
            Column.required("name", "姓名", "name"),
            Column.required("amount", "金额", "amount").as(Column.Kind.AMOUNT),
            Column.optional("note", "备注", "note"),
            Column.optional("settlesMonth", "补发月份", "settles_month").as(Column.Kind.MONTH),
            Column.optional("benefit", "一次性待遇", "benefit"))),
    /** {@code POST /batches/{id}/returns}: the bank's returned lines (退票). */
    BANK_RETURN("bank-return", "退票明细", List.of(
            Column.required("recipientId", "身份证号", "recipient_id", "公民身份号码").as(Column.Kind.ID),
            Column.optional("batchId", "批次", "batch_id"),
            Column.required("reason", "原因", "reason"))),
    /** {@code POST /death-comparisons}: deaths from 殡葬/公安/卫健 data (死亡比对). */
    DEATH_COMPARISON("death-comparison", "死亡比对", List.of(
            Column.required("id", "身份证号", "recipient_id", "公民身份号码").as(Column.Kind.ID),
            Column.required("name", "姓名", "name"),
            Column.required("dateOfDeath", "死亡日期", "date_of_death").as(Column.Kind.DATE),
            Column.optional("source", "数据来源", "source"))),
    /** {@code POST /certifications}: existence certifications (生存认证名单); methods in English or Chinese. */
    CERTIFICATION("certification", "生存认证名单", List.of(
            Column.required("id", "身份证号", "recipient_id", "公民身份号码").as(Column.Kind.ID),
            Column.required("name", "姓名", "name"),
            Column.required("certifiedOn", "认证日期", "certified_on").as(Column.Kind.DATE),
            Column.required("method", "认证方式", "method"))),
    /** {@code POST /imprisonment-comparisons}: imprisonments from 司法 data, posted for verification (服刑比对). */
    IMPRISONMENT_COMPARISON("imprisonment-comparison", "服刑比对", List.of(
            Column.required("id", "身份证号", "recipient_id", "公民身份号码").as(Column.Kind.ID),
            Column.required("name", "姓名", "name"),
            Column.required("from", "服刑开始日期", "from", "收监日期").as(Column.Kind.DATE),
            Column.optional("to", "服刑结束日期", "to", "释放日期").as(Column.Kind.DATE),
            Column.optional("source", "数据来源", "source"))),
    /**
     * {@code POST /duplicate-comparisons?program=}: the province's list of persons drawing another scheme for the same
     * months (省比对重复人员), posted for verification.
     */
    DUPLICATE_COMPARISON("duplicate-comparison", "重复领取比对", List.of(
            Column.required("id", "身份证号", "recipient_id", "公民身份号码").as(Column.Kind.ID),
            Column.required("name", "姓名", "name"),
            Column.required("otherScheme", "其他险种", "other_scheme", "重复领取险种"),
            Column.required("from", "起始月份", "from").as(Column.Kind.MONTH),
            Column.required("to", "截止月份", "to").as(Column.Kind.MONTH),
            Column.optional("source", "数据来源", "source")));

    private final String slug;
    private final String title;
    private final List<Column> columns;

    FileFormat(String slug, String title, List<Column> columns) {
        this.slug = slug;
        this.title = title;
        this.columns = columns;
    }

    /** The name in {@code GET /templates/{slug}.xlsx}. */
    public String slug() {
        return slug;
    }

    /** The Chinese name of the file, its template's sheet and file name. */
    public String title() {
        return title;
    }

    public List<Column> columns() {
        return columns;
    }

    public static Optional<FileFormat> bySlug(String slug) {
        for (FileFormat format : values()) {
            if (format.slug.equals(slug)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}

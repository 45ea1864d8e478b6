package org.subsidyledger.ledger.overpayment;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.DefaultSplitCharacter;
import com.lowagie.text.pdf.PdfChunk;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.overpayment.NoticeOffice;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.contract.overpayment.RecoveryNoticeDelivered;
import org.subsidyledger.contract.overpayment.RecoveryNoticeGenerated;
import org.subsidyledger.contract.value.Money;

/**
 * The recovery notice (追回通知书, rule 14) as a printable A4 PDF in Chinese. The font, Noto Sans CJK SC, is embedded
 * as a subset of the glyphs used, so the document needs no font on the reader's machine; the font file comes with
 * the build (ledger-service/pom.xml).
 */
final class NoticeDocument {

    /** The font collection on the classpath and the face used: Noto Sans CJK SC Regular. */
    private static final String FONT = "fonts/NotoSansCJK-Regular.ttc";
    private static final String FACE = "NotoSansCJKsc-Regular";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static volatile byte[] fontBytes;

    /** Everything one notice prints. */
    record Content(RecoveryNoticeGenerated notice, RecoveryNoticeDelivered delivery, String recipientName,
                   String recipientId, String region, String programCode, String programName) {
    }

    private NoticeDocument() {
    }

    static byte[] pdf(Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(List.of(content), out);
        return out.toByteArray();
    }

    /** Writes the notices one after another into one PDF, each on its own pages. */
    static void write(List<Content> contents, OutputStream out) {
        Document document = new Document(PageSize.A4, 56, 56, 56, 56);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("追回通知书");
            document.open();
            BaseFont base = font();
            boolean first = true;
            for (Content content : contents) {
                if (!first) {
                    document.newPage();
                }
                first = false;
                page(document, content, base);
            }
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("the notice could not be laid out", e);
        }
    }

    private static void page(Document document, Content c, BaseFont base) throws DocumentException {
        Font title = new Font(base, 20, Font.NORMAL);
        Font body = new Font(base, 11.5f);
        Font small = new Font(base, 9.5f);
        RecoveryNoticeGenerated n = c.notice();
        NoticeOffice office = n.office();
        String issuer = office.name() != null ? office.name() : c.programName() + "经办机构";
        Paragraph heading = new Paragraph(issuer, new Font(base, 13));
        heading.setAlignment(Element.ALIGN_CENTER);
        document.add(heading);
        Paragraph name = new Paragraph("追 回 多 领 待 遇 通 知 书", title);
        name.setAlignment(Element.ALIGN_CENTER);
        name.setSpacingAfter(4);
        document.add(name);
        Paragraph number = new Paragraph("通知书编号：" + n.noticeId(), small);
        number.setAlignment(Element.ALIGN_CENTER);
        number.setSpacingAfter(14);
        document.add(number);

        document.add(line(c.recipientName() + "（公民身份号码：" + c.recipientId() + "）：", body));
        document.add(indented("经核查，您在“" + c.programName() + "”（项目代码 " + c.programCode() + "，行政区划 "
                + c.region() + "）中领取的下列待遇不应发放，共计人民币 " + yuan(n.amountFen()) + " 元，截至本通知书"
                + "出具之日尚有 " + yuan(n.outstandingFen()) + " 元未退回。", body));
        document.add(indented("依据：" + cause(n.cause()) + "本案" + applied(n.cause(), n.months()) + "。", body));

        PdfPTable months = new PdfPTable(new float[]{2, 3, 2});
        months.setWidthPercentage(80);
        months.setSpacingBefore(8);
        months.setSpacingAfter(8);
        for (String header : new String[]{"待遇月份", "发放批次", "多领金额（元）"}) {
            months.addCell(cell(header, body));
        }
        for (OverpaidMonth month : n.months()) {
            months.addCell(cell(month(month.period()), body));
            months.addCell(cell(month.batchId().length() > 8 ? month.batchId().substring(0, 8) : month.batchId(),
                    small));
            months.addCell(cell(yuan(month.amountFen()), body));
        }
        months.addCell(cell("合计", body));
        months.addCell(cell("", body));
        months.addCell(cell(yuan(n.amountFen()), body));
        document.add(months);

        document.add(line("一、退回方式", body));
        document.add(indented("请于收到本通知书之日起 " + n.deductionWaitDays() + " 日内将多领款项退回。可到"
                + (office.address() != null ? office.address() : issuer) + "办理，或转账至"
                + (office.bankName() != null ? office.bankName() + " " : "") + "账户 "
                + (office.bankAccount() != null ? office.bankAccount() : "（以经办机构告知为准）")
                + "，并注明您的姓名和本通知书编号。一次退回确有困难的，可申请分期退回。", body));
        document.add(indented("逾期未退回、又未申请分期或申诉的，自本通知书送达之日起满 " + n.deductionWaitDays()
                + " 日后，将从您此后应领的待遇中按规定比例抵扣，直至退清；经您本人书面同意的，可提前抵扣。", body));
        document.add(line("二、申诉权利", body));
        LocalDate deadline = c.delivery() == null ? null : c.delivery().appealDeadline();
        document.add(indented("如对本通知认定的事实或金额有异议，您可以自本通知书送达之日起 " + n.appealDays()
                + " 日内" + (deadline == null ? "" : "（即 " + DATE.format(deadline) + " 前）")
                + "向" + issuer + "提出书面申诉，并附相关证明材料。申诉期间暂停抵扣和核销，待申诉决定后依决定处理。",
                body));
        if (office.phone() != null) {
            document.add(indented("咨询电话：" + office.phone(), body));
        }
        Paragraph sign = new Paragraph(issuer + "\n" + DATE.format(n.generatedOn()), body);
        sign.setAlignment(Element.ALIGN_RIGHT);
        sign.setSpacingBefore(24);
        document.add(sign);
        Paragraph receipt = new Paragraph(c.delivery() == null
                ? "送达回证：受送达人签收 ____________　　送达日期 ____年__月__日　　送达方式 ____________"
                : "送达记录：" + DATE.format(c.delivery().deliveredOn()) + "，" + method(c.delivery()), small);
        receipt.setSpacingBefore(24);
        document.add(receipt);
    }

    /** The rule applied, in words, by the case's cause. */
    static String cause(FactKind cause) {
        if (cause == null) {
            return "经核查不应发放的待遇应予退回。";
        }
        return switch (cause) {
            case DEATH -> "受益人死亡的，自死亡次月起停发待遇（死亡次月停发），此后发放的待遇属于多领，应予退回。";
            case SUSPENSION -> "受益人在停发期间（如服刑期间）不享受待遇，停发期间发放的待遇属于多领，应予退回。";
            case DUPLICATE_CLAIM -> "同一期间不得重复领取同类待遇，已在其他项目领取的月份在本项目不应发放，应予退回。";
            case ENROLMENT_END -> "待遇资格终止后不再发放待遇，终止后发放的待遇属于多领，应予退回。";
            case STANDARD_CHANGE -> "待遇标准依规追溯下调（调标）后，已按原标准发放月份多发的差额应予退回。";
            case DUPLICATE_ONE_OFF -> "丧葬补助金、个人账户余额等一次性待遇每人只能领取一次，重复领取的款项应予退回。";
        };
    }

    /**
     * The rule as applied to this case, in Chinese, from its cause and months — not the case's stored rule
     * description, which is in English: e.g. 2023年2月至2023年3月不应发放.
     */
    static String applied(FactKind cause, List<OverpaidMonth> months) {
        String when = months(months);
        if (cause == null) {
            return when + "不应发放";
        }
        return switch (cause) {
            case DUPLICATE_CLAIM -> when + "已在其他项目领取，本项目不应发放";
            case STANDARD_CHANGE -> when + "按原标准多发的差额不应发放";
            case DUPLICATE_ONE_OFF -> when + "重复发放的一次性待遇不应发放";
            case DEATH, SUSPENSION, ENROLMENT_END -> when + "不应发放";
        };
    }

    /** Months in Chinese, consecutive ones as one range: 2023年2月至2023年3月、2023年5月. */
    static String months(List<OverpaidMonth> months) {
        List<YearMonth> periods = months.stream().map(OverpaidMonth::period).distinct().sorted().toList();
        List<String> ranges = new ArrayList<>();
        for (int first = 0; first < periods.size(); ) {
            int last = first;
            while (last + 1 < periods.size() && periods.get(last + 1).equals(periods.get(last).plusMonths(1))) {
                last++;
            }
            ranges.add(first == last ? month(periods.get(first))
                    : month(periods.get(first)) + "至" + month(periods.get(last)));
            first = last + 1;
        }
        return String.join("、", ranges);
    }

    private static String month(YearMonth month) {
        return month.getYear() + "年" + month.getMonthValue() + "月";
    }

    private static String method(RecoveryNoticeDelivered delivery) {
        return switch (delivery.method()) {
            case IN_PERSON -> "直接送达";
            case POST -> "邮寄送达";
            case LEFT_AT_RESIDENCE -> "留置送达";
            case VIA_COMMUNITY -> "委托送达";
            case PUBLIC_ANNOUNCEMENT -> "公告送达";
            case ELECTRONIC -> "电子送达";
        };
    }

    /**
     * Chinese line breaking (禁则): a line never starts with closing punctuation (，。、）” …) nor ends with opening
     * punctuation (（“ …); otherwise OpenPDF's rule (CJK characters break anywhere).
     */
    static final class Kinsoku extends DefaultSplitCharacter {

        static final Kinsoku INSTANCE = new Kinsoku();
        private static final String NO_LINE_START = "，。、；：？！）」』》〉】”’…—%,.;:?!)";
        private static final String NO_LINE_END = "（「『《〈【“‘(";

        @Override
        public boolean isSplitCharacter(int start, int current, int end, char[] cc, PdfChunk[] ck) {
            if (NO_LINE_END.indexOf(getCurrentCharacter(current, cc, ck)) >= 0) {
                return false;
            }
            if (current + 1 < end && NO_LINE_START.indexOf(getCurrentCharacter(current + 1, cc, ck)) >= 0) {
                return false;
            }
            return super.isSplitCharacter(start, current, end, cc, ck);
        }
    }

    private static Paragraph line(String text, Font font) {
        Paragraph paragraph = new Paragraph();
        paragraph.setFont(font);
        paragraph.add(new Chunk(text, font).setSplitCharacter(Kinsoku.INSTANCE));
        paragraph.setSpacingBefore(6);
        paragraph.setLeading(font.getSize() * 1.6f);
        return paragraph;
    }

    private static Paragraph indented(String text, Font font) {
        Paragraph paragraph = line(text, font);
        paragraph.setFirstLineIndent(font.getSize() * 2);
        return paragraph;
    }

    private static PdfPCell cell(String text, Font font) {
        PdfPCell cell = new PdfPCell(new Paragraph(text, font));
        cell.setHorizontalAlignment(Element.ALIGN_CENTER);
        cell.setPadding(4);
        return cell;
    }

    private static String yuan(long fen) {
        return Money.ofFen(fen).toString();
    }

    private static BaseFont font() {
        try {
            byte[] bytes = fontBytes;
            if (bytes == null) {
                try (InputStream in = NoticeDocument.class.getClassLoader().getResourceAsStream(FONT)) {
                    if (in == null) {
                        throw new IllegalStateException(FONT + " is not on the classpath: build with Maven, which "
                                + "unpacks it (ledger-service/pom.xml)");
                    }
                    bytes = in.readAllBytes();
                }
                fontBytes = bytes;
            }
            String[] faces = BaseFont.enumerateTTCNames(bytes);
            for (int i = 0; i < faces.length; i++) {
                if (faces[i].equals(FACE)) {
                    return BaseFont.createFont("NotoSansCJK-Regular.ttc," + i, BaseFont.IDENTITY_H,
                            BaseFont.EMBEDDED, true, bytes, null);
                }
            }
            throw new IllegalStateException(FONT + " has no face " + FACE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        }
    }
}

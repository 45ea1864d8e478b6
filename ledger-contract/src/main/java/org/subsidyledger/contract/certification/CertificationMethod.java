package org.subsidyledger.contract.certification;

import java.util.Locale;
import java.util.Map;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/** How a recipient certified being alive (认证方式). */
public enum CertificationMethod {
    /** 人脸识别 (by app or at a terminal) */
    FACE,
    /** 入户核查 (a home visit) */
    HOME_VISIT,
    /** 社区认证 (at the community office) */
    COMMUNITY,
    /** 其他 */
    OTHER;

    /** The Chinese words clerks write in files, each for its method. */
    private static final Map<String, CertificationMethod> CHINESE = Map.of(
            "人脸识别", FACE, "人脸", FACE, "刷脸", FACE,
            "入户", HOME_VISIT, "入户核查", HOME_VISIT, "上门", HOME_VISIT,
            "社区", COMMUNITY, "社区认证", COMMUNITY,
            "其他", OTHER, "其它", OTHER);

    /**
     * The method named by its code ({@code FACE}, any case) or its Chinese name (人脸识别, 入户, 社区, 其他 …);
     * {@code INVALID_CERTIFICATION_METHOD} otherwise.
     */
    public static CertificationMethod parse(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new LedgerException(ErrorCode.INVALID_CERTIFICATION_METHOD,
                    "method is required: FACE, HOME_VISIT, COMMUNITY or OTHER (人脸识别、入户、社区、其他)");
        }
        CertificationMethod chinese = CHINESE.get(text);
        if (chinese != null) {
            return chinese;
        }
        try {
            return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ErrorCode.INVALID_CERTIFICATION_METHOD, "unknown certification method '"
                    + (text.length() > 40 ? text.substring(0, 40) : text)
                    + "': FACE, HOME_VISIT, COMMUNITY or OTHER (人脸识别、入户、社区、其他)");
        }
    }
}

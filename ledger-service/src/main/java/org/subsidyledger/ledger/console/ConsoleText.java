package org.subsidyledger.ledger.console;

import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.ledger.web.ProblemLanguage;
import org.springframework.stereotype.Component;

/**
 * Chinese texts the console builds from error codes — the same Chinese title and detail the API answers with
 * {@code Accept-Language: zh} (problems_zh.properties). Templates call it as {@code @consoleText}.
 */
@Component("consoleText")
public class ConsoleText {

    /** A rejected row's reason in Chinese: the code's title and what it means; an unknown code keeps the message. */
    public String reason(String code, String message) {
        ErrorCode known = known(code);
        return known == null ? message : ProblemLanguage.title(known) + "：" + ProblemLanguage.detail(known);
    }

    /** The code's Chinese title alone, for a page's heading; the code itself when it has none. */
    public String title(String code) {
        ErrorCode known = known(code);
        return known == null ? code : ProblemLanguage.title(known);
    }

    private static ErrorCode known(String code) {
        try {
            return code == null ? null : ErrorCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

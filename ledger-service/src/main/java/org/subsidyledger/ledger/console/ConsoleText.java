package org.subsidyledger.ledger.console;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Chinese texts the console builds from codes: a rejected row's reason ({@code reason.<CODE>} in
 * messages_zh_CN.properties, then the reason the service gave). Templates call it as {@code @consoleText}.
 */
@Component("consoleText")
public class ConsoleText {

    private final MessageSource messages;

    ConsoleText(MessageSource messages) {
        this.messages = messages;
    }

    /** The reason of a rejected row in Chinese, followed by the service's own words when they say more. */
    public String reason(String code, String message) {
        String chinese = messages.getMessage("reason." + code, null, null, Locale.SIMPLIFIED_CHINESE);
        if (chinese == null) {
            return message;
        }
        return message == null || message.isBlank() ? chinese : chinese + "（" + message + "）";
    }
}

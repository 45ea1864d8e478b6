package org.subsidyledger.ledger.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.value.RecipientId;

class MaskingEncoderTest {

    @Test
    void masksEveryIdNumberInALogLineAsRecipientIdMaskAllDoes() {
        for (String line : List.of(
                "no recipient 65010219500101123X, nor 110105194912310021.",
                "{\"message\":\"Key (recipient_id)=(65010219500101123x) already exists\"}",
                "id=650102195001011234\n\tat org.example.Foo(Foo.java:1)",
                "1234567890123456789 is 19 digits, 12345678901234567 is 17, 12345678901234567XX is not one",
                "张三 650102195001011234 李四",
                "650102195001011234")) {
            String masked = new String(MaskingEncoder.maskIds(line.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
            assertThat(masked).as(line).isEqualTo(RecipientId.maskAll(line));
        }
        assertThat(new String(MaskingEncoder.maskIds("张三 650102195001011234".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("张三 650102********1234");
    }
}

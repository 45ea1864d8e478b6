package org.subsidyledger.contract.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void masksAnIdNumberAsItsFirstSixAndLastFourWithEightStarsBetween() {
        assertThat(PersonalData.maskId(" 65010219500101123X ")).isEqualTo("650102********123X");
        assertThat(PersonalData.maskId("6501021950010112")).as("16 characters, not an ID number, still masked")
                .isEqualTo("650102******0112");
        assertThat(PersonalData.maskId("B-2023-01")).isEqualTo("B-2023-01");
        assertThat(PersonalData.maskId(null)).isNull();
    }

    @Test
    void masksANameAsItsSurnamesFirstCharacterOrCompoundSurnameAndOneStarPerFurtherCharacter() {
        assertThat(PersonalData.maskName("张三")).isEqualTo("张*");
        assertThat(PersonalData.maskName("李小龙")).isEqualTo("李**");
        assertThat(PersonalData.maskName("欧阳娜娜")).as("a compound surname is kept whole").isEqualTo("欧阳**");
        assertThat(PersonalData.maskName("欧阳修")).isEqualTo("欧阳*");
        assertThat(PersonalData.maskName("欧阳")).as("a surname alone keeps one character").isEqualTo("欧*");
        assertThat(PersonalData.maskName("王")).isEqualTo("王");
        assertThat(PersonalData.maskName("\uD840\uDC00明")).as("a character outside the BMP counts once")
                .isEqualTo("\uD840\uDC00*");
        assertThat(PersonalData.maskName(" ")).isEmpty();
        assertThat(PersonalData.maskName(null)).isNull();
    }

    @Test
    void masksEveryIdNumberInAText() {
        assertThat(PersonalData.maskIds("no recipient 65010219500101123X")).isEqualTo("no recipient 650102********123X");
    }
}

package org.subsidyledger.contract.value;

import org.subsidyledger.contract.error.ErrorCode;

import java.util.regex.Pattern;

/**
 * A 行政区划代码 (GB/T 2260 six digits, optionally extended to 9 or 12 digits for 乡镇/村).
 */
public record Region(String code) {

    private static final Pattern CODE = Pattern.compile("\\d{6}(\\d{3}){0,2}");

    public Region {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidValueException(ErrorCode.INVALID_REGION,
                    "region '" + code + "' is not a 6-, 9- or 12-digit 行政区划代码");
        }
    }

    public static Region parse(String raw) {
        return new Region(raw == null ? null : raw.strip());
    }

    @Override
    public String toString() {
        return code;
    }
}

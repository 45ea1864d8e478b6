package org.subsidyledger.ledger.tabular;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Applies {@code ledger.upload.max-rows} (default 500,000) to every file the ledger reads ({@link TabularReader}). */
@Component
class UploadLimits {

    UploadLimits(@Value("${ledger.upload.max-rows:500000}") int maxRows) {
        TabularReader.maxRows(maxRows);
    }
}

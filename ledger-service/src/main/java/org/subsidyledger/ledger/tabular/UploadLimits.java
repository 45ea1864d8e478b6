package org.subsidyledger.ledger.tabular;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Applies {@code ledger.upload.max-rows} (default 500,000) and {@code ledger.upload.max-bytes} (default 200 MB, the
 * multipart parser's {@code spring.servlet.multipart.max-file-size} follows it) to every file the ledger reads
 * ({@link TabularReader}).
 */
@Component
class UploadLimits {

    UploadLimits(@Value("${ledger.upload.max-rows:500000}") int maxRows,
                 @Value("${ledger.upload.max-bytes:200MB}") DataSize maxBytes) {
        TabularReader.maxRows(maxRows);
        TabularReader.maxBytes(maxBytes.toBytes());
    }
}

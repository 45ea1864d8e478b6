package org.subsidyledger.contract.batch;

import java.time.YearMonth;
import org.axonframework.serialization.Revision;

/**
 * A clerk posted the payout batch (发放批次) of a program for a month. The accepted lines follow as
 * {@link BatchLinesRecorded} parts in the same transaction; lines rejected at posting are not part of the ledger
 * (they are in the answer to the clerk). The batch now waits for review level 1.
 *
 * @param period       the month paid (YYYY-MM)
 * @param reviewLevels how many review levels the batch needs (the program's, 1–3)
 * @param lineCount    accepted lines, over all parts
 * @param totalFen     sum of the accepted lines, 分
 * @param shortCount   lines below the recipient's standard (不足额)
 * @param overCount    lines above the recipient's standard (超额)
 * @param parts        how many {@link BatchLinesRecorded} events follow
 * @param source       the uploaded file's name, or {@code JSON}
 * @param fileSha256   SHA-256 of the uploaded file, or {@code null} for JSON
 */
@Revision("1")
public record BatchPosted(String batchId, String programCode, YearMonth period, int reviewLevels, int lineCount,
                          long totalFen, int shortCount, int overCount, int parts, String source,
                          String fileSha256) {
}

package org.subsidyledger.contract.batch;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The bank could not credit some lines of a disbursed batch (退票). Each returned line is unpaid again; the recipient
 * can be paid for that month in a later batch of the program (a reissue).
 *
 * @param source    the uploaded return file's name, or {@code JSON}
 * @param reference the bank's return notice number (退票通知书编号) given as evidence: required once the clerks' window
 *                  after the disbursement has passed, optional before; null when none was given (and in events
 *                  recorded before it existed)
 */
@Revision("1")
public record BankReturnsRecorded(String batchId, String programCode, String source, List<Returned> returns,
                                  String reference) {

    /**
     * @param line      the line in the return file (header = 1) or position in the JSON list
     * @param batchLine the line of the batch that is returned
     * @param amountFen the amount of that line, 分
     */
    public record Returned(int line, String recipientId, int batchLine, long amountFen, String reason) {
    }

    public BankReturnsRecorded {
        returns = List.copyOf(returns);
    }
}

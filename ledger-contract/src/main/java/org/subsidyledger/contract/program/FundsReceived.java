package org.subsidyledger.contract.program;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A tranche of funds (资金到位) arrived from the finance bureau for a program-year.
 *
 * @param trancheId  unique id of this tranche
 * @param year       the program-year the money is for
 * @param amountFen  the amount received, in 分, positive
 * @param receivedOn business date the money arrived
 * @param reference  the finance bureau's document or transfer reference
 */
@Revision("1")
public record FundsReceived(String programCode, String trancheId, int year, long amountFen, LocalDate receivedOn,
                            String reference) {
}

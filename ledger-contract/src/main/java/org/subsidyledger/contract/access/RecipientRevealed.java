package org.subsidyledger.contract.access;

import org.axonframework.serialization.Revision;

/**
 * A user of a role that sees personal data masked (EVALUATOR, AUDITOR) saw one recipient's ID number and name in
 * full, for a stated reason (SPEC §8, "Reveal"). Who and when are the event's metadata and timestamp; the access log
 * has a row for it too. Its own aggregate ({@code Reveal}, one event each), so a reveal never waits on another.
 *
 * @param revealId    the aggregate identifier
 * @param recipientId whom the user saw
 * @param reason      why, as the user gave it
 */
@Revision("1")
public record RecipientRevealed(String revealId, String recipientId, String reason) {
}

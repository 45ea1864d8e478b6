package org.subsidyledger.ledger.batch;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;
import org.subsidyledger.contract.batch.BatchStatus;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.ledger.batch.BatchCommands.Decision;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.security.Actor;

/**
 * The steps of a batch's workflow between posting and disbursement (reviews, finance's decision, resubmission,
 * withdrawal), for the API and for anything else that records on a user's behalf (the demo data). The aggregate
 * decides; this names an unknown batch.
 */
@Service
public class BatchWorkflow {

    private final AuditedCommands commands;

    BatchWorkflow(AuditedCommands commands) {
        this.commands = commands;
    }

    /** Approves the batch at review {@code level} (1–3). */
    public BatchStatus approveReview(String batchId, int level, String comment, Actor actor) {
        return review(batchId, level, Decision.APPROVE, comment, actor);
    }

    /** Finance approves the reviewed batch. */
    public BatchStatus approve(String batchId, String comment, Actor actor) {
        return decideApproval(batchId, Decision.APPROVE, comment, actor);
    }

    BatchStatus review(String batchId, int level, Decision decision, String comment, Actor actor) {
        return step(batchId, new BatchCommands.ReviewBatch(batchId, level, decision, comment), actor);
    }

    BatchStatus decideApproval(String batchId, Decision decision, String comment, Actor actor) {
        return step(batchId, new BatchCommands.DecideApproval(batchId, decision, comment), actor);
    }

    BatchStatus step(String batchId, Object command, Actor actor) {
        try {
            return commands.send(command, actor);
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(ErrorCode.UNKNOWN_BATCH, "no batch " + batchId);
        }
    }
}

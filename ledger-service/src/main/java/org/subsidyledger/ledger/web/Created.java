package org.subsidyledger.ledger.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint that answers {@code 201 Created} when it records something (and, with {@link #orAlreadyRecorded()},
 * {@code 200} when what it was asked to record was already recorded). The OpenAPI document lists the answer under
 * those statuses instead of 200.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Created {

    /** The endpoint answers 200 with the same body when the request was already recorded. */
    boolean orAlreadyRecorded() default false;

    /** The endpoint answers 202 with the same body when what it was asked waits for another person's approval. */
    boolean orProposed() default false;
}

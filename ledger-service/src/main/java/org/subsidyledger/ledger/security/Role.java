package org.subsidyledger.ledger.security;

/** The roles of docs/api.md. A user may hold several; every event records the one the user acted in. */
public enum Role {
    CLERK, REVIEWER, FINANCE, INSPECTOR, EVALUATOR, AUDITOR, ADMIN
}

package org.subsidyledger.ledger.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns the fail-closed start into Spring Boot's short "APPLICATION FAILED TO START" report, without a stack trace. */
class NoUsersConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<SecurityConfiguration.NoUsersConfiguredException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SecurityConfiguration.NoUsersConfiguredException cause) {
        return new FailureAnalysis("No users are configured: nobody could sign in, so the service does not start.",
                cause.getMessage(), cause);
    }
}

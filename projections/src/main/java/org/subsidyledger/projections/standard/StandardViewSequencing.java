package org.subsidyledger.projections.standard;

import org.axonframework.eventhandling.async.FullConcurrencyPolicy;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code standard-view} group's sequencing: every event on its own. Its handlers insert rows keyed by the event
 * (a change, a part of arrears) and read nothing another event wrote, so order does not matter; the processor
 * ({@code axon.eventhandling.processors.standard-view.sequencing-policy}) spreads a 调标's parts over its segments.
 */
@Configuration(proxyBeanMethods = false)
class StandardViewSequencing {

    static final String BEAN = "standardViewSequencingPolicy";

    @Bean(BEAN)
    SequencingPolicy<EventMessage<?>> standardViewSequencingPolicy() {
        return new FullConcurrencyPolicy();
    }
}

package org.subsidyledger.ledger.infrastructure;

import java.util.List;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;

/**
 * A write-side index whose rows a service writes itself, in the transaction that appends the events (bulk paths that
 * bypass Axon's event bus), rather than a subscribing event handler. To rebuild it from the events, the service
 * says which tables it owns and gives a consumer that, fed every event in store order, writes the same rows again.
 */
public interface DirectlyWrittenIndex {

    List<String> tables();

    /** A fresh consumer for one rebuild; it may keep state across the events of that rebuild. */
    Consumer<EventMessage<?>> rebuilder();
}

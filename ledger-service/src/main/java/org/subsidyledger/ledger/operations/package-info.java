/** What an operator watches: the event processors' segments, owners and lag, as an endpoint and as metrics. */
package org.subsidyledger.ledger.operations;

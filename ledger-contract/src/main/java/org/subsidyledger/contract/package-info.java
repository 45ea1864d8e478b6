/**
 * The event contract shared by the write side (ledger-service) and the read side (projections): immutable records,
 * their value types and validation. Nothing here depends on Spring or on the aggregates.
 */
package org.subsidyledger.contract;

/**
 * What the projections module offers the write side, and what it needs from it: the only package of this module
 * that code in {@code org.subsidyledger.ledger} may use (ArchitectureTest enforces it). {@link
 * org.subsidyledger.projections.port.MonthFigures} and {@link org.subsidyledger.projections.port.RubricCatalog} are
 * implemented here; {@link org.subsidyledger.projections.port.EventStoreDigest} is implemented by the write side.
 */
package org.subsidyledger.projections.port;

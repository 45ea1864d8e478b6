/**
 * Standards over time (调标) and arrears (补发), rule 9 of docs/rules.md: the events, and {@link Entitlement}, the one
 * function that says what is due for a recipient and month, used by the write side and the read models alike.
 */
package org.subsidyledger.contract.standard;

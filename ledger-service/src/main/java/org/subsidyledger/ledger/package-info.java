/** The ledger service: the Spring Boot application, its write side and its HTTP API. */
package org.subsidyledger.ledger;

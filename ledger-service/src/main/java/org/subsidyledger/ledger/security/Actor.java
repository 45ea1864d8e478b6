package org.subsidyledger.ledger.security;

/** Who is acting: the authenticated user name and the role the action is done in. */
public record Actor(String userName, Role role) {
}

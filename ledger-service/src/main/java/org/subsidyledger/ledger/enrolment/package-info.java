/** Enrolment of recipients in a program (资格), one at a time or by the hundred thousand from a file. */
package org.subsidyledger.ledger.enrolment;

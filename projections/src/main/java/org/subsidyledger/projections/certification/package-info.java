/**
 * The certification read model (rule 11): every certification as recorded, the office's work list of those due or
 * overdue, and a recipient's certifications — all "as of" a moment, by the shared date rule.
 */
package org.subsidyledger.projections.certification;

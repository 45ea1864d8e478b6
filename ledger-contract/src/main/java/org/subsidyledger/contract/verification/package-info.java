/**
 * Rule 12 (两上两下, docs/rules.md): comparison matches posted for verification become suspected facts, assigned to
 * the recipient's region; the region confirms one (then it is recorded as the fact, with its overpayments) or
 * dismisses it.
 */
package org.subsidyledger.contract.verification;

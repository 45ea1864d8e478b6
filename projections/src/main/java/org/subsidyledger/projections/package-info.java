/** Read models in plain SQL, their event handlers (one processing group each) and their GET endpoints. */
package org.subsidyledger.projections;

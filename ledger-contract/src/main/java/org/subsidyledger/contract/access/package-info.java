/** Events about access to personal data: reveals of masked recipients. */
package org.subsidyledger.contract.access;

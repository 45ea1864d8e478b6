/**
 * Reading uploaded tables (CSV in UTF-8, UTF-8 with BOM or GB18030, and XLSX) into rows with their line numbers,
 * with Chinese or English headers.
 */
package org.subsidyledger.ledger.tabular;

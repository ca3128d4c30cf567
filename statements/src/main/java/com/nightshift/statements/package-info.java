/**
 * Statement readers: each turns one statement format into {@link com.nightshift.common.transaction.Transaction}
 * entries and rejects under the contract of {@link com.nightshift.common.csv.RecordReader}. Plain Java
 * (DESIGN.md, "The module rule").
 */
package com.nightshift.statements;

package com.nightshift.common.transaction;

import com.nightshift.common.csv.RecordReader;

/**
 * A source of ledger or statement transactions in some file format.
 *
 * <p>{@link TransactionCsvCodec} reads the transaction CSV; a camt.053 XML or MT940 statement
 * reader is another implementation. Whatever the format, the contract of {@link RecordReader}
 * holds: each entry is accepted or rejected with a reason, never dropped, and the line number of a
 * rejected entry is where it starts in the file.
 */
public interface TransactionReader extends RecordReader<Transaction> {
}

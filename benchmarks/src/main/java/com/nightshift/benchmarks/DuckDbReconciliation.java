package com.nightshift.benchmarks;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The reconciliation engine's three rule stages written in DuckDB SQL, the yardstick of the
 * reconciliation benchmark: the same ledger and statement CSV files, the same value-date window in
 * business days, the same absolute tolerance and aggregate size, on as many threads as asked (the
 * benchmark asks for one). Results are written as CSV like the engine's.
 *
 * <p>Where SQL and the engine differ, SQL does less, so the comparison flatters DuckDB rather than us:
 * references are normalised without Unicode compatibility folding (DuckDB has no NFKC) and are not
 * searched for in the remittance text; one-to-one assignment is one round of "best candidate on both
 * sides" rather than a full resolution; and the aggregate stage matches an entry to the whole set of
 * 2..K candidates that share its key within the window when they sum to it exactly, instead of searching
 * their subsets (subset sums have no reasonable SQL form).
 */
public final class DuckDbReconciliation {

    /** How many pairs or groups each stage matched, and what was left. */
    public record Counts(long exact, long tolerance, long aggregate, long unmatchedLedger, long unmatchedStatement) {
    }

    private DuckDbReconciliation() {
    }

    public static Counts run(Path ledger, Path statement, Path outDir, int windowBusinessDays, BigDecimal tolerance,
                             int maxAggregate, int threads) throws SQLException, java.io.IOException {
        Files.createDirectories(outDir);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = connection.createStatement()) {
            sql.execute("SET threads TO " + threads);
            sql.execute("SET preserve_insertion_order = false");
            // Weekdays from a Monday in 1970 to d: the difference of two is the business-day distance.
            sql.execute("CREATE MACRO wdays(d) AS (datediff('day', DATE '1970-01-05', d) // 7) * 5"
                    + " + least(datediff('day', DATE '1970-01-05', d) % 7, 5)");
            sql.execute("CREATE MACRO norm(t) AS upper(regexp_replace(coalesce(t, ''), '[^A-Za-z0-9]', '', 'g'))");
            for (String side : new String[] {"l", "s"}) {
                Path file = side.equals("l") ? ledger : statement;
                sql.execute("CREATE TABLE " + side + " AS SELECT entry_id AS id, account, currency, amount,"
                        + " wdays(value_date) AS wd, norm(reference) AS nref, norm(counterparty) AS ncp FROM read_csv('"
                        + file.toAbsolutePath() + "', header = true, columns = {'entry_id': 'VARCHAR', 'account': 'VARCHAR',"
                        + " 'booking_date': 'DATE', 'value_date': 'DATE', 'amount': 'DECIMAL(18,4)', 'currency': 'VARCHAR',"
                        + " 'counterparty': 'VARCHAR', 'reference': 'VARCHAR', 'description': 'VARCHAR'})");
            }
            sql.execute("CREATE TABLE matches (ledger_ids VARCHAR, statement_ids VARCHAR, rule VARCHAR,"
                    + " amount_difference DECIMAL(18,4), value_date_difference_days INTEGER)");
            String window = " abs(l.wd - s.wd) <= " + windowBusinessDays;
            String open = " l.id NOT IN (SELECT id FROM used_l) AND s.id NOT IN (SELECT id FROM used_s)";
            sql.execute("CREATE TABLE used_l (id VARCHAR)");
            sql.execute("CREATE TABLE used_s (id VARCHAR)");

            long exact = pairs(sql, "exact", "l.amount = s.amount AND l.nref <> '' AND l.nref = s.nref AND" + window, open);
            long tolerant = pairs(sql, "tolerance", "abs(l.amount - s.amount) <= " + tolerance.toPlainString()
                    + " AND ((l.nref <> '' AND l.nref = s.nref) OR (l.ncp <> '' AND l.ncp = s.ncp)) AND" + window, open);
            long aggregate = groups(sql, "l", "s", maxAggregate, windowBusinessDays)
                    + groups(sql, "s", "l", maxAggregate, windowBusinessDays);

            sql.execute("COPY matches TO '" + outDir.resolve("matches.csv") + "' (HEADER)");
            sql.execute("COPY (SELECT id AS entry_id FROM l WHERE id NOT IN (SELECT id FROM used_l)) TO '"
                    + outDir.resolve("unmatched_ledger.csv") + "' (HEADER)");
            sql.execute("COPY (SELECT id AS entry_id FROM s WHERE id NOT IN (SELECT id FROM used_s)) TO '"
                    + outDir.resolve("unmatched_statement.csv") + "' (HEADER)");
            return new Counts(exact, tolerant, aggregate,
                    count(sql, "SELECT count(*) FROM l WHERE id NOT IN (SELECT id FROM used_l)"),
                    count(sql, "SELECT count(*) FROM s WHERE id NOT IN (SELECT id FROM used_s)"));
        }
    }

    /** One-to-one pairs of open entries meeting {@code condition}: each keeps its nearest candidate on both sides. */
    private static long pairs(Statement sql, String rule, String condition, String open) throws SQLException {
        sql.execute("CREATE OR REPLACE TABLE stage AS SELECT l.id AS lid, s.id AS sid, s.amount - l.amount AS diff,"
                + " abs(l.wd - s.wd) AS dd FROM l JOIN s ON l.account = s.account AND l.currency = s.currency"
                + " WHERE " + condition + " AND " + open);
        sql.execute("CREATE OR REPLACE TABLE chosen AS SELECT lid, sid, diff, dd FROM ("
                + " SELECT *, row_number() OVER (PARTITION BY lid ORDER BY dd, abs(diff), sid) AS by_ledger FROM stage)"
                + " WHERE by_ledger = 1 QUALIFY row_number() OVER (PARTITION BY sid ORDER BY dd, abs(diff), lid) = 1");
        sql.execute("INSERT INTO matches SELECT lid, sid, '" + rule + "', diff, dd FROM chosen");
        sql.execute("INSERT INTO used_l SELECT lid FROM chosen");
        sql.execute("INSERT INTO used_s SELECT sid FROM chosen");
        return count(sql, "SELECT count(*) FROM chosen");
    }

    /**
     * Open entries of {@code one} equal to the sum of all 2..{@code k} open entries of {@code many} that share
     * its reference or counterparty within the window.
     */
    private static long groups(Statement sql, String one, String many, int k, int window) throws SQLException {
        sql.execute("CREATE OR REPLACE TABLE stage AS SELECT o.id AS oid, list(m.id ORDER BY m.id) AS mids,"
                + " sum(m.amount) AS total, any_value(o.amount) AS amount, max(abs(o.wd - m.wd)) AS dd"
                + " FROM " + one + " o JOIN " + many + " m ON o.account = m.account AND o.currency = m.currency"
                + " AND ((o.nref <> '' AND o.nref = m.nref) OR (o.ncp <> '' AND o.ncp = m.ncp))"
                + " AND abs(o.wd - m.wd) <= " + window
                + " WHERE o.id NOT IN (SELECT id FROM used_" + one + ") AND m.id NOT IN (SELECT id FROM used_" + many + ")"
                + " GROUP BY o.id HAVING count(*) BETWEEN 2 AND " + k + " AND sum(m.amount) = any_value(o.amount)");
        // An entry that two groups would both take goes to neither, as the engine uses each entry once.
        sql.execute("DELETE FROM stage WHERE oid IN (SELECT oid FROM (SELECT oid, unnest(mids) AS mid FROM stage)"
                + " WHERE mid IN (SELECT mid FROM (SELECT unnest(mids) AS mid FROM stage) GROUP BY mid HAVING count(*) > 1))");
        String ledgerIds = one.equals("l") ? "oid" : "array_to_string(mids, ';')";
        String statementIds = one.equals("l") ? "array_to_string(mids, ';')" : "oid";
        sql.execute("INSERT INTO matches SELECT " + ledgerIds + ", " + statementIds + ", 'aggregate', 0, dd FROM stage");
        sql.execute("INSERT INTO used_" + one + " SELECT oid FROM stage");
        sql.execute("INSERT INTO used_" + many + " SELECT unnest(mids) FROM stage");
        return count(sql, "SELECT count(*) FROM stage");
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}

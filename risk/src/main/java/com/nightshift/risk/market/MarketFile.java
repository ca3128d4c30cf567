package com.nightshift.risk.market;

import com.nightshift.common.csv.AcceptedRow;
import com.nightshift.common.csv.CsvReader;
import com.nightshift.common.csv.CsvRecord;
import com.nightshift.common.csv.CsvRow;
import com.nightshift.common.csv.InvalidFieldException;
import com.nightshift.risk.book.RiskInputException;
import com.nightshift.risk.book.StrictCsv;
import com.nightshift.risk.math.CholeskyDecomposition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Explicit market data read strictly: {@code market.csv} (see {@link MarketCsv}) and
 * {@code corr.csv}, into a {@link MarketSnapshot} in {@code market.csv}'s factor order.
 *
 * <p>{@code corr.csv} is a square correlation matrix: a header row of factor names, then one row of
 * numbers per factor in header order, with no row labels. Its factors must be exactly those of
 * {@code market.csv}, in any order (entries are mapped by name); the diagonal must be 1, the matrix
 * symmetric and every entry in [-1, 1] (each within 1e-9). It must also be positive definite: its
 * smallest eigenvalue above {@value #MIN_EIGENVALUE}. One that is not (semi-definite and singular
 * included) is refused with {@code "corr.csv: correlation matrix is not positive definite (smallest
 * eigenvalue -0.41...)"} unless repair is asked for; then it is replaced by the
 * {@linkplain NearestCorrelation nearest correlation matrix}, and the result says so and by how much.
 *
 * @param snapshot             the market
 * @param correlationRepaired  whether {@code corr.csv} was not positive definite and was replaced
 * @param correlationChange    the largest absolute change repair made to an entry; 0 when not repaired
 */
public record MarketFile(MarketSnapshot snapshot, boolean correlationRepaired, double correlationChange) {

    /** A correlation matrix whose smallest eigenvalue is at most this is not positive definite. */
    public static final double MIN_EIGENVALUE = 1e-10;

    private static final double TOLERANCE = 1e-9;
    private static final MarketCsv CODEC = new MarketCsv();

    public MarketFile {
        Objects.requireNonNull(snapshot, "snapshot");
    }

    /** Reads both files; a correlation matrix that is not positive definite is an error. */
    public static MarketSnapshot read(Path marketCsv, Path corrCsv) {
        return load(marketCsv, corrCsv, false).snapshot();
    }

    /** Reads both files; with {@code repairCorrelation}, a matrix that is not positive definite is repaired. */
    public static MarketFile load(Path marketCsv, Path corrCsv, boolean repairCorrelation) {
        String marketName = StrictCsv.fileName(marketCsv);
        String corrName = StrictCsv.fileName(corrCsv);
        List<AcceptedRow<RiskFactor>> factors;
        try (InputStream in = StrictCsv.open(marketCsv)) {
            factors = readFactors(marketName, in);
        } catch (IOException e) {
            throw StrictCsv.cannotRead(marketName, e);
        }
        try (InputStream in = StrictCsv.open(corrCsv)) {
            return build(marketName, factors, corrName, in, repairCorrelation);
        } catch (IOException e) {
            throw StrictCsv.cannotRead(corrName, e);
        }
    }

    /** Reads both streams (not closed); messages name them {@code marketName} and {@code corrName}. */
    public static MarketFile load(String marketName, InputStream market, String corrName, InputStream corr,
            boolean repairCorrelation) {
        return build(marketName, readFactors(marketName, market), corrName, corr, repairCorrelation);
    }

    private static List<AcceptedRow<RiskFactor>> readFactors(String marketName, InputStream in) {
        List<AcceptedRow<RiskFactor>> factors = StrictCsv.read(CODEC, marketName, in);
        if (factors.isEmpty()) {
            throw new RiskInputException(marketName, "no factors after the header");
        }
        return factors;
    }

    private static MarketFile build(String marketName, List<AcceptedRow<RiskFactor>> rows, String corrName,
            InputStream corr, boolean repair) {
        List<RiskFactor> factors = rows.stream().map(AcceptedRow::record).toList();
        double[][] matrix = readCorrelation(marketName, factors, corrName, corr);
        // The common case, a sound matrix, costs one Cholesky pass; the eigenvalues only for the message.
        if (CholeskyDecomposition.smallestEigenvalueExceeds(matrix, MIN_EIGENVALUE)) {
            return new MarketFile(new MarketSnapshot(factors, matrix), false, 0.0);
        }
        double smallest = NearestCorrelation.smallestEigenvalue(matrix);
        if (smallest > MIN_EIGENVALUE) {
            return new MarketFile(new MarketSnapshot(factors, matrix), false, 0.0);
        }
        if (!repair) {
            throw new RiskInputException(corrName,
                    "correlation matrix is not positive definite (smallest eigenvalue " + smallest + ")");
        }
        double[][] nearest = NearestCorrelation.nearest(matrix);
        return new MarketFile(new MarketSnapshot(factors, nearest), true,
                NearestCorrelation.maxAbsDifference(matrix, nearest));
    }

    /** The matrix of {@code corr.csv} in the order of {@code factors}, checked but not yet for definiteness. */
    private static double[][] readCorrelation(String marketName, List<RiskFactor> factors, String corrName,
            InputStream in) {
        List<CsvRecord> records = new ArrayList<>();
        try {
            CsvReader reader = CsvReader.ofUtf8(in);
            for (Optional<CsvRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
                CsvRecord record = next.get();
                if (!record.wellFormed()) {
                    throw new RiskInputException(corrName, record.lineNumber(), record.defect().orElseThrow());
                }
                records.add(record);
            }
        } catch (IOException e) {
            throw StrictCsv.cannotRead(corrName, e);
        }
        if (records.isEmpty()) {
            throw new RiskInputException(corrName, "file is empty; expected a header row of factor names");
        }
        Map<String, Integer> marketIndex = new HashMap<>();
        for (int i = 0; i < factors.size(); i++) {
            marketIndex.put(factors.get(i).name(), i);
        }
        List<String> header = records.get(0).fields();
        int n = factors.size();
        int[] position = new int[header.size()];
        Map<String, Integer> seen = new HashMap<>();
        for (int column = 0; column < header.size(); column++) {
            String name = header.get(column);
            if (name.isEmpty()) {
                throw new RiskInputException(corrName, 1, "column " + (column + 1)
                        + " of the header has no factor name (corr.csv has no row labels)");
            }
            if (seen.put(name, column) != null) {
                throw new RiskInputException(corrName, 1, "factor " + name + " appears twice in the header");
            }
            Integer index = marketIndex.get(name);
            if (index == null) {
                throw new RiskInputException(corrName, 1, "factor " + name + " is not in " + marketName);
            }
            position[column] = index;
        }
        for (RiskFactor factor : factors) {
            if (!seen.containsKey(factor.name())) {
                throw new RiskInputException(corrName, 1, "factor " + factor.name() + " of " + marketName
                        + " is missing from the header");
            }
        }
        if (records.size() - 1 != n) {
            throw new RiskInputException(corrName, "expected " + n + " rows of correlations after the header (one per"
                    + " factor, in header order), found " + (records.size() - 1));
        }
        double[][] matrix = new double[n][n];
        long[] lineOf = new long[n];
        for (int row = 0; row < n; row++) {
            CsvRecord record = records.get(row + 1);
            String rowName = header.get(row);
            if (record.fields().size() != n) {
                throw new RiskInputException(corrName, record.lineNumber(), "expected " + n
                        + " correlations (one per header factor, no row label), found " + record.fields().size());
            }
            List<String> fields = record.fields();
            lineOf[row] = record.lineNumber();
            for (int column = 0; column < n; column++) {
                String columnName = header.get(column);
                double c;
                try {
                    c = CsvRow.real(columnName, fields.get(column));
                } catch (InvalidFieldException e) {
                    throw new RiskInputException(corrName, record.lineNumber(), "row of " + rowName + ": "
                            + e.getMessage());
                }
                if (!(Math.abs(c) <= 1.0 + TOLERANCE)) {
                    throw new RiskInputException(corrName, record.lineNumber(), "correlation of " + rowName
                            + " and " + columnName + " is " + c + ", outside [-1, 1]");
                }
                if (row == column && Math.abs(c - 1.0) > TOLERANCE) {
                    throw new RiskInputException(corrName, record.lineNumber(), "correlation of " + rowName
                            + " with itself is " + c + ", not 1");
                }
                if (column < row) {
                    double mirror = matrix[position[column]][position[row]];
                    if (Math.abs(c - mirror) > TOLERANCE) {
                        throw new RiskInputException(corrName, record.lineNumber(), "correlation matrix is not"
                                + " symmetric: " + rowName + "/" + columnName + " is " + c + " but " + columnName
                                + "/" + rowName + " on line " + lineOf[column] + " is " + mirror);
                    }
                }
                matrix[position[row]][position[column]] = c;
            }
        }
        // Within tolerance: made exactly symmetric, with an exact unit diagonal and entries in [-1, 1].
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double c = Math.max(-1.0, Math.min(1.0, 0.5 * (matrix[i][j] + matrix[j][i])));
                matrix[i][j] = c;
                matrix[j][i] = c;
            }
            matrix[i][i] = 1.0;
        }
        return matrix;
    }
}

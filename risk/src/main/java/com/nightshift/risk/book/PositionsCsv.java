package com.nightshift.risk.book;

import com.nightshift.common.market.PortfolioId;

import com.nightshift.common.csv.CsvRecordCodec;
import com.nightshift.common.csv.CsvRow;
import com.nightshift.common.csv.InvalidFieldException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code positions.csv} of a VaR run. Header, exactly:
 * {@code position_id,portfolio,type,quantity,underlying,strike,expiry_years,option_type}.
 *
 * <p>{@code type} is EQUITY, OPTION, FX or BOND and {@code option_type} CALL or PUT, in any case.
 * {@code quantity} is a signed plain decimal (negative is short). What the other columns must hold
 * depends on the type:
 * <ul>
 *   <li>OPTION: {@code strike} &gt; 0, {@code expiry_years} &ge; 0 and {@code option_type};</li>
 *   <li>BOND: {@code strike} (the face value) &gt; 0, {@code expiry_years} (the maturity) &ge; 0,
 *       {@code option_type} empty;</li>
 *   <li>EQUITY and FX: {@code strike}, {@code expiry_years} and {@code option_type} all empty.</li>
 * </ul>
 * A column that must be empty but holds a value is a bad row naming that column. A
 * {@code position_id} may appear once per file; a second row with it is rejected naming the first
 * line. Numbers are plain decimals as domain's {@link CsvRow#decimal} reads them (no exponents).
 * Writing then reading gives back equal records. Stateless and thread-safe.
 */
public final class PositionsCsv extends CsvRecordCodec<RiskPosition> {

    public static final List<String> HEADER = List.of("position_id", "portfolio", "type", "quantity", "underlying",
            "strike", "expiry_years", "option_type");

    public PositionsCsv() {
        super(HEADER);
    }

    @Override
    protected RiskPosition fromRow(CsvRow row) throws InvalidFieldException {
        String id = row.required("position_id");
        // A portfolio names folders and S3 keys downstream (<portfolio>/result.json) and report ids.
        String portfolio = row.matching("portfolio", PortfolioId.PATTERN, PortfolioId.RULE);
        PositionType type = positionType(row);
        double quantity = row.real("quantity");
        String underlying = row.required("underlying");
        return switch (type) {
            case EQUITY, FX -> {
                mustBeEmpty(row, "strike", type);
                mustBeEmpty(row, "expiry_years", type);
                mustBeEmpty(row, "option_type", type);
                yield RiskPosition.linear(id, portfolio, type, quantity, underlying);
            }
            case OPTION -> RiskPosition.option(id, portfolio, quantity, underlying, positive(row, "strike", "strike"),
                    notNegative(row, "expiry_years"), optionType(row));
            case BOND -> {
                double face = positive(row, "strike", "strike (face value)");
                double maturity = notNegative(row, "expiry_years");
                mustBeEmpty(row, "option_type", type);
                yield RiskPosition.bond(id, portfolio, quantity, underlying, face, maturity);
            }
        };
    }

    private static PositionType positionType(CsvRow row) throws InvalidFieldException {
        String value = row.required("type");
        try {
            return PositionType.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("type '" + value + "' is not one of EQUITY, OPTION, FX, BOND");
        }
    }

    private static OptionType optionType(CsvRow row) throws InvalidFieldException {
        String value = row.text("option_type");
        if (value.isEmpty()) {
            throw new InvalidFieldException("option_type is empty; an OPTION needs CALL or PUT");
        }
        try {
            return OptionType.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("option_type '" + value + "' is not CALL or PUT");
        }
    }

    private static void mustBeEmpty(CsvRow row, String column, PositionType type) throws InvalidFieldException {
        String value = row.text(column);
        if (!value.isEmpty()) {
            throw new InvalidFieldException(column + " '" + value + "' must be empty for an " + type + " position");
        }
    }


    private static double positive(CsvRow row, String column, String what) throws InvalidFieldException {
        if (row.text(column).isEmpty()) {
            throw new InvalidFieldException(what + " is empty; it must be greater than 0");
        }
        double value = row.real(column);
        if (!(value > 0.0)) {
            throw new InvalidFieldException(what + " '" + row.text(column) + "' is not greater than 0");
        }
        return value;
    }

    private static double notNegative(CsvRow row, String column) throws InvalidFieldException {
        if (row.text(column).isEmpty()) {
            throw new InvalidFieldException(column + " is empty; it must be 0 or more");
        }
        double value = row.real(column);
        if (value < 0.0) {
            throw new InvalidFieldException(column + " '" + row.text(column) + "' is negative");
        }
        return value;
    }

    @Override
    protected Optional<String> uniqueKey(RiskPosition position) {
        return Optional.of("position_id " + position.positionId());
    }

    @Override
    protected List<String> toFields(RiskPosition p) {
        return List.of(p.positionId(), p.portfolio(), p.type().name(), number(p.quantity()), p.underlying(),
                number(p.strike()), number(p.expiryYears()), p.optionType() == null ? "" : p.optionType().name());
    }

    /** A double as a plain decimal that reads back to the same double; NaN (an unused column) is empty. */
    private static String number(double value) {
        return Double.isNaN(value) ? "" : BigDecimal.valueOf(value).toPlainString();
    }
}

package com.nightshift.risk.book;

import java.util.Objects;

/**
 * One row of {@code positions.csv}: a signed quantity of one instrument in one portfolio.
 *
 * <p>Columns that the type does not use are empty in the file and {@code NaN} (numbers) or
 * {@code null} (option type) here: {@code strike} is the option's strike or the bond's face value;
 * {@code expiryYears} the option's expiry or the bond's maturity in years; {@code optionType} only
 * for options.
 *
 * @param positionId  unique within a file
 * @param portfolio   the portfolio the position belongs to
 * @param type        what is held
 * @param quantity    signed; negative is short
 * @param underlying  the market factor the position's value depends on
 * @param strike      option strike or bond face value, else NaN
 * @param expiryYears option expiry or bond maturity in years (0 or more), else NaN
 * @param optionType  CALL or PUT for an option, else null
 */
public record RiskPosition(String positionId, String portfolio, PositionType type, double quantity, String underlying,
        double strike, double expiryYears, OptionType optionType) {

    public RiskPosition {
        Objects.requireNonNull(positionId, "positionId");
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(underlying, "underlying");
    }

    /** A linear holding (equity or foreign currency) of {@code quantity} units of {@code underlying}. */
    public static RiskPosition linear(String positionId, String portfolio, PositionType type, double quantity,
            String underlying) {
        return new RiskPosition(positionId, portfolio, type, quantity, underlying, Double.NaN, Double.NaN, null);
    }

    /** A European option on {@code underlying}. */
    public static RiskPosition option(String positionId, String portfolio, double quantity, String underlying,
            double strike, double expiryYears, OptionType optionType) {
        return new RiskPosition(positionId, portfolio, PositionType.OPTION, quantity, underlying, strike, expiryYears,
                Objects.requireNonNull(optionType, "optionType"));
    }

    /** A zero-coupon bond paying {@code face} per unit at {@code maturityYears}, valued off yield factor {@code underlying}. */
    public static RiskPosition bond(String positionId, String portfolio, double quantity, String underlying,
            double face, double maturityYears) {
        return new RiskPosition(positionId, portfolio, PositionType.BOND, quantity, underlying, face, maturityYears,
                null);
    }
}

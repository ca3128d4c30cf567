package com.nightshift.risk.market;

import java.util.Objects;

/**
 * One market factor as of the valuation date: an equity price, a currency pair or a yield.
 *
 * @param name the factor's name, as positions name it in their {@code underlying}
 * @param spot its level today, strictly positive (a yield factor's level is the yield itself)
 * @param vol  its annualised volatility of log changes, 0 or more
 * @param rate the continuously-compounded risk-free rate used to price options on it
 */
public record RiskFactor(String name, double spot, double vol, double rate) {

    public RiskFactor {
        Objects.requireNonNull(name, "name");
        if (!(spot > 0.0) || !Double.isFinite(spot)) {
            throw new IllegalArgumentException("factor " + name + ": spot " + spot + " is not a positive number");
        }
        if (!(vol >= 0.0) || !Double.isFinite(vol)) {
            throw new IllegalArgumentException("factor " + name + ": vol " + vol + " is not a number 0 or more");
        }
        if (!Double.isFinite(rate)) {
            throw new IllegalArgumentException("factor " + name + ": rate " + rate + " is not a finite number");
        }
    }
}

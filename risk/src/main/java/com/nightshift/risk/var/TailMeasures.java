package com.nightshift.risk.var;

/**
 * VaR and Expected Shortfall at 95% and 99% of one set of scenario losses (a portfolio or the book),
 * with the Monte Carlo standard error of each. Losses are positive; {@code value} is today's value.
 * Field names are the public contract of {@code var.json}.
 *
 * @param value          the value today of what was measured
 * @param var95          the loss of rank ⌈0.95 n⌉ among the n sorted scenario losses (weighted for importance sampling)
 * @param es95           the mean of the losses from that rank up
 * @param var99          as var95, at 99%
 * @param es99           as es95, at 99%
 * @param var95StdError  the Monte Carlo standard error of var95
 * @param es95StdError   the Monte Carlo standard error of es95
 * @param var99StdError  the Monte Carlo standard error of var99
 * @param es99StdError   the Monte Carlo standard error of es99
 * @param var99TenDay    var99 scaled to a 10-day horizon by the square root of time
 * @param es99TenDay     es99 scaled to a 10-day horizon by the square root of time
 */
public record TailMeasures(double value, double var95, double es95, double var99, double es99,
        double var95StdError, double es95StdError, double var99StdError, double es99StdError,
        double var99TenDay, double es99TenDay) {
}

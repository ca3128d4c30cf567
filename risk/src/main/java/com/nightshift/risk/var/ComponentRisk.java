package com.nightshift.risk.var;

/**
 * A portfolio's Euler contribution to the book's VaR and ES: the portfolio's expected loss given that
 * the book's loss is at its VaR (or beyond it, for ES). Over all portfolios the ES contributions add
 * up to the book's ES and the VaR contributions to the book's VaR.
 *
 * <p>ES contributions are the portfolio's (weighted) mean loss over the book's tail scenarios. The
 * VaR contribution conditions on scenarios whose book loss ranks within the VaR's order-statistic
 * interval (±⌈1.96 √(n a (1−a))⌉ ranks), scaled so the contributions add up to the VaR exactly.
 */
public record ComponentRisk(double var95, double es95, double var99, double es99) {
}

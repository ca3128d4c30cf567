package com.nightshift.risk.book;

/** What a position holds, and so how it is revalued in a scenario. */
public enum PositionType {
    /** A holding of an equity; its value is linear in its factor (quantity × price). */
    EQUITY,
    /** A European option on an equity factor, priced by Black–Scholes without dividends, multiplier 1. */
    OPTION,
    /** A holding of a foreign currency; the factor is the currency pair (base-currency units per unit held). */
    FX,
    /** A zero-coupon bond; the factor is a continuously-compounded yield, the strike column holds the face value. */
    BOND
}

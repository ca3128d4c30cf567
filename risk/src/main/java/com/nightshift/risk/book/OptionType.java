package com.nightshift.risk.book;

/** The right an option gives: to buy (call) or to sell (put) the underlying at the strike. */
public enum OptionType {
    CALL,
    PUT
}

package com.nightshift.risk.var;

/**
 * Where the time of a run went, in milliseconds: compiling the book against the market (including
 * pricing the grids), simulating, and sorting and summarising the losses.
 */
public record VarTimings(long compileMillis, long simulateMillis, long summariseMillis) {
}

package com.nightshift.risk.backtest;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The backtest of one VaR series against realised P&amp;L. Immutable.
 *
 * @param confidence                 the VaR's confidence level, such as 0.99
 * @param firstDate                  the first day tested
 * @param lastDate                   the last day tested
 * @param observations               T, the days tested
 * @param exceptions                 x, the days whose loss strictly exceeded the VaR
 * @param expectedExceptions         T times (1 - confidence)
 * @param exceptionRate              x / T
 * @param kupiecPof                  Kupiec's proportion-of-failures test (unconditional coverage), 1 degree of freedom
 * @param transitions                the day-to-day exception transitions the independence test counts
 * @param christoffersenIndependence Christoffersen's independence test, 1 degree of freedom
 * @param conditionalCoverage        Christoffersen's conditional coverage, LR_pof + LR_ind, 2 degrees of freedom
 * @param trafficLight               the traffic-light zone over the last 250 days
 * @param exceptionDates             the days of the exceptions, in order
 */
public record BacktestResult(double confidence, LocalDate firstDate, LocalDate lastDate, int observations,
                             int exceptions, double expectedExceptions, double exceptionRate,
                             LikelihoodRatioTest kupiecPof, TransitionCounts transitions,
                             LikelihoodRatioTest christoffersenIndependence, LikelihoodRatioTest conditionalCoverage,
                             TrafficLightAssessment trafficLight, List<LocalDate> exceptionDates) {

    public BacktestResult {
        Objects.requireNonNull(firstDate, "firstDate");
        Objects.requireNonNull(lastDate, "lastDate");
        Objects.requireNonNull(kupiecPof, "kupiecPof");
        Objects.requireNonNull(transitions, "transitions");
        Objects.requireNonNull(christoffersenIndependence, "christoffersenIndependence");
        Objects.requireNonNull(conditionalCoverage, "conditionalCoverage");
        Objects.requireNonNull(trafficLight, "trafficLight");
        exceptionDates = List.copyOf(exceptionDates);
        if (exceptionDates.size() != exceptions) {
            throw new IllegalArgumentException(exceptions + " exceptions but " + exceptionDates.size() + " dates");
        }
    }
}

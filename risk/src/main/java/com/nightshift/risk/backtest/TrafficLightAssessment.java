package com.nightshift.risk.backtest;

import java.util.Objects;

/**
 * The traffic-light zone of a backtest over its last {@link #WINDOW} days (or all of them when there
 * are fewer; then {@link #fullWindow()} is false and the zone is computed on what there is).
 *
 * @param zone                  the zone
 * @param method                how the zone was found: the Basel table (99%) or the binomial probability
 * @param windowObservations    the days in the window: the last 250, or fewer when the history is shorter
 * @param windowExceptions      the exceptions among them
 * @param cumulativeProbability P(X &lt;= windowExceptions) for X binomial over the window at 1 - confidence
 * @param plusFactor            the Basel plus factor for the zone, or null when the zone is not a Basel (99%) one
 * @param fullWindow            whether the window holds a full 250 days
 */
public record TrafficLightAssessment(TrafficLight zone, Method method, int windowObservations, int windowExceptions,
                                     double cumulativeProbability, Double plusFactor, boolean fullWindow) {

    /** The days the Basel traffic light looks back over. */
    public static final int WINDOW = 250;

    /** How the zone was found. */
    public enum Method {
        /** The Basel table at 99%: green 0-4, yellow 5-9, red 10+ exceptions. */
        BASEL,
        /** The binomial cumulative probability: green below 95%, yellow below 99.99%, red beyond. */
        BINOMIAL
    }

    public TrafficLightAssessment {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(method, "method");
        if (windowExceptions < 0 || windowExceptions > windowObservations) {
            throw new IllegalArgumentException(windowExceptions + " exceptions in a window of " + windowObservations);
        }
        if (fullWindow != (windowObservations >= WINDOW)) {
            throw new IllegalArgumentException("a window of " + windowObservations + " days is "
                    + (fullWindow ? "not " : "") + "a full one");
        }
    }

    /** "fewer than 250 days" when the window is short, else empty: what a reader of the zone must know. */
    public String caveat() {
        return fullWindow ? "" : "fewer than " + WINDOW + " days";
    }
}

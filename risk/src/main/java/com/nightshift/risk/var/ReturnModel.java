package com.nightshift.risk.var;

import java.util.Locale;

/** How a factor's simulated move {@code x} (normal, zero mean, daily sd {@code s}) becomes its level at the horizon. */
public enum ReturnModel {
    /** {@code S1 = S0 exp(x - s²/2)}: lognormal with zero drift, so {@code E[S1] = S0}. The default. */
    LOGNORMAL("lognormal"),
    /** {@code S1 = S0 (1 + x)}: normal returns, for which a linear book's loss is exactly normal. */
    NORMAL("normal");

    private final String id;

    ReturnModel(String id) {
        this.id = id;
    }

    /** The name used on command lines, in settings and in {@code var.json}. */
    public String id() {
        return id;
    }

    /** The model with this {@link #id()} (case-insensitive). */
    public static ReturnModel of(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (ReturnModel model : values()) {
            if (model.id.equals(wanted)) {
                return model;
            }
        }
        throw new IllegalArgumentException("unknown return model '" + id + "'; expected lognormal or normal");
    }

    @Override
    public String toString() {
        return id;
    }
}

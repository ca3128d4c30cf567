package com.nightshift.risk.var;

/** How a factor's simulated move {@code x} (normal, zero mean, daily sd {@code s}) becomes its level at the horizon. */
public enum ReturnModel implements SettingChoice {
    /** {@code S1 = S0 exp(x - s²/2)}: lognormal with zero drift, so {@code E[S1] = S0}. The default. */
    LOGNORMAL("lognormal"),
    /** {@code S1 = S0 (1 + x)}: normal returns, for which a linear book's loss is exactly normal. */
    NORMAL("normal");

    private final String id;

    ReturnModel(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** The model with this {@link #id()} (case-insensitive). */
    public static ReturnModel of(String id) {
        return SettingChoice.of(ReturnModel.class, id, "return model");
    }

    @Override
    public String toString() {
        return id;
    }
}

package com.nightshift.risk.math;

/**
 * Steele, Lea and Flood's SplitMix64 (Fast Splittable Pseudorandom Number Generators, OOPSLA 2014): a
 * state advanced by a fixed odd constant and a mixing function of the state. The engine's random draws
 * are keyed by what they are for (seed, scenario, factor) rather than taken in turn from one stream, and
 * this mixing function is what turns such a key into random bits.
 *
 * <p>Stateless and thread-safe.
 */
public final class SplitMix64 {

    /** The state's increment: 2^64 divided by the golden ratio, made odd. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {
    }

    /** The mixing function (Stafford's variant 13 of the MurmurHash3 finaliser): a bijection of 64-bit words. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

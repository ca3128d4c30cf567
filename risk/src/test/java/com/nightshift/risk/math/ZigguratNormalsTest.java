package com.nightshift.risk.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ZigguratNormalsTest {

    private static final int DRAWS = 1_000_000;

    private static double density(double x) {
        return Math.exp(-0.5 * x * x);
    }

    /** Words from a SplitMix64 stream: what the engine's keyed draws look like. */
    private static long[] words(long seed, int count) {
        long[] words = new long[count];
        long state = seed;
        for (int i = 0; i < count; i++) {
            state += SplitMix64.GOLDEN_GAMMA;
            words[i] = SplitMix64.mix(state);
        }
        return words;
    }

    @Test
    void everyLayerHasTheSameArea_theBaseLayerWithItsTail() {
        double[] x = ZigguratNormals.edges();
        double tail = Math.sqrt(2.0 * Math.PI) * NormalDistribution.cdf(-ZigguratNormals.R);
        assertThat(ZigguratNormals.R * density(ZigguratNormals.R) + tail)
                .isCloseTo(ZigguratNormals.AREA, org.assertj.core.api.Assertions.withinPercentage(1e-6));
        for (int i = 1; i < ZigguratNormals.LAYERS; i++) {
            assertThat(x[i] * (density(x[i + 1]) - density(x[i]))).as("layer %d", i)
                    .isCloseTo(ZigguratNormals.AREA, org.assertj.core.api.Assertions.withinPercentage(1e-6));
        }
    }

    @Test
    void theLayersNarrowFromTheTailToTheTopOfTheCurve() {
        double[] x = ZigguratNormals.edges();
        assertThat(x[1]).isEqualTo(ZigguratNormals.R);
        for (int i = 0; i < ZigguratNormals.LAYERS; i++) {
            assertThat(x[i + 1]).as("edge %d", i + 1).isLessThan(x[i]);
        }
        assertThat(x[ZigguratNormals.LAYERS]).isZero();
    }

    @Test
    void drawsFromAStream_passTheKolmogorovSmirnovTestAgainstTheNormalCdf() {
        double[] z = new double[DRAWS];
        ZigguratNormals.normals(words(20261201L, DRAWS), 0, DRAWS, z, 0);
        Arrays.sort(z);
        double distance = 0.0;
        for (int i = 0; i < DRAWS; i++) {
            double cdf = NormalDistribution.cdf(z[i]);
            distance = Math.max(distance, Math.max((i + 1.0) / DRAWS - cdf, cdf - (double) i / DRAWS));
        }
        // 1.63 / sqrt(n) is the 1% critical value; a wrong table or a lost sign moves D far past it.
        assertThat(distance).isLessThan(1.63 / Math.sqrt(DRAWS));
    }

    @Test
    void drawsFromAStream_haveTheNormalMomentsAndTailFrequencies() {
        double[] z = new double[DRAWS];
        ZigguratNormals.normals(words(7L, DRAWS), 0, DRAWS, z, 0);
        double sum = 0.0;
        double squares = 0.0;
        double fourth = 0.0;
        int beyond3 = 0;
        int beyondR = 0;
        for (double v : z) {
            sum += v;
            squares += v * v;
            fourth += v * v * v * v;
            beyond3 += Math.abs(v) > 3.0 ? 1 : 0;
            beyondR += Math.abs(v) > ZigguratNormals.R ? 1 : 0;
        }
        double root = Math.sqrt(DRAWS);
        // Each within about five standard errors of its exact value.
        assertThat(sum / DRAWS).isBetween(-5.0 / root, 5.0 / root);
        assertThat(squares / DRAWS).isBetween(1.0 - 5.0 * Math.sqrt(2.0) / root, 1.0 + 5.0 * Math.sqrt(2.0) / root);
        assertThat(fourth / DRAWS).isBetween(3.0 - 5.0 * Math.sqrt(96.0) / root, 3.0 + 5.0 * Math.sqrt(96.0) / root);
        double p3 = 2.0 * NormalDistribution.cdf(-3.0);
        assertThat((double) beyond3 / DRAWS).isBetween(p3 - 5.0 * Math.sqrt(p3 / DRAWS), p3 + 5.0 * Math.sqrt(p3 / DRAWS));
        double pR = 2.0 * NormalDistribution.cdf(-ZigguratNormals.R);
        assertThat((double) beyondR / DRAWS).isBetween(pR - 5.0 * Math.sqrt(pR / DRAWS), pR + 5.0 * Math.sqrt(pR / DRAWS));
    }

    @Test
    void aWordBeyondTheBaseRectangle_drawsFromTheTail_withTheSignOfItsBitEight() {
        long farInTheBaseLayer = -1L << 11; // layer 0, sign bit clear, the largest position
        assertThat(ZigguratNormals.normal(farInTheBaseLayer)).isGreaterThan(ZigguratNormals.R);
        assertThat(ZigguratNormals.normal(farInTheBaseLayer | 0x100L)).isLessThan(-ZigguratNormals.R);
    }

    @Test
    void aWordInsideItsLayersRectangle_isItsPositionTimesTheLayersWidth() {
        double[] x = ZigguratNormals.edges();
        long layer = 37;
        long position = 1L << 40; // a small fraction of the layer: inside its rectangle
        double expected = position * 0x1.0p-53 * x[(int) layer];
        assertThat(ZigguratNormals.normal(position << 11 | layer)).isEqualTo(expected);
        assertThat(ZigguratNormals.normal(position << 11 | 0x100L | layer)).isEqualTo(-expected);
    }

    @Test
    void normalsOfMany_areBitIdenticalToOneByOne() {
        long[] words = words(3L, 100_003);
        // Words outside their rectangles: the base layer's far end, and every layer's.
        for (int layer = 0; layer < ZigguratNormals.LAYERS; layer++) {
            words[layer] = -1L << 11 | layer;
        }
        double[] out = new double[words.length + 5];
        ZigguratNormals.normals(words, 1, words.length, out, 6);
        for (int i = 1; i < words.length; i++) {
            assertThat(Double.doubleToRawLongBits(out[i + 5])).as("word %x", words[i])
                    .isEqualTo(Double.doubleToRawLongBits(ZigguratNormals.normal(words[i])));
            assertThat(Double.isFinite(out[i + 5])).isTrue();
        }
    }
}

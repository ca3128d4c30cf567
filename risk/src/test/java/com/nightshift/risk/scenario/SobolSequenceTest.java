package com.nightshift.risk.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.NoSuchElementException;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SobolSequenceTest {

    private static final double HALF_STEP = 0x1p-53;

    private static double[] point(SobolSequence sequence, long index) {
        double[] out = new double[sequence.dimensions()];
        sequence.point(index, out);
        return out;
    }

    @Test
    void test_unscrambled_firstPointsAreTheKnownSobolValues() {
        SobolSequence sobol = SobolSequence.unscrambled(2);
        double[] dimension1 = {0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125};
        double[] dimension2 = {0, 0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625};

        for (int n = 0; n < dimension1.length; n++) {
            double[] p = point(sobol, n);
            // Each coordinate is the centre of its 2^-52 cell: the dyadic value plus 2^-53.
            assertThat(p[0] - HALF_STEP).as("point %d, dimension 1", n).isEqualTo(dimension1[n]);
            assertThat(p[1] - HALF_STEP).as("point %d, dimension 2", n).isEqualTo(dimension2[n]);
        }
    }

    @Test
    void test_unscrambled_matchesCommonsMathInAllThousandDimensions() {
        int dimensions = SobolSequence.MAX_DIMENSIONS;
        SobolSequence sobol = SobolSequence.unscrambled(dimensions);
        SobolSequenceGenerator reference = new SobolSequenceGenerator(dimensions);
        SobolSequence.Cursor cursor = sobol.cursor(0);
        double[] out = new double[dimensions];

        for (int n = 0; n < 1100; n++) {
            double[] expected = reference.nextVector();
            cursor.next(out);
            for (int j = 0; j < dimensions; j++) {
                if (out[j] - HALF_STEP != expected[j]) {
                    throw new AssertionError("point " + n + " dimension " + (j + 1) + ": " + (out[j] - HALF_STEP)
                            + " but commons-math3 has " + expected[j]);
                }
            }
        }
        // Far into the sequence, by direct index.
        int far = 1_000_000_007;
        double[] expected = reference.skipTo(far);
        sobol.point(far, out);
        for (int j = 0; j < dimensions; j++) {
            assertThat(out[j] - HALF_STEP).isEqualTo(expected[j]);
        }
    }

    @Test
    void test_points_lieStrictlyInsideTheUnitInterval() {
        for (SobolSequence sobol : new SobolSequence[] {SobolSequence.unscrambled(20), SobolSequence.scrambled(20, 7)}) {
            double[] out = new double[20 * 4096];
            sobol.fill(0, 4096, out);
            for (double u : out) {
                assertThat(u).isGreaterThan(0.0).isLessThan(1.0);
            }
            double[] last = point(sobol, SobolSequence.MAX_POINTS - 1);
            for (double u : last) {
                assertThat(u).isGreaterThan(0.0).isLessThan(1.0);
            }
        }
        assertThat(point(SobolSequence.unscrambled(3), 0)).containsOnly(HALF_STEP);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 20260120, -42})
    void test_scrambled_firstPowerOfTwoPointsHaveOneInEachInterval(long seed) {
        int m = 10;
        int n = 1 << m;
        int dimensions = 50;
        SobolSequence sobol = SobolSequence.scrambled(dimensions, seed);
        double[] out = new double[n * dimensions];
        sobol.fill(0, n, out);

        for (int j = 0; j < dimensions; j++) {
            boolean[] seen = new boolean[n];
            for (int r = 0; r < n; r++) {
                int cell = (int) (out[r * dimensions + j] * n);
                assertThat(seen[cell]).as("dimension %d, interval %d", j + 1, cell).isFalse();
                seen[cell] = true;
            }
        }
    }

    @Test
    void test_scrambled_firstTwoDimensionsStayAZeroMTwoNet() {
        // The first two Sobol dimensions form a (0, m, 2)-net: every elementary box of area 2^-m
        // holds exactly one of the first 2^m points. A linear scramble with a shift preserves this.
        int m = 8;
        int n = 1 << m;
        SobolSequence sobol = SobolSequence.scrambled(2, 99);
        double[] out = new double[2 * n];
        sobol.fill(0, n, out);

        for (int a = 0; a <= m; a++) {
            int b = m - a;
            int[] counts = new int[n];
            for (int r = 0; r < n; r++) {
                int cellX = (int) (out[2 * r] * (1 << a));
                int cellY = (int) (out[2 * r + 1] * (1 << b));
                counts[(cellX << b) | cellY]++;
            }
            for (int count : counts) {
                assertThat(count).as("boxes 2^-%d by 2^-%d", a, b).isEqualTo(1);
            }
        }
    }

    @Test
    void test_scrambled_sameSeedGivesIdenticalPointsAndOtherSeedsDifferentOnes() {
        double[] first = new double[8 * 100];
        double[] again = new double[8 * 100];
        double[] other = new double[8 * 100];
        SobolSequence.scrambled(8, 12345).fill(0, 100, first);
        SobolSequence.scrambled(8, 12345).fill(0, 100, again);
        SobolSequence.scrambled(8, 12346).fill(0, 100, other);

        assertThat(again).isEqualTo(first);
        int equal = 0;
        for (int i = 0; i < first.length; i++) {
            if (first[i] == other[i]) {
                equal++;
            }
        }
        assertThat(equal).isZero();
    }

    @Test
    void test_scrambled_isAFixedFunctionOfTheSeed() {
        // Pins the scramble's draws: a change here changes every stored simulation result.
        SobolSequence sobol = SobolSequence.scrambled(3, 2026);

        assertThat(point(sobol, 0)).containsExactly(0.5594005845755946, 0.5379471404452955, 0.2702948278708067);
        assertThat(point(sobol, 1)).containsExactly(0.30302317216417995, 0.3851334432046353, 0.758449075788664);
        assertThat(sobol.isScrambled()).isTrue();
        assertThat(SobolSequence.unscrambled(3).isScrambled()).isFalse();
        assertThat(sobol).hasToString("SobolSequence[dimensions=3, scrambled]");
        assertThat(SobolSequence.unscrambled(4)).hasToString("SobolSequence[dimensions=4, unscrambled]");
    }

    @Test
    void test_scrambled_coordinatesDoNotDependOnHowManyDimensionsWereAskedFor() {
        double[] five = point(SobolSequence.scrambled(5, 77), 1000);
        double[] ten = point(SobolSequence.scrambled(10, 77), 1000);

        assertThat(Arrays.copyOf(ten, 5)).isEqualTo(five);
    }

    @Test
    void test_point_equalsSequentialGenerationFromAnyStart() {
        int dimensions = 13;
        SobolSequence sobol = SobolSequence.scrambled(dimensions, 5);
        long start = (1L << 33) - 37;
        int count = 300;
        double[] filled = new double[count * dimensions];
        sobol.fill(start, count, filled);
        SobolSequence.Cursor cursor = sobol.cursor(start);
        double[] next = new double[dimensions];

        for (int r = 0; r < count; r++) {
            double[] direct = point(sobol, start + r);
            assertThat(Arrays.copyOfRange(filled, r * dimensions, (r + 1) * dimensions))
                    .as("fill, point %d", start + r).isEqualTo(direct);
            assertThat(cursor.nextIndex()).isEqualTo(start + r);
            cursor.next(next);
            assertThat(next).as("cursor, point %d", start + r).isEqualTo(direct);
        }
    }

    @Test
    void test_scrambled_meanOfAProductIsCloseToItsIntegral() {
        int dimensions = 5;
        int n = 4096;
        double[] out = new double[n * dimensions];
        SobolSequence.scrambled(dimensions, 31).fill(0, n, out);

        double sum = 0.0;
        for (int r = 0; r < n; r++) {
            double product = 1.0;
            for (int j = 0; j < dimensions; j++) {
                product *= out[r * dimensions + j];
            }
            sum += product;
        }

        assertThat(sum / n).isCloseTo(1.0 / 32, within(1e-3));
    }

    @Test
    void test_factories_acceptOneToAThousandDimensionsAndRejectOthers() {
        assertThat(SobolSequence.scrambled(1, 1).dimensions()).isEqualTo(1);
        assertThat(SobolSequence.scrambled(1000, 1).dimensions()).isEqualTo(1000);

        assertThatThrownBy(() -> SobolSequence.scrambled(1001, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimensions must be between 1 and 1000 (the Joe-Kuo direction numbers cover 1000), got 1001");
        assertThatThrownBy(() -> SobolSequence.unscrambled(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    @Test
    void test_point_rejectsBadIndexOrArray() {
        SobolSequence sobol = SobolSequence.scrambled(3, 1);

        assertThatThrownBy(() -> sobol.point(-1, new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index must be between 0 and");
        assertThatThrownBy(() -> sobol.point(SobolSequence.MAX_POINTS, new double[3]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sobol.point(0, new double[2]))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sobol.cursor(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sobol.cursor(0).next(new double[2]))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void test_fill_rejectsBadRangesAndAcceptsAnEmptyOne() {
        SobolSequence sobol = SobolSequence.scrambled(3, 1);

        assertThatThrownBy(() -> sobol.fill(0, -1, new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count must be >= 0");
        assertThatThrownBy(() -> sobol.fill(SobolSequence.MAX_POINTS - 1, 2, new double[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not all within");
        assertThatThrownBy(() -> sobol.fill(-1, 1, new double[3]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sobol.fill(0, 2, new double[5]))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("need 6 entries, out has 5");

        double[] untouched = {7, 7, 7};
        sobol.fill(5, 0, untouched);
        assertThat(untouched).containsOnly(7.0);
    }

    @Test
    void test_cursor_stopsAfterTheLastPoint() {
        SobolSequence sobol = SobolSequence.unscrambled(2);
        SobolSequence.Cursor cursor = sobol.cursor(SobolSequence.MAX_POINTS - 1);
        double[] out = new double[2];

        cursor.next(out);

        assertThat(out).isEqualTo(point(sobol, SobolSequence.MAX_POINTS - 1));
        assertThatThrownBy(() -> cursor.next(out)).isInstanceOf(NoSuchElementException.class);
    }
}

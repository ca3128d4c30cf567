package com.nightshift.risk.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Randomised quasi-random points: the Sobol sequence in up to {@value #MAX_DIMENSIONS} dimensions with
 * Joe and Kuo's direction numbers, scrambled by Matoušek's random linear scramble plus a random
 * digital shift.
 *
 * <p><b>Why hand-written.</b> commons-math3's {@code SobolSequenceGenerator} (whose direction-number
 * file this class reads) produces only the deterministic sequence. A deterministic point set gives
 * one estimate and no idea of its error; scrambling with independent seeds gives independent,
 * unbiased estimates whose spread is the error estimate, while keeping the equidistribution that
 * makes quasi-Monte Carlo converge faster than plain Monte Carlo. It also lets shards generate
 * their slices of one sequence by index without coordination.
 *
 * <p><b>Construction.</b> A point's coordinate {@code j} is a {@value #BITS}-bit integer
 * {@code x = C_j g(n) XOR e_j}, where {@code g(n) = n XOR (n >>> 1)} is the Gray code of the index,
 * {@code C_j} the generator matrix whose columns are the direction numbers, and {@code e_j} the
 * digital shift. The scramble replaces {@code C_j} by {@code L_j C_j} with {@code L_j} a random
 * lower-triangular binary matrix with unit diagonal: every digit of the result is its own digit
 * plus a random combination of the more significant ones, which keeps the (t, m, s)-net structure
 * (in particular, each coordinate of the first 2^m points has exactly one point in each interval
 * [k/2^m, (k+1)/2^m)). The scramble matrices and shifts come from a {@link SplittableRandom} seeded
 * with the caller's seed, dimension after dimension, so the first {@code d} coordinates for a seed do
 * not depend on how many dimensions were asked for. Gray-code order lets consecutive points differ
 * by one XOR per coordinate; {@link #point} computes any point directly and gives exactly the same
 * bits as sequential generation ({@link #fill}, {@link #cursor}).
 *
 * <p><b>Resolution.</b> {@value #BITS} bits, as in commons-math3: the integer {@code x} becomes
 * {@code (x + 0.5) / 2^52}, which is exact in a double, lies strictly inside (0, 1) (from 2^-53 to
 * 1 - 2^-53), and is never 0 or 1, so it can go straight into an inverse normal cdf. With 52 bits
 * the extreme points map to normals near ±8.2 rather than the ±6.3 that 32 bits would allow, so the
 * tails the risk figures depend on are not cut short. The unscrambled sequence is therefore
 * commons-math3's plus 2^-53 in every coordinate.
 *
 * <p><b>Direction numbers.</b> Joe and Kuo's {@code new-joe-kuo-6.1000}, as commons-math3 ships it at
 * {@value #DIRECTION_NUMBERS}; the first dimension is the van der Corput sequence. The file is read
 * once, on first use.
 *
 * <p>Instances are immutable and thread-safe; a {@link Cursor} is for one thread. Nothing allocates
 * after construction except {@link #cursor}.
 */
public final class SobolSequence {

    /** The most dimensions the direction-number file covers. */
    public static final int MAX_DIMENSIONS = 1000;

    /** Bits of resolution of each coordinate. */
    public static final int BITS = 52;

    /** The number of distinct points: indices run from 0 to {@code MAX_POINTS - 1}. */
    public static final long MAX_POINTS = 1L << BITS;

    /** The classpath resource with Joe and Kuo's direction numbers, from commons-math3. */
    public static final String DIRECTION_NUMBERS = "/assets/org/apache/commons/math3/random/new-joe-kuo-6.1000";

    private static final long MASK = MAX_POINTS - 1;
    private static final double SCALE = 0x1p-52;

    private final int dimensions;
    private final boolean scrambled;
    /** Direction number {@code bit} of coordinate {@code j} at {@code bit * dimensions + j}: one step touches one run. */
    private final long[] directions;
    /** The digital shift of each coordinate, which is also the integer of point 0. */
    private final long[] shift;

    private SobolSequence(int dimensions, boolean scrambled, long[] directions, long[] shift) {
        this.dimensions = dimensions;
        this.scrambled = scrambled;
        this.directions = directions;
        this.shift = shift;
    }

    /**
     * A scrambled sequence: Matoušek's linear scramble and a digital shift drawn from
     * {@code new SplittableRandom(scrambleSeed)}. The same seed gives the same points on every run
     * and platform.
     *
     * @param dimensions 1 to {@value #MAX_DIMENSIONS}
     * @throws IllegalArgumentException if {@code dimensions} is out of range
     */
    public static SobolSequence scrambled(int dimensions, long scrambleSeed) {
        checkDimensions(dimensions);
        long[][] base = JoeKuo.DIRECTIONS;
        SplittableRandom random = new SplittableRandom(scrambleSeed);
        long[] directions = new long[BITS * dimensions];
        long[] shift = new long[dimensions];
        long[] rows = new long[BITS];
        for (int j = 0; j < dimensions; j++) {
            // Row of L for the digit at bit position pos: a one on the diagonal, random bits at the
            // more significant positions, zeros at the less significant ones. Drawn from the most
            // significant digit down.
            for (int pos = BITS - 1; pos >= 0; pos--) {
                long above = MASK & (-1L << (pos + 1));
                rows[pos] = (random.nextLong() & above) | (1L << pos);
            }
            for (int bit = 0; bit < BITS; bit++) {
                long v = base[j][bit];
                long scrambledV = 0L;
                for (int pos = 0; pos < BITS; pos++) {
                    scrambledV |= (long) (Long.bitCount(rows[pos] & v) & 1) << pos;
                }
                directions[bit * dimensions + j] = scrambledV;
            }
            shift[j] = random.nextLong() >>> (Long.SIZE - BITS);
        }
        return new SobolSequence(dimensions, true, directions, shift);
    }

    /**
     * The deterministic Sobol sequence, for tests and diagnostics: point {@code n} is commons-math3's
     * n-th vector (counting its initial all-zero vector as 0) plus 2^-53 in each coordinate.
     *
     * @param dimensions 1 to {@value #MAX_DIMENSIONS}
     * @throws IllegalArgumentException if {@code dimensions} is out of range
     */
    public static SobolSequence unscrambled(int dimensions) {
        checkDimensions(dimensions);
        long[][] base = JoeKuo.DIRECTIONS;
        long[] directions = new long[BITS * dimensions];
        for (int j = 0; j < dimensions; j++) {
            for (int bit = 0; bit < BITS; bit++) {
                directions[bit * dimensions + j] = base[j][bit];
            }
        }
        return new SobolSequence(dimensions, false, directions, new long[dimensions]);
    }

    /** The number of coordinates of each point. */
    public int dimensions() {
        return dimensions;
    }

    /** Whether this sequence is scrambled (randomised). */
    public boolean isScrambled() {
        return scrambled;
    }

    /**
     * Writes point {@code index} into {@code out[0..dimensions)}: computed directly from the index,
     * bit-identical to the same point generated sequentially.
     *
     * @param index 0 to {@code MAX_POINTS - 1}
     * @throws IllegalArgumentException  if the index is out of range
     * @throws IndexOutOfBoundsException if {@code out} is shorter than {@link #dimensions()}
     */
    public void point(long index, double[] out) {
        checkIndex(index);
        Objects.checkFromIndexSize(0, dimensions, out.length);
        pointInto(index, out, 0);
    }

    /**
     * Writes points {@code firstIndex .. firstIndex + count - 1} into {@code out}, row-major: point
     * {@code firstIndex + r} in {@code out[r * dimensions .. (r + 1) * dimensions)}. The first point is
     * computed directly; each next one from the previous by one XOR per coordinate (Gray code).
     * Allocation-free.
     *
     * @throws IllegalArgumentException  if the index range is not within {@code [0, MAX_POINTS)}
     * @throws IndexOutOfBoundsException if {@code out} is shorter than {@code count * dimensions}
     */
    public void fill(long firstIndex, int count, double[] out) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (firstIndex < 0 || firstIndex > MAX_POINTS - count) {
            throw new IllegalArgumentException("points " + firstIndex + " to " + (firstIndex + count - 1)
                    + " are not all within 0 to " + (MAX_POINTS - 1));
        }
        long length = (long) count * dimensions;
        if (length > out.length) {
            throw new IndexOutOfBoundsException(count + " points of " + dimensions + " dimensions need "
                    + length + " entries, out has " + out.length);
        }
        if (count == 0) {
            return;
        }
        pointInto(firstIndex, out, 0);
        int d = dimensions;
        for (int r = 1; r < count; r++) {
            int base = Long.numberOfTrailingZeros(firstIndex + r) * d;
            int previous = (r - 1) * d;
            int current = r * d;
            for (int j = 0; j < d; j++) {
                // The previous coordinate is (x + 0.5) / 2^52 exactly, so x comes back exactly: this
                // keeps the state in the output instead of a scratch array.
                long x = (long) (out[previous + j] * 0x1p52);
                out[current + j] = toUnit(x ^ directions[base + j]);
            }
        }
    }

    /**
     * A cursor that yields points {@code index, index + 1, ...} one at a time with one XOR per
     * coordinate each. Allocates its state once; {@link Cursor#next} does not allocate.
     *
     * @param index the first point's index, 0 to {@code MAX_POINTS - 1}
     */
    public Cursor cursor(long index) {
        checkIndex(index);
        return new Cursor(index);
    }

    /** Sequential generation of one sequence's points from some index on; for one thread. */
    public final class Cursor {

        private final long[] state;
        private long nextIndex;

        private Cursor(long index) {
            state = new long[dimensions];
            for (int j = 0; j < dimensions; j++) {
                state[j] = coordinate(index, j);
            }
            nextIndex = index;
        }

        /** The index of the point the next call to {@link #next} writes. */
        public long nextIndex() {
            return nextIndex;
        }

        /**
         * Writes the next point into {@code out[0..dimensions)} and advances.
         *
         * @throws NoSuchElementException    after the last of the {@code MAX_POINTS} points
         * @throws IndexOutOfBoundsException if {@code out} is shorter than the dimensions
         */
        public void next(double[] out) {
            if (nextIndex >= MAX_POINTS) {
                throw new NoSuchElementException("the sequence has only " + MAX_POINTS + " points");
            }
            int d = dimensions;
            Objects.checkFromIndexSize(0, d, out.length);
            long[] x = state;
            for (int j = 0; j < d; j++) {
                out[j] = toUnit(x[j]);
            }
            nextIndex++;
            if (nextIndex < MAX_POINTS) {
                int base = Long.numberOfTrailingZeros(nextIndex) * d;
                for (int j = 0; j < d; j++) {
                    x[j] ^= directions[base + j];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SobolSequence[dimensions=" + dimensions + (scrambled ? ", scrambled]" : ", unscrambled]");
    }

    private void pointInto(long index, double[] out, int offset) {
        for (int j = 0; j < dimensions; j++) {
            out[offset + j] = toUnit(coordinate(index, j));
        }
    }

    private long coordinate(long index, int j) {
        long gray = index ^ (index >>> 1);
        long x = shift[j];
        while (gray != 0) {
            x ^= directions[Long.numberOfTrailingZeros(gray) * dimensions + j];
            gray &= gray - 1;
        }
        return x;
    }

    private static double toUnit(long x) {
        return ((double) x + 0.5) * SCALE;
    }

    private static void checkDimensions(int dimensions) {
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("dimensions must be between 1 and " + MAX_DIMENSIONS
                    + " (the Joe-Kuo direction numbers cover " + MAX_DIMENSIONS + "), got " + dimensions);
        }
    }

    private static void checkIndex(long index) {
        if (index < 0 || index >= MAX_POINTS) {
            throw new IllegalArgumentException("index must be between 0 and " + (MAX_POINTS - 1) + ", got " + index);
        }
    }

    /** Joe and Kuo's direction numbers, read on first use (class initialisation is lazy and thread-safe). */
    private static final class JoeKuo {

        /** {@code DIRECTIONS[j][k]}: direction number v_{k+1} of dimension j + 1 as a 52-bit integer. */
        static final long[][] DIRECTIONS = load();

        private static long[][] load() {
            InputStream stream = SobolSequence.class.getResourceAsStream(DIRECTION_NUMBERS);
            if (stream == null) {
                throw new IllegalStateException("Sobol direction numbers not on the classpath: " + DIRECTION_NUMBERS
                        + " (commons-math3 ships them)");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.US_ASCII))) {
                return parse(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + DIRECTION_NUMBERS, e);
            }
        }

        private static long[][] parse(BufferedReader reader) throws IOException {
            long[][] directions = new long[MAX_DIMENSIONS][];
            // Dimension 1, the van der Corput sequence: every m is 1, so v_k = 2^-k.
            directions[0] = new long[BITS];
            for (int k = 0; k < BITS; k++) {
                directions[0][k] = 1L << (BITS - 1 - k);
            }
            reader.readLine(); // header: d s a m_i
            for (int dimension = 2; dimension <= MAX_DIMENSIONS; dimension++) {
                String line = reader.readLine();
                if (line == null) {
                    throw new IllegalStateException(DIRECTION_NUMBERS + " ends before dimension " + dimension);
                }
                String[] fields = line.trim().split("\\s+");
                int d = Integer.parseInt(fields[0]);
                int s = Integer.parseInt(fields[1]);
                int a = Integer.parseInt(fields[2]);
                if (d != dimension || fields.length != 3 + s) {
                    throw new IllegalStateException(DIRECTION_NUMBERS + ": unexpected line for dimension "
                            + dimension + ": " + line);
                }
                long[] v = new long[BITS];
                for (int k = 0; k < s; k++) {
                    v[k] = Long.parseLong(fields[3 + k]) << (BITS - 1 - k);
                }
                // The recurrence of the primitive polynomial x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1.
                for (int k = s; k < BITS; k++) {
                    long value = v[k - s] ^ (v[k - s] >>> s);
                    for (int i = 1; i < s; i++) {
                        if (((a >>> (s - 1 - i)) & 1) != 0) {
                            value ^= v[k - i];
                        }
                    }
                    v[k] = value;
                }
                directions[dimension - 1] = v;
            }
            return directions;
        }
    }
}

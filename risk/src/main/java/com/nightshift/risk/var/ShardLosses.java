package com.nightshift.risk.var;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The simulated losses of one {@link ScenarioShard}: per portfolio and for the book, and the
 * scenarios' importance weights when the method has them. What a worker hands to the merge; its
 * binary form ({@link #writeTo}) keeps every double exactly.
 */
public final class ShardLosses {

    private static final int MAGIC = 0x4E535631; // "NSV1"

    private final ScenarioShard shard;
    private final double[][] losses;
    private final double[] weights;
    private final long simulateNanos;

    ShardLosses(ScenarioShard shard, double[][] losses, double[] weights, long simulateNanos) {
        this.shard = Objects.requireNonNull(shard, "shard");
        this.losses = losses;
        this.weights = weights;
        this.simulateNanos = simulateNanos;
    }

    /** How long the shard took to simulate, in nanoseconds. */
    public long simulateNanos() {
        return simulateNanos;
    }

    /** The scenarios these losses are of. */
    public ScenarioShard shard() {
        return shard;
    }

    /** The number of portfolios (the book's losses come on top). */
    public int portfolioCount() {
        return losses.length - 1;
    }

    double[][] losses() {
        return losses;
    }

    double[] weights() {
        return weights;
    }

    /** Writes the shard: a header (magic, first, end, portfolios, weighted) then the doubles. Not closed. */
    public void writeTo(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16));
        data.writeInt(MAGIC);
        data.writeInt(shard.first());
        data.writeInt(shard.end());
        data.writeInt(losses.length);
        data.writeBoolean(weights != null);
        data.writeLong(simulateNanos);
        for (double[] row : losses) {
            for (double v : row) {
                data.writeLong(Double.doubleToRawLongBits(v));
            }
        }
        if (weights != null) {
            for (double v : weights) {
                data.writeLong(Double.doubleToRawLongBits(v));
            }
        }
        data.flush();
    }

    /**
     * Reads what {@link #writeTo} wrote.
     *
     * @throws IOException if the stream is not a shard or ends early
     */
    public static ShardLosses readFrom(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        if (data.readInt() != MAGIC) {
            throw new IOException("not a scenario shard (bad magic number)");
        }
        int first = data.readInt();
        int end = data.readInt();
        int rows = data.readInt();
        boolean weighted = data.readBoolean();
        long nanos = data.readLong();
        if (first < 0 || end <= first || rows < 2 || rows > 1_000_000) {
            throw new IOException("corrupt scenario shard header: [" + first + ", " + end + "), " + rows + " rows");
        }
        int size = end - first;
        double[][] losses = new double[rows][size];
        for (double[] row : losses) {
            for (int i = 0; i < size; i++) {
                row[i] = Double.longBitsToDouble(data.readLong());
            }
        }
        double[] weights = null;
        if (weighted) {
            weights = new double[size];
            for (int i = 0; i < size; i++) {
                weights[i] = Double.longBitsToDouble(data.readLong());
            }
        }
        return new ShardLosses(new ScenarioShard(first, end), losses, weights, nanos);
    }
}

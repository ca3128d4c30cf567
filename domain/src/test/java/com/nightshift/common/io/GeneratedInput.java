package com.nightshift.common.io;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A hostile input of any length that is never held anywhere: {@code head}, then {@code filler} repeated up
 * to {@code length} bytes in all, produced as they are read. It counts what was read, so a test can say a
 * refusal came early. Shared with the tests of the other reader modules (this module's test jar).
 */
public final class GeneratedInput extends InputStream {

    private final byte[] head;
    private final byte[] filler;
    private final long length;
    private long position;

    private GeneratedInput(byte[] head, byte[] filler, long length) {
        this.head = head;
        this.filler = filler;
        this.length = length;
    }

    /** {@code head} (UTF-8), then {@code filler} repeated, {@code length} bytes in all. */
    public static GeneratedInput of(String head, String filler, long length) {
        return new GeneratedInput(head.getBytes(StandardCharsets.UTF_8), filler.getBytes(StandardCharsets.UTF_8),
                length);
    }

    /** {@code head} (UTF-8), then {@code filler} bytes repeated, {@code length} bytes in all. */
    public static GeneratedInput of(String head, byte[] filler, long length) {
        return new GeneratedInput(head.getBytes(StandardCharsets.UTF_8), filler.clone(), length);
    }

    /** How many bytes have been read. */
    public long bytesRead() {
        return position;
    }

    @Override
    public int read() {
        if (position >= length) {
            return -1;
        }
        return byteAt(position++) & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        for (int i = 0; i < n; i++) {
            b[off + i] = byteAt(position++);
        }
        return n;
    }

    private byte byteAt(long at) {
        return at < head.length ? head[(int) at] : filler[(int) ((at - head.length) % filler.length)];
    }
}

package com.nightshift.common.storage;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One range of bytes of an object, as an HTTP {@code Range} header names it (RFC 9110 section 14.1.2):
 * {@code bytes=first-last}, {@code bytes=first-} (to the end) or {@code bytes=-length} (the last
 * {@code length} bytes). S3 resolves it against the object's size, so its satisfiability is only
 * known once the object is read. Immutable.
 *
 * @param first  the first byte, or empty for a suffix range
 * @param last   the last byte (inclusive), or empty for "to the end" and for a suffix range
 * @param suffix the length of a suffix range, or empty
 */
public record ByteRange(Optional<Long> first, Optional<Long> last, Optional<Long> suffix) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /**
     * The one range of a {@code Range} header value, or empty when the value is not a single byte range
     * that can be satisfied in principle (several ranges, another unit, last before first, nothing at
     * all): RFC 9110 lets a server ignore such a header and send the whole object.
     */
    public static Optional<ByteRange> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        if (m.group(1).isEmpty()) {
            long length = Long.parseLong(m.group(2));
            return Optional.of(new ByteRange(Optional.empty(), Optional.empty(), Optional.of(length)));
        }
        long first = Long.parseLong(m.group(1));
        if (m.group(2).isEmpty()) {
            return Optional.of(new ByteRange(Optional.of(first), Optional.empty(), Optional.empty()));
        }
        long last = Long.parseLong(m.group(2));
        return last < first ? Optional.empty()
                : Optional.of(new ByteRange(Optional.of(first), Optional.of(last), Optional.empty()));
    }

    /** The range in {@code Range} header form, as S3 takes it. */
    public String header() {
        return suffix.map(length -> "bytes=-" + length)
                .orElseGet(() -> "bytes=" + first.orElseThrow() + "-" + last.map(String::valueOf).orElse(""));
    }
}

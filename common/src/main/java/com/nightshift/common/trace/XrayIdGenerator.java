package com.nightshift.common.trace;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.IdGenerator;

/**
 * Trace ids X-Ray accepts: the epoch second in the first 8 hex digits, random in the other 24; X-Ray
 * drops a trace whose id does not start with a time in the last 30 days.
 *
 * <p>Ours rather than {@code AwsXrayIdGenerator} of {@code io.opentelemetry.contrib:opentelemetry-aws-xray}:
 * that artifact stops at 1.43 on Maven Central (behind the 1.68 SDK) and brings the X-Ray remote sampler
 * with its HTTP client and autoconfigure SPI, all for these few lines.
 */
final class XrayIdGenerator implements IdGenerator {

    private final Clock clock;

    XrayIdGenerator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String generateTraceId() {
        long epochSecond = clock.instant().getEpochSecond() & 0xffffffffL;
        long random = ThreadLocalRandom.current().nextLong(0xffffffffL + 1);
        return TraceId.fromLongs(epochSecond << 32 | random, ThreadLocalRandom.current().nextLong());
    }

    @Override
    public String generateSpanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return SpanId.fromLong(id);
    }
}

package com.nightshift.common.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Task scale-in protection against a recording stand-in for the ECS agent on 127.0.0.1. */
class TaskProtectionTest {

    private static final String PATH = "/api/task-1234/task-protection/v1/state";
    private static final String ENABLE = "PUT " + PATH + " {\"ProtectionEnabled\":true,\"ExpiresInMinutes\":60}";
    private static final String DISABLE = "PUT " + PATH + " {\"ProtectionEnabled\":false}";

    private AgentEndpoint agent;
    private MutableClock clock;
    private TaskProtection protection;

    @BeforeEach
    void startAgent() throws Exception {
        agent = new AgentEndpoint();
        clock = new MutableClock(Instant.parse("2026-11-22T02:00:00Z"));
        protection = new TaskProtection(Optional.of(agent.agentUri()), Duration.ofMinutes(60), clock);
    }

    @AfterEach
    void stopAgent() {
        agent.close();
    }

    @Test
    void hold_enables_protection_with_its_expiry() {
        protection.hold();

        assertThat(agent.requests()).containsExactly(ENABLE);
    }

    @Test
    void release_disables_protection() {
        protection.hold();
        protection.release();

        assertThat(agent.requests()).containsExactly(ENABLE, DISABLE);
    }

    @Test
    void hold_back_to_back_sends_one_request() {
        protection.hold();
        clock.advance(Duration.ofMinutes(10));
        protection.hold();
        clock.advance(Duration.ofMinutes(10));
        protection.hold();

        assertThat(agent.requests()).containsExactly(ENABLE);
    }

    @Test
    void hold_renews_after_half_the_expiry() {
        protection.hold();
        clock.advance(Duration.ofMinutes(31));
        protection.hold();

        assertThat(agent.requests()).containsExactly(ENABLE, ENABLE);
    }

    @Test
    void release_when_not_protected_sends_nothing() {
        protection.release();

        assertThat(agent.requests()).isEmpty();
    }

    @Test
    void hold_after_a_refused_request_asks_again() {
        agent.answer(500);
        protection.hold();
        agent.answer(200);
        protection.hold();

        assertThat(agent.requests()).containsExactly(ENABLE, ENABLE);
    }

    @Test
    void hold_with_an_unreachable_agent_does_not_throw() throws Exception {
        URI closed = agent.agentUri();
        agent.close();
        TaskProtection unreachable = new TaskProtection(Optional.of(closed), Duration.ofMinutes(60), clock);

        assertThatCode(() -> {
            unreachable.hold();
            unreachable.release();
        }).doesNotThrowAnyException();
    }

    @Test
    void fromEnvironment_without_ECS_AGENT_URI_sends_nothing() {
        TaskProtection outsideEcs = TaskProtection.fromEnvironment(Map.of("AWS_REGION", "us-east-1"));
        outsideEcs.hold();
        outsideEcs.release();

        assertThat(outsideEcs.active()).isFalse();
        assertThat(agent.requests()).isEmpty();
    }

    @Test
    void fromEnvironment_with_ECS_AGENT_URI_uses_that_agent() {
        TaskProtection inEcs = TaskProtection.fromEnvironment(Map.of("ECS_AGENT_URI", agent.agentUri().toString()));
        inEcs.hold();

        assertThat(agent.requests()).containsExactly(
                "PUT " + PATH + " {\"ProtectionEnabled\":true,\"ExpiresInMinutes\":120}");
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

package com.nightshift.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectCreatedEventTest {

    private static final String EVENT = """
            {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created",
             "source":"aws.s3","account":"123456789012","time":"2026-11-20T22:04:11Z","region":"us-east-1",
             "resources":["arn:aws:s3:::s3-data-dev"],
             "detail":{"version":"0","bucket":{"name":"s3-data-dev"},
               "object":{"key":"inbound/ledger/ledger-2026-11-20.csv","size":5,"etag":"b1946ac92492d2347c6235b4d2611184",
                 "sequencer":"00617F08299329D189"},
               "request-id":"N4N7GDK58NMKJ12R","requester":"123456789012","reason":"PutObject"}}
            """;

    @Test
    void parses_bucket_key_etag_and_size_of_an_eventbridge_s3_event() {
        ObjectCreatedEvent event = ObjectCreatedEvent.parse(EVENT);
        assertThat(event.object().bucket()).isEqualTo("s3-data-dev");
        assertThat(event.object().key()).isEqualTo("inbound/ledger/ledger-2026-11-20.csv");
        assertThat(event.etag()).isEqualTo("b1946ac92492d2347c6235b4d2611184");
        assertThat(event.size()).isEqualTo(5);
    }

    @Test
    void rejects_an_event_of_another_source() {
        assertThatThrownBy(() -> ObjectCreatedEvent.parse(EVENT.replace("\"aws.s3\"", "\"aws.ec2\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aws.ec2");
    }

    @Test
    void rejects_a_body_that_is_not_json() {
        assertThatThrownBy(() -> ObjectCreatedEvent.parse("not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    }

    @Test
    void rejects_an_event_without_object_key() {
        assertThatThrownBy(() -> ObjectCreatedEvent.parse(EVENT.replace("\"key\"", "\"k\"")))
                .hasMessageContaining("detail.object.key");
    }

    @Test
    void an_encoded_key_is_also_tried_decoded() {
        ObjectCreatedEvent event = ObjectCreatedEvent.parse(EVENT.replace("ledger-2026-11-20.csv", "ledger+2026%2C11.csv"));
        assertThat(event.candidateObjects()).extracting(o -> o.key())
                .containsExactly("inbound/ledger/ledger+2026%2C11.csv", "inbound/ledger/ledger 2026,11.csv");
    }

    @Test
    void a_plain_key_is_tried_once() {
        assertThat(ObjectCreatedEvent.parse(EVENT).candidateObjects()).hasSize(1);
    }
}

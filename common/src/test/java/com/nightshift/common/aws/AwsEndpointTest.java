package com.nightshift.common.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.regions.Region;

class AwsEndpointTest {

    @Test
    void region_and_endpoint_come_from_the_environment() {
        AwsEndpoint endpoint = AwsEndpoint.fromEnvironment(Map.of("AWS_REGION", "us-east-2",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:5000"));
        assertThat(endpoint.region()).isEqualTo(Region.US_EAST_2);
        assertThat(endpoint.endpointOverride()).contains(URI.create("http://127.0.0.1:5000"));
        assertThat(endpoint.isEmulator()).isTrue();
    }

    @Test
    void without_an_endpoint_the_real_regional_endpoints_are_used() {
        AwsEndpoint endpoint = AwsEndpoint.fromEnvironment(Map.of("AWS_REGION", "us-east-1"));
        assertThat(endpoint.endpointOverride()).isEmpty();
    }

    @Test
    void region_defaults_to_us_east_1() {
        assertThat(AwsEndpoint.fromEnvironment(Map.of()).region()).isEqualTo(Region.US_EAST_1);
    }

    @Test
    void an_endpoint_that_is_not_a_url_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> AwsEndpoint.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "localhost")))
                .hasMessageContaining("AWS_ENDPOINT_URL");
    }
}

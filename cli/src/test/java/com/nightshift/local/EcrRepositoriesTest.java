package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nightshift.common.emulator.LocalAws;

/** Repositories by prefix, as a pull-through cache names them, against the moto emulator. */
class EcrRepositoriesTest {

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static EcrApi ecr;
    private static EcrRepositories repositories;

    @BeforeAll
    static void clients() {
        ecr = new EcrApi(AWS.endpoint());
        repositories = new EcrRepositories(ecr);
    }

    @Test
    void names_under_a_prefix_are_the_repositories_below_it_only() {
        EcrImagesTest.createRepository(ecr, "ecr-public-ta/aws-observability/aws-otel-collector");
        EcrImagesTest.createRepository(ecr, "ecr-public-ta/docker/library/busybox");
        EcrImagesTest.createRepository(ecr, "ecr-public-tab/aws-observability/aws-otel-collector");
        EcrImagesTest.createRepository(ecr, "ecr-public-ta");

        assertThat(repositories.namesUnder("ecr-public-ta")).containsExactly(
                "ecr-public-ta/aws-observability/aws-otel-collector", "ecr-public-ta/docker/library/busybox");
    }

    @Test
    void delete_removes_a_repository_that_holds_images() {
        String name = "ecr-public-td/aws-observability/aws-otel-collector";
        EcrImagesTest.createRepository(ecr, name);
        EcrImagesTest.putImage(ecr, name, "v0.43.1", 1);

        assertThat(repositories.delete(name)).isTrue();
        assertThat(repositories.namesUnder("ecr-public-td")).isEmpty();
    }

    @Test
    void delete_of_a_missing_repository_is_false() {
        assertThat(repositories.delete("ecr-public-tm/never/created")).isFalse();
    }
}

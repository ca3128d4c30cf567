package com.nightshift.ingestion.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class StagedObjectTest {

    @Test
    void content_cannot_be_changed_through_the_array_given_or_returned() {
        byte[] given = {1, 2, 3};
        StagedObject object = StagedObject.of("staged/x.csv", given, 1);
        given[0] = 9;
        object.content()[1] = 9;
        assertThat(object.content()).containsExactly(1, 2, 3);
    }

    @Test
    void write_to_copies_the_whole_content() throws Exception {
        var out = new ByteArrayOutputStream();
        StagedObject.of("staged/x.csv", new byte[] {4, 5}, 1).writeTo(out);
        assertThat(out.toByteArray()).containsExactly(4, 5);
    }

    @Test
    void objects_with_equal_key_and_bytes_are_equal() {
        assertThat(StagedObject.of("k", new byte[] {1}, 1)).isEqualTo(StagedObject.of("k", new byte[] {1}, 1));
    }

    @Test
    void absolute_key_is_refused() {
        assertThatThrownBy(() -> StagedObject.of("/staged/x.csv", new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

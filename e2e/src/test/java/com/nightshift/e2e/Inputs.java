package com.nightshift.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Input files under src/test/resources/inputs. */
final class Inputs {

    private Inputs() {
    }

    static byte[] read(String name) {
        try (InputStream in = Inputs.class.getResourceAsStream("/inputs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test input " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

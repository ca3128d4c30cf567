package com.nightshift.common.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.nightshift.common.csv.ReadResult;
import com.nightshift.common.csv.RecordReader;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.manifest.InputObject;
import com.nightshift.common.manifest.ManifestSigner;

/**
 * Reads staged objects back for a computation and records each one, with its checksum, as an input
 * of the result's manifest. Staged files hold accepted rows only, so a row that fails to read here
 * means the staging area is corrupt: that fails the job instead of being skipped.
 */
public final class StagedInputs {

    private final ObjectStore store;
    private final List<InputObject> inputs = new ArrayList<>();

    public StagedInputs(ObjectStore store) {
        this.store = store;
    }

    /** Every record of every object, in the order given. */
    public <T> List<T> read(List<StoredObject> objects, RecordReader<T> reader) throws IOException,
            UnreadableFileException {
        List<T> records = new ArrayList<>();
        for (StoredObject object : objects) {
            byte[] content = store.read(object.ref());
            ReadResult<T> read = reader.readAll(new ByteArrayInputStream(content));
            if (!read.rejected().isEmpty()) {
                throw new IllegalStateException(object.ref() + " has " + read.rejected().size()
                        + " invalid rows, first on line " + read.rejected().getFirst().lineNumber() + ": "
                        + read.rejected().getFirst().reason());
            }
            records.addAll(read.records());
            inputs.add(new InputObject(object.ref().bucket(), object.ref().key(), object.etag(),
                    ManifestSigner.sha256(content)));
        }
        return records;
    }

    /** The objects read so far, for the manifest. */
    public List<InputObject> inputs() {
        return List.copyOf(inputs);
    }
}

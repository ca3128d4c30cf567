package com.nightshift.stages;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.common.manifest.ResultManifest;
import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.risk.var.VarReport;

/**
 * {@code nightshift verify RESULT}: checks a reconciliation {@code result.json} or a VaR {@code var.json}
 * against its signature, which covers the whole document (every figure and the manifest), and checks that
 * the manifest agrees with the document it is in. The key is the application secret's signing key, from
 * {@code --key-file} or {@code MANIFEST_SIGNING_KEY}. A result without a signature is reported as not
 * signed, never as valid.
 */
public final class VerifyStage {

    private VerifyStage() {
    }

    /**
     * Verifies {@code result} and prints what was found.
     *
     * @return whether the result is signed, the signature valid and the manifest consistent
     * @throws IllegalArgumentException when the file is not a result document, or no key is given for a signed one
     */
    public static boolean run(Path result, Optional<Path> keyFile, Map<String, String> environment, PrintStream console) {
        ResultFile file = ResultFile.read(result);
        String signature = file.document().signature();
        if (signature.isEmpty()) {
            console.println(result + ": NOT SIGNED: the result carries no signature (it was written without a key),"
                    + " so nothing vouches for its figures");
            return false;
        }
        ManifestSigner signer = ManifestSigner.withKey(key(keyFile, environment));
        ManifestSigner.Verdict verdict = signer.verify(file.document());
        String named = ManifestSigner.keyIdOf(signature).orElse("?");
        boolean valid = switch (verdict) {
            case VALID -> {
                console.println(result + ": signature valid (" + ManifestSigner.SCHEME + ", key id " + named
                        + "): it covers every figure and the manifest");
                yield true;
            }
            case CONTENT_CHANGED -> {
                console.println(result + ": INVALID: the content was changed after it was signed: its figures or"
                        + " manifest are not what key " + named + " signed");
                yield false;
            }
            case OTHER_KEY -> {
                console.println(result + ": INVALID for this key: signed with key id " + named + ", the key given has id "
                        + signer.keyId());
                yield false;
            }
            case UNKNOWN_SCHEME, NOT_SIGNED -> {
                console.println(result + ": INVALID: the signature is not of the form " + ManifestSigner.SCHEME
                        + ":<key id>:<hex> over the whole document");
                yield false;
            }
        };
        List<String> inconsistencies = inconsistencies(file);
        inconsistencies.forEach(problem -> console.println(result + ": manifest disagrees with the document: " + problem));
        return valid && inconsistencies.isEmpty();
    }

    /** The signing key: the first line of {@code keyFile}, else {@code MANIFEST_SIGNING_KEY}. */
    static String key(Optional<Path> keyFile, Map<String, String> environment) {
        if (keyFile.isPresent()) {
            try {
                String key = Files.readString(LocalInputs.existing(keyFile.get(), "--key-file"), StandardCharsets.UTF_8)
                        .lines().findFirst().orElse("");
                if (key.isBlank()) {
                    throw new IllegalArgumentException("--key-file " + keyFile.get() + " is empty");
                }
                return key;
            } catch (IOException e) {
                throw new IllegalArgumentException("--key-file " + keyFile.get() + " cannot be read: " + e.getMessage(), e);
            }
        }
        String key = environment.getOrDefault(ManifestSigner.KEY_VARIABLE, "");
        if (key.isBlank()) {
            throw new IllegalArgumentException("no signing key: give --key-file FILE or set " + ManifestSigner.KEY_VARIABLE);
        }
        return key;
    }

    /** Where the manifest names another account, date or run than the document holds. */
    private static List<String> inconsistencies(ResultFile file) {
        List<String> found = new ArrayList<>();
        switch (file) {
            case ResultFile.Reconciliation r -> {
                ReconciliationDocument d = r.document();
                ResultManifest m = d.manifest();
                expect(found, "account", m.parameters().get("account"), d.account());
                expect(found, "businessDate", m.parameters().get("businessDate"), d.businessDate().toString());
                expect(found, "rules", m.parameters().get("rules"), String.join(",", d.rules()));
            }
            case ResultFile.Var v -> {
                VarReport d = v.document();
                expect(found, "businessDate", d.manifest().businessDate().toString(), d.businessDate().toString());
            }
        }
        return found;
    }

    private static void expect(List<String> found, String name, String manifest, String document) {
        if (manifest != null && !manifest.equals(document)) {
            found.add(name + " is " + manifest + " in the manifest, " + document + " in the document");
        }
    }
}

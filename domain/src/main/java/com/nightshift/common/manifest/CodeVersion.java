package com.nightshift.common.manifest;

/** The version of the running code, from the jar manifest (Implementation-Version), or "development". */
public final class CodeVersion {

    private CodeVersion() {
    }

    public static String current() {
        String version = CodeVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}

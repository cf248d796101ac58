package org.asfcast.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}, from the jar's manifest when there is one. */
final class Version implements IVersionProvider {
    /** The version number alone (the status API's). */
    static String number() {
        String v = Asfcast.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"asfcast " + number(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}

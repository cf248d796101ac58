package org.asfcast.cli.config;

/** When a point's source runs. */
public enum StartMode {
    /** From server start to stop (the default). */
    ALWAYS,
    /** From the first player's connection until {@code idle-stop} has passed with no player. */
    ON_DEMAND
}

package org.asfcast.ops.admin;

/**
 * What the admin listener asks of the program that runs the server (the {@code asfcast server}
 * command implements it): the state of each point's source, starting and stopping it, and reloading
 * the config. Called on the admin listener's worker thread; a call may take a while (a source
 * stopping), never forever.
 */
public interface AdminActions {

    /** The program's version, for the status API. */
    String version();

    /** The state of the source that feeds the point at {@code path}; an on-demand point's is its folder. */
    SourceState sourceState(String path);

    /** Starts the point's source. @return what was done, in a sentence */
    ActionOutcome startSource(String path);

    /** Stops the point's source; its players get the end of the stream. @return what was done */
    ActionOutcome stopSource(String path);

    /** Reloads the config file, as SIGHUP would. @return what the reload reported */
    ActionOutcome reloadConfig();
}

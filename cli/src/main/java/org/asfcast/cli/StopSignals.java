package org.asfcast.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT) and SIGTERM end the command cleanly: the action stops the broadcast or the
 * recording, the command finishes its work (players get {@code $E}, the port is released, the
 * file is finished) and exits with 0; if it has not finished within 10 s, it is ended with 1.
 *
 * <p>SIGHUP (a closed terminal, a service manager's "reload") would end the JVM without the clean
 * end; it is caught: {@code asfcast server} reloads its config file, the other commands log it and
 * go on.
 * The others a terminal or a service manager sends are harmless as the JVM leaves them: SIGQUIT
 * prints a thread dump and goes on, SIGTSTP and SIGCONT pause and resume, SIGPIPE is ignored (a
 * closed standard output only makes the printed lines go nowhere), SIGWINCH is ignored.
 *
 * <p>A signal the process inherited as ignored (a background job's SIGINT, or a child of the JVM)
 * cannot be caught; for those a shutdown hook stops the work and waits for {@link #done()}.
 */
final class StopSignals {

    private final AtomicBoolean fired = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Runnable action;

    private StopSignals(Runnable action) {
        this.action = action;
    }

    /**
     * Runs {@code action} once on the first SIGINT or SIGTERM; call {@link #done()} when finished.
     * {@code work} says what goes on after a SIGHUP ("serving", "recording").
     */
    static StopSignals onStop(Runnable action, String work) {
        return onStop(action, () -> {
            System.err.println("asfcast: SIGHUP: nothing to reload (asfcast server CONFIG reloads its file); still " + work
                    + " (SIGTERM or Ctrl-C stops)");
            System.err.flush();
        });
    }

    /**
     * Runs {@code action} once on the first SIGINT or SIGTERM, and {@code reload} on each SIGHUP
     * (on the signal's own thread; it must not throw); call {@link #done()} when finished.
     */
    static StopSignals onStop(Runnable action, Runnable reload) {
        StopSignals signals = new StopSignals(action);
        boolean caughtAll = signals.catchSignal("TERM", signals::stop) & signals.catchSignal("INT", signals::stop);
        // The JVM's own SIGHUP handler runs the shutdown hooks and exits 129 mid-broadcast.
        signals.catchSignal("HUP", reload);
        if (!caughtAll) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                signals.stop();
                try {
                    signals.finished.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "asfcast-stop"));
        }
        return signals;
    }

    /** The command's work is finished: a waiting shutdown hook may let the JVM end. */
    void done() {
        finished.countDown();
    }

    private boolean catchSignal(String name, Runnable handler) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> handler.run());
            return true;
        } catch (Throwable unavailable) {
            return false;
        }
    }

    private void stop() {
        if (!fired.compareAndSet(false, true)) {
            return;
        }
        action.run();
        Thread watchdog = new Thread(() -> {
            try {
                if (!finished.await(10, TimeUnit.SECONDS)) {
                    System.err.println("asfcast: did not stop within 10 s; ending now");
                    Runtime.getRuntime().halt(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "asfcast-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}

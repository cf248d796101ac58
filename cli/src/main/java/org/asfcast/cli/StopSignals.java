package org.asfcast.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT) and SIGTERM end the command cleanly: the action stops the broadcast or the
 * recording, the command finishes its work (players get {@code $E}, the port is released, the
 * file is finished) and exits with 0. If it has not finished within 10 s, it is ended with 1.
 * Where the JVM cannot catch signals, a shutdown hook does the same (the exit code is then the
 * JVM's).
 */
final class StopSignals {

    private StopSignals() {
    }

    static void onStop(Runnable action) {
        AtomicBoolean fired = new AtomicBoolean();
        Runnable once = () -> {
            if (fired.compareAndSet(false, true)) {
                action.run();
                Thread watchdog = new Thread(() -> {
                    try {
                        Thread.sleep(10_000);
                        System.err.println("asfcast: did not stop within 10 s; ending now");
                        Runtime.getRuntime().halt(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "asfcast-stop-watchdog");
                watchdog.setDaemon(true);
                watchdog.start();
            }
        };
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> once.run());
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> once.run());
        } catch (Throwable unavailable) {
            Runtime.getRuntime().addShutdownHook(new Thread(once, "asfcast-stop"));
        }
    }
}

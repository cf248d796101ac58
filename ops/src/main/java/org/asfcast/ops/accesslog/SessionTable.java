package org.asfcast.ops.accesslog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asfcast.netsink.DisconnectReason;
import org.asfcast.netsink.PlayerEvent;
import org.asfcast.netsink.PlayerReport;
import org.asfcast.netsink.wire.ClientProtocol;

/**
 * The sessions an {@link AccessLog} knows: those playing, and those ended and waiting (at most
 * {@code mostWaiting}, each for {@code wait}) for their player's log. Says which sessions are ready
 * for their last line; writes nothing. Confined to the access log's thread.
 */
final class SessionTable {

    /** One session playing, or ended and waiting for its player's log. */
    static final class Session {
        final PlayerEvent started;
        Instant lastLine;
        Optional<PlayerLogReport> report = Optional.empty();
        PlayerEvent ended;
        DisconnectReason reason;
        Instant endedAt;
        Instant waitUntil;

        Session(PlayerEvent started, Instant now) {
            this.started = started;
            this.lastLine = now;
        }

        private String address() {
            return started.client().address().getHostAddress();
        }
    }

    private record Key(String point, long id) {
    }

    // In the order of their last line (a session moves to the end when it gets an interim one), so
    // that the sessions due an interim line are found from the front, without a walk of them all.
    private final Map<Key, Session> live = new LinkedHashMap<>();
    private final ArrayDeque<Session> waiting = new ArrayDeque<>(); // in the order they ended, so by waitUntil
    private final Duration wait;
    private final int mostWaiting;

    SessionTable(Duration wait, int mostWaiting) {
        this.wait = wait;
        this.mostWaiting = mostWaiting;
    }

    void started(PlayerEvent event, Instant now) {
        live.put(new Key(event.point(), event.client().id()), new Session(event, now));
    }

    /**
     * A session ended; returns the sessions whose last line is due now: it, when its log is in or
     * it will never get one (plain HTTP), else the oldest waiting one when too many wait.
     */
    List<Session> ended(PlayerEvent event, DisconnectReason reason, Instant now) {
        Session s = live.remove(new Key(event.point(), event.client().id()));
        if (s == null) {
            s = new Session(event, now); // began before the access log was attached
        }
        s.ended = event;
        s.reason = reason;
        s.endedAt = now;
        if (s.report.isPresent() || event.client().protocol() == ClientProtocol.PLAIN_HTTP) {
            return List.of(s);
        }
        s.waitUntil = now.plus(wait);
        waiting.addLast(s);
        return waiting.size() > mostWaiting ? List.of(waiting.removeFirst()) : List.of();
    }

    /**
     * A player's log, read as {@code read}, joins its session; returns that session when it had
     * ended (its line is due now). Empty when no session matches, or it still plays.
     */
    Optional<Session> reported(PlayerReport report, PlayerLogReport read) {
        Session s = match(report);
        if (s == null) {
            return Optional.empty();
        }
        s.report = Optional.of(read);
        if (s.ended == null) {
            return Optional.empty();
        }
        waiting.remove(s);
        return Optional.of(s);
    }

    /** Whether a report matches any session (for the debug line of one that does not). */
    boolean matches(PlayerReport report) {
        return match(report) != null;
    }

    /** The session a report is for: the same address, and its client id, else its GUID (the newest such session). */
    private Session match(PlayerReport report) {
        String address = report.remote().getAddress().getHostAddress();
        Session byGuid = null;
        for (Collection<Session> group : List.<Collection<Session>>of(waiting, live.values())) {
            for (Session s : group) {
                if (!s.address().equals(address)) {
                    continue;
                }
                if (report.clientId().isPresent() && report.clientId().getAsLong() == s.started.request().clientId()) {
                    return s;
                }
                if (report.playerGuid().isPresent() && report.playerGuid().equals(s.started.request().playerGuid())
                        && (byGuid == null || s.started.client().connectedSince().isAfter(byGuid.started.client().connectedSince()))) {
                    byGuid = s;
                }
            }
        }
        return byGuid;
    }

    /** The waiting sessions whose wait is over at {@code now} (all of them, when {@code all}), taken out. */
    List<Session> due(Instant now, boolean all) {
        List<Session> due = new ArrayList<>();
        for (Iterator<Session> it = waiting.iterator(); it.hasNext(); ) {
            Session s = it.next();
            if (!all && s.waitUntil.isAfter(now)) {
                break;
            }
            it.remove();
            due.add(s);
        }
        return due;
    }

    /** The sessions playing. */
    Collection<Session> playing() {
        return live.values();
    }

    /** The sessions playing whose last line was before {@code before}, oldest first. */
    List<Session> lastLineBefore(Instant before) {
        List<Session> due = new ArrayList<>();
        for (Session s : live.values()) {
            if (!s.lastLine.isBefore(before)) {
                break; // the rest came later
            }
            due.add(s);
        }
        return due;
    }

    /** An interim line was written for {@code s} (playing) at {@code now}: it goes to the end of the order. */
    void lineWritten(Session s, Instant now) {
        Key key = new Key(s.started.point(), s.started.client().id());
        if (live.remove(key) == s) {
            s.lastLine = now;
            live.put(key, s);
        }
    }
}

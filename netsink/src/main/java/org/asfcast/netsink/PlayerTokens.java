package org.asfcast.netsink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.asfcast.netsink.wire.TokenRedaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which player tokens open a point: none asked for ({@link #NONE}), a list from the config
 * ({@link #list}), or an outside {@link TokenHook} ({@link #hook}). Immutable; a reload makes a
 * new one. Checking never blocks: a list is answered at once, a hook's answer arrives on the
 * player's event loop.
 */
public abstract sealed class PlayerTokens {

    /** What a check found. */
    enum Check {
        /** The token opens the point. */
        ADMITTED,
        /** It does not (403). */
        REFUSED,
        /** It could not be checked: the hook is slow or failing (503: fail closed). */
        UNAVAILABLE
    }

    /** A point that asks for no token. */
    public static final PlayerTokens NONE = new None();

    private static final Logger log = LoggerFactory.getLogger(PlayerTokens.class);

    PlayerTokens() {
    }

    /** The tokens in {@code tokens} open the point; compared in constant time. */
    public static PlayerTokens list(Collection<String> tokens) {
        return new Listed(tokens);
    }

    /**
     * The hook decides; it is given at most {@code timeout} to answer (then 503), and its answers
     * are kept for {@code cache} per token, address and point (zero: asked every time).
     */
    public static PlayerTokens hook(TokenHook hook, Duration timeout, Duration cache) {
        return new Hooked(hook, timeout, cache, System::nanoTime);
    }

    /** Whether a token is asked for at all. */
    public boolean asksForToken() {
        return this != NONE;
    }

    /**
     * Checks {@code question}'s token; the future completes on {@code loop} (the player's event
     * loop) unless the answer is known at once, when it is complete already.
     */
    abstract CompletableFuture<Check> check(TokenHook.Question question, ScheduledExecutorService loop);

    private static final class None extends PlayerTokens {
        @Override
        CompletableFuture<Check> check(TokenHook.Question question, ScheduledExecutorService loop) {
            return CompletableFuture.completedFuture(Check.REFUSED);
        }

        @Override
        public String toString() {
            return "no tokens";
        }
    }

    /** A fixed list. Its tokens are kept as SHA-256 digests, so that every comparison takes the same time. */
    static final class Listed extends PlayerTokens {
        private final List<byte[]> digests;
        private final int size;

        Listed(Collection<String> tokens) {
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("a token list needs at least one token");
            }
            digests = tokens.stream().map(Listed::digest).toList();
            size = tokens.size();
        }

        @Override
        CompletableFuture<Check> check(TokenHook.Question question, ScheduledExecutorService loop) {
            return CompletableFuture.completedFuture(contains(question.token()) ? Check.ADMITTED : Check.REFUSED);
        }

        /** Whether {@code token} is on the list: every entry is compared, whatever matched. */
        boolean contains(String token) {
            byte[] presented = digest(token);
            boolean found = false;
            for (byte[] d : digests) {
                found |= MessageDigest.isEqual(d, presented);
            }
            return found;
        }

        static byte[] digest(String token) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        @Override
        public String toString() {
            return size + (size == 1 ? " token" : " tokens");
        }
    }

    /** An outside hook, bounded in time, its answers cached. */
    static final class Hooked extends PlayerTokens {
        /** Answers kept at most; past this, expired ones go, and if none had, all go (a flood of made-up tokens). */
        static final int MOST_CACHED = 10_000;

        private final TokenHook hook;
        private final Duration timeout;
        private final long cacheNanos;
        private final LongSupplier clock;
        private final Map<Key, Cached> cache = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong lastLogged = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicInteger unlogged = new java.util.concurrent.atomic.AtomicInteger();
        /** The least time between two lines about a failing hook. */
        static final int LOG_EVERY_SECONDS = 10;

        /** What an answer is kept for: the user agent is told to the hook, but one answer serves every player program. */
        private record Key(String token, java.net.InetAddress address, String point) {
            static Key of(TokenHook.Question q) {
                return new Key(q.token(), q.address(), q.point());
            }
        }

        private record Cached(Check check, long until) {
        }

        Hooked(TokenHook hook, Duration timeout, Duration cache, LongSupplier clock) {
            this.hook = Objects.requireNonNull(hook, "hook");
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            this.cacheNanos = cache.toNanos();
            this.clock = clock;
            if (timeout.isZero() || timeout.isNegative() || cache.isNegative()) {
                throw new IllegalArgumentException("a hook needs a positive timeout and a cache time of zero or more");
            }
        }

        @Override
        CompletableFuture<Check> check(TokenHook.Question question, ScheduledExecutorService loop) {
            Cached known = cache.get(Key.of(question));
            long now = clock.getAsLong();
            if (known != null && now - known.until() < 0) {
                return CompletableFuture.completedFuture(known.check());
            }
            CompletableFuture<Check> result = new CompletableFuture<>();
            CompletableFuture<TokenHook.Answer> asked;
            try {
                asked = hook.ask(question);
            } catch (RuntimeException e) {
                asked = CompletableFuture.failedFuture(e);
            }
            CompletableFuture<TokenHook.Answer> answer = asked;
            // Both the timer and the answer run on the loop, so "not done yet" cannot change between
            // the look and the completion; the line is counted before the caller hears (and may ask again).
            ScheduledFuture<?> timer = loop.schedule(() -> {
                if (!result.isDone()) {
                    failed("did not answer within " + timeout.toMillis() + " ms", question);
                    result.complete(Check.UNAVAILABLE);
                    answer.cancel(true);
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            answer.whenComplete((a, failure) -> onLoop(loop, () -> {
                timer.cancel(false);
                if (failure != null) {
                    if (!result.isDone()) {
                        failed("failed: " + reason(failure), question);
                        result.complete(Check.UNAVAILABLE);
                    }
                    return;
                }
                Check check = a == TokenHook.Answer.ADMIT ? Check.ADMITTED : Check.REFUSED;
                remember(question, check);
                result.complete(check);
            }));
            return result;
        }

        /**
         * One line per failure, but at most one every {@value #LOG_EVERY_SECONDS} s with a count of
         * the rest: a hook that is down under a crowd of players must not flood the log.
         */
        private void failed(String what, TokenHook.Question question) {
            long now = clock.getAsLong();
            long last = lastLogged.get();
            if (last != 0 && now - last < LOG_EVERY_SECONDS * 1_000_000_000L || !lastLogged.compareAndSet(last, now == 0 ? 1 : now)) {
                unlogged.incrementAndGet();
                return;
            }
            int more = unlogged.getAndSet(0);
            log.warn("the token hook {} for {}: refused with 503{}", what, question,
                    more == 0 ? "" : " (and " + more + " more refused so since the last such line)");
        }

        private void remember(TokenHook.Question question, Check check) {
            if (cacheNanos == 0) {
                return;
            }
            long now = clock.getAsLong();
            if (cache.size() >= MOST_CACHED) {
                cache.values().removeIf(c -> now - c.until() >= 0);
                if (cache.size() >= MOST_CACHED) {
                    cache.clear();
                }
            }
            cache.put(Key.of(question), new Cached(check, now + cacheNanos));
        }

        /** How many answers are kept now. */
        int cached() {
            return cache.size();
        }

        private static String reason(Throwable failure) {
            Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return t.getMessage() == null ? t.toString() : t.getMessage();
        }

        private static void onLoop(ScheduledExecutorService loop, Runnable task) {
            try {
                loop.execute(task);
            } catch (RejectedExecutionException e) {
                // The loop stopped with its server, and closed the player's connection as it did.
            }
        }

        @Override
        public String toString() {
            return "a token hook (timeout " + timeout.toMillis() + " ms, cached " + cacheNanos / 1_000_000 + " ms)";
        }
    }
}

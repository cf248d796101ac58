package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.asfcast.netsink.wire.HeadParseResult;
import org.asfcast.netsink.wire.PlayerCredentials;
import org.asfcast.netsink.wire.RequestHeadParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a point's guard answers for each kind of credential, without sockets. */
class PointGuardTest {

    private static final InetAddress HOME = InetAddress.getLoopbackAddress();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    private static PlayerCredentials request(String target, String... fields) {
        StringBuilder r = new StringBuilder("GET " + target + " HTTP/1.0\r\n");
        for (String f : fields) {
            r.append(f).append("\r\n");
        }
        HeadParseResult result = new RequestHeadParser(8192)
                .feed(ByteBuffer.wrap(r.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1)));
        return PlayerCredentials.of(((HeadParseResult.Complete) result).head());
    }

    private PointGuard.Verdict check(PointGuard guard, PlayerCredentials c) throws Exception {
        return guard.check(c, HOME, "/radio", "NSPlayer/7.0", loop).get(5, TimeUnit.SECONDS);
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOpenPointAdmitsAnyone() throws Exception {
        assertThat(PointGuard.of(PlayerTokens.NONE, Map.of())).isSameAs(PointGuard.OPEN);
        assertThat(check(PointGuard.OPEN, request("/radio"))).isInstanceOf(PointGuard.Admit.class);
    }

    @Test
    void aListedTokenAdmitsInEitherForm() throws Exception {
        PointGuard guard = PointGuard.of(PlayerTokens.list(List.of("first-token", "second-token")), Map.of());
        assertThat(check(guard, request("/radio?token=second-token"))).isInstanceOf(PointGuard.Admit.class);
        assertThat(check(guard, request("/t/first-token/radio"))).isInstanceOf(PointGuard.Admit.class);
    }

    @Test
    void aWrongTokenIs403AndNoTokenIs401WithoutAChallenge() throws Exception {
        PointGuard guard = PointGuard.of(PlayerTokens.list(List.of("first-token")), Map.of());
        assertThat(check(guard, request("/radio?token=first-tokeN"))).isEqualTo(new PointGuard.Refuse(403,
                "This token does not open this stream; ask whoever gave you the link for a new one.", false));
        assertThat(check(guard, request("/radio"))).isEqualTo(new PointGuard.Refuse(401,
                "This stream needs a token: open /t/TOKEN/radio or /radio?token=TOKEN.", false));
        // Basic credentials mean nothing to a point without users.
        assertThat(check(guard, request("/radio", basic("a", "b")))).extracting(v -> ((PointGuard.Refuse) v).status())
                .isEqualTo(401);
    }

    @Test
    void usersPlayWithBasicAndA401ChallengesForThem() throws Exception {
        PointGuard guard = PointGuard.of(PlayerTokens.list(List.of("first-token")), Map.of("mp", "pass word:1"));
        assertThat(check(guard, request("/radio", basic("mp", "pass word:1")))).isInstanceOf(PointGuard.Admit.class);
        assertThat(check(guard, request("/radio", basic("mp", "pass word:2"))))
                .isEqualTo(new PointGuard.Refuse(403, "The user name or password is wrong for this stream.", false));
        assertThat(check(guard, request("/radio", basic("pm", "pass word:1")))).isInstanceOf(PointGuard.Refuse.class);
        assertThat(check(guard, request("/radio"))).isEqualTo(new PointGuard.Refuse(401,
                "This stream needs a token: open /t/TOKEN/radio or /radio?token=TOKEN, or a user name and password.", true));
        // A token still works beside the users.
        assertThat(check(guard, request("/radio?token=first-token"))).isInstanceOf(PointGuard.Admit.class);
    }

    @Test
    void aPointWithUsersOnlyAsksForThem() throws Exception {
        PointGuard guard = PointGuard.of(PlayerTokens.NONE, Map.of("mp", "secret"));
        assertThat(check(guard, request("/radio?token=anything1"))).isEqualTo(
                new PointGuard.Refuse(401, "This stream needs a user name and password.", true));
    }

    @Test
    void aHookIsAskedWithAddressPointUserAgentAndToken() throws Exception {
        List<TokenHook.Question> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        TokenHook hook = q -> {
            asked.add(q);
            return CompletableFuture.supplyAsync(() -> q.token().equals("good-token") ? TokenHook.Answer.ADMIT
                    : TokenHook.Answer.REFUSE);
        };
        PointGuard guard = PointGuard.of(PlayerTokens.hook(hook, Duration.ofSeconds(2), Duration.ZERO), Map.of());
        assertThat(check(guard, request("/radio?token=good-token"))).isInstanceOf(PointGuard.Admit.class);
        assertThat(check(guard, request("/radio?token=bad-token1"))).extracting(v -> ((PointGuard.Refuse) v).status())
                .isEqualTo(403);
        assertThat(asked).containsExactly(new TokenHook.Question(HOME, "/radio", "NSPlayer/7.0", "good-token"),
                new TokenHook.Question(HOME, "/radio", "NSPlayer/7.0", "bad-token1"));
    }

    @Test
    void aHookThatNeverAnswersFailsClosedWithinItsTimeout() throws Exception {
        PointGuard guard = PointGuard.of(PlayerTokens.hook(q -> new CompletableFuture<>(), Duration.ofMillis(300),
                Duration.ofMinutes(1)), Map.of());
        long start = System.nanoTime();
        PointGuard.Verdict v = check(guard, request("/radio?token=good-token"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(v).isEqualTo(new PointGuard.Refuse(503, "The token could not be checked just now; try again in a minute.",
                false));
        assertThat(millis).isBetween(250L, 3000L);
    }

    @Test
    void aFailingHookFailsClosedAndIsNotCached() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        PointGuard guard = PointGuard.of(PlayerTokens.hook(q -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new java.io.IOException("the hook answered 500"));
        }, Duration.ofSeconds(2), Duration.ofMinutes(1)), Map.of());
        assertThat(check(guard, request("/radio?token=good-token"))).extracting(v -> ((PointGuard.Refuse) v).status())
                .isEqualTo(503);
        assertThat(check(guard, request("/radio?token=good-token"))).extracting(v -> ((PointGuard.Refuse) v).status())
                .isEqualTo(503);
        assertThat(calls).hasValue(2);
    }

    @Test
    void answersAreCachedPerTokenAddressAndPointForTheirTime() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        PlayerTokens.Hooked tokens = new PlayerTokens.Hooked(q -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(TokenHook.Answer.ADMIT);
        }, Duration.ofSeconds(2), Duration.ofSeconds(60), now::get);
        TokenHook.Question q = new TokenHook.Question(HOME, "/radio", "NSPlayer/7.0", "good-token");
        assertThat(tokens.check(q, loop).get(5, TimeUnit.SECONDS)).isEqualTo(PlayerTokens.Check.ADMITTED);
        // Another player program at the same address with the same token: the same answer.
        assertThat(tokens.check(new TokenHook.Question(HOME, "/radio", "VLC/3", "good-token"), loop)
                .get(5, TimeUnit.SECONDS)).isEqualTo(PlayerTokens.Check.ADMITTED);
        assertThat(calls).hasValue(1);
        tokens.check(new TokenHook.Question(HOME, "/tv", "NSPlayer/7.0", "good-token"), loop).get(5, TimeUnit.SECONDS);
        tokens.check(new TokenHook.Question(InetAddress.getByName("10.0.0.1"), "/radio", "NSPlayer/7.0", "good-token"), loop)
                .get(5, TimeUnit.SECONDS);
        assertThat(calls).hasValue(3);
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        tokens.check(q, loop).get(5, TimeUnit.SECONDS);
        assertThat(calls).hasValue(4);
    }

    @Test
    void theCacheStaysBounded() throws Exception {
        AtomicLong now = new AtomicLong();
        PlayerTokens.Hooked tokens = new PlayerTokens.Hooked(q -> CompletableFuture.completedFuture(TokenHook.Answer.REFUSE),
                Duration.ofSeconds(2), Duration.ofSeconds(60), now::get);
        for (int i = 0; i < PlayerTokens.Hooked.MOST_CACHED + 10; i++) {
            tokens.check(new TokenHook.Question(HOME, "/radio", "x", "made-up-" + i), loop).get(5, TimeUnit.SECONDS);
        }
        assertThat(tokens.cached()).isLessThanOrEqualTo(PlayerTokens.Hooked.MOST_CACHED);
    }

    @Test
    void aFailingHookIsOneLogLineInTenSecondsWithACountOfTheRest() throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(PlayerTokens.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            AtomicLong now = new AtomicLong(5);
            PlayerTokens.Hooked tokens = new PlayerTokens.Hooked(
                    q -> CompletableFuture.failedFuture(new java.io.IOException("the hook answered 500")),
                    Duration.ofSeconds(2), Duration.ZERO, now::get);
            TokenHook.Question q = new TokenHook.Question(HOME, "/radio", "x", "abcdefghijkl");
            for (int i = 0; i < 5; i++) {
                assertThat(tokens.check(q, loop).get(5, TimeUnit.SECONDS)).isEqualTo(PlayerTokens.Check.UNAVAILABLE);
            }
            now.addAndGet(Duration.ofSeconds(11).toNanos());
            tokens.check(q, loop).get(5, TimeUnit.SECONDS);
            assertThat(lines.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).containsExactly(
                    "the token hook failed: the hook answered 500 for Question[127.0.0.1, /radio, ?token=abcd\u2026]: refused with 503",
                    "the token hook failed: the hook answered 500 for Question[127.0.0.1, /radio, ?token=abcd\u2026]: refused with 503"
                            + " (and 4 more refused so since the last such line)");
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void aQuestionPrintsTheTokenShortened() {
        assertThat(new TokenHook.Question(HOME, "/radio", "x", "abcdefghijkl").toString())
                .contains("abcd\u2026").doesNotContain("abcdefghijkl");
    }
}

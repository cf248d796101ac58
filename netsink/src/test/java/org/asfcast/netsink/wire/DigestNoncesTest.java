package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Stateless nonces: fresh, then stale; never accepted from another key, realm or after tampering. */
class DigestNoncesTest {

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final DigestNonces nonces = new DigestNonces(new byte[32], Duration.ofMinutes(5), now::get);

    @Test
    void aNonceIsFreshForItsLifetimeThenStale() {
        String nonce = nonces.make("/live");
        assertThat(nonce).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(nonces.freshness(nonce, "/live")).isEqualTo(DigestNonces.Freshness.FRESH);
        now.addAndGet(Duration.ofMinutes(5).toMillis());
        assertThat(nonces.freshness(nonce, "/live")).isEqualTo(DigestNonces.Freshness.FRESH);
        now.incrementAndGet();
        assertThat(nonces.freshness(nonce, "/live")).isEqualTo(DigestNonces.Freshness.STALE);
        assertThat(nonces.make("/live")).isNotEqualTo(nonce);
    }

    @Test
    void aNonceFromAnotherKeyOrRealmOrTamperedWithIsForeign() {
        String nonce = nonces.make("/live");
        assertThat(nonces.freshness(nonce, "/other")).isEqualTo(DigestNonces.Freshness.FOREIGN);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(new DigestNonces(otherKey, Duration.ofMinutes(5), now::get).freshness(nonce, "/live"))
                .isEqualTo(DigestNonces.Freshness.FOREIGN);
        assertThat(new DigestNonces().freshness(new DigestNonces().make("/live"), "/live"))
                .as("every instance has its own random key").isEqualTo(DigestNonces.Freshness.FOREIGN);
        // A later time with the old MAC: the time is what an attacker would move.
        char[] chars = nonce.toCharArray();
        chars[5] = chars[5] == 'A' ? 'B' : 'A';
        assertThat(nonces.freshness(new String(chars), "/live")).isEqualTo(DigestNonces.Freshness.FOREIGN);
        for (String bad : new String[] {"", "abc", "!!!!", nonce + "AA", nonce.substring(0, 31)}) {
            assertThat(nonces.freshness(bad, "/live")).as("%s", bad).isEqualTo(DigestNonces.Freshness.FOREIGN);
        }
    }
}

package org.asfcast.netsink.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Digest nonces that need no memory: the time a nonce was made and an HMAC-SHA-256 of that time
 * and the realm under a random key of this instance. Only this instance can make one that passes,
 * one made for another realm does not, and its age tells when it is stale. A nonce answered again
 * within its lifetime is not caught (there is nothing to remember it in); the lifetime bounds that.
 * Thread-safe.
 */
public final class DigestNonces {

    /** How long a nonce is fresh, unless told otherwise. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    private static final int MAC_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a nonce a client answered is. */
    public enum Freshness {
        /** Made here, within its lifetime. */
        FRESH,
        /** Made here, but older than its lifetime: the client is told {@code stale=true}. */
        STALE,
        /** Not made here (forged, mangled, for another realm, or before a restart). */
        FOREIGN
    }

    private final byte[] key;
    private final Duration lifetime;
    private final LongSupplier clock;

    /** Nonces under a new random key, fresh for {@link #DEFAULT_LIFETIME}. */
    public DigestNonces() {
        this(randomKey(), DEFAULT_LIFETIME, System::currentTimeMillis);
    }

    /**
     * Nonces under {@code key}.
     *
     * @param clock the time in milliseconds
     */
    public DigestNonces(byte[] key, Duration lifetime, LongSupplier clock) {
        this.key = key.clone();
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new nonce for {@code realm}: base64url of the time and its HMAC, 32 characters. */
    public String make(String realm) {
        byte[] time = ByteBuffer.allocate(8).putLong(clock.getAsLong()).array();
        byte[] nonce = Arrays.copyOf(time, 8 + MAC_BYTES);
        System.arraycopy(mac(time, realm), 0, nonce, 8, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    /** What {@code nonce}, answered for {@code realm}, is. */
    public Freshness freshness(String nonce, String realm) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Freshness.FOREIGN;
        }
        if (bytes.length != 8 + MAC_BYTES) {
            return Freshness.FOREIGN;
        }
        byte[] time = Arrays.copyOf(bytes, 8);
        if (!MessageDigest.isEqual(Arrays.copyOfRange(bytes, 8, bytes.length), mac(time, realm))) {
            return Freshness.FOREIGN;
        }
        long age = clock.getAsLong() - ByteBuffer.wrap(time).getLong();
        return age <= lifetime.toMillis() ? Freshness.FRESH : Freshness.STALE;
    }

    private byte[] mac(byte[] time, String realm) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(time);
            mac.update(realm.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}

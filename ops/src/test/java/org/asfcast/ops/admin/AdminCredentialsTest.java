package org.asfcast.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminCredentialsTest {

    private final AdminCredentials both = new AdminCredentials(Optional.of("s3cret"), Optional.of("ops"),
            Optional.of("pa:ss"));

    private static Optional<String> basic(String pair) {
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theRightBearerTokenIsTheTokenCaller() {
        assertThat(both.caller(Optional.of("Bearer s3cret"))).contains("token");
        assertThat(both.caller(Optional.of("bearer   s3cret "))).contains("token");
        assertThat(both.caller(Optional.of("Bearer s3cre"))).isEmpty();
        assertThat(both.caller(Optional.of("Bearer s3cret2"))).isEmpty();
        assertThat(both.caller(Optional.of("Bearer"))).isEmpty();
    }

    @Test
    void basicNeedsBothUserAndPassword() {
        assertThat(both.caller(basic("ops:pa:ss"))).contains("ops");
        assertThat(both.caller(basic("ops:wrong"))).isEmpty();
        assertThat(both.caller(basic("nobody:pa:ss"))).isEmpty();
        assertThat(both.caller(basic("ops"))).isEmpty();
        assertThat(both.caller(Optional.of("Basic !!!not-base64"))).isEmpty();
    }

    @Test
    void aSchemeNotConfiguredLetsNoOneIn() {
        AdminCredentials tokenOnly = AdminCredentials.token("t");
        assertThat(tokenOnly.caller(basic("t:t"))).isEmpty();
        assertThat(tokenOnly.caller(Optional.of("Digest t"))).isEmpty();
        assertThat(tokenOnly.caller(Optional.empty())).isEmpty();
    }

    @Test
    void withNoCredentialAnyoneIsLetIn() {
        assertThat(AdminCredentials.none().required()).isFalse();
        assertThat(AdminCredentials.none().caller(Optional.empty())).contains(AdminCredentials.ANYONE);
    }

    @Test
    void aUserNeedsAPasswordAndSecretsNeverPrint() {
        assertThatThrownBy(() -> new AdminCredentials(Optional.empty(), Optional.of("u"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(both.toString()).doesNotContain("s3cret").doesNotContain("pa:ss");
    }
}

package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.asfcast.asf.testing.Certificates;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS port with certificates made by openssl: FFmpeg plays {@code https://} (verifying against
 * the test CA, and without verifying), curl reads the metafile; an expired or wrong-host
 * certificate is the client's error while the server goes on serving, and a new certificate
 * applies to the next connection. {@link TlsContexts} names the file at fault.
 */
@Tag("interop")
class TlsPortInteropTest {

    @TempDir
    static Path dir;
    static Certificates certificates;
    static Certificates.Pair valid;
    static StreamingServer server;
    static FilePlayout playout;
    static int tlsPort;

    @BeforeAll
    static void serve() throws Exception {
        Path media = Ffmpeg.make(dir.resolve("source.wmv"), "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050", "-t", "20",
                "-c:v", "wmv2", "-b:v", "200k", "-g", "25", "-c:a", "wmav2", "-b:a", "32k", "-f", "asf");
        certificates = Certificates.make(dir);
        valid = certificates.valid("server");
        server = new StreamingServer(ServerSettings.defaults());
        BroadcastPoint radio = new BroadcastPoint("/radio", NetworkSinkConfig.builder().resolveNames(false).build()
                .pointSettings());
        radio.guard(PointGuard.of(PlayerTokens.list(List.of("tls-token-1")), Map.of()));
        server.publish("/radio", radio);
        server.publish("/files", new ArchivePoint("/files", dir, ArchiveSettings.defaults()));
        playout = new FilePlayout(media, radio).start();
        server.open(0);
        tlsPort = server.openTls(0, TlsContexts.server(valid.certificate(), valid.key()));
        Thread.sleep(1500);
    }

    @AfterAll
    static void stop() throws Exception {
        playout.close();
        server.close();
    }

    private static ProcessRun ffmpeg(String... tls) {
        List<String> command = new java.util.ArrayList<>(List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error"));
        command.addAll(List.of(tls));
        command.addAll(List.of("-i", "https://127.0.0.1:" + tlsPort + "/radio?token=tls-token-1", "-t", "3", "-map", "0",
                "-f", "framemd5", "-"));
        return ProcessRun.run(Duration.ofSeconds(40), dir, command);
    }

    private static long videoFrames(ProcessRun run) {
        return run.stdout().lines().filter(l -> l.startsWith("0,")).count();
    }

    @Test
    void ffmpegPlaysHttpsVerifyingTheCertificateAndWithoutVerifying() {
        ProcessRun verified = ffmpeg("-tls_verify", "1", "-ca_file", certificates.ca().toString());
        assertThat(verified.exitCode()).as("FFmpeg's exit; stderr: %s", verified.stderr()).isZero();
        assertThat(videoFrames(verified)).isGreaterThanOrEqualTo(70);
        ProcessRun unverified = ffmpeg("-tls_verify", "0");
        assertThat(unverified.exitCode()).as("FFmpeg's exit; stderr: %s", unverified.stderr()).isZero();
        assertThat(videoFrames(unverified)).isGreaterThanOrEqualTo(70);
    }

    @Test
    void curlReadsTheTokenedMetafileOverTlsWithAnHttpsLink() {
        ProcessRun run = ProcessRun.run(Duration.ofSeconds(20), dir, List.of("curl", "-sS", "--cacert",
                certificates.ca().toString(), "https://127.0.0.1:" + tlsPort + "/t/tls-token-1/radio.asx"));
        assertThat(run.exitCode()).as("curl's exit; stderr: %s", run.stderr()).isZero();
        assertThat(run.stdout()).contains("<REF HREF=\"https://127.0.0.1:" + tlsPort + "/t/tls-token-1/radio\" />")
                .doesNotContain("mms://");
        ProcessRun refused = ProcessRun.run(Duration.ofSeconds(20), dir, List.of("curl", "-sS", "-w", "%{http_code}",
                "--cacert", certificates.ca().toString(), "https://127.0.0.1:" + tlsPort + "/radio.asx"));
        assertThat(refused.stdout()).startsWith("This stream needs a token").endsWith("401");
    }

    @Test
    void anOnDemandFileComesWholeAndByRangeOverTls() throws Exception {
        Path copy = dir.resolve("copy.wmv");
        String url = "https://127.0.0.1:" + tlsPort + "/files/source.wmv";
        ProcessRun whole = ProcessRun.run(Duration.ofSeconds(30), dir, List.of("curl", "-sS", "--cacert",
                certificates.ca().toString(), "-o", copy.toString(), url));
        assertThat(whole.exitCode()).as("curl: %s", whole.stderr()).isZero();
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(dir.resolve("source.wmv")));
        ProcessRun part = ProcessRun.run(Duration.ofSeconds(30), dir, List.of("curl", "-sS", "--cacert",
                certificates.ca().toString(), "-r", "100-199", "-o", copy.toString(), url));
        assertThat(part.exitCode()).as("curl: %s", part.stderr()).isZero();
        assertThat(Files.readAllBytes(copy)).isEqualTo(java.util.Arrays.copyOfRange(
                Files.readAllBytes(dir.resolve("source.wmv")), 100, 200));
    }

    @Test
    void anExpiredOrWrongHostCertificateIsTheClientsErrorAndTheServerServesOn() throws Exception {
        for (Certificates.Pair bad : List.of(certificates.expired("expired"), certificates.otherHost("elsewhere"))) {
            server.tlsContext(TlsContexts.server(bad.certificate(), bad.key()));
            ProcessRun ff = ffmpeg("-tls_verify", "1", "-ca_file", certificates.ca().toString());
            assertThat(ff.exitCode()).as("FFmpeg with %s", bad.certificate()).isNotZero();
            assertThat(ff.stderr()).as("FFmpeg's complaint").containsIgnoringCase("certificate");
            ProcessRun curl = ProcessRun.run(Duration.ofSeconds(20), dir, List.of("curl", "-sS", "--cacert",
                    certificates.ca().toString(), "https://127.0.0.1:" + tlsPort + "/t/tls-token-1/radio.asx"));
            assertThat(curl.exitCode()).as("curl with %s: %s", bad.certificate(), curl.stderr()).isEqualTo(60);
            // Not verifying, the same certificate serves; the plain port serves all along.
            assertThat(videoFrames(ffmpeg("-tls_verify", "0"))).isGreaterThanOrEqualTo(70);
            assertThat(RawRequest.send(server.port(), "GET /radio.asx?token=tls-token-1 HTTP/1.0\r\n\r\n"))
                    .startsWith("HTTP/1.0 200 OK");
        }
        server.tlsContext(TlsContexts.server(valid.certificate(), valid.key()));
        ProcessRun again = ffmpeg("-tls_verify", "1", "-ca_file", certificates.ca().toString());
        assertThat(again.exitCode()).as("FFmpeg after the good certificate is back: %s", again.stderr()).isZero();
    }

    @Test
    void tlsContextsNameTheFileAtFault() throws Exception {
        Path stray = certificates.strayKey("stray");
        assertThatThrownBy(() -> TlsContexts.server(valid.certificate(), stray))
                .isInstanceOf(TlsContexts.TlsFileException.class)
                .hasMessage(stray + ": is not the private key of the certificate in " + valid.certificate() + " (CN=server)");
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello\n");
        assertThatThrownBy(() -> TlsContexts.server(notPem, valid.key()))
                .hasMessage(notPem + ": holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        Path broken = Files.writeString(dir.resolve("broken.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TlsContexts.server(broken, valid.key())).hasMessageStartingWith(
                broken + ": is not a PEM certificate chain");
        Path sec1 = dir.resolve("sec1.key");
        ProcessRun.succeed(Duration.ofSeconds(20), dir, List.of("openssl", "ec", "-in", valid.key().toString(), "-out",
                sec1.toString()));
        assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");
        assertThatThrownBy(() -> TlsContexts.server(valid.certificate(), sec1)).hasMessageStartingWith(
                sec1 + ": is a PKCS#1 or SEC1 key; asfcast reads PKCS#8");
        assertThatThrownBy(() -> TlsContexts.server(valid.certificate(), dir.resolve("missing.key")))
                .hasMessage(dir.resolve("missing.key") + ": no such file");
    }
}

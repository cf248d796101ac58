package org.asfcast.netsink;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Server TLS contexts from PEM files: a certificate chain (the server's certificate first) and its
 * PKCS#8 private key, as {@code openssl} and certbot write them. The JDK's TLS (no native
 * library). Every problem is a {@link TlsFileException} naming the file and what is wrong with
 * it, including a key that does not belong to the certificate, so a config check reports it
 * before a player meets it.
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    /** A certificate or key file that cannot be used; the message names the file. */
    public static final class TlsFileException extends IOException {
        private final transient Path file;

        TlsFileException(Path file, String problem) {
            super(file + ": " + problem);
            this.file = file;
        }

        /** The file at fault. */
        public Path file() {
            return file;
        }
    }

    /**
     * A server context for the chain in {@code certificate} and the key in {@code key}.
     *
     * @throws TlsFileException when a file cannot be read or parsed, or the key does not match the
     *                          certificate
     */
    public static SslContext server(Path certificate, Path key) throws TlsFileException {
        List<X509Certificate> chain = chain(certificate);
        PrivateKey privateKey = privateKey(key, chain.get(0).getPublicKey().getAlgorithm());
        if (!matches(privateKey, chain.get(0).getPublicKey())) {
            throw new TlsFileException(key, "is not the private key of the certificate in " + certificate
                    + " (" + chain.get(0).getSubjectX500Principal().getName() + ")");
        }
        try {
            return SslContextBuilder.forServer(privateKey, chain).sslProvider(SslProvider.JDK).build();
        } catch (IOException | RuntimeException e) {
            throw new TlsFileException(certificate, "cannot serve TLS with it: " + e.getMessage());
        }
    }

    /** The certificates of a PEM file, the server's first. */
    static List<X509Certificate> chain(Path file) throws TlsFileException {
        byte[] bytes = read(file);
        if (!new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
            throw new TlsFileException(file, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        try {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (chain.isEmpty()) {
                throw new TlsFileException(file, "holds no certificate");
            }
            return chain;
        } catch (CertificateException e) {
            throw new TlsFileException(file, "is not a PEM certificate chain: " + e.getMessage());
        }
    }

    /** The PKCS#8 key of a PEM file, for a certificate whose key is of {@code algorithm}. */
    static PrivateKey privateKey(Path file, String algorithm) throws TlsFileException {
        String text = new String(read(file), StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new TlsFileException(file, "is encrypted; asfcast needs it unencrypted"
                    + " (openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem), readable by asfcast only");
        }
        if (text.matches("(?s).*-----BEGIN (RSA|EC) PRIVATE KEY-----.*")) {
            throw new TlsFileException(file, "is a PKCS#1 or SEC1 key; asfcast reads PKCS#8"
                    + " (convert it: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem)");
        }
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new TlsFileException(file, "holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        String base64 = text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new TlsFileException(file, "is not a PKCS#8 " + algorithm + " private key (the certificate's key is "
                    + algorithm + "): " + e.getMessage());
        }
    }

    /** Whether {@code key} signs what {@code publicKey} verifies: the one test that works for every key type. */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> publicKey.getAlgorithm(); // Ed25519, Ed448
        };
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] read(Path file) throws TlsFileException {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TlsFileException(file, "no such file");
        } catch (IOException e) {
            throw new TlsFileException(file, "cannot be read: " + e.getMessage());
        }
    }
}

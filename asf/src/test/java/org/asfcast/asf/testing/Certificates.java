package org.asfcast.asf.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Certificates made with {@code openssl} at test time: a self-signed CA and, signed by it, server
 * certificates (P-256 keys in PKCS#8 PEM, as certbot writes them) for 127.0.0.1 and localhost,
 * one that expired, and one for another host. Nothing secret is committed.
 *
 * @param folder where the files are
 * @param ca     the CA certificate a verifying client trusts
 */
public record Certificates(Path folder, Path ca) {

    /** A server certificate and its key. */
    public record Pair(Path certificate, Path key) {
    }

    private static final Duration RUN = Duration.ofSeconds(30);

    /** Makes the CA in {@code folder}. */
    public static Certificates make(Path folder) {
        Path openssl = Tools.require("openssl", "openssl");
        run(folder, openssl.toString(), "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca.key");
        run(folder, openssl.toString(), "req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=asfcast test CA", "-days", "30",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-out", "ca.pem");
        return new Certificates(folder, folder.resolve("ca.pem"));
    }

    /** A certificate valid now for 127.0.0.1 and localhost. */
    public Pair valid(String name) {
        return sign(name, "IP:127.0.0.1,DNS:localhost", "20200101000000Z", "20991231000000Z");
    }

    /** A certificate for 127.0.0.1 and localhost that expired in 2021. */
    public Pair expired(String name) {
        return sign(name, "IP:127.0.0.1,DNS:localhost", "20200101000000Z", "20210101000000Z");
    }

    /** A certificate valid now, but for another host (a client that checks the name refuses it). */
    public Pair otherHost(String name) {
        return sign(name, "DNS:elsewhere.example,IP:10.9.8.7", "20200101000000Z", "20991231000000Z");
    }

    /** A key of its own that belongs to no certificate. */
    public Path strayKey(String name) {
        run(folder, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key");
        return folder.resolve(name + ".key");
    }

    /** Signs a new server key with the CA, for {@code names}, valid from {@code start} to {@code end} (YYYYMMDDHHMMSSZ). */
    private Pair sign(String name, String names, String start, String end) {
        try {
            // openssl 3.0's x509 cannot back-date; its ca command can, and wants a small database.
            Path db = Files.createDirectories(folder.resolve(name + "-ca"));
            Files.writeString(db.resolve("index.txt"), "");
            Files.writeString(db.resolve("ext.cnf"), "subjectAltName=" + names + "\nbasicConstraints=CA:FALSE\n"
                    + "extendedKeyUsage=serverAuth\n");
            Files.writeString(db.resolve("ca.cnf"), String.join("\n",
                    "[ca]", "default_ca = test", "[test]", "database = " + db.resolve("index.txt"),
                    "new_certs_dir = " + db, "serial = " + db.resolve("serial"), "default_md = sha256",
                    "policy = any", "unique_subject = no", "copy_extensions = none", "[any]", "commonName = supplied", ""));
            Files.writeString(db.resolve("serial"), Long.toHexString(System.nanoTime() | 0x1000) + "\n");
            run(folder, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key");
            run(folder, "openssl", "req", "-new", "-key", name + ".key", "-subj", "/CN=" + name, "-out", db.resolve("csr.pem").toString());
            run(folder, "openssl", "ca", "-batch", "-config", db.resolve("ca.cnf").toString(), "-cert", ca.toString(),
                    "-keyfile", folder.resolve("ca.key").toString(), "-startdate", start, "-enddate", end,
                    "-extfile", db.resolve("ext.cnf").toString(), "-notext", "-in", db.resolve("csr.pem").toString(),
                    "-out", folder.resolve(name + ".pem").toString());
            return new Pair(folder.resolve(name + ".pem"), folder.resolve(name + ".key"));
        } catch (IOException e) {
            throw new AssertionError("could not prepare openssl's files: " + e.getMessage(), e);
        }
    }

    private static void run(Path folder, String... command) {
        ProcessRun.succeed(RUN, folder, List.of(command));
    }
}

package org.asfcast.cli.config;

import java.nio.file.Path;

/**
 * The server's TLS port: a second port of the same points for plain-HTTP players over
 * {@code https://}. The certificate and key files are read again on every reload, so a renewed
 * certificate applies to new connections without a restart.
 *
 * @param certificate the PEM certificate chain, the server's certificate first
 * @param key         its PKCS#8 PEM private key, unencrypted
 * @param port        the TLS port (0..65535, not the plain one; 0 picks a free one)
 */
public record TlsConfig(Path certificate, Path key, int port) {
}

package org.hikiwake.server.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.hikiwake.codec.wire.Fingerprint;

/**
 * The server's TLS: its certificate and key, the fingerprint students pin,
 * and the handler that speaks TLS on one connection (Netty's
 * {@link SslHandler}, with the JDK's TLS and a handshake time limit).
 */
public final class ServerTls {
  /** A TLS handshake that is not done in this time closes the connection. */
  public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private final SslContext context;
  private final Path certificateFile;
  private final Fingerprint fingerprint;
  private final boolean generated;

  private ServerTls(SslContext context, Path certificateFile, Fingerprint fingerprint,
      boolean generated) {
    this.context = context;
    this.certificateFile = certificateFile;
    this.fingerprint = fingerprint;
    this.generated = generated;
  }

  /**
   * TLS with a certificate chain and its private key, both PEM files (the key
   * in PKCS#8, or PKCS#1 / SEC1 as OpenSSL writes them).
   *
   * @throws TlsSetupException with the file and what is wrong
   */
  public static ServerTls fromFiles(Path certificateFile, Path keyFile) throws TlsSetupException {
    return load(certificateFile, keyFile, false);
  }

  /**
   * TLS with the self-signed certificate kept in {@code dataDir/tls}, made on
   * the first start (the key readable by its owner only), so that the
   * fingerprint students pinned stays the same from class to class.
   *
   * @throws TlsSetupException if the certificate cannot be made or read
   */
  public static ServerTls selfSigned(Path dataDir) throws TlsSetupException {
    Path dir = dataDir.resolve("tls");
    Path cert = dir.resolve(SelfSignedCertificates.CERTIFICATE);
    Path key = dir.resolve(SelfSignedCertificates.KEY);
    boolean made = false;
    if (!Files.exists(cert) && !Files.exists(key)) {
      try {
        SelfSignedCertificates.write(dir);
      } catch (IOException | RuntimeException e) {
        throw new TlsSetupException("cannot make a self-signed certificate in " + dir + ": "
            + e.getMessage(), e);
      }
      made = true;
    } else if (!Files.exists(cert) || !Files.exists(key)) {
      throw new TlsSetupException("found " + (Files.exists(cert) ? cert : key) + " but not "
          + (Files.exists(cert) ? key : cert) + ": restore it, or delete " + dir
          + " to make a new certificate (students then see a changed fingerprint)");
    }
    return load(cert, key, made);
  }

  private static ServerTls load(Path cert, Path key, boolean generated)
      throws TlsSetupException {
    for (Path p : new Path[] {cert, key}) {
      if (!Files.isReadable(p)) {
        throw new TlsSetupException(p + ": no such file, or it cannot be read");
      }
    }
    X509Certificate first;
    try (InputStream in = Files.newInputStream(cert)) {
      first = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | CertificateException | ClassCastException e) {
      throw new TlsSetupException(cert + ": not a PEM certificate: " + e.getMessage(), e);
    }
    SslContext context;
    try {
      context = SslContextBuilder.forServer(cert.toFile(), key.toFile())
          .sslProvider(SslProvider.JDK)
          .protocols("TLSv1.3", "TLSv1.2")
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new TlsSetupException("cannot use the certificate " + cert + " with the key " + key
          + ": " + rootMessage(e), e);
    }
    return new ServerTls(context, cert, Fingerprint.of(first), generated);
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.toString() : c.getMessage();
  }

  /** A handler that speaks TLS on one connection, with the handshake time limit. */
  public SslHandler newHandler(ByteBufAllocator alloc) {
    SslHandler handler = context.newHandler(alloc);
    handler.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT.toMillis());
    return handler;
  }

  /** The fingerprint of the server's certificate, which clients pin. */
  public Fingerprint fingerprint() {
    return fingerprint;
  }

  public Path certificateFile() {
    return certificateFile;
  }

  /** True if this start made the self-signed certificate. */
  public boolean isNew() {
    return generated;
  }
}

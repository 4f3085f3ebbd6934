package org.hikiwake.cli.net;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.hikiwake.codec.wire.Fingerprint;

/**
 * Trusts a server's certificate by its fingerprint alone, as SSH trusts host
 * keys: the one expected if there is one, else (on first use) whatever the
 * server shows, which the caller then keeps. Classroom servers have
 * self-signed certificates, so no authority could vouch for them. It only
 * compares and records (on the connection's I/O thread); reading and writing
 * the known servers happen on the caller's thread, before and after.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
  private final Optional<Fingerprint> expected;
  private volatile Fingerprint presented;

  PinningTrustManager(Optional<Fingerprint> expected) {
    this.expected = expected;
  }

  /** The fingerprint of the certificate the server showed, once it has. */
  Optional<Fingerprint> presented() {
    return Optional.ofNullable(presented);
  }

  /** True if the server showed a certificate other than the one expected. */
  boolean mismatched() {
    Fingerprint p = presented;
    return p != null && expected.isPresent() && !expected.get().equals(p);
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server showed no certificate");
    }
    Fingerprint p = Fingerprint.of(chain[0]);
    presented = p;
    if (expected.isPresent() && !expected.get().equals(p)) {
      throw new CertificateException("the server's certificate " + p
          + " is not the one expected, " + expected.get());
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this client does not accept connections");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("this client does not accept connections");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("this client does not accept connections");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}

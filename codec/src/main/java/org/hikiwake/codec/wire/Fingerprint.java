package org.hikiwake.codec.wire;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a server's TLS certificate, as the server prints
 * it and the client pins it: {@code SHA256:} and the digest in unpadded
 * base64, as SSH shows host keys. Parsing also takes the digest in hex, with
 * or without colons, as browsers and {@code openssl x509 -fingerprint} show it.
 */
public final class Fingerprint {
  private static final String PREFIX = "SHA256:";

  private final byte[] digest;

  private Fingerprint(byte[] digest) {
    this.digest = digest;
  }

  /** The fingerprint of a certificate (of its DER encoding). */
  public static Fingerprint of(X509Certificate certificate) {
    try {
      return new Fingerprint(MessageDigest.getInstance("SHA-256")
          .digest(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the certificate cannot be encoded", e);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java has SHA-256", e);
    }
  }

  /**
   * Parses {@code SHA256:base64}, or 64 hex digits (colons and an {@code SHA256:}
   * prefix allowed).
   *
   * @throws IllegalArgumentException with a message for people
   */
  public static Fingerprint parse(String text) {
    String s = text.strip();
    String body = s.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        ? s.substring(PREFIX.length()) : s;
    String hex = body.replace(":", "");
    if (hex.length() == 64 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      byte[] d = new byte[32];
      for (int i = 0; i < 32; i++) {
        d[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
      }
      return new Fingerprint(d);
    }
    try {
      byte[] d = Base64.getDecoder().decode(body);
      if (d.length == 32) {
        return new Fingerprint(d);
      }
    } catch (IllegalArgumentException e) {
      // not base64 either; the message below says what is expected
    }
    throw new IllegalArgumentException("'" + text + "' is not a certificate fingerprint: expected"
        + " SHA256: and 43 base64 characters, as `hikiwake serve --tls` prints it");
  }

  /** The digest in hex with colons, as browsers show a certificate's SHA-256 fingerprint. */
  public String hex() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < digest.length; i++) {
      if (i > 0) {
        b.append(':');
      }
      b.append(String.format(Locale.ROOT, "%02X", digest[i]));
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint f && MessageDigest.isEqual(digest, f.digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  /** {@code SHA256:} and the digest in unpadded base64. */
  @Override
  public String toString() {
    return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(digest);
  }
}

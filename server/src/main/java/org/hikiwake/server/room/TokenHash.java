package org.hikiwake.server.room;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import java.security.MessageDigest;

/** The SHA-256 of a seat token, which is all a game keeps of it. */
public final class TokenHash {
  private TokenHash() {}

  /** SHA-256 of the token's UTF-8 bytes. */
  public static HashCode of(String token) {
    return Hashing.sha256().hashString(token, UTF_8);
  }

  /** True if the token hashes to the given SHA-256; compares in constant time. */
  public static boolean matches(String token, HashCode sha256) {
    return MessageDigest.isEqual(of(token).asBytes(), sha256.asBytes());
  }
}

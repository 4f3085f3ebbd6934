package org.hikiwake.server.record;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.hash.Hashing;
import com.google.protobuf.ByteString;
import java.security.MessageDigest;

/** The SHA-256 of a seat token, which is all a recording keeps of it (see SeatTaken). */
public final class TokenHash {
  private TokenHash() {}

  /** SHA-256 of the token's UTF-8 bytes. */
  public static ByteString of(String token) {
    return ByteString.copyFrom(Hashing.sha256().hashString(token, UTF_8).asBytes());
  }

  /** True if the token hashes to the given SHA-256; compares in constant time. */
  public static boolean matches(String token, ByteString sha256) {
    return MessageDigest.isEqual(of(token).toByteArray(), sha256.toByteArray());
  }
}

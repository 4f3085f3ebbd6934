package org.hikiwake.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.HashCode;
import org.junit.jupiter.api.Test;

class TokenHashTest {
  @Test
  void of_token_isTheSha256OfItsUtf8Bytes() {
    assertThat(TokenHash.of("abc").bits()).isEqualTo(256);
    assertThat(TokenHash.of("abc")).isEqualTo(HashCode.fromString(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    assertThat(TokenHash.of("日本")).isEqualTo(HashCode.fromString(
        "cf2abf0c5be326cb922a70f8163f91079c4d9aa8655c60ead89ad545c9de2e92"));
  }

  @Test
  void matches_onlyItsOwnToken() {
    assertThat(TokenHash.matches("abc", TokenHash.of("abc"))).isTrue();
    assertThat(TokenHash.matches("abd", TokenHash.of("abc"))).isFalse();
    assertThat(TokenHash.matches("", TokenHash.of("abc"))).isFalse();
  }
}

package org.hikiwake.server.net;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.hikiwake.server.record.GameQuery;

/**
 * Page tokens of ListGames: where the next page starts (the last game's
 * creation time and code), opaque to clients. Keyset paging, so a game that
 * is created or ends between two pages neither repeats nor skips another.
 */
final class PageTokens {
  private static final String PREFIX = "g1:";
  private static final int MAX_TOKEN_CHARS = 200;

  private PageTokens() {}

  static String of(GameQuery.Position p) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        (PREFIX + p.createdAt().toEpochMilli() + ":" + p.gameCode()).getBytes(UTF_8));
  }

  /**
   * The position a token names; empty for an empty token.
   *
   * @throws IllegalArgumentException if this server did not make the token
   */
  static Optional<GameQuery.Position> parse(String token) {
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new IllegalArgumentException("page token too long");
    }
    String text = new String(Base64.getUrlDecoder().decode(token), UTF_8);
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a page token");
    }
    int colon = text.indexOf(':', PREFIX.length());
    if (colon < 0) {
      throw new IllegalArgumentException("not a page token");
    }
    long millis = Long.parseLong(text.substring(PREFIX.length(), colon));
    return Optional.of(new GameQuery.Position(Instant.ofEpochMilli(millis),
        text.substring(colon + 1)));
  }
}

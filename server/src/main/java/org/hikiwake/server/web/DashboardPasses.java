package org.hikiwake.server.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hikiwake.server.classroom.ClassRoom;
import org.hikiwake.server.room.TokenHash;

/**
 * How an instructor's browser gets into a class's dashboard without the
 * instructor token ever reaching it.
 *
 * <p>A <em>pass</em> is a one-time secret that the server hands to the
 * instructor's terminal (in {@code ClassCreated}, or on asking for a fresh
 * link); it works once, for {@link #PASS_LIFE}. The browser trades it for a
 * <em>session cookie</em>: the class code and an expiry, signed with HMAC-SHA256
 * under a key derived from the class's instructor token hash. The server keeps
 * no session table, so a cookie still works after a restart for as long as the
 * class does; passes live in memory only and die with the process. Safe to
 * call from any thread.
 */
public final class DashboardPasses {
  /** How long a pass works. */
  public static final Duration PASS_LIFE = Duration.ofMinutes(5);
  /** How long a session cookie works: a teaching day. */
  public static final Duration SESSION_LIFE = Duration.ofHours(12);
  /** The cookie's name. */
  public static final String COOKIE = "hikiwake_dashboard";
  /** Outstanding passes kept at most; the oldest go first, so a flood cannot grow memory. */
  static final int MAX_PASSES = 1024;
  private static final int PASS_BYTES = 18;

  /** A pass handed out. */
  public record Pass(String secret, Instant expiresAt) {}

  private record Issued(String classCode, Instant expiresAt) {}

  private final Clock clock;
  private final SecureRandom random;
  /** SHA-256 of each outstanding pass: a heap dump does not reveal usable passes. */
  private final Map<HashCode, Issued> passes = new ConcurrentHashMap<>();

  public DashboardPasses(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /** A fresh one-time pass into the class's dashboard. */
  public Pass issue(ClassRoom room) {
    Instant now = clock.instant();
    passes.values().removeIf(i -> !i.expiresAt().isAfter(now));
    while (passes.size() >= MAX_PASSES) {
      passes.entrySet().stream().min(Comparator.comparing(e -> e.getValue().expiresAt()))
          .ifPresent(e -> passes.remove(e.getKey()));
    }
    byte[] bytes = new byte[PASS_BYTES];
    random.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expires = now.plus(PASS_LIFE);
    passes.put(TokenHash.of(secret), new Issued(room.code(), expires));
    return new Pass(secret, expires);
  }

  /** The path a browser opens, with the pass in its fragment (never sent in a request). */
  public static String path(String classCode, Pass pass) {
    return pagePath(classCode) + "#pass=" + pass.secret();
  }

  /** The dashboard page of a class; also the cookie's path. */
  public static String pagePath(String classCode) {
    return "/class/" + classCode + "/";
  }

  /**
   * Uses up a pass: the cookie value to set if it is this class's, unused and
   * in time; empty otherwise. A pass of another class is used up all the same.
   */
  public Optional<String> redeem(ClassRoom room, String secret) {
    if (secret.isEmpty() || secret.length() > 64) {
      return Optional.empty();
    }
    Issued issued = passes.remove(TokenHash.of(secret));
    Instant now = clock.instant();
    if (issued == null || !issued.classCode().equals(room.code())
        || !issued.expiresAt().isAfter(now)) {
      return Optional.empty();
    }
    long expires = now.plus(SESSION_LIFE).toEpochMilli();
    return Optional.of("v1." + expires + "." + sign(room, expires));
  }

  /** True if the cookie value is a session of this class that has not expired. */
  public boolean isSignedIn(ClassRoom room, String cookie) {
    String[] parts = cookie.split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals("v1")) {
      return false;
    }
    long expires;
    try {
      expires = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    if (expires <= clock.millis() || expires > clock.instant().plus(SESSION_LIFE).toEpochMilli()) {
      return false;
    }
    return MessageDigest.isEqual(sign(room, expires).getBytes(UTF_8), parts[2].getBytes(UTF_8));
  }

  private static String sign(ClassRoom room, long expires) {
    byte[] mac = Hashing.hmacSha256(room.dashboardKey())
        .hashString(room.code() + "\n" + expires, UTF_8).asBytes();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
  }
}

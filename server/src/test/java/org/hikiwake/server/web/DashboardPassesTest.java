package org.hikiwake.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateClass;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.TestClient;
import org.hikiwake.server.classroom.ClassRoom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One-time passes and signed sessions, on a clock the test moves. */
class DashboardPassesTest {
  /** A clock that stands still until moved. */
  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-11-02T09:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private HikiwakeServer server;
  private final MovableClock clock = new MovableClock();
  private final DashboardPasses passes = new DashboardPasses(clock, new SecureRandom());
  private ClassRoom room;
  private ClassRoom other;

  @BeforeEach
  void start() throws Exception {
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDurable(false));
    room = newClass();
    other = newClass();
  }

  private ClassRoom newClass() throws Exception {
    try (TestClient c = TestClient.connect(server.port())) {
      String code = c.request(ClientMessage.newBuilder().setCreateClass(CreateClass.newBuilder()
          .setScenarioId("japan-russia-2013"))).getClassCreated().getClassCode();
      return server.classes().find(code).orElseThrow();
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void redeem_aFreshPass_givesASessionOfThisClassOnly() {
    String cookie = passes.redeem(room, passes.issue(room).secret()).orElseThrow();

    assertThat(passes.isSignedIn(room, cookie)).isTrue();
    assertThat(passes.isSignedIn(other, cookie)).isFalse();
  }

  @Test
  void redeem_twice_isRefusedTheSecondTime() {
    String secret = passes.issue(room).secret();

    assertThat(passes.redeem(room, secret)).isPresent();
    assertThat(passes.redeem(room, secret)).isEmpty();
  }

  @Test
  void redeem_afterItsLife_isRefused() {
    String secret = passes.issue(room).secret();

    clock.now = clock.now.plus(DashboardPasses.PASS_LIFE);

    assertThat(passes.redeem(room, secret)).isEmpty();
  }

  @Test
  void redeem_anotherClassesPass_isRefusedAndUsesItUp() {
    String secret = passes.issue(room).secret();

    assertThat(passes.redeem(other, secret)).isEmpty();
    assertThat(passes.redeem(room, secret)).isEmpty();
  }

  @Test
  void isSignedIn_afterTheSessionsLife_isFalse() {
    String cookie = passes.redeem(room, passes.issue(room).secret()).orElseThrow();

    clock.now = clock.now.plus(DashboardPasses.SESSION_LIFE).minus(Duration.ofSeconds(1));
    assertThat(passes.isSignedIn(room, cookie)).isTrue();
    clock.now = clock.now.plus(Duration.ofSeconds(1));
    assertThat(passes.isSignedIn(room, cookie)).isFalse();
  }

  @Test
  void isSignedIn_tamperedOrMadeUp_isFalse() {
    String cookie = passes.redeem(room, passes.issue(room).secret()).orElseThrow();
    String[] parts = cookie.split("\\.");
    long later = Long.parseLong(parts[1]) + 1;

    assertThat(passes.isSignedIn(room, "v1." + later + "." + parts[2])).isFalse();
    assertThat(passes.isSignedIn(room, cookie + "x")).isFalse();
    assertThat(passes.isSignedIn(room, "")).isFalse();
    assertThat(passes.isSignedIn(room, "v1.x.y")).isFalse();
    assertThat(passes.isSignedIn(room, "v2." + parts[1] + "." + parts[2])).isFalse();
  }

  @Test
  void isSignedIn_byAnotherServersPassesOfTheSameClass_isTrue() {
    // no session table: a restarted server (same class, same instructor) accepts the cookie
    String cookie = passes.redeem(room, passes.issue(room).secret()).orElseThrow();

    assertThat(new DashboardPasses(clock, new SecureRandom()).isSignedIn(room, cookie)).isTrue();
  }

  @Test
  void issue_aFlood_keepsAtMostTheCap() {
    String first = passes.issue(room).secret();
    for (int i = 0; i < DashboardPasses.MAX_PASSES; i++) {
      clock.now = clock.now.plusMillis(1);
      passes.issue(room);
    }

    assertThat(passes.redeem(room, first)).isEmpty();
  }
}

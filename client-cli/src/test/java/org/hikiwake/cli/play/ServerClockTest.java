package org.hikiwake.cli.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerClockTest {
  private static final Instant T = Instant.parse("2025-01-06T09:00:00Z");

  @Test
  void now_withoutSamples_isTheLocalTime() {
    assertThat(new ServerClock().now(T)).isEqualTo(T);
  }

  @Test
  void now_localClockAhead_followsTheServer() {
    ServerClock clock = new ServerClock();
    clock.sample(T, T.plusSeconds(30).plusMillis(400));
    clock.sample(T.plusSeconds(5), T.plusSeconds(35).plusMillis(20));
    assertThat(clock.now(T.plusSeconds(60))).isEqualTo(T.plusSeconds(30).minusMillis(20));
  }

  @Test
  void reset_afterARestart_forgetsTheOldServersOffset() {
    ServerClock clock = new ServerClock();
    clock.sample(T, T.plus(Duration.ofMinutes(2)));
    clock.reset();
    assertThat(clock.now(T)).isEqualTo(T);
  }
}

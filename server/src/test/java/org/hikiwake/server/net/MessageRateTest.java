package org.hikiwake.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageRateTest {
  static final long START = 1_000_000_000L;

  @Test
  void tryAcquire_burst_thenRefused() {
    MessageRate rate = new MessageRate(10, 3, START);

    assertThat(rate.tryAcquire(START)).isTrue();
    assertThat(rate.tryAcquire(START)).isTrue();
    assertThat(rate.tryAcquire(START)).isTrue();
    assertThat(rate.tryAcquire(START)).isFalse();
    assertThat(rate.tryAcquire(START + millis(50))).as("half a token is not enough").isFalse();
  }

  @Test
  void tryAcquire_afterRefusal_refillsAtTheSustainedRate() {
    MessageRate rate = new MessageRate(10, 3, START);
    for (int i = 0; i < 3; i++) {
      rate.tryAcquire(START);
    }
    assertThat(rate.tryAcquire(START)).isFalse();

    long later = START + millis(100);
    assertThat(rate.tryAcquire(later)).as("one token after 1/10 s").isTrue();
    assertThat(rate.tryAcquire(later)).isFalse();
    assertThat(rate.tryAcquire(later + millis(200))).isTrue();
    assertThat(rate.tryAcquire(later + millis(200))).isTrue();
    assertThat(rate.tryAcquire(later + millis(200))).isFalse();
  }

  @Test
  void tryAcquire_longIdle_refillsNoMoreThanTheBurst() {
    MessageRate rate = new MessageRate(10, 3, START);
    rate.tryAcquire(START);

    long muchLater = START + TimeUnit.HOURS.toNanos(1);
    int granted = 0;
    while (rate.tryAcquire(muchLater)) {
      granted++;
    }
    assertThat(granted).isEqualTo(3);
  }

  @Test
  void tryAcquire_newConnection_allowsHelloThenJoinAtOnce() {
    MessageRate rate = new MessageRate(1, 2, START);

    assertThat(rate.tryAcquire(START)).isTrue();
    assertThat(rate.tryAcquire(START + 1)).isTrue();
  }

  private static long millis(long ms) {
    return TimeUnit.MILLISECONDS.toNanos(ms);
  }
}

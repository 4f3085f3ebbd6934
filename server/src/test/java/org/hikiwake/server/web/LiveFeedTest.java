package org.hikiwake.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateClass;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A live feed without Netty: slow readers and floods, on a clock the test moves. */
class LiveFeedTest {
  /** An outbound side that records what is sent and can be made to stop taking more. */
  static final class Recorded implements LiveFeed.Outbound {
    final List<String> sent = new CopyOnWriteArrayList<>();
    volatile boolean writable = true;
    volatile int closedWith;

    @Override
    public void send(String text) {
      sent.add(text);
    }

    @Override
    public boolean isWritable() {
      return writable;
    }

    @Override
    public boolean isOpen() {
      return closedWith == 0;
    }

    @Override
    public void close(int status, String reason) {
      closedWith = status;
    }

    @Override
    public String describe() {
      return "test";
    }
  }

  private HikiwakeServer server;
  private final Recorded out = new Recorded();
  private final AtomicLong nanos = new AtomicLong();
  private LiveFeed feed;

  @BeforeEach
  void start() throws Exception {
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDurable(false));
    String code;
    try (TestClient c = TestClient.connect(server.port())) {
      code = c.request(ClientMessage.newBuilder().setCreateClass(CreateClass.newBuilder()
          .setScenarioId("japan-russia-2013"))).getClassCreated().getClassCode();
    }
    feed = new LiveFeed(server.dashboard(), new Dashboard.Live(
        server.classes().find(code).orElseThrow(), BoardJson.View.PROJECTOR), out,
        Runnable::run, nanos::get);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void start_sendsTheBoardAtOnce() {
    feed.start();

    await().atMost(Duration.ofSeconds(5)).until(() -> out.sent.size() == 1);
    assertThat(out.sent.get(0)).startsWith("{\"type\":\"board\",\"view\":\"projector\"");
  }

  @Test
  void slowReader_getsOnlyTheLatestBoard_whenItCanTakeIt() {
    out.writable = false;
    feed.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> feed.lastBoard().isPresent());
    feed.refresh();
    feed.refresh();
    assertThat(out.sent).isEmpty();

    out.writable = true;
    feed.pump();

    assertThat(out.sent).hasSize(1);
    assertThat(out.closedWith).isZero();
  }

  @Test
  void slowReader_thatTakesNothingForTooLong_isCutOff() {
    out.writable = false;
    feed.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> feed.lastBoard().isPresent());
    feed.pump();

    nanos.addAndGet(LiveFeed.SLOW_LIMIT_NANOS - 1);
    feed.pump();
    assertThat(out.closedWith).isZero();
    nanos.addAndGet(2);
    feed.pump();

    assertThat(out.closedWith).isEqualTo(LiveFeed.POLICY_VIOLATION);
  }

  @Test
  void frames_atTheLimitAreKept_oneMoreInASecondIsCutOff() {
    for (int second = 0; second < 3; second++) {
      for (int i = 0; i < LiveFeed.MAX_FRAMES_PER_SECOND; i++) {
        feed.onFrame();
      }
      nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1001));
    }
    assertThat(out.closedWith).isZero();

    for (int i = 0; i <= LiveFeed.MAX_FRAMES_PER_SECOND; i++) {
      feed.onFrame();
    }

    assertThat(out.closedWith).isEqualTo(LiveFeed.POLICY_VIOLATION);
  }
}

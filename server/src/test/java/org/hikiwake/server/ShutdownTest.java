package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.server.HonestGame.FOUR_ISLANDS;
import static org.hikiwake.server.HonestGame.SCENARIO;
import static org.hikiwake.server.HonestGame.expectDone;
import static org.hikiwake.server.HonestGame.expectJoined;

import java.net.ConnectException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.ServerMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What clients see when the server stops (as on SIGTERM). */
class ShutdownTest {
  @TempDir Path data;
  HikiwakeServer server;
  final List<TestClient> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDataDir(data));
  }

  @AfterEach
  void stop() {
    clients.forEach(TestClient::close);
    server.close();
  }

  @Test
  void close_tellsEveryConnectedClientShuttingDownThenCloses() throws Exception {
    TestClient idle = connect();
    TestClient watcher = connect();
    List<TestClient> players = new ArrayList<>();
    // many seated players in many games, so connections close on every event loop
    for (int i = 0; i < 10; i++) {
      TestClient japan = connect();
      TestClient russia = connect();
      String code = japan.create(SCENARIO, 0, 0);
      expectJoined(japan.join(code, "japan", "Aiko"));
      expectJoined(russia.join(code, "russia", "Boris"));
      japan.awaitEvent(EventView::hasTurnChanged);
      expectDone(japan.propose(FOUR_ISLANDS));
      if (i == 0) {
        assertThat(watcher.watch(code).hasWatching()).isTrue();
      }
      players.add(japan);
      players.add(russia);
    }
    int port = server.port();

    try (LogRecorder log = LogRecorder.start()) {
      server.close();

      List<TestClient> everyone = new ArrayList<>(players);
      everyone.add(idle);
      everyone.add(watcher);
      for (TestClient c : everyone) {
        ServerMessage last = c.nextReply();
        assertThat(last.getRequestId()).isZero();
        assertThat(last.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_SHUTTING_DOWN);
        assertThat(last.getError().getMessage()).contains("resume");
        assertThat(c.awaitClosed()).isTrue();
      }
      assertThat(log.events("ERROR")).as("a clean stop logs no errors").isEmpty();
    }
    assertThat(server.connectionCount()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestClient.connectRaw(port))
        .hasRootCauseInstanceOf(ConnectException.class);
  }

  @Test
  void close_twice_isHarmless() throws Exception {
    TestClient c = connect();
    server.close();
    server.close();

    assertThat(c.nextReply().getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_SHUTTING_DOWN);
    assertThat(c.awaitClosed()).isTrue();
  }

  @Test
  void close_rightAfterPlayersLeave_logsNoErrors() throws Exception {
    List<TestClient> players = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      TestClient japan = connect();
      TestClient russia = connect();
      String code = japan.create(SCENARIO, 0, 0);
      expectJoined(japan.join(code, "japan", "Aiko"));
      expectJoined(russia.join(code, "russia", "Boris"));
      players.add(japan);
      players.add(russia);
    }

    try (LogRecorder log = LogRecorder.start()) {
      // the server learns of these disconnects while it is already stopping
      players.forEach(c -> c.channel().close());
      server.close();

      assertThat(log.events("ERROR")).as("a clean stop logs no errors").isEmpty();
    }
  }

  private TestClient connect() throws InterruptedException {
    TestClient c = TestClient.connect(server.port());
    clients.add(c);
    return c;
  }
}

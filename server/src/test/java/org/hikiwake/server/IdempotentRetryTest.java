package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.JoinSeat;
import org.hikiwake.proto.wire.Propose;
import org.hikiwake.proto.wire.ServerMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that retries a join or a move with its idempotency key gets the original answer. */
class IdempotentRetryTest {
  static final String KEY = "3f1c9a7e5b2d4068a1c3e5f7092b4d6f";
  @TempDir Path data;
  private HikiwakeServer server;

  @BeforeEach
  void start() throws Exception {
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDataDir(data)
        .withMessageRate(1_000, 1_000));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static ClientMessage.Builder join(String code, String role, String key) {
    return ClientMessage.newBuilder().setIdempotencyKey(key).setJoinSeat(JoinSeat.newBuilder()
        .setGameCode(code).setRole(role).setDisplayName("Aiko"));
  }

  static ClientMessage.Builder propose(String key, String... offer) {
    return ClientMessage.newBuilder().setIdempotencyKey(key).setPropose(Propose.newBuilder()
        .setPackage(TestClient.pkg(offer)));
  }

  @Test
  void join_retriedWithTheSameKeyOnANewConnection_getsTheSameSeatAndToken() throws Exception {
    try (TestClient first = TestClient.connect(server.port());
        TestClient retry = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port())) {
      String code = first.create("japan-russia-2013", 0, 0);
      ServerMessage original = first.request(7, join(code, "japan", KEY));
      assertThat(original.hasJoined()).as("%s", original).isTrue();

      ServerMessage again = retry.request(7, join(code, "japan", KEY));

      assertThat(again.hasJoined()).as("%s", again).isTrue();
      assertThat(again.getJoined().getSeatToken())
          .isEqualTo(original.getJoined().getSeatToken());
      assertThat(again.getJoined().getGame().getHistoryList().stream()
          .filter(EventView::hasSeatFilled).count()).as("one seat, not two").isEqualTo(1);
      first.awaitEvent(EventView::hasSeatMoved);
      assertThat(russia.join(code, "russia", "Boris").hasJoined()).isTrue();
      assertThat(retry.propose(CrashRecoveryTest.JAPAN_OFFER).hasDone()).isTrue();
    }
  }

  @Test
  void move_retriedWithTheSameKey_isDoneAndMadeOnce() throws Exception {
    try (TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port());
        TestClient watcher = TestClient.connect(server.port())) {
      String code = japan.create("japan-russia-2013", 0, 0);
      japan.join(code, "japan", "Aiko");
      russia.join(code, "russia", "Boris");
      ServerMessage done = japan.request(11, propose(KEY, CrashRecoveryTest.JAPAN_OFFER));
      assertThat(done.hasDone()).as("%s", done).isTrue();

      ServerMessage again = japan.request(11, propose(KEY, CrashRecoveryTest.JAPAN_OFFER));

      assertThat(again.hasDone()).as("%s", again).isTrue();
      ServerMessage view = watcher.watch(code);
      assertThat(view.getWatching().getGame().getHistoryList().stream()
          .filter(EventView::hasOfferMade).count()).isEqualTo(1);
      assertThat(view.getWatching().getGame().getToMove()).isEqualTo("russia");
      ServerMessage other = japan.request(12, propose("another-key-0123456789",
          CrashRecoveryTest.JAPAN_OFFER));
      assertThat(other.getError().getCode()).as("a new key is a new move")
          .isEqualTo(ErrorCode.ERROR_CODE_NOT_YOUR_TURN);
    }
  }

  @Test
  void request_keyTooShort_isABadRequestAndChangesNothing() throws Exception {
    try (TestClient c = TestClient.connect(server.port())) {
      String code = c.create("japan-russia-2013", 0, 0);
      ServerMessage m = c.request(join(code, "japan", "short"));
      assertThat(m.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_BAD_REQUEST);
      assertThat(m.getError().getMessage()).contains("16 to 64 characters");
      assertThat(c.join(code, "japan", "Aiko").hasJoined()).isTrue();
    }
  }
}

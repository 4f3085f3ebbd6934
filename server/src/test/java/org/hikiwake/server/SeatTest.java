package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.server.ErrorCodeTest.expectError;
import static org.hikiwake.server.HonestGame.NASH;
import static org.hikiwake.server.HonestGame.SCENARIO;
import static org.hikiwake.server.HonestGame.expectDone;
import static org.hikiwake.server.HonestGame.expectJoined;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.JoinSeat;
import org.hikiwake.proto.wire.Joined;
import org.hikiwake.proto.wire.ServerMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seats and their secret tokens. */
class SeatTest {
  @TempDir Path data;
  HikiwakeServer server;

  @BeforeEach
  void start() throws Exception {
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDataDir(data));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void resume_withTheOtherSeatsToken_getsThatSeatNotOwn() throws Exception {
    try (TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port());
        TestClient second = TestClient.connect(server.port())) {
      String code = japan.create(SCENARIO, 0, 0);
      Joined japanSeat = japan.join(code, "japan", "Aiko").getJoined();
      Joined russiaSeat = russia.join(code, "russia", "Boris").getJoined();
      assertThat(japanSeat.getSeatToken()).isNotEqualTo(russiaSeat.getSeatToken());
      japan.awaitEvent(EventView::hasTurnChanged);

      // Japan's player, on another connection, uses Russia's token
      ServerMessage taken = second.resume(code, russiaSeat.getSeatToken());
      expectJoined(taken);
      assertThat(taken.getJoined().getRole()).isEqualTo("russia");
      assertThat(taken.getJoined().getPoints()).isEqualTo(russiaSeat.getPoints())
          .isNotEqualTo(japanSeat.getPoints());
      assertThat(taken.getJoined().getBrief()).isEqualTo(russiaSeat.getBrief());

      // the seat moved: the old Russia connection can no longer move, the new one can
      expectDone(japan.propose(NASH));
      expectError(russia.accept(), ErrorCode.ERROR_CODE_NOT_SEATED);
      expectDone(second.accept());
      assertThat(japan.awaitEvent(EventView::hasGameEnded).getGameEnded().getResult().getEndedBy())
          .isEqualTo("russia");

      // a connection holding a seat cannot take a second one
      expectError(japan.resume(code, russiaSeat.getSeatToken()), ErrorCode.ERROR_CODE_BAD_REQUEST);
    }
  }

  @Test
  void resume_seatHeldByAnotherConnection_tellsTheDisplacedOneAtOnceAndItCanTakeItBack()
      throws Exception {
    try (TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port());
        TestClient laptop = TestClient.connect(server.port())) {
      String code = japan.create(SCENARIO, 0, 0);
      japan.join(code, "japan", "Aiko");
      Joined russiaSeat = russia.join(code, "russia", "Boris").getJoined();
      japan.awaitEvent(EventView::hasTurnChanged);

      // The student opens the client on another laptop with the same token.
      expectJoined(laptop.resume(code, russiaSeat.getSeatToken()));

      // The first connection is told at once (wave 1 said nothing until it tried a move)...
      EventView moved = russia.awaitEvent(EventView::hasSeatMoved);
      assertThat(moved.getSeatMoved().getRole()).isEqualTo("russia");
      assertThat(moved.getGameCode()).isEqualTo(code);
      // ...and resuming works again (wave 1 answered "this connection already holds the seat").
      expectJoined(russia.resume(code, russiaSeat.getSeatToken()));
      EventView movedBack = laptop.awaitEvent(EventView::hasSeatMoved);
      assertThat(movedBack.getSeatMoved().getRole()).isEqualTo("russia");
      expectDone(japan.propose(NASH));
      expectError(laptop.accept(), ErrorCode.ERROR_CODE_NOT_SEATED);
      expectDone(russia.accept());
    }
  }

  @Test
  void resume_tokenOfAnotherGame_isBadSeatToken() throws Exception {
    try (TestClient a = TestClient.connect(server.port());
        TestClient b = TestClient.connect(server.port())) {
      String first = a.create(SCENARIO, 0, 0);
      String second = a.create(SCENARIO, 0, 0);
      String token = a.join(first, "japan", "Aiko").getJoined().getSeatToken();

      expectError(b.resume(second, token), ErrorCode.ERROR_CODE_BAD_SEAT_TOKEN);
      expectError(b.resume(first, token.substring(1)), ErrorCode.ERROR_CODE_BAD_SEAT_TOKEN);
      expectError(b.resume(first, token + "A"), ErrorCode.ERROR_CODE_BAD_SEAT_TOKEN);
      expectJoined(b.resume(first, token));
    }
  }

  @Test
  void seatTokens_areAtLeast128RandomBitsAndAllDiffer() throws Exception {
    Set<String> tokens = new HashSet<>();
    List<TestClient> clients = new ArrayList<>();
    try (TestClient host = TestClient.connect(server.port())) {
      for (int i = 0; i < 10; i++) {
        String code = host.create(SCENARIO, 0, 0);
        for (String role : new String[] {"japan", "russia"}) {
          TestClient c = TestClient.connect(server.port());
          clients.add(c);
          String token = c.join(code, role, "P" + i).getJoined().getSeatToken();
          assertThat(token).matches("[A-Za-z0-9_-]{22,}");
          assertThat(Base64.getUrlDecoder().decode(token)).hasSizeGreaterThanOrEqualTo(16);
          tokens.add(token);
        }
      }
    } finally {
      clients.forEach(TestClient::close);
    }
    assertThat(tokens).hasSize(20);
  }

  @Test
  void joinCode_isShortUnambiguousAndForgivingToType() throws Exception {
    try (TestClient a = TestClient.connect(server.port());
        TestClient b = TestClient.connect(server.port())) {
      String code = a.create(SCENARIO, 0, 0);
      assertThat(code).matches("[346789ABCDEFGHJKMNPQRTWXY]{4}-[346789ABCDEFGHJKMNPQRTWXY]{4}");

      expectJoined(b.join(" " + code.toLowerCase().replace("-", " ") + " ", "japan", "Aiko"));
    }
  }

  @Test
  void join_twoSeatsSentTogetherOnOneConnection_onlyOneIsTaken() throws Exception {
    try (TestClient host = TestClient.connect(server.port());
        TestClient greedy = TestClient.connect(server.port())) {
      String first = host.create(SCENARIO, 0, 0);
      String second = host.create(SCENARIO, 0, 0);

      // both requests arrive before the first seat is confirmed
      greedy.sendRaw(GamePlayTest.concat(
          TestClient.delimited(join(11, first, "japan")),
          TestClient.delimited(join(12, second, "japan"))));
      ServerMessage r1 = greedy.nextReply();
      ServerMessage r2 = greedy.nextReply();

      assertThat(List.of(r1, r2)).extracting(m -> m.hasError() ? m.getError().getCode().name()
              : m.getBodyCase().name())
          .as("one connection holds at most one seat")
          .containsExactlyInAnyOrder("JOINED", ErrorCode.ERROR_CODE_BAD_REQUEST.name());
    }
  }

  static ClientMessage join(long id, String code, String role) {
    return ClientMessage.newBuilder().setRequestId(id).setJoinSeat(JoinSeat.newBuilder()
        .setGameCode(code).setRole(role).setDisplayName("Greedy")).build();
  }
}

package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.FetchRecording;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.codec.recording.Recording;
import org.hikiwake.codec.recording.RecordingReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GameServerSmokeTest {
  static final String[] NASH = {"territory", "two_islands_plus", "peace_treaty", "treaty_signed",
      "energy", "lng_and_pipeline", "far_east", "major", "security", "full_fact_sheet",
      "missile_defence", "briefings"};

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
  void wholeGame_offerThenAccept_endsInAgreementForBoth() throws Exception {
    try (TestClient host = TestClient.connect(server.port());
        TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port())) {
      String code = host.create("japan-russia-2013", 0, 0);
      ServerMessage j = japan.join(code, "japan", "Aiko");
      assertThat(j.hasJoined()).as("%s", j).isTrue();
      assertThat(j.getJoined().getSeatToken()).hasSizeGreaterThanOrEqualTo(22);
      ServerMessage r = russia.join(code.toLowerCase().replace("-", ""), "russia", "Boris");
      assertThat(r.hasJoined()).as("%s", r).isTrue();
      japan.awaitEvent(EventView::hasTurnChanged);

      ServerMessage tooSoon = host.request(ClientMessage.newBuilder()
          .setFetchRecording(FetchRecording.newBuilder().setGameCode(code)));
      assertThat(tooSoon.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_GAME_NOT_OVER);

      ServerMessage early = russia.propose(NASH);
      assertThat(early.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_NOT_YOUR_TURN);

      assertThat(japan.propose(NASH).hasDone()).isTrue();
      russia.awaitEvent(EventView::hasOfferMade);
      assertThat(russia.accept().hasDone()).isTrue();

      EventView endJapan = japan.awaitEvent(EventView::hasGameEnded);
      EventView endRussia = russia.awaitEvent(EventView::hasGameEnded);
      assertThat(endJapan.getGameEnded().getResult().getOutcome())
          .isEqualTo(GameOutcome.GAME_OUTCOME_AGREEMENT);
      assertThat(endJapan.getGameEnded()).isEqualTo(endRussia.getGameEnded());
      assertThat(endJapan.getGameEnded().getRolesCount()).isEqualTo(2);
      assertThat(endJapan.getGameEnded().getDebrief().hasNash()).isTrue();

      ServerMessage file = host.request(ClientMessage.newBuilder()
          .setFetchRecording(FetchRecording.newBuilder().setGameCode(code)));
      Recording recording = RecordingReader.read(file.getRecordingFile().getContent()
          .toByteArray());
      assertThat(recording.isSound()).isTrue();
      assertThat(recording.isFinished()).isTrue();
      assertThat(recording.header().getGameCode()).isEqualTo(code);
    }
  }
}

package org.hikiwake.server.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.server.HonestGame.NASH;
import static org.hikiwake.server.HonestGame.SCENARIO;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hikiwake.codec.recording.RecordingReader;
import org.hikiwake.codec.recording.RecordingText;
import org.hikiwake.codec.recording.ReplayedRecording;
import org.hikiwake.engine.game.Event;
import org.hikiwake.engine.replay.Recorded;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateGame;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.FetchRecording;
import org.hikiwake.proto.wire.GameOver;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.ScriptedStudent;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A scripted student plays whole practice games against each bot level over
 * real sockets; the recording says which seat a bot held, and at what level.
 */
class BotGameTest {
  @TempDir
  Path data;

  private HikiwakeServer server;

  @BeforeEach
  void start() throws Exception {
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDataDir(data),
        Optional.of(Duration.ZERO));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"easy", "medium", "hard"})
  void practiceGame_aScriptedStudentAgainstEachLevel_endsAndTheRecordingMarksTheBot(
      String level) throws Exception {
    try (TestClient student = TestClient.connect(server.port())) {
      String code = createPractice(student, level, "japan");
      ScriptedStudent aiko = ScriptedStudent.of(student, student.join(code, "japan", "Aiko"));

      GameOver end = aiko.playToTheEnd();

      List<EventView> seen = aiko.seen();
      assertThat(seen).filteredOn(EventView::hasSeatFilled)
          .extracting(e -> e.getSeatFilled().getRole() + "/" + e.getSeatFilled().getBot())
          .containsExactlyInAnyOrder("japan/", "russia/" + level);
      assertThat(end.getResult().getScoresCount()).isEqualTo(2);
      ServerMessage file = student.request(ClientMessage.newBuilder().setFetchRecording(
          FetchRecording.newBuilder().setGameCode(code)));
      ReplayedRecording replayed = ReplayedRecording.of(RecordingReader.read(
          file.getRecordingFile().getContent().toByteArray()), code);
      assertThat(RecordingText.of(replayed)).contains("(bot " + level + ")");
      List<Recorded> steps = replayed.replay().steps().stream()
          .map(s -> s.recorded()).toList();
      assertThat(steps).as("the bot's moves are recorded as its seat's")
          .anyMatch(r -> r.actor().equals("russia") && (r.event() instanceof Event.OfferMade
              || r.event() instanceof Event.GameEnded));
      assertThat(replayed.replay().last().isOver()).isTrue();
    }
  }

  @Test
  void practiceGame_botTakesTheOtherRole_andRefusalsComeUpFront() throws Exception {
    try (TestClient student = TestClient.connect(server.port())) {
      String code = createPractice(student, "hard", "russia");
      ScriptedStudent boris = ScriptedStudent.of(student, student.join(code, "russia", "Boris"));
      EventView japanSeat = boris.await(e -> e.hasSeatFilled()
          && e.getSeatFilled().getRole().equals("japan"));
      assertThat(japanSeat.getSeatFilled().getBot()).isEqualTo("hard");
      assertThat(boris.await(e -> e.hasOfferMade()).getOfferMade().getRole())
          .as("the bot moves first, as japan").isEqualTo("japan");

      ServerMessage unknown = student.request(practice("genius", "japan"));
      assertThat(unknown.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNKNOWN_BOT);
      assertThat(unknown.getError().getMessage()).contains("easy, medium, hard");
      ServerMessage noRole = student.request(practice("easy", "china"));
      assertThat(noRole.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNKNOWN_ROLE);
    }
  }

  @Test
  void practiceGame_afterARestart_theBotTakesItsSeatAgainAndPlaysOn() throws Exception {
    String code;
    String token;
    try (TestClient student = TestClient.connect(server.port())) {
      code = createPractice(student, "medium", "japan");
      ServerMessage joined = student.join(code, "japan", "Aiko");
      token = joined.getJoined().getSeatToken();
      ScriptedStudent aiko = ScriptedStudent.of(student, joined);
      aiko.await(e -> e.hasTurnChanged() && e.getTurnChanged().getTurn() == 0);
      assertThat(student.propose(NASH).hasDone()).isTrue();
      aiko.await(e -> e.hasTurnChanged() && e.getTurnChanged().getTurn() == 2);
    }
    server.close();
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDataDir(data),
        Optional.of(Duration.ZERO));

    try (TestClient student = TestClient.connect(server.port())) {
      ScriptedStudent aiko = ScriptedStudent.of(student, student.resume(code, token));
      assertThat(student.propose(NASH).hasDone()).isTrue();
      EventView next = aiko.await(e -> e.hasGameEnded()
          || (e.hasTurnChanged() && e.getTurnChanged().getTurn() == 4));
      assertThat(next.hasGameEnded() ? next.getGameEnded().getResult().getEndedBy() : "russia")
          .as("the bot moved again after the restart").isEqualTo("russia");
    }
  }

  private static String createPractice(TestClient c, String level, String role)
      throws InterruptedException {
    ServerMessage m = c.request(practice(level, role));
    assertThat(m.hasGameCreated()).as("%s", m).isTrue();
    return m.getGameCreated().getGameCode();
  }

  private static ClientMessage.Builder practice(String level, String role) {
    return ClientMessage.newBuilder().setCreateGame(CreateGame.newBuilder()
        .setScenarioId(SCENARIO).setRounds(3).setVsBot(level).setPlayerRole(role));
  }
}

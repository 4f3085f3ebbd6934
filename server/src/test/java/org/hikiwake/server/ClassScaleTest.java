package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.server.HonestGame.NASH;
import static org.hikiwake.server.HonestGame.SCENARIO;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.wire.ClassBoard;
import org.hikiwake.proto.wire.ClassCommand;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateClass;
import org.hikiwake.proto.wire.Empty;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.JoinClass;
import org.hikiwake.proto.wire.Joined;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.WatchClass;
import org.junit.jupiter.api.Test;

/**
 * A class of 200 scripted students (100 games) on one server over loopback:
 * all arrive, are paired at once, and every pair plays to an agreement; the
 * instructor's board ends with 100 agreements.
 */
class ClassScaleTest {
  private static final int STUDENTS = 200;

  @Test
  void classOfTwoHundred_allPairedAndEveryGamePlayedToTheEnd() throws Exception {
    try (HikiwakeServer server = HikiwakeServer.start(ServerConfig.defaults().withPort(0)
        .withDurable(false))) {
      TestClient instructor = TestClient.connect(server.port());
      ServerMessage created = instructor.request(ClientMessage.newBuilder().setCreateClass(
          CreateClass.newBuilder().setScenarioId(SCENARIO).setPairingSeed(7)));
      String code = created.getClassCreated().getClassCode();
      String token = created.getClassCreated().getInstructorToken();
      List<TestClient> students = new ArrayList<>();
      // one thread per student: a Russia player waits for its Japan player to move
      ExecutorService threads = Executors.newCachedThreadPool();
      try {
        List<Future<TestClient>> arrivals = new ArrayList<>();
        for (int i = 0; i < STUDENTS; i++) {
          String name = "Student " + i;
          arrivals.add(threads.submit(() -> {
            TestClient s = TestClient.connect(server.port());
            ServerMessage joined = s.request(ClientMessage.newBuilder().setJoinClass(
                JoinClass.newBuilder().setClassCode(code).setName(name)));
            assertThat(joined.hasClassJoined()).as("%s: %s", name, joined).isTrue();
            return s;
          }));
        }
        for (Future<TestClient> f : arrivals) {
          students.add(f.get(60, TimeUnit.SECONDS));
        }
        ServerMessage started = instructor.request(ClientMessage.newBuilder()
            .setClassCommand(ClassCommand.newBuilder().setClassCode(code)
                .setInstructorToken(token).setStart(Empty.getDefaultInstance())));
        assertThat(started.getClassCommandDone().getAppliedCount()).as("%s", started)
            .isEqualTo(STUDENTS / 2);

        List<Future<GameOutcome>> games = new ArrayList<>();
        for (TestClient s : students) {
          games.add(threads.submit(() -> play(s)));
        }
        int agreements = 0;
        for (Future<GameOutcome> g : games) {
          if (g.get(120, TimeUnit.SECONDS) == GameOutcome.GAME_OUTCOME_AGREEMENT) {
            agreements++;
          }
        }
        assertThat(agreements).as("students who saw their game end in agreement")
            .isEqualTo(STUDENTS);
        ClassBoard board = instructor.request(ClientMessage.newBuilder().setWatchClass(
            WatchClass.newBuilder().setClassCode(code).setInstructorToken(token)))
            .getClassBoard();
        assertThat(board.getGamesCount()).isEqualTo(STUDENTS / 2);
        assertThat(board.getGamesList()).allSatisfy(row -> assertThat(row.getResult()
            .getOutcome()).isEqualTo(GameOutcome.GAME_OUTCOME_AGREEMENT));
      } finally {
        threads.shutdownNow();
        students.forEach(TestClient::close);
        instructor.close();
      }
    }
  }

  /** A student's side of a game: Japan offers the Nash package, Russia accepts it. */
  private static GameOutcome play(TestClient s) throws InterruptedException {
    Joined seat = s.awaitPush(ServerMessage::hasJoined).getJoined();
    if (seat.getRole().equals("japan")) {
      if (!seat.getGame().getToMove().equals("japan")) {
        s.awaitEvent(e -> e.hasTurnChanged() && e.getTurnChanged().getRole().equals("japan"));
      }
      assertThat(s.propose(NASH).hasDone()).isTrue();
    } else {
      s.awaitEvent(e -> e.hasOfferMade());
      assertThat(s.accept().hasDone()).isTrue();
    }
    return s.awaitEvent(EventView::hasGameEnded).getGameEnded().getResult().getOutcome();
  }
}

package org.hikiwake.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.server.record.FileRecordingStore;

/**
 * Makes the golden recordings under src/test/resources/golden by playing real
 * games on a real server. Run by hand when the format changes:
 * {@code java -cp <server test classpath> org.hikiwake.server.GoldenRecordings OUTDIR}.
 */
public final class GoldenRecordings {
  private GoldenRecordings() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Path data = Files.createTempDirectory("golden");
    try (HikiwakeServer server = HikiwakeServer.start(
        ServerConfig.defaults().withPort(0).withDataDir(data))) {
      copy(data, agreementAfterNews(server.port()), out.resolve("agreement.hwr"));
      copy(data, walkOut(server.port()), out.resolve("walkout.hwr"));
      copy(data, deadlineWithTimeOut(server.port()), out.resolve("deadline.hwr"));
    }
    System.exit(0); // the test client's event loop threads would keep the JVM alive
  }

  private static void copy(Path data, String code, Path target) throws Exception {
    Files.copy(data.resolve(FileRecordingStore.GAMES_FOLDER).resolve(code
        + FileRecordingStore.EXTENSION), target, StandardCopyOption.REPLACE_EXISTING);
    System.out.println(code + " -> " + target);
  }

  /** Five offers across the china-adiz and sochi news, chat, then Russia accepts. */
  static String agreementAfterNews(int port) throws Exception {
    try (TestClient japan = TestClient.connect(port);
        TestClient russia = TestClient.connect(port)) {
      String code = japan.create("japan-russia-2013", 0, 0);
      japan.join(code, "japan", "Aiko");
      russia.join(code, "russia", "Boris");
      japan.say("We come to settle, not to posture.");
      for (int turn = 0; turn < 5; turn++) {
        boolean japanMoves = turn % 2 == 0;
        (japanMoves ? japan : russia).propose(japanMoves
            ? CrashRecoveryTest.JAPAN_OFFER : CrashRecoveryTest.RUSSIA_OFFER);
      }
      russia.say("A draw, then.");
      russia.accept();
      japan.awaitEvent(EventView::hasGameEnded);
      return code;
    }
  }

  /** Japan opens high, Russia walks out in round 1. */
  static String walkOut(int port) throws Exception {
    try (TestClient japan = TestClient.connect(port);
        TestClient russia = TestClient.connect(port)) {
      String code = japan.create("japan-russia-2013", 0, 0);
      japan.join(code, "japan", "Aiko");
      russia.join(code, "russia", "Boris");
      japan.propose("territory", "four_islands", "peace_treaty", "treaty_signed", "energy",
          "none", "far_east", "none", "security", "dialogue_only", "missile_defence",
          "no_statement");
      russia.walkAway();
      japan.awaitEvent(EventView::hasGameEnded);
      return code;
    }
  }

  /** Two timed rounds: Russia lets a turn run out, nobody accepts. */
  static String deadlineWithTimeOut(int port) throws Exception {
    try (TestClient japan = TestClient.connect(port);
        TestClient russia = TestClient.connect(port)) {
      String code = japan.create("japan-russia-2013", 2, 300);
      japan.join(code, "japan", "Aiko");
      russia.join(code, "russia", "Boris");
      japan.propose(CrashRecoveryTest.JAPAN_OFFER);
      japan.awaitEvent(EventView::hasTurnTimedOut);
      japan.awaitEvent(e -> e.hasTurnChanged() && e.getTurnChanged().getRole().equals("japan"));
      japan.propose(CrashRecoveryTest.JAPAN_OFFER);
      russia.awaitEvent(e -> e.hasTurnChanged() && e.getTurnChanged().getRole().equals("russia")
          && e.getTurnChanged().getTurn() == 3);
      russia.propose(CrashRecoveryTest.RUSSIA_OFFER);
      japan.awaitEvent(EventView::hasGameEnded);
      return code;
    }
  }
}

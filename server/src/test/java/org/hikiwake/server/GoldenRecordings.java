package org.hikiwake.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hikiwake.codec.Versions;
import org.hikiwake.codec.recording.RecordingReader;
import org.hikiwake.codec.recording.RecordingText;
import org.hikiwake.codec.recording.ReplayedRecording;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.ServerMessage;
import org.junit.jupiter.api.Test;

/**
 * Makes the golden recordings of the format this build writes, by playing
 * real games on a real server: {@code <golden>/v<format>/agreement.hwr},
 * {@code walkout.hwr} and {@code deadline.hwr}, each with its text twin
 * ({@code agreement.hwr.txt}, see {@link RecordingText}). Goldens of older
 * formats (wave 1's format 1, straight under {@code golden/}) are never
 * rewritten: they must import as they are, forever.
 *
 * <p>Run by hand when the recording format changes, from the repository root:
 * <pre>
 * ./mvnw -B -o -pl proto,scenarios,engine,codec,server verify -Dtest=GoldenRecordings \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dhikiwake.golden.generate=true
 * </pre>
 * (or {@code java -cp <the server's test classpath> org.hikiwake.server.GoldenRecordings
 * server/src/test/resources/golden}), then run {@link GoldenRecordingTest} and review
 * the new files like code. Without the property the run is skipped, and no
 * ordinary build runs it: its name is not a test's.
 */
public final class GoldenRecordings {
  /** Japan's offer in the golden games (and in wave 1's). */
  static final String[] JAPAN_OFFER = {"territory", "area_split", "peace_treaty",
      "treaty_signed", "energy", "lng_contracts", "far_east", "modest", "security",
      "joint_exercises", "missile_defence", "no_statement"};
  /** Russia's offer in the golden games (and in wave 1's). */
  static final String[] RUSSIA_OFFER = {"territory", "two_islands", "peace_treaty", "roadmap",
      "energy", "lng_and_pipeline", "far_east", "major", "security", "full_fact_sheet",
      "missile_defence", "written_assurance"};

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: GoldenRecordings <golden folder>, e.g."
          + " server/src/test/resources/golden");
      System.exit(2);
    }
    generate(Path.of(args[0]));
    System.exit(0); // the test client's event loop threads would keep the JVM alive
  }

  @Test
  void generate_whenAskedTo_writesTheGoldensOfThisBuildsFormat() throws Exception {
    assumeTrue(Boolean.getBoolean("hikiwake.golden.generate"),
        "generates goldens only with -Dhikiwake.golden.generate=true");
    generate(sourceResources().resolve("golden"));
  }

  /** Plays the golden games on a fresh server and writes them under {@code golden}. */
  static void generate(Path golden) throws Exception {
    Path out = Files.createDirectories(golden.resolve(folderOf(Versions.RECORDING_FORMAT)));
    Path data = Files.createTempDirectory("golden");
    try (HikiwakeServer server = HikiwakeServer.start(
        ServerConfig.defaults().withPort(0).withDataDir(data))) {
      copy(server, agreementAfterNews(server.port()), out.resolve("agreement.hwr"));
      copy(server, walkOut(server.port()), out.resolve("walkout.hwr"));
      copy(server, deadlineWithTimeOut(server.port()), out.resolve("deadline.hwr"));
    }
  }

  /** The server module's src/test/resources, where the goldens are kept. */
  static Path sourceResources() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .resolve("src/test/resources");
  }

  /** The folder, under golden/, of a format's recordings; format 1's sit in golden/ itself. */
  static String folderOf(int format) {
    return format == 1 ? "" : "v" + format;
  }

  private static void copy(HikiwakeServer server, String code, Path target) throws Exception {
    // the database builds the game's self-contained recording, as a fetch gets it
    byte[] recorded = server.lobby().recordingOf(server.lobby().find(code).orElseThrow())
        .get(30, java.util.concurrent.TimeUnit.SECONDS);
    Files.write(target, recorded);
    ReplayedRecording replayed = ReplayedRecording.of(RecordingReader.read(target),
        target.getFileName().toString());
    if (!replayed.isSound() || !replayed.last().isOver()) {
      throw new IllegalStateException(target + " is not a sound, finished recording: "
          + replayed.problem().orElse("the game did not end"));
    }
    Path twin = target.resolveSibling(target.getFileName() + ".txt");
    Files.writeString(twin, RecordingText.of(replayed), UTF_8);
    System.out.println(code + " -> " + target + " and " + twin.getFileName());
  }

  /** Five offers across the china-adiz and sochi news, chat, then Russia accepts. */
  static String agreementAfterNews(int port) throws Exception {
    try (TestClient japan = TestClient.connect(port);
        TestClient russia = TestClient.connect(port)) {
      String code = japan.create("japan-russia-2013", 0, 0);
      done(japan.join(code, "japan", "Aiko"), "Japan joins");
      done(russia.join(code, "russia", "Boris"), "Russia joins");
      done(japan.say("We come to settle, not to posture."), "Japan speaks");
      for (int turn = 0; turn < 5; turn++) {
        boolean japanMoves = turn % 2 == 0;
        done((japanMoves ? japan : russia).propose(japanMoves ? JAPAN_OFFER : RUSSIA_OFFER),
            "offer on turn " + turn);
      }
      done(russia.say("A draw, then."), "Russia speaks");
      done(russia.accept(), "Russia accepts");
      japan.awaitEvent(EventView::hasGameEnded);
      return code;
    }
  }

  /** Japan opens high, Russia walks out in round 1. */
  static String walkOut(int port) throws Exception {
    try (TestClient japan = TestClient.connect(port);
        TestClient russia = TestClient.connect(port)) {
      String code = japan.create("japan-russia-2013", 0, 0);
      done(japan.join(code, "japan", "Aiko"), "Japan joins");
      done(russia.join(code, "russia", "Boris"), "Russia joins");
      done(japan.propose("territory", "four_islands", "peace_treaty", "treaty_signed", "energy",
          "none", "far_east", "none", "security", "dialogue_only", "missile_defence",
          "no_statement"), "Japan's opening");
      done(russia.walkAway(), "Russia walks away");
      japan.awaitEvent(EventView::hasGameEnded);
      return code;
    }
  }

  /** Two timed rounds: Russia lets a turn run out, nobody accepts. */
  static String deadlineWithTimeOut(int port) throws Exception {
    try (TestClient japan = TestClient.connect(port);
        TestClient russia = TestClient.connect(port)) {
      String code = japan.create("japan-russia-2013", 2, 300);
      done(japan.join(code, "japan", "Aiko"), "Japan joins");
      done(russia.join(code, "russia", "Boris"), "Russia joins");
      done(japan.propose(JAPAN_OFFER), "Japan's offer on turn 0");
      japan.awaitEvent(EventView::hasTurnTimedOut);
      japan.awaitEvent(e -> e.hasTurnChanged() && e.getTurnChanged().getRole().equals("japan"));
      done(japan.propose(JAPAN_OFFER), "Japan's offer on turn 2");
      russia.awaitEvent(e -> e.hasTurnChanged() && e.getTurnChanged().getRole().equals("russia")
          && e.getTurnChanged().getTurn() == 3);
      done(russia.propose(RUSSIA_OFFER), "Russia's offer on turn 3");
      japan.awaitEvent(EventView::hasGameEnded);
      return code;
    }
  }

  /** A golden game is scripted to the end: every request must succeed. */
  private static void done(ServerMessage reply, String what) {
    if (reply.hasError()) {
      throw new IllegalStateException(what + " was refused: " + reply.getError());
    }
  }
}

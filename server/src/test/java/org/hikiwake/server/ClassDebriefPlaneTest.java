package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hikiwake.server.HonestGame.FOUR_ISLANDS;
import static org.hikiwake.server.HonestGame.SCENARIO;
import static org.hikiwake.server.HonestGame.expectDone;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.hikiwake.engine.analysis.Analysis;
import org.hikiwake.engine.analysis.Point;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.engine.scenario.ScenarioLoader;
import org.hikiwake.proto.wire.ClassBoard;
import org.hikiwake.proto.wire.ClassCommand;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateClass;
import org.hikiwake.proto.wire.Empty;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.FetchClassDebrief;
import org.hikiwake.proto.wire.JoinClass;
import org.hikiwake.proto.wire.NamedFile;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.WatchClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class of eight pairs who end in different places: six agree on packages
 * spread across the zone of agreement, one pair walks out and one runs into
 * the instructor's end. The debrief must put every game where it ended: the
 * CSV's scores are the packages' points, and the picture decodes.
 *
 * <p>With {@code -Dhikiwake.debrief.out=DIR} the files are kept; the README's
 * class picture ({@code docs/class-debrief.png}) is this class's.
 */
class ClassDebriefPlaneTest {
  private static final String[] NAMES = {"Aiko", "Boris", "Carla", "Dmitri", "Emi", "Fyodor",
      "Grace", "Hiro", "Ivan", "Junko", "Kenji", "Lena", "Mika", "Nikolai", "Olga", "Pavel"};

  @TempDir Path data;
  private HikiwakeServer server;
  private final List<TestClient> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDataDir(data)
        .withMessageRate(1000, 1000));
  }

  @AfterEach
  void stop() {
    clients.forEach(TestClient::close);
    server.close();
  }

  @Test
  void eightPairsEndingApart_debriefPlacesEachGameWhereItEnded() throws Exception {
    TestClient instructor = connect();
    ServerMessage created = instructor.request(ClientMessage.newBuilder().setCreateClass(
        CreateClass.newBuilder().setScenarioId(SCENARIO).setRounds(3).setPairingSeed(2013)));
    String code = created.getClassCreated().getClassCode();
    String token = created.getClassCreated().getInstructorToken();
    Map<String, TestClient> students = new LinkedHashMap<>();
    for (String name : NAMES) {
      TestClient s = connect();
      assertThat(s.request(ClientMessage.newBuilder().setJoinClass(JoinClass.newBuilder()
          .setClassCode(code).setName(name))).hasClassJoined()).isTrue();
      students.put(name, s);
    }
    assertThat(instructor.request(ClientMessage.newBuilder().setClassCommand(ClassCommand
        .newBuilder().setClassCode(code).setInstructorToken(token)
        .setStart(Empty.getDefaultInstance()))).getClassCommandDone().getAppliedCount())
        .isEqualTo(8);
    for (TestClient s : students.values()) {
      s.awaitPush(ServerMessage::hasJoined);
    }
    ClassBoard board = instructor.request(ClientMessage.newBuilder().setWatchClass(WatchClass
        .newBuilder().setClassCode(code).setInstructorToken(token))).getClassBoard();
    assertThat(board.getGamesCount()).isEqualTo(8);

    // six packages of the zone of agreement: three on the Pareto frontier (the best for
    // Russia, the middle, the best for Japan) and three inside it, value left on the table
    Scenario scenario = ScenarioLoader.fromClasspath(SCENARIO);
    Analysis analysis = Analysis.of(scenario);
    List<Point> zone = new ArrayList<>(analysis.zopa());
    zone.sort(Comparator.comparingInt(Point::first).thenComparingInt(Point::second));
    List<Point> efficient = zone.stream().filter(analysis.frontier()::contains).toList();
    List<Point> agreed = new ArrayList<>(List.of(efficient.get(0),
        efficient.get(efficient.size() / 2), efficient.get(efficient.size() - 1)));
    List<Point> inside = zone.stream().filter(p -> !efficient.contains(p)).toList();
    for (int i = 1; i <= 3; i++) {
      agreed.add(inside.get(i * (inside.size() - 1) / 4));
    }
    for (int game = 0; game < 8; game++) {
      TestClient japan = seatOf(students, board, game, "japan");
      TestClient russia = seatOf(students, board, game, "russia");
      if (game < 6) {
        expectDone(japan.propose(pairs(agreed.get(game))));
        russia.awaitEvent(e -> e.hasTurnChanged()
            && e.getTurnChanged().getRole().equals("russia"));
        expectDone(russia.accept());
      } else if (game == 6) {
        expectDone(japan.propose(FOUR_ISLANDS));
        russia.awaitEvent(e -> e.hasTurnChanged()
            && e.getTurnChanged().getRole().equals("russia"));
        expectDone(russia.walkAway());
      } else {
        expectDone(japan.propose(FOUR_ISLANDS));
      }
      int g = game;
      japan.awaitEvent(e -> g < 7 ? e.hasGameEnded() : e.hasTurnChanged());
    }
    assertThat(instructor.request(ClientMessage.newBuilder().setClassCommand(ClassCommand
        .newBuilder().setClassCode(code).setInstructorToken(token)
        .setEndGames(Empty.getDefaultInstance()))).getClassCommandDone().getAppliedCount())
        .isEqualTo(1);
    seatOf(students, board, 7, "japan").awaitEvent(EventView::hasGameEnded);

    List<NamedFile> files = instructor.request(ClientMessage.newBuilder().setFetchClassDebrief(
        FetchClassDebrief.newBuilder().setClassCode(code).setInstructorToken(token)))
        .getClassDebriefFiles().getFilesList();
    String out = System.getProperty("hikiwake.debrief.out");
    if (out != null) {
      Files.createDirectories(Path.of(out));
      for (NamedFile f : files) {
        Files.write(Path.of(out, f.getName()), f.getContent().toByteArray());
      }
    }
    String[] csv = files.get(0).getContent().toString(StandardCharsets.UTF_8).split("\r\n");
    assertThat(csv).hasSize(9);
    List<String> head = List.of(csv[0].split(","));
    for (int game = 0; game < 8; game++) {
      List<String> row = List.of(csv[game + 1].split(",", -1));
      String state = row.get(head.indexOf("state"));
      int japanScore = Integer.parseInt(row.get(head.indexOf("japan_score")));
      int russiaScore = Integer.parseInt(row.get(head.indexOf("russia_score")));
      if (game < 6) {
        assertThat(state).as("game %s", game + 1).isEqualTo("agreement");
        assertThat(japanScore).isEqualTo(agreed.get(game).first());
        assertThat(russiaScore).isEqualTo(agreed.get(game).second());
      } else {
        assertThat(state).isEqualTo(game == 6 ? "walk-out" : "deadline");
        assertThat(japanScore).isEqualTo(scenario.role("japan").orElseThrow().reservationValue());
        assertThat(russiaScore).isEqualTo(scenario.role("russia").orElseThrow().reservationValue());
      }
    }
    // the spread is real: six different points, the frontier's ends far apart
    assertThat(agreed).doesNotHaveDuplicates();
    assertThat(agreed.get(0).first()).isLessThan(agreed.get(2).first());
    assertThat(agreed.get(0).second()).isGreaterThan(agreed.get(2).second());
    NamedFile png = files.stream().filter(f -> f.getName().equals("class.png")).findFirst()
        .orElseThrow();
    assertThat(ImageIO.read(new ByteArrayInputStream(png.getContent().toByteArray())))
        .isNotNull();
  }

  private TestClient connect() throws InterruptedException {
    TestClient c = TestClient.connect(server.port());
    clients.add(c);
    return c;
  }

  private static String[] pairs(Point p) {
    List<String> out = new ArrayList<>();
    p.pkg().choices().forEach((issue, option) -> {
      out.add(issue);
      out.add(option);
    });
    return out.toArray(String[]::new);
  }

  private static TestClient seatOf(Map<String, TestClient> students, ClassBoard board,
      int game, String role) {
    String name = board.getGames(game).getSeatsList().stream()
        .filter(s -> s.getRole().equals(role)).findFirst().orElseThrow().getDisplayName();
    return students.get(name);
  }
}

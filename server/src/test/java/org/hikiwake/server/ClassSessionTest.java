package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hikiwake.server.HonestGame.NASH;
import static org.hikiwake.server.HonestGame.SCENARIO;
import static org.hikiwake.server.HonestGame.expectDone;
import static org.hikiwake.server.ErrorCodeTest.expectError;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.hikiwake.proto.wire.ClassBoard;
import org.hikiwake.proto.wire.ClassCommand;
import org.hikiwake.proto.wire.ClassDebriefFiles;
import org.hikiwake.proto.wire.ClassGameRow;
import org.hikiwake.proto.wire.ClassPhase;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateClass;
import org.hikiwake.proto.wire.Empty;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.FetchClassDebrief;
import org.hikiwake.proto.wire.FetchRecording;
import org.hikiwake.proto.wire.GameOver;
import org.hikiwake.proto.wire.JoinClass;
import org.hikiwake.proto.wire.Joined;
import org.hikiwake.proto.wire.ListGames;
import org.hikiwake.proto.wire.NamedFile;
import org.hikiwake.proto.wire.PairStudents;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.WatchClass;
import org.hikiwake.proto.wire.WatchGame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole class on real sockets: an instructor and seven students (one odd)
 * arrive, are paired, steered (news, pause, extension), play to the end, and
 * the debrief files are checked. Also: what students may not see, and every
 * control tried with a student's token and a made-up one.
 */
class ClassSessionTest {
  private HikiwakeServer server;
  private final List<TestClient> clients = new ArrayList<>();
  @TempDir
  Path data;

  @BeforeEach
  void start() throws Exception {
    // durable, as a class runs: every game and class event is committed to the SQLite store
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDataDir(data)
        .withMessageRate(1000, 1000), Optional.of(Duration.ZERO));
  }

  @AfterEach
  void stop() {
    clients.forEach(TestClient::close);
    server.close();
  }

  private TestClient connect() throws InterruptedException {
    TestClient c = TestClient.connect(server.port());
    clients.add(c);
    return c;
  }

  /** A class and its instructor. */
  private record Class(String code, String token, TestClient instructor) {}

  private Class create(String roster) throws InterruptedException {
    TestClient instructor = connect();
    ServerMessage created = instructor.request(ClientMessage.newBuilder().setCreateClass(
        CreateClass.newBuilder().setScenarioId(SCENARIO).setRounds(3).setRoster(roster)
            .setRosterSource("class.txt").setPairingSeed(42)));
    assertThat(created.hasClassCreated()).as("%s", created).isTrue();
    assertThat(created.getClassCreated().getBoard().getPhase())
        .isEqualTo(ClassPhase.CLASS_PHASE_OPEN);
    return new Class(created.getClassCreated().getClassCode(),
        created.getClassCreated().getInstructorToken(), instructor);
  }

  private static ClientMessage.Builder command(Class c, ClassCommand.Builder command) {
    return ClientMessage.newBuilder().setClassCommand(command.setClassCode(c.code())
        .setInstructorToken(c.token()));
  }

  private static ClientMessage.Builder join(String classCode, String name) {
    return ClientMessage.newBuilder().setJoinClass(JoinClass.newBuilder()
        .setClassCode(classCode).setName(name));
  }

  @Test
  void wholeClass_arrivalPairingControlsEndAndDebrief() throws Exception {
    Class c = create("");
    ServerMessage board = c.instructor().request(ClientMessage.newBuilder().setWatchClass(
        WatchClass.newBuilder().setClassCode(c.code()).setInstructorToken(c.token())));
    assertThat(board.hasClassBoard()).isTrue();

    String[] names = {"Aiko", "Boris", "Carla", "Dmitri", "Emi", "Fyodor", "Grace"};
    Map<String, TestClient> students = new LinkedHashMap<>();
    for (String name : names) {
      TestClient s = connect();
      ServerMessage joined = s.request(join(c.code(), name));
      assertThat(joined.getClassJoined().getName()).isEqualTo(name);
      assertThat(joined.getClassJoined().getStudentToken()).hasSizeGreaterThan(20);
      students.put(name, s);
    }
    // the instructor sees the arrivals live
    c.instructor().awaitPush(m -> m.hasClassBoard()
        && m.getClassBoard().getWaitingCount() == names.length);
    // bad arrivals: a duplicate name, an unknown class
    expectError(connect().request(join(c.code(), "aiko")), ErrorCode.ERROR_CODE_DUPLICATE_NAME);
    expectError(connect().request(join("ZZZZ-ZZZZ", "Hana")), ErrorCode.ERROR_CODE_UNKNOWN_CLASS);

    ServerMessage started = c.instructor().request(command(c,
        ClassCommand.newBuilder().setStart(Empty.getDefaultInstance())));
    assertThat(started.getClassCommandDone().getAppliedCount()).as("%s", started).isEqualTo(3);
    assertThat(started.getClassCommandDone().getSummary()).contains("waits for a partner");
    // every paired student's client is moved into its seat, no second code to type
    List<String> seated = new ArrayList<>();
    for (Map.Entry<String, TestClient> s : students.entrySet()) {
      if (s.getValue().pushArrives(ServerMessage::hasJoined, Duration.ofSeconds(3))) {
        seated.add(s.getKey());
      }
    }
    assertThat(seated).hasSize(6);
    ClassBoard running = c.instructor().request(ClientMessage.newBuilder().setWatchClass(
        WatchClass.newBuilder().setClassCode(c.code()).setInstructorToken(c.token())))
        .getClassBoard();
    assertThat(running.getPhase()).isEqualTo(ClassPhase.CLASS_PHASE_RUNNING);
    assertThat(running.getGamesCount()).isEqualTo(3);
    assertThat(running.getWaitingCount()).isEqualTo(1);
    // a 3-round class never gets round 4's news by itself: the board says so
    assertThat(running.getNewsList()).anySatisfy(n -> {
      assertThat(n.getId()).isEqualTo("crimea-sanctions");
      assertThat(n.getRound()).isZero();
    });
    assertThat(running.getNewsList()).allSatisfy(n -> assertThat(n.getRound()).isBetween(0, 3))
        .anySatisfy(n -> assertThat(n.getRound()).isPositive());
    String odd = running.getWaiting(0);
    assertThat(seated).doesNotContain(odd);

    // starting again with only the odd student waiting and no bots is refused
    expectError(c.instructor().request(command(c,
        ClassCommand.newBuilder().setStart(Empty.getDefaultInstance()))),
        ErrorCode.ERROR_CODE_NOBODY_WAITING);
    // a late arrival is paired by hand with the odd student
    TestClient late = connect();
    late.request(join(c.code(), "Hana"));
    ServerMessage paired = c.instructor().request(command(c, ClassCommand.newBuilder()
        .setPair(PairStudents.newBuilder().setFirst(odd).setSecond("Hana"))));
    assertThat(paired.getClassCommandDone().getAppliedCount()).as("%s", paired).isEqualTo(1);
    assertThat(late.awaitPush(ServerMessage::hasJoined).getJoined().getRole())
        .isEqualTo("russia");
    assertThat(students.get(odd).awaitPush(ServerMessage::hasJoined).getJoined().getRole())
        .isEqualTo("japan");
    students.put("Hana", late);

    // students see only their own game
    TestClient aiko = students.get("Aiko");
    assertThat(aiko.request(ClientMessage.newBuilder().setListGames(
        ListGames.getDefaultInstance())).getGameList().getGamesCount()).isZero();
    String someGame = running.getGames(0).getGameCode();
    expectError(aiko.request(ClientMessage.newBuilder().setWatchGame(
        WatchGame.newBuilder().setGameCode(someGame))), ErrorCode.ERROR_CODE_CLASS_GAME);
    expectError(aiko.request(ClientMessage.newBuilder().setFetchRecording(
        FetchRecording.newBuilder().setGameCode(someGame))), ErrorCode.ERROR_CODE_CLASS_GAME);
    expectError(connect().join(someGame, "japan", "Intruder"), ErrorCode.ERROR_CODE_CLASS_GAME);

    // news released to every game now, recorded in each
    ServerMessage news = c.instructor().request(command(c,
        ClassCommand.newBuilder().setReleaseNews("crimea-sanctions")));
    assertThat(news.getClassCommandDone().getAppliedCount()).as("%s", news).isEqualTo(4);
    for (TestClient s : students.values()) {
      EventView e = s.awaitEvent(EventView::hasNewsArrived);
      assertThat(e.getNewsArrived().getId()).isEqualTo("crimea-sanctions");
    }
    // pause: turn moves wait, then resume
    assertThat(c.instructor().request(command(c,
        ClassCommand.newBuilder().setPause(Empty.getDefaultInstance())))
        .getClassCommandDone().getAppliedCount()).isEqualTo(4);
    TestClient firstJapan = studentOf(students, running, 0, "japan");
    firstJapan.awaitEvent(EventView::hasPaused);
    expectError(firstJapan.propose(NASH), ErrorCode.ERROR_CODE_GAME_PAUSED);
    c.instructor().request(command(c,
        ClassCommand.newBuilder().setResume(Empty.getDefaultInstance())));
    firstJapan.awaitEvent(EventView::hasResumed);
    ServerMessage extended = c.instructor().request(command(c,
        ClassCommand.newBuilder().setExtendRounds(2)));
    assertThat(extended.getClassCommandDone().getAppliedCount()).isEqualTo(4);
    firstJapan.awaitEvent(e -> e.hasRoundsExtended() && e.getRoundsExtended().getRounds() == 5);

    // game 1 ends in agreement, the others when the instructor ends them
    expectDone(firstJapan.propose(NASH));
    TestClient firstRussia = studentOf(students, running, 0, "russia");
    firstRussia.awaitEvent(e -> e.hasTurnChanged() && e.getTurnChanged().getRole()
        .equals("russia"));
    expectDone(firstRussia.accept());
    org.hikiwake.proto.game.GameResult agreed = firstJapan.awaitEvent(EventView::hasGameEnded)
        .getGameEnded().getResult();
    ServerMessage ended = c.instructor().request(command(c,
        ClassCommand.newBuilder().setEndGames(Empty.getDefaultInstance())));
    assertThat(ended.getClassCommandDone().getAppliedCount()).as("%s", ended).isEqualTo(3);
    assertThat(ended.getClassCommandDone().getRefusedCount()).isEqualTo(1);

    // the debrief
    ServerMessage debrief = c.instructor().request(ClientMessage.newBuilder()
        .setFetchClassDebrief(FetchClassDebrief.newBuilder().setClassCode(c.code())
            .setInstructorToken(c.token())));
    ClassDebriefFiles files = debrief.getClassDebriefFiles();
    assertThat(files.getFilesList()).extracting(NamedFile::getName)
        .containsExactly("class.csv", "class.svg", "class.png", "summary.md");
    // -Dhikiwake.debrief.out=DIR keeps the files, e.g. for the README's picture
    String out = System.getProperty("hikiwake.debrief.out");
    if (out != null) {
      java.nio.file.Files.createDirectories(java.nio.file.Path.of(out));
      for (NamedFile f : files.getFilesList()) {
        java.nio.file.Files.write(java.nio.file.Path.of(out, f.getName()),
            f.getContent().toByteArray());
      }
    }
    String[] csv = files.getFiles(0).getContent().toString(StandardCharsets.UTF_8)
        .split("\r\n");
    assertThat(csv).hasSize(5);
    List<String> head = List.of(csv[0].split(","));
    List<String> first = List.of(csv[1].split(",", -1));
    assertThat(first.get(head.indexOf("state"))).isEqualTo("agreement");
    assertThat(Integer.parseInt(first.get(head.indexOf("japan_score"))))
        .isEqualTo(agreed.getScores(0).getScore());
    assertThat(Integer.parseInt(first.get(head.indexOf("russia_score"))))
        .isEqualTo(agreed.getScores(1).getScore());
    assertThat(Double.parseDouble(first.get(head.indexOf("japan_share_of_gain"))))
        .isBetween(0.0, 1.0);
    assertThat(first.get(head.indexOf("japan_offers"))).isEqualTo("1");
    for (int i = 2; i < csv.length; i++) {
      List<String> row = List.of(csv[i].split(",", -1));
      assertThat(row.get(head.indexOf("state"))).isEqualTo("deadline");
      assertThat(row.get(head.indexOf("japan_score"))).isEqualTo("24");
    }
    DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
    // the SVG names its DTD; a test must not fetch it from the network
    xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    assertThat(xml.newDocumentBuilder().parse(new ByteArrayInputStream(
        files.getFiles(1).getContent().toByteArray())).getDocumentElement().getNodeName())
        .isEqualTo("svg");
    assertThat(ImageIO.read(new ByteArrayInputStream(files.getFiles(2).getContent()
        .toByteArray())).getWidth()).isPositive();
    String summary = files.getFiles(3).getContent().toString(StandardCharsets.UTF_8);
    assertThat(summary).contains("Deals reached: 1 of 4").contains("within the role");

    // the end of the class opens its games to its students
    c.instructor().request(command(c,
        ClassCommand.newBuilder().setEndClass(Empty.getDefaultInstance())));
    assertThat(aiko.request(ClientMessage.newBuilder().setListGames(
        ListGames.getDefaultInstance())).getGameList().getGamesCount()).isEqualTo(4);
    assertThat(aiko.request(ClientMessage.newBuilder().setWatchGame(
        WatchGame.newBuilder().setGameCode(someGame))).hasWatching()).isTrue();
    expectError(c.instructor().request(command(c,
        ClassCommand.newBuilder().setPause(Empty.getDefaultInstance()))),
        ErrorCode.ERROR_CODE_CLASS_OVER);
  }

  @Test
  void everyControl_withAStudentsTokenOrAMadeUpOne_isBadInstructorToken() throws Exception {
    Class c = create("");
    TestClient student = connect();
    String studentToken = student.request(join(c.code(), "Aiko")).getClassJoined()
        .getStudentToken();
    List<ClassCommand.Builder> controls = List.of(
        ClassCommand.newBuilder().setStart(Empty.getDefaultInstance()),
        ClassCommand.newBuilder().setReleaseNews("crimea-sanctions"),
        ClassCommand.newBuilder().setAnnounce("hello"),
        ClassCommand.newBuilder().setPause(Empty.getDefaultInstance()),
        ClassCommand.newBuilder().setResume(Empty.getDefaultInstance()),
        ClassCommand.newBuilder().setExtendRounds(1),
        ClassCommand.newBuilder().setEndGames(Empty.getDefaultInstance()),
        ClassCommand.newBuilder().setAbandonGames(Empty.getDefaultInstance()),
        ClassCommand.newBuilder().setFreeStudent("Aiko"),
        ClassCommand.newBuilder().setTimeLimitMinutes(10),
        ClassCommand.newBuilder().setPair(PairStudents.newBuilder().setFirst("Aiko")
            .setSecond("bot:easy")),
        ClassCommand.newBuilder().setEndClass(Empty.getDefaultInstance()));
    for (String token : List.of(studentToken, "made-up-token", "")) {
      for (ClassCommand.Builder control : controls) {
        ServerMessage m = student.request(ClientMessage.newBuilder().setClassCommand(
            control.clone().setClassCode(c.code()).setInstructorToken(token)));
        expectError(m, ErrorCode.ERROR_CODE_BAD_INSTRUCTOR_TOKEN);
      }
      expectError(student.request(ClientMessage.newBuilder().setWatchClass(
          WatchClass.newBuilder().setClassCode(c.code()).setInstructorToken(token))),
          ErrorCode.ERROR_CODE_BAD_INSTRUCTOR_TOKEN);
      expectError(student.request(ClientMessage.newBuilder().setFetchClassDebrief(
          FetchClassDebrief.newBuilder().setClassCode(c.code()).setInstructorToken(token))),
          ErrorCode.ERROR_CODE_BAD_INSTRUCTOR_TOKEN);
    }
    // nothing changed: Aiko still waits, the class is open
    ClassBoard board = c.instructor().request(ClientMessage.newBuilder().setWatchClass(
        WatchClass.newBuilder().setClassCode(c.code()).setInstructorToken(c.token())))
        .getClassBoard();
    assertThat(board.getPhase()).isEqualTo(ClassPhase.CLASS_PHASE_OPEN);
    assertThat(board.getWaitingList()).containsExactly("Aiko");
  }

  @Test
  void roster_nameNotOnItIsRefusedWithNearMatches_andABadLineIsReportedWithItsLine()
      throws Exception {
    Class c = create("Aiko Tanaka, Boris Ivanov\nCarla Rossi\n");
    ServerMessage typo = connect().request(join(c.code(), "Aiko Tanka"));
    expectError(typo, ErrorCode.ERROR_CODE_NOT_ON_ROSTER);
    assertThat(typo.getError().getMessage()).contains("Aiko Tanaka");
    assertThat(connect().request(join(c.code(), "aiko tanaka")).getClassJoined().getName())
        .isEqualTo("Aiko Tanaka");

    ServerMessage bad = connect().request(ClientMessage.newBuilder().setCreateClass(
        CreateClass.newBuilder().setScenarioId(SCENARIO).setRoster("Aiko\nA, B, C\n")
            .setRosterSource("seminar.txt")));
    expectError(bad, ErrorCode.ERROR_CODE_BAD_ROSTER);
    assertThat(bad.getError().getDetailsList()).singleElement().asString()
        .startsWith("seminar.txt:2:");
  }

  @Test
  void freeStudent_lostToken_theirNewClientTakesTheSeatOver() throws Exception {
    Class c = create("");
    TestClient aiko = connect();
    aiko.request(join(c.code(), "Aiko"));
    TestClient boris = connect();
    boris.request(join(c.code(), "Boris"));
    c.instructor().request(command(c, ClassCommand.newBuilder()
        .setStart(Empty.getDefaultInstance())));
    Joined first = aiko.awaitPush(ServerMessage::hasJoined).getJoined();
    boris.awaitPush(ServerMessage::hasJoined);

    // Aiko's laptop dies; on a new one she is refused until the instructor frees her
    TestClient newLaptop = connect();
    expectError(newLaptop.request(join(c.code(), "Aiko")), ErrorCode.ERROR_CODE_DUPLICATE_NAME);
    ServerMessage freed = c.instructor().request(command(c,
        ClassCommand.newBuilder().setFreeStudent("aiko")));
    assertThat(freed.getClassCommandDone().getSummary()).contains("Aiko is freed");
    assertThat(newLaptop.request(join(c.code(), "Aiko")).hasClassJoined()).isTrue();
    Joined again = newLaptop.awaitPush(ServerMessage::hasJoined).getJoined();
    assertThat(again.getRole()).isEqualTo(first.getRole());
    assertThat(again.getGame().getGameCode()).isEqualTo(first.getGame().getGameCode());
    assertThat(again.getSeatToken()).isNotEqualTo(first.getSeatToken());
    // the old laptop's connection was told its seat moved, because the instructor freed it
    EventView moved = aiko.awaitEvent(EventView::hasSeatMoved);
    assertThat(moved.getSeatMoved().getRole()).isEqualTo(first.getRole());
    assertThat(moved.getSeatMoved().getFreed()).isTrue();
  }

  @Test
  void freedStudent_comingBackOnTheSameLaptopWithTheOldToken_isLetInByName() throws Exception {
    Class c = create("");
    TestClient aiko = connect();
    String oldToken = aiko.request(join(c.code(), "Aiko")).getClassJoined().getStudentToken();
    TestClient boris = connect();
    boris.request(join(c.code(), "Boris"));
    c.instructor().request(command(c, ClassCommand.newBuilder()
        .setStart(Empty.getDefaultInstance())));
    aiko.awaitPush(ServerMessage::hasJoined);
    c.instructor().request(command(c, ClassCommand.newBuilder().setFreeStudent("Aiko")));

    // her client still holds the old token and sends it: her name lets her in once
    TestClient again = connect();
    ServerMessage back = again.request(ClientMessage.newBuilder().setJoinClass(JoinClass
        .newBuilder().setClassCode(c.code()).setName("Aiko").setStudentToken(oldToken)));
    assertThat(back.hasClassJoined()).as("%s", back).isTrue();
    assertThat(back.getClassJoined().getStudentToken()).isNotEqualTo(oldToken);
    again.awaitPush(ServerMessage::hasJoined);
    // the old token stays dead, and a made-up token for someone not freed is refused
    expectError(connect().request(ClientMessage.newBuilder().setJoinClass(JoinClass
        .newBuilder().setClassCode(c.code()).setName("Aiko").setStudentToken(oldToken))),
        ErrorCode.ERROR_CODE_BAD_STUDENT_TOKEN);
    expectError(connect().request(ClientMessage.newBuilder().setJoinClass(JoinClass
        .newBuilder().setClassCode(c.code()).setName("Boris").setStudentToken("guess"))),
        ErrorCode.ERROR_CODE_BAD_STUDENT_TOKEN);
  }

  @Test
  void studentsOfAnEndedGame_mayBePairedAgain_butNotWhileItRuns() throws Exception {
    Class c = create("");
    TestClient aiko = connect();
    aiko.request(join(c.code(), "Aiko"));
    TestClient boris = connect();
    boris.request(join(c.code(), "Boris"));
    ServerMessage started = c.instructor().request(command(c, ClassCommand.newBuilder()
        .setStart(Empty.getDefaultInstance())));
    String firstGame = started.getClassCommandDone().getApplied(0);
    aiko.awaitPush(ServerMessage::hasJoined);
    boris.awaitPush(ServerMessage::hasJoined);
    TestClient chen = connect();
    chen.request(join(c.code(), "Chen"));

    // Chen alone is free: start says how to pair them by hand
    ServerMessage alone = c.instructor().request(command(c, ClassCommand.newBuilder()
        .setStart(Empty.getDefaultInstance())));
    expectError(alone, ErrorCode.ERROR_CODE_NOBODY_WAITING);
    assertThat(alone.getError().getMessage()).contains("Only Chen is free").contains("class pair");
    // Aiko's game runs: she cannot be paired, and the reason names it
    ServerMessage busy = c.instructor().request(command(c, ClassCommand.newBuilder()
        .setPair(PairStudents.newBuilder().setFirst("Chen").setSecond("aiko"))));
    expectError(busy, ErrorCode.ERROR_CODE_STUDENT_IN_GAME);
    assertThat(busy.getError().getMessage()).contains(firstGame).contains("has not ended");
    expectError(c.instructor().request(command(c, ClassCommand.newBuilder()
        .setPair(PairStudents.newBuilder().setFirst("Chen").setSecond("Chenn")))),
        ErrorCode.ERROR_CODE_UNKNOWN_STUDENT);

    c.instructor().request(command(c, ClassCommand.newBuilder()
        .setEndGames(Empty.getDefaultInstance())));
    aiko.awaitEvent(EventView::hasGameEnded);

    ServerMessage paired = c.instructor().request(command(c, ClassCommand.newBuilder()
        .setPair(PairStudents.newBuilder().setFirst("Chen").setSecond("Aiko"))));
    assertThat(paired.hasClassCommandDone()).as("%s", paired).isTrue();
    String second = paired.getClassCommandDone().getApplied(0);
    assertThat(second).isNotEqualTo(firstGame);
    assertThat(chen.awaitPush(ServerMessage::hasJoined).getJoined().getGame().getGameCode())
        .isEqualTo(second);
    assertThat(aiko.awaitPush(m -> m.hasJoined()
        && m.getJoined().getGame().getGameCode().equals(second)).hasJoined()).isTrue();
    // Boris, free again, is the only one on the board's free list
    ClassBoard board = c.instructor().request(ClientMessage.newBuilder().setWatchClass(
        WatchClass.newBuilder().setClassCode(c.code()).setInstructorToken(c.token())))
        .getClassBoard();
    assertThat(board.getWaitingList()).containsExactly("Boris");
  }

  @Test
  void timeLimit_isAnnouncedInEveryRunningGame() throws Exception {
    Class c = create("");
    TestClient aiko = connect();
    aiko.request(join(c.code(), "Aiko"));
    TestClient boris = connect();
    boris.request(join(c.code(), "Boris"));
    c.instructor().request(command(c, ClassCommand.newBuilder()
        .setStart(Empty.getDefaultInstance())));
    aiko.awaitPush(ServerMessage::hasJoined);

    ServerMessage limit = c.instructor().request(command(c, ClassCommand.newBuilder()
        .setTimeLimitMinutes(5)));
    assertThat(limit.getClassCommandDone().getSummary())
        .isEqualTo("Every game ends in 5 minutes (class watch counts down); 1 game was told.");
    for (TestClient s : List.of(aiko, boris)) {
      assertThat(s.awaitEvent(EventView::hasAnnounced).getAnnounced().getText())
          .contains("time limit").contains("in 5 minutes");
    }
  }

  @Test
  void bots_onAServerThatHostsNone_areRefusedUpFront() throws Exception {
    server.close();
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDurable(false)
        .withMessageRate(1000, 1000), Optional.empty());
    List<ServerMessage> refused = tryBots("easy");
    assertThat(refused).allSatisfy(m -> {
      expectError(m, ErrorCode.ERROR_CODE_UNKNOWN_BOT);
      assertThat(m.getError().getMessage()).contains("hosts no bots");
    });
  }

  @Test
  void bots_ofAnUnknownLevel_areRefusedUpFrontWithTheLevels() throws Exception {
    List<ServerMessage> refused = tryBots("genius");
    assertThat(refused).allSatisfy(m -> {
      expectError(m, ErrorCode.ERROR_CODE_UNKNOWN_BOT);
      assertThat(m.getError().getMessage()).contains("'genius'").contains("easy, medium, hard");
    });
  }

  /** Asks for a class whose odd student plays this bot, then pairs a student with one. */
  private List<ServerMessage> tryBots(String level) throws InterruptedException {
    ServerMessage odd = connect().request(ClientMessage.newBuilder().setCreateClass(
        CreateClass.newBuilder().setScenarioId(SCENARIO).setOddStudentBot(level)));
    Class c = create("");
    connect().request(join(c.code(), "Aiko"));
    ServerMessage pair = c.instructor().request(command(c, ClassCommand.newBuilder()
        .setPair(PairStudents.newBuilder().setFirst("Aiko").setSecond("bot:" + level))));
    return List.of(odd, pair);
  }

  @Test
  void classOfSixRounds_hidesItsLastRoundByDefault_andKnownEndShowsIt() throws Exception {
    for (boolean known : new boolean[] {false, true}) {
      TestClient instructor = connect();
      ServerMessage created = instructor.request(ClientMessage.newBuilder().setCreateClass(
          CreateClass.newBuilder().setScenarioId(SCENARIO).setRounds(6).setKnownEnd(known)));
      Class c = new Class(created.getClassCreated().getClassCode(),
          created.getClassCreated().getInstructorToken(), instructor);
      TestClient aiko = connect();
      TestClient boris = connect();
      aiko.request(join(c.code(), "Aiko"));
      boris.request(join(c.code(), "Boris"));
      c.instructor().request(command(c, ClassCommand.newBuilder()
          .setStart(Empty.getDefaultInstance())));
      org.hikiwake.proto.game.GameSetup setup = aiko.awaitPush(ServerMessage::hasJoined)
          .getJoined().getGame().getSettings();
      assertThat(setup.getRounds()).isEqualTo(6);
      // the player is told the end is uncertain from round 4, never which round it is
      assertThat(setup.getEndEarliest()).as("known end: %s", known).isEqualTo(known ? 0 : 4);
      assertThat(setup.getEndDrawn()).isZero();
    }
  }

  @Test
  void oddStudent_inAClassWithAnOddStudentBot_playsTheBotToTheEnd() throws Exception {
    TestClient instructor = connect();
    ServerMessage created = instructor.request(ClientMessage.newBuilder().setCreateClass(
        CreateClass.newBuilder().setScenarioId(SCENARIO).setRounds(3).setPairingSeed(42)
            .setOddStudentBot("medium")));
    Class c = new Class(created.getClassCreated().getClassCode(),
        created.getClassCreated().getInstructorToken(), instructor);
    Map<String, TestClient> students = new LinkedHashMap<>();
    for (String name : new String[] {"Aiko", "Boris", "Carla"}) {
      TestClient s = connect();
      assertThat(s.request(join(c.code(), name)).hasClassJoined()).isTrue();
      students.put(name, s);
    }

    ServerMessage started = c.instructor().request(command(c,
        ClassCommand.newBuilder().setStart(Empty.getDefaultInstance())));
    assertThat(started.getClassCommandDone().getAppliedCount()).as("%s", started).isEqualTo(2);
    // the games' seats are taken once the class has answered: wait for the bot's on the board
    ClassGameRow botGame = await().atMost(Duration.ofSeconds(10)).until(() -> {
      ClassBoard board = c.instructor().request(ClientMessage.newBuilder().setWatchClass(
          WatchClass.newBuilder().setClassCode(c.code()).setInstructorToken(c.token())))
          .getClassBoard();
      assertThat(board.getWaitingCount()).as("nobody waits: the odd student plays a bot")
          .isZero();
      return board.getGamesList().stream().filter(g -> g.getSeatsList().stream()
          .anyMatch(seat -> seat.getBot().equals("medium"))
          && g.getSeatsList().stream().allMatch(seat -> seat.getTaken())).findFirst();
    }, Optional::isPresent).orElseThrow();
    String oddName = botGame.getSeatsList().stream().filter(seat -> seat.getBot().isEmpty())
        .findFirst().orElseThrow().getDisplayName();
    ScriptedStudent odd = ScriptedStudent.of(students.get(oddName),
        students.get(oddName).awaitPush(ServerMessage::hasJoined));

    GameOver end = odd.playToTheEnd();

    assertThat(end.getResult().getScoresCount()).isEqualTo(2);
    assertThat(odd.seen()).filteredOn(EventView::hasSeatFilled)
        .anySatisfy(e -> assertThat(e.getSeatFilled().getBot()).isEqualTo("medium"));
  }

  @Test
  void pair_aStudentWithABot_seatsTheBotOfThatLevel() throws Exception {
    Class c = create("");
    TestClient aiko = connect();
    aiko.request(join(c.code(), "Aiko"));
    ServerMessage pair = c.instructor().request(command(c, ClassCommand.newBuilder()
        .setPair(PairStudents.newBuilder().setFirst("bot:hard").setSecond("Aiko"))));
    assertThat(pair.getClassCommandDone().getAppliedCount()).as("%s", pair).isEqualTo(1);
    ServerMessage seated = aiko.awaitPush(ServerMessage::hasJoined);
    assertThat(seated.getJoined().getRole()).isEqualTo("russia");
    ScriptedStudent student = ScriptedStudent.of(aiko, seated);
    EventView botSeat = student.await(e -> e.hasSeatFilled()
        && e.getSeatFilled().getRole().equals("japan"));
    assertThat(botSeat.getSeatFilled().getBot()).isEqualTo("hard");
    assertThat(student.await(EventView::hasOfferMade).getOfferMade().getRole())
        .as("the bot, as Japan, opens").isEqualTo("japan");
  }

  @Test
  void standIn_anAwayStudent_isPlayedByABotUntilTheyComeBack() throws Exception {
    TestClient instructor = connect();
    ServerMessage created = instructor.request(ClientMessage.newBuilder().setCreateClass(
        CreateClass.newBuilder().setScenarioId(SCENARIO).setRounds(3)
            .setStandInBot("medium").setStandInGraceMillis(200)));
    Class c = new Class(created.getClassCreated().getClassCode(),
        created.getClassCreated().getInstructorToken(), instructor);
    TestClient aiko = connect();
    String aikoToken = aiko.request(join(c.code(), "Aiko")).getClassJoined().getStudentToken();
    TestClient boris = connect();
    boris.request(join(c.code(), "Boris"));
    c.instructor().request(command(c, ClassCommand.newBuilder()
        .setPair(PairStudents.newBuilder().setFirst("Aiko").setSecond("Boris"))));
    aiko.awaitPush(ServerMessage::hasJoined);
    ScriptedStudent russia = ScriptedStudent.of(boris, boris.awaitPush(ServerMessage::hasJoined));

    aiko.close();

    assertThat(russia.await(EventView::hasAnnounced).getAnnounced().getText())
        .isEqualTo("Aiko is away: a medium bot plays Japan until they are back.");
    assertThat(russia.await(EventView::hasOfferMade).getOfferMade().getRole())
        .as("the stand-in moves for Japan").isEqualTo("japan");
    TestClient back = connect();
    back.request(ClientMessage.newBuilder().setJoinClass(JoinClass.newBuilder()
        .setClassCode(c.code()).setName("Aiko").setStudentToken(aikoToken)));
    ScriptedStudent japan = ScriptedStudent.of(back, back.awaitPush(ServerMessage::hasJoined));
    assertThat(russia.await(e -> e.hasAnnounced()
        && e.getAnnounced().getText().contains("is back")).getAnnounced().getText())
        .isEqualTo("Aiko is back and plays Japan again.");
    expectDone(boris.propose(NASH));
    japan.await(e -> e.hasTurnChanged() && e.getTurnChanged().getTurn() == 2);
    expectDone(back.propose(NASH));
    russia.await(e -> e.hasTurnChanged() && e.getTurnChanged().getTurn() == 3);
    assertThat(russia.seen()).filteredOn(e -> e.hasOfferMade()
        && e.getOfferMade().getRole().equals("japan")).as("the bot's offer, then Aiko's")
        .hasSize(2);
  }

  private static TestClient studentOf(Map<String, TestClient> students, ClassBoard board,
      int game, String role) {
    String name = board.getGames(game).getSeatsList().stream()
        .filter(s -> s.getRole().equals(role)).findFirst().orElseThrow().getDisplayName();
    return students.get(name);
  }
}

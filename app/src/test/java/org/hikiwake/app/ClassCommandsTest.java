package org.hikiwake.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instructor's and the students' commands against a real server: a class
 * created from a roster, two students joining by name with scripted play,
 * the instructor starting, watching and debriefing the class from the CLI.
 */
class ClassCommandsTest {
  @TempDir Path tmp;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private TestServer server;

  @AfterEach
  void stop() {
    pool.shutdownNow();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void classFromRoster_joinStartPlayWatchAndDebrief() throws Exception {
    server = TestServer.startUnrecorded(tmp);
    Path roster = tmp.resolve("seminar.txt");
    Files.writeString(roster, "# Tuesday seminar\nAiko Tanaka, Boris Ivanov\n");
    CliRun created = CliRun.run(server.env("instructor"), "class", "create", "--roster",
        roster.toString(), "--rounds", "3");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    Matcher m = Pattern.compile("Class (\\S+) created").matcher(created.out());
    assertThat(m.find()).as(created.out()).isTrue();
    String code = m.group(1);
    assertThat(created.out()).contains("hikiwake join " + code + " --name");

    CliRun typo = CliRun.run(server.env("stranger"), "join", code, "--name", "Aiko Tanka");
    assertThat(typo.exitCode()).isEqualTo(3);
    assertThat(typo.err()).contains("not on this class's roster").contains("Aiko Tanaka");

    CliRun aiko = CliRun.start(pool, server.env("aiko"),
        ScriptInput.of("offer " + TestServer.NASH), "join", code, "--name", "aiko tanaka");
    CliRun boris = CliRun.start(pool, server.env("boris"), ScriptInput.of("accept"), "join",
        code, "--name", "Boris Ivanov");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      CliRun board = CliRun.run(server.env("instructor"), "class", "watch", "--once");
      assertThat(board.out()).contains("Waiting (2)");
    });
    assertThat(aiko.out() + aiko.err()).contains("Waiting for the instructor");

    CliRun start = CliRun.run(server.env("instructor"), "class", "start");
    assertThat(start.exitCode()).as(start.toString()).isZero();
    assertThat(start.out()).contains("Formed 1 game");

    assertThat(aiko.exitCode()).as(aiko.toString()).isZero();
    assertThat(boris.exitCode()).as(boris.toString()).isZero();
    assertThat(aiko.out()).contains("You are Japan").contains("Game over: AGREEMENT");
    assertThat(boris.out()).contains("You are Russia").contains("Game over: AGREEMENT");

    CliRun board = CliRun.run(server.env("instructor"), "class", "watch", "--once");
    assertThat(board.exitCode()).as(board.toString()).isZero();
    assertThat(board.out()).contains("Aiko Tanaka").contains("Boris Ivanov")
        .contains("AGREED 57/82").contains("crimea-sanctions");
    assertThat(board.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));

    Path out = tmp.resolve("debrief");
    CliRun debrief = CliRun.run(server.env("instructor"), "class", "debrief", "--out",
        out.toString());
    assertThat(debrief.exitCode()).as(debrief.toString()).isZero();
    assertThat(out.resolve("class.csv")).exists();
    List<String> csv = Files.readAllLines(out.resolve("class.csv"));
    assertThat(csv).hasSize(2);
    assertThat(csv.get(1)).contains("agreement").contains("Aiko Tanaka").contains("Boris Ivanov");
    assertThat(out.resolve("class.svg")).exists();
    assertThat(out.resolve("class.png")).exists();
    assertThat(Files.readString(out.resolve("summary.md"))).contains("Deals reached: 1 of 1");
  }

  @Test
  void dashboardLinks_fromCreateAndFromClassDashboard_signInOnceEach() throws Exception {
    server = TestServer.startUnrecorded(tmp);
    CliRun created = CliRun.run(server.env("instructor"), "class", "create");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    Matcher m = Pattern.compile("(http://\\S+/class/(\\S+)/)#pass=(\\S+)").matcher(created.out());
    assertThat(m.find()).as(created.out()).isTrue();
    String page = m.group(1);
    String firstPass = m.group(3);
    assertThat(created.out()).contains("Class " + m.group(2) + " created");

    CliRun fresh = CliRun.run(server.env("instructor"), "class", "dashboard");
    assertThat(fresh.exitCode()).as(fresh.toString()).isZero();
    Matcher f = Pattern.compile("(http://\\S+/class/\\S+/)#pass=(\\S+)").matcher(fresh.out());
    assertThat(f.find()).as(fresh.out()).isTrue();
    assertThat(f.group(1)).isEqualTo(page);
    assertThat(f.group(2)).isNotEqualTo(firstPass);

    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    for (String pass : List.of(firstPass, f.group(2))) {
      assertThat(signIn(http, page, pass).statusCode()).isEqualTo(204);
      assertThat(signIn(http, page, pass).statusCode()).as("a pass works once").isEqualTo(403);
    }
    CliRun stranger = CliRun.run(server.env("student"), "class", "dashboard", m.group(2),
        "--token", "guess");
    assertThat(stranger.exitCode()).isEqualTo(3);
    assertThat(stranger.out()).doesNotContain("#pass=");
  }

  private static java.net.http.HttpResponse<String> signIn(java.net.http.HttpClient http,
      String page, String pass) throws Exception {
    return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(page + "session"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("pass=" + pass)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void controls_withoutTheTokenOrWithAWrongOne_areRefusedWithAReason() throws Exception {
    server = TestServer.startUnrecorded(tmp);
    CliRun created = CliRun.run(server.env("instructor"), "class", "create");
    Matcher m = Pattern.compile("Class (\\S+) created").matcher(created.out());
    assertThat(m.find()).isTrue();
    String code = m.group(1);

    CliRun noToken = CliRun.run(server.env("student"), "class", "start", code);
    assertThat(noToken.exitCode()).isEqualTo(1);
    assertThat(noToken.err()).contains("no instructor token is kept here");

    CliRun wrong = CliRun.run(server.env("student"), "class", "pause", code, "--token", "guess");
    assertThat(wrong.exitCode()).isEqualTo(3);
    assertThat(wrong.err()).contains("not the instructor token").contains("BAD_INSTRUCTOR_TOKEN");

    CliRun nobody = CliRun.run(server.env("instructor"), "class", "start");
    assertThat(nobody.exitCode()).isEqualTo(3);
    assertThat(nobody.err()).contains("No student has joined yet");
  }
}

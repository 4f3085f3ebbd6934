package org.hikiwake.server.web;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.hikiwake.server.HonestGame.NASH;
import static org.hikiwake.server.web.ScriptedClass.expectDone;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hikiwake.proto.wire.ClassCommandDone;
import java.util.concurrent.TimeUnit;
import org.hikiwake.proto.wire.ClassBoard;
import org.hikiwake.proto.wire.ClassGameRow;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard over real HTTP and WebSocket connections on the game port,
 * with a class of scripted students: signing in, what is sent without the
 * instructor's cookie (nothing private), the live feed, the controls, and
 * every limit. Games must play on through all of it.
 */
class DashboardHttpTest {
  private HikiwakeServer server;
  private WebClient web;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDurable(false)
        .withMessageRate(1000, 1000));
    web = new WebClient(server.port());
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    server.close();
  }

  private ScriptedClass scriptedClass(String... names) throws Exception {
    ScriptedClass c = ScriptedClass.start(server, names);
    open.add(c);
    return c;
  }

  private static String page(ScriptedClass c) {
    return "/class/" + c.code + "/";
  }

  // ---------------------------------------------------------------- signing in

  @Test
  void pass_worksOnce_andSetsAStrictHttpOnlyCookieForThisClassOnly() throws Exception {
    ScriptedClass c = scriptedClass("Aiko", "Boris");
    assertThat(c.dashboardPath).startsWith(page(c) + "#pass=");

    WebClient.Reply in = web.post(page(c) + "session", "pass=" + WebClient.pass(c.dashboardPath),
        null);

    assertThat(in.status()).isEqualTo(204);
    assertThat(in.header("Set-Cookie")).startsWith(DashboardPasses.COOKIE + "=v1.")
        .contains("; Path=" + page(c) + ";").contains("; HttpOnly").contains("; SameSite=Strict");
    WebClient.Reply again = web.post(page(c) + "session",
        "pass=" + WebClient.pass(c.dashboardPath), null);
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.body()).contains("used already or has expired")
        .contains("hikiwake class dashboard");
    assertThat(again.header("Set-Cookie")).isEmpty();
    // a fresh link from the instructor's terminal works, once
    String cookie = web.signIn(c.freshDashboardPath());
    assertThat(web.get(page(c) + "state", cookie).body()).contains("\"signedIn\":true");
    assertThat(web.get(page(c) + "state", null).body()).contains("\"signedIn\":false")
        .contains("howToGetIn");
  }

  @Test
  void pass_ofAnotherClass_isRefusedAndUsedUp() throws Exception {
    ScriptedClass a = scriptedClass("Aiko", "Boris");
    ScriptedClass b = scriptedClass("Carla", "Dmitri");

    assertThat(web.post(page(b) + "session", "pass=" + WebClient.pass(a.dashboardPath), null)
        .status()).isEqualTo(403);
    assertThat(web.post(page(a) + "session", "pass=" + WebClient.pass(a.dashboardPath), null)
        .status()).isEqualTo(403);
  }

  // ---------------------------------------------------------------- secrets

  @Test
  void everyEndpointAndPush_withoutTheInstructorsCookie_carriesNothingPrivate() throws Exception {
    ScriptedClass c = scriptedClass("Aiko Tanaka", "Boris Ivanov", "Carla Rossi",
        "Dmitri Petrov");
    ScriptedClass other = scriptedClass("Emi Sato", "Fyodor Orlov");
    expectDone(c.japan(1).propose(NASH));
    c.russia(1).awaitEvent(EventView::hasOfferMade);
    ClassBoard board = c.board();
    List<String> secrets = new ArrayList<>(c.students.keySet());
    for (ClassGameRow g : board.getGamesList()) {
      secrets.add(g.getGameCode());
    }
    secrets.add(c.token);
    secrets.add(WebClient.pass(c.dashboardPath));
    secrets.add(board.getNews(0).getHeadline());
    // and, in anything but the page's own code, the keys that carry points and the files
    List<String> dataSecrets = List.copyOf(secrets);
    secrets.addAll(List.of("\"points\"", "\"scores\"", "\"onTable\"", "share_of_gain", "<svg"));

    String otherCookie = web.signIn(other.dashboardPath);
    List<String> gets = List.of("/", "/static/dashboard.js", "/static/dashboard.css", page(c),
        "/class/" + c.code, page(c) + "state", page(c) + "live", page(c) + "live?view=projector",
        page(c) + "debrief/class.csv", page(c) + "debrief/class.svg",
        page(c) + "debrief/summary.md", page(c) + "debrief/class.png",
        page(c) + "debrief/class.csv?download=1", page(c) + "nothing", "/class/", "/favicon.ico");
    List<String> cookies = new ArrayList<>();
    cookies.add(null);
    cookies.addAll(List.of("made-up", "v1.99999999999999.AAAA", otherCookie));
    for (String cookie : cookies) {
      // a client (and connection) per round, to stay under the per-connection request rate
      WebClient web = new WebClient(server.port());
      for (String path : gets) {
        WebClient.Reply r = web.get(path, cookie);
        assertThat(r.body()).as("GET %s with cookie %s", path, cookie)
            .doesNotContain(path.startsWith("/static/") ? dataSecrets : secrets);
      }
      WebClient poster = new WebClient(server.port());
      for (String form : List.of("action=pause", "action=end-all", "action=release-news&news="
          + board.getNews(0).getId(), "action=extend&rounds=3")) {
        WebClient.Reply r = poster.post(page(c) + "control", form, cookie);
        assertThat(r.status()).as("POST control %s with %s", form, cookie).isEqualTo(401);
        assertThat(r.body()).doesNotContain(secrets);
      }
      assertThat(poster.post(page(c) + "session", "pass=nope", cookie).body())
          .doesNotContain(secrets);
      for (String live : List.of(page(c) + "live", page(c) + "live?view=projector")) {
        String cookieUsed = cookie;
        Throwable refused = catchThrowable(() -> web.live(live, cookieUsed));
        assertThat(refused).as("WebSocket %s with %s", live, cookie)
            .hasCauseInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> handshake = ((WebSocketHandshakeException) refused.getCause())
            .getResponse();
        assertThat(handshake.statusCode()).isEqualTo(401);
        assertThat(String.valueOf(handshake.body())).doesNotContain(secrets);
      }
    }
    // none of it changed a game
    assertThat(c.board().getGamesList()).allSatisfy(g -> {
      assertThat(g.getPaused()).isFalse();
      assertThat(g.getRounds()).isEqualTo(4);
    });
    // and the check can fail: with the cookie, the debrief names the students
    String cookie = web.signIn(c.freshDashboardPath());
    assertThat(web.get(page(c) + "debrief/class.csv", cookie).body()).contains("Aiko Tanaka");
  }

  @Test
  void projectorFeed_carriesNoNamesNoCodesAndNoPoints() throws Exception {
    ScriptedClass c = scriptedClass("Aiko Tanaka", "Boris Ivanov", "Carla Rossi",
        "Dmitri Petrov");
    String cookie = web.signIn(c.dashboardPath);
    WebClient.Feed feed = web.live(page(c) + "live?view=projector", cookie);
    assertThat(feed.next()).contains("\"view\":\"projector\"").contains("Pair 1 Japan");

    expectDone(c.japan(1).propose(NASH));
    await().atMost(Duration.ofSeconds(5)).until(() -> feed.all.stream()
        .anyMatch(m -> m.contains("\"offerOnTable\":true")));
    expectDone(c.russia(1).accept());
    await().atMost(Duration.ofSeconds(5)).until(() -> feed.all.stream()
        .anyMatch(m -> m.contains("\"state\":\"agreement\"")));

    List<String> secrets = new ArrayList<>(c.students.keySet());
    c.games.forEach(g -> secrets.add(g.code()));
    secrets.addAll(List.of("\"points\"", "\"scores\"", "\"onTable\"", "\"news\"",
        "\"waiting\""));
    assertThat(feed.all).isNotEmpty().allSatisfy(m -> assertThat(m).doesNotContain(secrets));
    // the debrief table the projector fetches holds no names, codes or scores either
    String table = web.get(page(c) + "debrief/class.csv?view=projector", cookie).body();
    assertThat(table.lines().findFirst().orElseThrow())
        .isEqualTo("pair,state,japan_share_of_gain,russia_share_of_gain");
    assertThat(table).contains("agreement").doesNotContain(secrets.subList(0,
        c.students.size() + c.games.size())).doesNotContain(",57,").doesNotContain(",82,");
    assertThat(web.get(page(c) + "debrief/class.csv", cookie).body()).contains("Aiko Tanaka");
    feed.socket.abort();
  }

  // ---------------------------------------------------------------- live view and controls

  @Test
  void instructorFeed_showsAMoveWithinASecond_withBothSidesPoints() throws Exception {
    ScriptedClass c = scriptedClass("Aiko", "Boris");
    String cookie = web.signIn(c.dashboardPath);
    WebClient.Feed feed = web.live(page(c) + "live", cookie);
    assertThat(feed.next()).contains("\"view\":\"instructor\"").contains("Aiko")
        .contains("\"offerOnTable\":false");

    expectDone(c.japan(1).propose(NASH));

    await().atMost(Duration.ofSeconds(1)).until(() -> feed.all.stream()
        .anyMatch(m -> m.contains("\"onTable\":{\"by\":\"Japan\"")
            && m.contains("\"joint\":139")));
    feed.socket.abort();
  }

  @Test
  void newsReleasedFromTheTerminal_reachesBothFeedsAsTheBanner() throws Exception {
    ScriptedClass c = scriptedClass("Aiko", "Boris");
    String cookie = web.signIn(c.dashboardPath);
    WebClient.Feed instructorFeed = web.live(page(c) + "live", cookie);
    WebClient.Feed projectorFeed = web.live(page(c) + "live?view=projector", cookie);
    assertThat(instructorFeed.next()).doesNotContain("\"released\"");

    ClassCommandDone done = c.command(org.hikiwake.proto.wire.ClassCommand.newBuilder()
        .setReleaseNews("crimea-sanctions"));
    assertThat(done.getAppliedCount()).as("%s", done).isEqualTo(1);

    for (WebClient.Feed feed : List.of(instructorFeed, projectorFeed)) {
      await().atMost(Duration.ofSeconds(2)).until(() -> feed.all.stream()
          .anyMatch(m -> m.contains("\"released\":{\"headline\":\"")));
      feed.socket.abort();
    }
  }

  @Test
  void controls_overHttp_reachEveryGame_andAreRecordedThere() throws Exception {
    ScriptedClass c = scriptedClass("Aiko", "Boris", "Carla", "Dmitri");
    String cookie = web.signIn(c.dashboardPath);

    WebClient.Reply paused = web.post(page(c) + "control", "action=pause", cookie);

    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    assertThat(paused.body()).contains("Pause: 2 games");
    for (TestClient s : c.students.values()) {
      s.awaitEvent(EventView::hasPaused);
    }
    assertThat(web.post(page(c) + "control", "action=resume", cookie).status()).isEqualTo(200);
    assertThat(web.post(page(c) + "control", "action=extend&rounds=2", cookie).body())
        .contains("2 games");
    c.japan(2).awaitEvent(e -> e.hasRoundsExtended() && e.getRoundsExtended().getRounds() == 6);
    WebClient.Reply news = web.post(page(c) + "control",
        "action=release-news&news=crimea-sanctions", cookie);
    assertThat(news.body()).contains("2 games");
    c.russia(1).awaitEvent(e -> e.hasNewsArrived()
        && e.getNewsArrived().getId().equals("crimea-sanctions"));
    assertThat(web.post(page(c) + "control", "action=end-all", cookie).body())
        .contains("2 games");
    c.japan(1).awaitEvent(EventView::hasGameEnded);
    // a bad control is a 400 and changes nothing
    assertThat(web.post(page(c) + "control", "action=extend&rounds=99", cookie).status())
        .isEqualTo(400);
    assertThat(web.post(page(c) + "control", "action=explode", cookie).status())
        .isEqualTo(400);
  }

  @Test
  void requestsFromAnotherSite_areRefused() throws Exception {
    ScriptedClass c = scriptedClass("Aiko", "Boris");
    String cookie = web.signIn(c.dashboardPath);

    WebClient.Reply r = web.send("POST", page(c) + "control", "action=pause", cookie,
        "http://evil.example");

    assertThat(r.status()).isEqualTo(403);
    assertThat(c.board().getGames(0).getPaused()).isFalse();
  }

  // ---------------------------------------------------------------- limits

  @Test
  void unknownPath_is404_andWrongMethod_is405WithAllow() throws Exception {
    ScriptedClass c = scriptedClass("Aiko", "Boris");
    assertThat(web.get("/nowhere", null).status()).isEqualTo(404);
    assertThat(web.get("/class/ZZZZ-ZZZZ/", null).status()).isEqualTo(404);
    assertThat(web.get(page(c) + "debrief/secrets.txt", null).status()).isEqualTo(404);
    WebClient.Reply put = web.send("PUT", page(c) + "control", "", null, null);
    assertThat(put.status()).isEqualTo(405);
    assertThat(put.header("Allow")).isEqualTo("POST");
    WebClient.Reply post = web.send("POST", "/", "", null, null);
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(web.send("DELETE", page(c), "", null, null).status()).isEqualTo(405);
  }

  @Test
  void oversizedHeaders_are431_longLine414_bigBody413() throws Exception {
    String big = "a".repeat(DashboardHandler.MAX_HEADER_BYTES + 10);
    assertThat(WebClient.raw(server.port(), ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + big
        + "\r\n\r\n").getBytes(US_ASCII), Duration.ofSeconds(10)))
        .startsWith("HTTP/1.1 431 ");
    String longPath = "/" + "b".repeat(DashboardHandler.MAX_LINE_BYTES + 10);
    assertThat(WebClient.raw(server.port(), ("GET " + longPath + " HTTP/1.1\r\nHost: x\r\n\r\n")
        .getBytes(US_ASCII), Duration.ofSeconds(10))).startsWith("HTTP/1.1 414 ");
    assertThat(WebClient.raw(server.port(), ("POST /class/X/control HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
        + "a".repeat(5000)).getBytes(US_ASCII), Duration.ofSeconds(10)))
        .startsWith("HTTP/1.1 413 ");
    assertGamesPlayOn();
  }

  @Test
  void requestFlood_gets429AndIsClosed() throws Exception {
    String one = "GET /static/dashboard.css HTTP/1.1\r\nHost: x\r\n\r\n";
    String out = WebClient.raw(server.port(),
        one.repeat(DashboardHandler.MAX_REQUESTS_PER_SECOND + 5).getBytes(US_ASCII),
        Duration.ofSeconds(10));

    assertThat(out).contains("HTTP/1.1 429 ").doesNotContain("<still open>");
    assertGamesPlayOn();
  }

  @Test
  void trickledRequest_gets408_andAnIdleConnectionIsClosed() throws Exception {
    try (HikiwakeServer strict = HikiwakeServer.start(ServerConfig.defaults().withPort(0)
        .withDurable(false).withFrameTimeout(Duration.ofMillis(500))
        .withIdleTimeout(Duration.ofSeconds(1)))) {
      assertThat(WebClient.raw(strict.port(), "GET / HTTP/1.1\r\nHo".getBytes(US_ASCII),
          Duration.ofSeconds(10))).startsWith("HTTP/1.1 408 ");
      // a request answered, then nothing: closed by the idle timeout
      assertThat(WebClient.raw(strict.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
          .getBytes(US_ASCII), Duration.ofSeconds(10))).startsWith("HTTP/1.1 200 ")
          .doesNotContain("<still open>");
      // nothing at all: closed too
      assertThat(WebClient.raw(strict.port(), new byte[0], Duration.ofSeconds(10)))
          .isEmpty();
    }
  }

  @Test
  void webSocketFlood_isCutOff_andGamesPlayOn() throws Exception {
    ScriptedClass c = scriptedClass("Aiko", "Boris");
    String cookie = web.signIn(c.dashboardPath);
    WebClient.Feed feed = web.live(page(c) + "live", cookie);
    feed.next();

    // One send at a time: Java's WebSocket refuses a send while another is outstanding, so
    // firing 50 at once put only a few on the wire, sometimes too few to be a flood.
    int sent = 0;
    for (int i = 0; i < 50 && !feed.closed.isDone(); i++) {
      try {
        feed.socket.sendText("hello " + i, true).get(5, TimeUnit.SECONDS);
        sent++;
      } catch (java.util.concurrent.ExecutionException e) {
        break; // the server cut the connection while this one was on its way
      }
    }
    assertThat(sent).as("frames on the wire").isGreaterThan(LiveFeed.MAX_FRAMES_PER_SECOND);

    // The server sends close 1008 and closes. A client still sending when the socket closes
    // can get a reset before it reads the close frame (its WebSocket then reports an error,
    // -1): on a loaded machine either arrives. Either way the server cut the feed off.
    assertThat(feed.closed.get(10, TimeUnit.SECONDS)).isIn(LiveFeed.POLICY_VIOLATION, -1);
    expectDone(c.japan(1).propose(NASH));
    await().atMost(Duration.ofSeconds(5)).until(() -> server.dashboard().liveCount() == 0);
  }

  @Test
  void oversizedWebSocketFrame_isCutOff() throws Exception {
    ScriptedClass c = scriptedClass("Aiko", "Boris");
    String cookie = web.signIn(c.dashboardPath);
    WebClient.Feed feed = web.live(page(c) + "live", cookie);
    feed.next();

    feed.socket.sendText("x".repeat(DashboardHandler.MAX_FRAME_BYTES * 4), true);

    assertThat(feed.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    expectDone(c.japan(1).propose(NASH));
  }

  /** A whole game still plays from start to agreement on the same port. */
  private void assertGamesPlayOn() throws Exception {
    org.hikiwake.server.HonestGame.AGREEMENT_ROUND_1.check(
        org.hikiwake.server.HonestGame.AGREEMENT_ROUND_1.play(server.port()).getResult());
  }
}

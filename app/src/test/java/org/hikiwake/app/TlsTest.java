package org.hikiwake.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.hikiwake.cli.ExitCode;
import org.hikiwake.cli.net.Connection;
import org.hikiwake.cli.net.ServerAddress;
import org.hikiwake.codec.wire.Fingerprint;
import org.hikiwake.proto.game.GameOutcome;
import org.hikiwake.proto.wire.ClassCreated;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateClass;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.server.tls.ServerTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS over real sockets: a game played through it, the certificate pinned on
 * first use and a changed one refused, both mismatches of plain and TLS, and
 * the dashboard over HTTPS.
 */
class TlsTest {
  @TempDir
  Path tmp;

  private TestServer server;
  private TestServer other;
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
    for (TestServer s : new TestServer[] {server, other}) {
      if (s != null) {
        s.close();
      }
    }
  }

  private String hostPort(TestServer s) {
    return "127.0.0.1:" + s.server.port();
  }

  private Path knownServers(String player) {
    return tmp.resolve("home-" + player).resolve("known_servers");
  }

  @Test
  void tlsGame_twoScriptedPlayers_playToAnAgreement_andPinTheCertificate() throws Exception {
    server = TestServer.startTls(tmp);
    String code = server.createGame();
    CliRun japan = CliRun.start(pool, server.env("japan"), ScriptInput.of(
        "offer " + TestServer.NASH), "play", code, "--role", "japan", "--name", "Aiko", "--json");
    CliRun russia = CliRun.start(pool, server.env("russia"), ScriptInput.of("accept"),
        "play", code, "--role", "russia", "--name", "Boris", "--json");

    assertThat(japan.exitCode()).as(japan.toString()).isZero();
    assertThat(russia.exitCode()).as(russia.toString()).isZero();
    List<EventView> events = TestServer.events(russia.out());
    EventView last = events.get(events.size() - 1);
    assertThat(last.getGameEnded().getResult().getOutcome())
        .isEqualTo(GameOutcome.GAME_OUTCOME_AGREEMENT);
    Fingerprint fingerprint = server.server.tls().orElseThrow().fingerprint();
    assertThat(russia.err()).contains("First encrypted connection to " + hostPort(server))
        .contains(fingerprint.toString());
    assertThat(Files.readString(knownServers("russia")))
        .contains(hostPort(server) + " " + fingerprint);
    // the recording of a game over TLS is the same as any other: in the store, and out of it
    server.close();
    Path recording = tmp.resolve(code + ".hwr");
    CliRun written = CliRun.run(Map.of(), "recording", code, "--data",
        server.dataDir.toString(), "--out", recording.toString());
    assertThat(written.exitCode()).as(written.toString()).isZero();
    assertThat(recording).isNotEmptyFile();
  }

  @Test
  void selfSignedCertificate_isKeptOwnerOnly_andTheSameAtTheNextStart() throws Exception {
    server = TestServer.startTls(tmp);
    Fingerprint first = server.server.tls().orElseThrow().fingerprint();
    Path key = server.dataDir.resolve("tls").resolve("server.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");

    ServerTls again = ServerTls.selfSigned(server.dataDir);

    assertThat(again.fingerprint()).isEqualTo(first);
    assertThat(again.isNew()).isFalse();
  }

  @Test
  void changedCertificate_isRefusedLoudly_withHowToAcceptIt() throws Exception {
    server = TestServer.startTls(tmp.resolve("a"));
    other = TestServer.startTls(tmp.resolve("b"));
    Fingerprint old = server.server.tls().orElseThrow().fingerprint();
    Fingerprint changed = other.server.tls().orElseThrow().fingerprint();
    assertThat(changed).isNotEqualTo(old);
    // The student met the server at this address before, with the old certificate.
    Files.createDirectories(knownServers("s").getParent());
    Files.writeString(knownServers("s"), hostPort(other) + " " + old + "\n");
    Map<String, String> env = Map.of("HIKIWAKE_HOME", tmp.resolve("home-s").toString());

    CliRun refused = CliRun.run(env, "games", "--server", "tls://" + hostPort(other));

    assertThat(refused.exitCode()).isEqualTo(ExitCode.CANNOT_CONNECT);
    assertThat(refused.err()).contains("WARNING: THE SERVER'S CERTIFICATE HAS CHANGED")
        .contains(old.toString()).contains(changed.toString())
        .contains("Ask your instructor for the server's fingerprint")
        .contains("--fingerprint " + changed)
        .contains("hikiwake: the certificate of " + hostPort(other) + " has changed");
    assertThat(refused.out()).isEmpty();
    assertThat(Files.readString(knownServers("s"))).contains(old.toString());

    CliRun accepted = CliRun.run(env, "games", "--server", "tls://" + hostPort(other),
        "--fingerprint", changed.toString());

    assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
    assertThat(accepted.err()).contains("as you asked with --fingerprint");
    assertThat(Files.readString(knownServers("s"))).contains(changed.toString())
        .doesNotContain(old.toString());
    assertThat(CliRun.run(env, "games", "--server", "tls://" + hostPort(other)).exitCode())
        .isZero();
  }

  @Test
  void fingerprintFromTheHandout_wrongOne_isRefused_rightOneInHex_isPinned() throws Exception {
    server = TestServer.startTls(tmp);
    Fingerprint real = server.server.tls().orElseThrow().fingerprint();
    Map<String, String> env = server.env("s");
    String wrong = "SHA256:" + "A".repeat(43);

    CliRun refused = CliRun.run(env, "games", "--server", hostPort(server), "--fingerprint",
        wrong);

    assertThat(refused.exitCode()).isEqualTo(ExitCode.CANNOT_CONNECT);
    assertThat(refused.err()).contains("not the one you gave with --fingerprint")
        .contains("check the fingerprint with your instructor");
    assertThat(knownServers("s")).doesNotExist();

    CliRun pinned = CliRun.run(env, "games", "--server", hostPort(server), "--fingerprint",
        real.hex());

    assertThat(pinned.exitCode()).as(pinned.toString()).isZero();
    assertThat(pinned.err()).contains("matches the fingerprint you gave");
    assertThat(Files.readString(knownServers("s"))).contains(real.toString());
  }

  @Test
  void plainClient_againstATlsServer_isToldToUseTls() throws Exception {
    server = TestServer.startTls(tmp);

    CliRun run = CliRun.run(server.env("s"), "games", "--server", hostPort(server));

    assertThat(run.exitCode()).isEqualTo(ExitCode.CANNOT_CONNECT);
    assertThat(run.err().strip()).isEqualTo("hikiwake: the server at " + hostPort(server)
        + " takes only encrypted connections: run the command again with --server tls://"
        + hostPort(server) + " (and --fingerprint SHA256:... if your instructor gave you one)");
  }

  @Test
  void tlsClient_againstAPlainServer_isToldItDoesNotSpeakTls() throws Exception {
    server = TestServer.start(tmp);

    CliRun run = CliRun.run(server.env("s"), "games", "--server", "tls://" + hostPort(server));

    assertThat(run.exitCode()).isEqualTo(ExitCode.CANNOT_CONNECT);
    assertThat(run.err()).contains("closed the connection instead of starting encryption (TLS)")
        .contains("run the command again with --server " + hostPort(server));
    assertThat(knownServers("s")).doesNotExist();
  }

  @Test
  void dashboard_overHttps_signsInWithASecureCookie_livesOverWss_andPlainHttpIsSentToHttps()
      throws Exception {
    server = TestServer.startTls(tmp, false);
    ServerTls tls = server.server.tls().orElseThrow();
    ClassCreated created;
    try (Connection c = Connection.open(ServerAddress.parse("tls://" + hostPort(server)))) {
      created = c.expect(ClientMessage.newBuilder().setCreateClass(CreateClass.newBuilder()
              .setScenarioId("japan-russia-2013").setRounds(4).setPairingSeed(1)),
          ServerMessage.BodyCase.CLASS_CREATED).getClassCreated();
    }
    String path = created.getDashboardPath();
    String page = path.substring(0, path.indexOf('#'));
    String pass = path.substring(path.indexOf("#pass=") + "#pass=".length());
    HttpClient https = HttpClient.newBuilder().sslContext(trusting(tls.certificateFile()))
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(20))
        .build();
    String origin = "https://" + hostPort(server);

    HttpResponse<String> signIn = https.send(HttpRequest.newBuilder(URI.create(origin + page
            + "session")).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Origin", origin).POST(HttpRequest.BodyPublishers.ofString("pass=" + pass))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(204);
    assertThat(signIn.headers().firstValue("Set-Cookie").orElse("")).contains("; Secure")
        .contains("; HttpOnly");
    HttpResponse<String> pageReply = https.send(HttpRequest.newBuilder(URI.create(origin + page))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(pageReply.statusCode()).isEqualTo(200);
    // The live feed: a WebSocket over the same TLS (wss://), signed in by the cookie.
    String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    BlockingQueue<String> pushed = new LinkedBlockingQueue<>();
    WebSocket live = https.newWebSocketBuilder().header("Cookie", cookie)
        .buildAsync(URI.create("wss://" + hostPort(server) + page + "live"),
            new WebSocket.Listener() {
              private final StringBuilder text = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                  pushed.add(text.toString());
                  text.setLength(0);
                }
                ws.request(1);
                return null;
              }
            }).get(20, TimeUnit.SECONDS);
    assertThat(pushed.poll(20, TimeUnit.SECONDS)).as("the board, pushed over wss://")
        .contains("\"view\":\"instructor\"");
    live.abort();

    HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .build();
    HttpResponse<String> redirected = plain.send(HttpRequest.newBuilder(URI.create("http://"
        + hostPort(server) + page)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(redirected.statusCode()).isEqualTo(308);
    assertThat(redirected.headers().firstValue("Location")).contains(origin + page);
  }

  /** TLS that trusts exactly this certificate, as a browser does once it is accepted. */
  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      store.setCertificateEntry("hikiwake",
          CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }
}

package org.hikiwake.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.tls.ServerTls;

/** A real server on a free port with its data in a temporary folder, and helpers to reach it. */
final class TestServer implements AutoCloseable {
  /** The Nash package of the built-in scenario: Japan 57, Russia 82. */
  static final String NASH = "territory=two_islands_plus peace_treaty=roadmap"
      + " energy=lng_and_pipeline far_east=major security=full_fact_sheet"
      + " missile_defence=no_statement";

  final HikiwakeServer server;
  final Path dataDir;
  final Path root;

  private TestServer(HikiwakeServer server, Path root) {
    this.server = server;
    this.root = root;
    this.dataDir = root.resolve("data");
  }

  /** A server whose bots move at once. */
  static TestServer start(Path tmp) throws Exception {
    HikiwakeServer s = HikiwakeServer.start(ServerConfig.defaults().withPort(0)
        .withDataDir(tmp.resolve("data")), java.util.Optional.of(java.time.Duration.ZERO));
    return new TestServer(s, tmp);
  }

  /** A server that takes only TLS, with a self-signed certificate made in its data folder. */
  static TestServer startTls(Path tmp) throws Exception {
    return startTls(tmp, true);
  }

  /** The same, recording games or not (classes need the database store to be recorded). */
  static TestServer startTls(Path tmp, boolean recorded) throws Exception {
    Path data = tmp.resolve("data");
    HikiwakeServer s = HikiwakeServer.start(ServerConfig.defaults().withPort(0)
        .withDataDir(data).withDurable(recorded), ServerTls.selfSigned(data));
    return new TestServer(s, tmp);
  }

  /** A server that records nothing (classes need the database store to be recorded). */
  static TestServer startUnrecorded(Path tmp) throws Exception {
    HikiwakeServer s = HikiwakeServer.start(ServerConfig.defaults().withPort(0)
        .withDataDir(tmp.resolve("data")).withDurable(false),
        java.util.Optional.of(java.time.Duration.ZERO));
    return new TestServer(s, tmp);
  }

  /** Where the server is, as --server takes it (tls://... for a TLS server). */
  String address() {
    return (server.tls().isPresent() ? "tls://" : "") + "127.0.0.1:" + server.port();
  }

  /** An environment with the server address and a home folder of its own per player. */
  Map<String, String> env(String player) {
    Map<String, String> env = new HashMap<>();
    env.put("HIKIWAKE_SERVER", address());
    env.put("HIKIWAKE_HOME", root.resolve("home-" + player).toString());
    return env;
  }

  /** Creates a game and returns its join code. */
  String createGame(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("create", "-q"));
    args.addAll(List.of(extra));
    CliRun run = CliRun.run(env("instructor"), args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    String code = run.out().strip();
    assertThat(code).matches("[0-9A-Z]{4}-[0-9A-Z]{4}");
    return code;
  }

  /** Every line of JSON output parsed back into a wire event. */
  static List<EventView> events(String jsonLines) throws Exception {
    List<EventView> events = new ArrayList<>();
    for (String line : jsonLines.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      EventView.Builder b = EventView.newBuilder();
      JsonFormat.parser().merge(line, b);
      events.add(b.build());
    }
    return events;
  }

  @Override
  public void close() {
    server.close();
  }
}

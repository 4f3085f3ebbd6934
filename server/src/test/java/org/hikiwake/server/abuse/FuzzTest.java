package org.hikiwake.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.hikiwake.proto.wire.Accept;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateGame;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.Hello;
import org.hikiwake.proto.wire.JoinSeat;
import org.hikiwake.proto.wire.ListGames;
import org.hikiwake.proto.wire.ListScenarios;
import org.hikiwake.proto.wire.Ping;
import org.hikiwake.proto.wire.Propose;
import org.hikiwake.proto.wire.ResumeSeat;
import org.hikiwake.proto.wire.Say;
import org.hikiwake.proto.wire.WalkAway;
import org.hikiwake.proto.wire.WatchGame;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.HonestGame;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing: random frames and mutated valid frames, sent over a few
 * connections (a new one whenever the server closes one), while honest games
 * go on. Every fuzz frame is followed by a ping, so the pongs tell which
 * frames the server has dealt with. {@code -Dhikiwake.fuzz.frames=N} sets how
 * many frames (100,000 by default).
 *
 * <p>The seed is fixed ({@link #DEFAULT_SEED}) unless told otherwise, so a CI
 * run is repeatable: the same frames, as far as the server's answers (and its
 * random join codes) allow. {@code -Dhikiwake.fuzz.seed=random} draws a new
 * seed, {@code -Dhikiwake.fuzz.seed=S} replays seed S; every run prints its
 * seed, and a failure says how to rerun it.
 */
class FuzzTest {
  static final int FRAMES = Integer.getInteger("hikiwake.fuzz.frames", 100_000);
  /** The seed of a run when {@code hikiwake.fuzz.seed} is not set. */
  static final long DEFAULT_SEED = 20131102L;
  static final long SEED = seed(System.getProperty("hikiwake.fuzz.seed"));
  static final int WORKERS = 4;
  static final int BATCH = 32;
  static final int PING_EVERY = 8;

  @TempDir Path data;
  HikiwakeServer server;
  EventLoopGroup group;
  ExecutorService workers;
  HonestTraffic honest;
  TestClient sentinel;

  @AfterEach
  void stop() throws InterruptedException {
    if (workers != null) {
      workers.shutdownNow();
      workers.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (honest != null) {
      honest.close();
    }
    if (sentinel != null) {
      sentinel.close();
    }
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void fuzzedFrames_neverBreakTheServerOrLeakAStackTrace() throws Exception {
    System.out.printf("fuzzing %,d frames with seed %d%n", FRAMES, SEED);
    try {
      fuzz();
    } catch (Throwable e) {
      throw new AssertionError("fuzzing failed with seed " + SEED + "; rerun it with "
          + rerun(SEED, FRAMES) + ": " + e, e);
    }
  }

  @Test
  void seed_unset_isTheFixedDefault() {
    assertThat(seed(null)).isEqualTo(DEFAULT_SEED);
    assertThat(seed("")).isEqualTo(DEFAULT_SEED);
  }

  @Test
  void seed_number_isThatSeed() {
    assertThat(seed("42")).isEqualTo(42);
    assertThat(seed(" -7 ")).isEqualTo(-7);
  }

  @Test
  void seed_random_drawsADifferentSeedEachTime() {
    assertThat(LongStream.range(0, 8).map(i -> seed("random")).distinct()
        .count()).isGreaterThan(1);
  }

  @Test
  void seed_neitherNumberNorRandom_isRefused() {
    assertThatThrownBy(() -> seed("tomorrow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hikiwake.fuzz.seed").hasMessageContaining("tomorrow");
  }

  @Test
  void rerun_failedRun_namesItsSeedAndFrames() {
    assertThat(rerun(-5, 1_000)).contains("-Dtest=FuzzTest")
        .contains("-Dhikiwake.fuzz.seed=-5").contains("-Dhikiwake.fuzz.frames=1000");
  }

  /**
   * The seed a {@code hikiwake.fuzz.seed} value asks for: unset or empty for
   * {@link #DEFAULT_SEED}, {@code random} for a fresh one, or a number.
   */
  static long seed(String property) {
    if (property == null || property.isBlank()) {
      return DEFAULT_SEED;
    }
    if (property.strip().equals("random")) {
      return new SecureRandom().nextLong();
    }
    try {
      return Long.parseLong(property.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("hikiwake.fuzz.seed must be a number or 'random'"
          + " but was '" + property + "'", e);
    }
  }

  /** The command that reruns a fuzzing run. */
  static String rerun(long seed, int frames) {
    return "./mvnw -B -o -pl proto,scenarios,engine,codec,server verify -Dtest=FuzzTest"
        + " -Dsurefire.failIfNoSpecifiedTests=false -Dhikiwake.fuzz.seed=" + seed
        + " -Dhikiwake.fuzz.frames=" + frames;
  }

  private void fuzz() throws Exception {
    // no rate limit, so fuzzed commands reach the handler rather than the limiter
    server = HikiwakeServer.start(ServerConfig.defaults().withPort(0).withDataDir(data)
        .withMessageRate(1_000_000, 1_000_000));
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    sentinel = TestClient.connect(server.port());
    String codeA = sentinel.create(HonestGame.SCENARIO, 0, 0);
    String codeB = sentinel.create(HonestGame.SCENARIO, 3, 60_000);
    String token;
    try (TestClient seated = TestClient.connect(server.port())) {
      token = seated.join(codeA, "japan", "Anchor").getJoined().getSeatToken();
    }
    List<ClientMessage> corpus = corpus(codeA, codeB, token);
    long baselineHeap = AbuseTest.usedHeap();
    long baselineDirect = AbuseTest.usedDirect();
    honest = HonestTraffic.start(server.port(), 1);

    Stats stats = new Stats();
    workers = Executors.newFixedThreadPool(WORKERS);
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      int worker = w;
      running.add(workers.submit(() -> {
        new Worker(new Random(SEED + worker), corpus,
            new String[] {codeA, codeB, "QQQQ-QQQQ"}, token, stats).run(FRAMES / WORKERS + 1);
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get(5, TimeUnit.MINUTES);
    }
    System.out.printf("fuzz seed %d: %d frames, %d connections, %d games, errors %s%n", SEED,
        stats.frames.get(), stats.connections.get(), server.lobby().size(), stats.codes);

    assertThat(stats.frames.get()).isGreaterThanOrEqualTo(FRAMES);
    assertThat(stats.codes).as("the server never fails on a fuzzed frame")
        .doesNotContainKey(ErrorCode.ERROR_CODE_INTERNAL);
    assertThat(stats.traces).as("error messages that look like stack traces").isEmpty();
    assertThat(stats.disagreements).as("the server disagrees with the framing rules").isEmpty();

    assertThat(honest.stopAndCheck()).as("honest games finished").isPositive();
    try (TestClient fresh = TestClient.connect(server.port())) {
      assertThat(fresh.create(HonestGame.SCENARIO, 0, 0)).isNotEmpty();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> server.connectionCount() == 1);
    assertThat(sentinel.ping().hasPong()).isTrue();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> AbuseTest.usedHeap() < baselineHeap + AbuseTest.HEAP_TOLERANCE);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
        .until(() -> AbuseTest.usedDirect() < baselineDirect + AbuseTest.DIRECT_TOLERANCE);
  }

  /** What the workers saw. */
  static final class Stats {
    final AtomicLong frames = new AtomicLong();
    final AtomicLong connections = new AtomicLong();
    final Map<ErrorCode, Long> codes = new ConcurrentHashMap<>();
    final List<String> traces = Collections.synchronizedList(new ArrayList<>());
    final List<String> disagreements = Collections.synchronizedList(new ArrayList<>());

    void errorsOf(RawConnection c) {
      for (org.hikiwake.proto.wire.ErrorReply e : c.errors()) {
        codes.merge(e.getCode(), 1L, Long::sum);
        String text = e.getMessage() + " " + e.getDetailsList();
        if (text.contains("Exception") || text.contains("\tat ") || text.contains("at org.")
            || text.contains("at io.netty")) {
          traces.add(text);
        }
      }
    }
  }

  /** One fuzzing connection at a time, reconnecting whenever the server closes one. */
  final class Worker {
    final Random random;
    final List<ClientMessage> corpus;
    final Stats stats;
    final String[] codes;
    final String token;
    final Deque<byte[]> retry = new ArrayDeque<>();
    long nextPing = RawConnection.PING_IDS;

    Worker(Random random, List<ClientMessage> corpus, String[] codes, String token,
        Stats stats) {
      this.random = random;
      this.corpus = corpus;
      this.codes = codes;
      this.token = token;
      this.stats = stats;
    }

    void run(long frames) throws Exception {
      long done = 0;
      RawConnection c = null;
      while (done < frames) {
        if (c == null || !c.isOpen()) {
          if (c != null) {
            stats.errorsOf(c);
          }
          c = RawConnection.open(group, server.port(), false);
          stats.connections.incrementAndGet();
          c.write(TestClient.delimited(AbuseTest.hello()));
        }
        List<byte[]> batch = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long first = nextPing;
        // a ping behind every few frames, and behind the last: its pong marks them answered
        List<Integer> pingedAfter = new ArrayList<>();
        while (batch.size() < BATCH) {
          byte[] frame = retry.isEmpty() ? nextFrame() : retry.poll();
          batch.add(frame);
          out.writeBytes(frame);
          if (!isFrameable(frame)) {
            break; // it breaks the framing; nothing behind it would be read
          }
          if (batch.size() % PING_EVERY == 0 || batch.size() == BATCH) {
            out.writeBytes(TestClient.delimited(ClientMessage.newBuilder()
                .setRequestId(nextPing++).setPing(Ping.getDefaultInstance()).build()));
            pingedAfter.add(batch.size());
          }
        }
        long last = nextPing - 1;
        c.write(out.toByteArray());
        assertThat(c.awaitPongOrClose(last, Duration.ofSeconds(20)))
            .as("the server answers or closes").isTrue();
        long pongs = Math.max(0, c.highestPong() - first + 1);
        int answered = pongs == 0 ? 0 : pingedAfter.get((int) pongs - 1);
        for (int i = 0; i < answered; i++) {
          if (AbuseTest.Verdict.of(batch.get(i)).closes()) {
            stats.disagreements.add("accepted a bad frame " + hex(batch.get(i)));
          }
        }
        int handled = answered;
        if (answered < batch.size()) {
          // closed. The reset drawn by frames sent after the close can make this end close
          // before it reads the last pongs, so the frame that broke the connection is the
          // first bad one not known to be answered.
          if (!c.awaitClosed(Duration.ofSeconds(20))) {
            stats.disagreements.add("still open after " + batch.subList(answered,
                batch.size()).stream().map(FuzzTest::hex).toList());
            c.channel().close().sync();
          }
          int killer = answered;
          while (killer < batch.size() && !AbuseTest.Verdict.of(batch.get(killer)).closes()) {
            killer++;
          }
          if (killer == batch.size()) {
            stats.disagreements.add("closed after good frames " + batch.subList(answered,
                batch.size()).stream().map(FuzzTest::hex).toList() + "; errors " + c.errors());
            killer = batch.size() - 1;
          }
          handled = killer + 1;
          for (int i = batch.size() - 1; i >= handled; i--) {
            retry.push(batch.get(i));
          }
        }
        done += handled;
        stats.frames.addAndGet(handled);
      }
      if (c != null) {
        c.channel().close().sync();
        stats.errorsOf(c);
      }
    }

    /**
     * Mostly random valid messages with odd values; some with their bytes
     * mutated, some plain random bytes, and now and then bytes that break the
     * framing itself.
     */
    byte[] nextFrame() {
      // bytes the server must refuse cost a reconnection each, so they are the rarer kinds
      int kind = random.nextInt(1000);
      if (kind < 2) {
        return brokenFraming();
      }
      byte[] body;
      if (kind < 12) {
        body = randomBytes(random.nextInt(8) == 0 ? random.nextInt(2_000) : random.nextInt(64));
      } else if (kind < 42) {
        body = mutate((random.nextBoolean() ? pick() : randomMessage()).toByteArray());
      } else {
        body = randomMessage().toByteArray();
      }
      return frame(body);
    }

    /** A well-formed message of any kind, with random and edge-case values. */
    ClientMessage randomMessage() {
      long id = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(1000);
      if (id >= RawConnection.PING_IDS && id < RawConnection.PING_IDS_END) {
        id = ~id; // keep clear of the harness's own pings
      }
      ClientMessage.Builder m = ClientMessage.newBuilder().setRequestId(id);
      switch (random.nextInt(13)) {
        case 0:
          m.setHello(Hello.newBuilder().setProtocolVersion(oneOf(0, 1, 1, 1, 2,
              random.nextInt())).setClientName(text()));
          break;
        case 1:
          m.setListScenarios(ListScenarios.getDefaultInstance());
          break;
        case 2:
          m.setCreateGame(CreateGame.newBuilder()
              // few real games: each one makes every later ListGames answer longer
              .setScenarioId(random.nextInt(50) == 0 ? HonestGame.SCENARIO : text())
              .setRounds(oneOf(0, 1, 6, 12, 13, random.nextInt()))
              .setTurnLimitMillis(random.nextBoolean() ? 0
                  : oneOf(1, 100, 86_400_000, 86_400_001, random.nextInt())));
          break;
        case 3:
          m.setListGames(ListGames.getDefaultInstance());
          break;
        case 4:
          m.setJoinSeat(JoinSeat.newBuilder().setGameCode(code())
              .setRole(random.nextInt(4) == 0 ? text() : oneOfText("japan", "russia"))
              .setDisplayName(text()));
          break;
        case 5:
          m.setResumeSeat(ResumeSeat.newBuilder().setGameCode(code())
              .setSeatToken(random.nextBoolean() ? token : text()));
          break;
        case 6:
          m.setWatchGame(WatchGame.newBuilder().setGameCode(code()));
          break;
        case 7:
          org.hikiwake.proto.game.OptionPackage.Builder pkg =
              org.hikiwake.proto.game.OptionPackage.newBuilder();
          int n = random.nextInt(4) == 0 ? random.nextInt(200) : random.nextInt(8);
          String[] nash = HonestGame.NASH;
          for (int i = 0; i < n; i++) {
            int k = random.nextInt(nash.length / 2) * 2;
            pkg.addChoices(org.hikiwake.proto.game.Choice.newBuilder()
                .setIssue(random.nextInt(8) == 0 ? text() : nash[k])
                .setOption(random.nextInt(3) == 0 ? text() : nash[k + 1]));
          }
          m.setPropose(Propose.newBuilder().setPackage(pkg));
          break;
        case 8:
          m.setAccept(Accept.getDefaultInstance());
          break;
        case 9:
          m.setWalkAway(WalkAway.getDefaultInstance());
          break;
        case 10:
          m.setSay(Say.newBuilder().setText(text()));
          break;
        case 11:
          m.setPing(Ping.getDefaultInstance());
          break;
        default:
          break; // no command at all
      }
      return m.build();
    }

    String code() {
      switch (random.nextInt(4)) {
        case 0:
          return codes[0].toLowerCase(Locale.ROOT).replace("-", " ");
        case 1:
          return text();
        default:
          return codes[random.nextInt(codes.length)];
      }
    }

    /** Text of every awkward kind: empty, long, control characters, other scripts, emoji. */
    String text() {
      int len = random.nextInt(10) == 0 ? random.nextInt(700) : random.nextInt(40);
      StringBuilder sb = new StringBuilder(len);
      String[] alphabets = {"abcXYZ 09._-", "\u0000\u0007\u001b[2J\t\n\r\u007f",
          "日本ロシア北方領土", "Россия Япония", "\ud83c\udf8c\ud83c\uddef\ud83c\uddf5",
          "<script>&\"'%s%n{}"};
      String alphabet = alphabets[random.nextInt(alphabets.length)];
      while (sb.length() < len) {
        int at = random.nextInt(alphabet.length());
        char ch = alphabet.charAt(at);
        if (Character.isHighSurrogate(ch) && at + 1 < alphabet.length()) {
          sb.append(ch).append(alphabet.charAt(at + 1));
        } else if (!Character.isSurrogate(ch)) {
          sb.append(ch);
        }
      }
      return sb.toString();
    }

    int oneOf(int... values) {
      return values[random.nextInt(values.length)];
    }

    String oneOfText(String... values) {
      return values[random.nextInt(values.length)];
    }

    ClientMessage pick() {
      return corpus.get(random.nextInt(corpus.size()));
    }

    byte[] mutate(byte[] original) {
      byte[] b = original;
      int rounds = 1 + random.nextInt(3);
      for (int r = 0; r < rounds; r++) {
        int op = random.nextInt(8);
        int at = b.length == 0 ? 0 : random.nextInt(b.length);
        switch (op) {
          case 0:
            if (b.length > 0) {
              b = b.clone();
              b[at] ^= (byte) (1 << random.nextInt(8));
            }
            break;
          case 1:
            if (b.length > 0) {
              b = b.clone();
              byte[] interesting = {0, (byte) 0xff, 0x7f, (byte) 0x80, 1, 0x0a, 0x12};
              b[at] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)]
                  : (byte) random.nextInt(256);
            }
            break;
          case 2:
            b = splice(b, at, 0, randomBytes(1 + random.nextInt(4)));
            break;
          case 3:
            b = splice(b, at, Math.min(b.length - at, 1 + random.nextInt(8)), new byte[0]);
            break;
          case 4:
            b = Arrays.copyOf(b, at);
            break;
          case 5:
            b = splice(b, b.length, 0, pick().toByteArray());
            break;
          case 6:
            if (b.length > 0) {
              int len = Math.min(b.length - at, 1 + random.nextInt(16));
              b = splice(b, at, 0, Arrays.copyOfRange(b, at, at + len));
            }
            break;
          default:
            b = splice(b, at, 0, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, 0x0f});
            break;
        }
      }
      return b;
    }

    byte[] brokenFraming() {
      switch (random.nextInt(4)) {
        case 0:
          return new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
              0x01};
        case 1:
          return new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
        case 2:
          return AbuseTest.concat(varint(65_537 + random.nextInt(1 << 20)), randomBytes(100));
        default:
          return new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
      }
    }

    byte[] randomBytes(int n) {
      byte[] b = new byte[n];
      random.nextBytes(b);
      return b;
    }
  }

  /** True if the bytes are one well-framed frame (whatever its body). */
  static boolean isFrameable(byte[] frame) {
    long length = 0;
    int i = 0;
    for (int shift = 0; shift < 35 && i < frame.length; shift += 7) {
      byte b = frame[i++];
      length |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return length <= AbuseTest.MAX_FRAME && frame.length - i == length;
      }
    }
    return false;
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 200));
  }

  static byte[] frame(byte[] body) {
    byte[] capped = body.length > AbuseTest.MAX_FRAME
        ? Arrays.copyOf(body, AbuseTest.MAX_FRAME) : body;
    return AbuseTest.concat(varint(capped.length), capped);
  }

  static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] out = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
    return out;
  }

  static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long v = value;
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    return out.toByteArray();
  }

  /** Valid messages of every kind, aimed at real games, to mutate. */
  static List<ClientMessage> corpus(String codeA, String codeB, String token) {
    List<ClientMessage.Builder> b = new ArrayList<>();
    b.add(ClientMessage.newBuilder().setHello(Hello.newBuilder().setProtocolVersion(1)
        .setClientName("fuzz")));
    b.add(ClientMessage.newBuilder().setHello(Hello.newBuilder().setProtocolVersion(2)));
    b.add(ClientMessage.newBuilder().setListScenarios(ListScenarios.getDefaultInstance()));
    b.add(ClientMessage.newBuilder().setListGames(ListGames.getDefaultInstance()));
    b.add(ClientMessage.newBuilder().setCreateGame(CreateGame.newBuilder()
        .setScenarioId(HonestGame.SCENARIO)));
    b.add(ClientMessage.newBuilder().setCreateGame(CreateGame.newBuilder()
        .setScenarioId(HonestGame.SCENARIO).setRounds(3).setTurnLimitMillis(60_000)));
    b.add(ClientMessage.newBuilder().setCreateGame(CreateGame.newBuilder()
        .setScenarioId("no-such-scenario")));
    for (String code : new String[] {codeA, codeB, "QQQQ-QQQQ"}) {
      b.add(ClientMessage.newBuilder().setJoinSeat(JoinSeat.newBuilder().setGameCode(code)
          .setRole("russia").setDisplayName("Fuzz")));
      b.add(ClientMessage.newBuilder().setJoinSeat(JoinSeat.newBuilder().setGameCode(code)
          .setRole("japan").setDisplayName("Fuzz 2")));
      b.add(ClientMessage.newBuilder().setWatchGame(WatchGame.newBuilder().setGameCode(code)));
      b.add(ClientMessage.newBuilder().setResumeSeat(ResumeSeat.newBuilder().setGameCode(code)
          .setSeatToken(token)));
    }
    b.add(ClientMessage.newBuilder().setPropose(Propose.newBuilder()
        .setPackage(TestClient.pkg(HonestGame.NASH))));
    b.add(ClientMessage.newBuilder().setPropose(Propose.newBuilder()
        .setPackage(TestClient.pkg("territory", "four_islands", "energy", "none"))));
    b.add(ClientMessage.newBuilder().setAccept(Accept.getDefaultInstance()));
    b.add(ClientMessage.newBuilder().setWalkAway(WalkAway.getDefaultInstance()));
    b.add(ClientMessage.newBuilder().setSay(Say.newBuilder().setText("Shall we talk?")));
    b.add(ClientMessage.newBuilder().setSay(Say.newBuilder().setText("x".repeat(500))));
    b.add(ClientMessage.newBuilder().setPing(Ping.getDefaultInstance()));
    b.add(ClientMessage.newBuilder());
    List<ClientMessage> out = new ArrayList<>();
    long id = 1;
    for (ClientMessage.Builder m : b) {
      out.add(m.setRequestId(id++).build());
    }
    return out;
  }
}

package org.hikiwake.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.Hello;
import org.hikiwake.proto.wire.JoinSeat;
import org.hikiwake.proto.wire.Ping;
import org.hikiwake.proto.wire.Propose;
import org.hikiwake.proto.wire.Say;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.server.HikiwakeServer;
import org.hikiwake.server.HonestGame;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.TestClient;
import org.hikiwake.server.net.ConnectionCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Abuse on loopback, bounded in count and time, while honest players keep
 * playing whole games. After every case: the server still serves, every
 * honest game ended as scripted, no client ever saw a stack trace, the
 * connections fall back to the honest ones and the heap returns to its
 * baseline.
 */
class AbuseTest {
  static final int MAX_FRAME = ServerConfig.DEFAULT_MAX_FRAME_BYTES;
  static final long HEAP_TOLERANCE = 64L << 20;
  static final long DIRECT_TOLERANCE = 32L << 20;
  static final long SEED = Long.getLong("hikiwake.abuse.seed", 20131102L);

  static EventLoopGroup group;

  @TempDir Path data;
  HikiwakeServer server;
  TestClient sentinel;
  ScheduledFuture<?> heartbeat;
  HonestTraffic honest;
  long baselineHeap;
  long baselineDirect;
  final List<RawConnection> abusers = new ArrayList<>();

  @BeforeAll
  static void startClients() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopClients() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @AfterEach
  void stop() {
    abusers.forEach(c -> c.channel().close());
    if (honest != null) {
      honest.close();
    }
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    if (sentinel != null) {
      sentinel.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void randomGarbage_eachBadConnectionIsRefusedAndClosed() throws Exception {
    start(defaults());
    Random random = new Random(SEED);
    List<RawConnection> expectClosed = new ArrayList<>();
    List<ErrorCode> expectCode = new ArrayList<>();
    List<Boolean> small = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int size = random.nextInt(4) == 0 ? MAX_FRAME + 6 + random.nextInt(20_000)
          : 1 + random.nextInt(2_000);
      byte[] garbage = new byte[size];
      random.nextBytes(garbage);
      RawConnection c = abuser();
      c.write(garbage);
      Verdict verdict = Verdict.of(garbage);
      if (verdict.closes()) {
        expectClosed.add(c);
        expectCode.add(verdict.code);
        small.add(size < 4_096);
      }
    }

    assertThat(expectClosed).as("most random streams break the framing").hasSizeGreaterThan(50);
    for (int i = 0; i < expectClosed.size(); i++) {
      RawConnection c = expectClosed.get(i);
      assertThat(c.awaitClosed(Duration.ofSeconds(10))).as("connection %s closed", i).isTrue();
      List<ServerMessage> got = c.received();
      if (!small.get(i) && got.isEmpty()) {
        // bytes still arriving after the close draw a reset, which fails our last write;
        // Netty then closes the channel before reading the error the server did send
        continue;
      }
      assertThat(got).as("connection %s", i).isNotEmpty();
      ServerMessage last = got.get(got.size() - 1);
      assertThat(last.getRequestId()).isZero();
      assertThat(last.getError().getCode()).as("connection %s", i).isEqualTo(expectCode.get(i));
    }
    finish();
  }

  @Test
  void lengthPrefixClaimingTwoGigabytes_isRefusedWithoutReadingTheBody() throws Exception {
    start(defaults());
    byte[] twoGib = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
    byte[] justUnder = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
    byte[] body = new byte[16 * 1024];
    List<RawConnection> quiet = new ArrayList<>();
    List<RawConnection> pushy = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      RawConnection c = abuser();
      c.write(i % 2 == 0 ? twoGib : justUnder);
      if (i >= 20) {
        // keeps sending the "body" after the refusal
        for (int k = 0; k < 64 && c.isOpen(); k++) {
          c.write(body);
        }
        pushy.add(c);
      } else {
        quiet.add(c);
      }
    }

    for (int i = 0; i < quiet.size(); i++) {
      RawConnection c = quiet.get(i);
      assertThat(c.awaitClosed(Duration.ofSeconds(10))).isTrue();
      assertThat(c.errors()).extracting(org.hikiwake.proto.wire.ErrorReply::getCode)
          .containsExactly(i % 2 == 0 ? ErrorCode.ERROR_CODE_MALFORMED_FRAME : ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE);
    }
    for (int i = 0; i < pushy.size(); i++) {
      RawConnection c = pushy.get(i);
      assertThat(c.awaitClosed(Duration.ofSeconds(10))).isTrue();
      // bytes sent after the close draw a reset, which fails a later write; Netty then
      // closes this end before it has read the error the server did send
      assertThat(c.errors()).extracting(org.hikiwake.proto.wire.ErrorReply::getCode)
          .isSubsetOf(i % 2 == 0 ? ErrorCode.ERROR_CODE_MALFORMED_FRAME : ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE);
    }
    finish();
  }

  @Test
  void slowloris_frameTrickledPastTheFrameTimeout_isClosed() throws Exception {
    start(defaults().withFrameTimeout(Duration.ofMillis(800)));
    byte[] bigHello = TestClient.delimited(ClientMessage.newBuilder().setRequestId(1)
        .setHello(Hello.newBuilder().setProtocolVersion(1).setClientName("s".repeat(100)))
        .build());
    byte[] smallHello = TestClient.delimited(ClientMessage.newBuilder()
        .setHello(Hello.newBuilder().setProtocolVersion(1)).build());
    assertThat(smallHello).hasSize(5);

    List<RawConnection> loris = new ArrayList<>();
    List<AtomicInteger> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      RawConnection c = abuser();
      loris.add(c);
      sent.add(trickle(c, bigHello));
    }
    RawConnection slowButFine = abuser();
    trickle(slowButFine, smallHello);

    for (int i = 0; i < loris.size(); i++) {
      assertThat(loris.get(i).awaitClosed(Duration.ofSeconds(10))).isTrue();
      assertThat(sent.get(i).get()).as("closed before the frame was complete")
          .isLessThan(bigHello.length);
      assertThat(loris.get(i).errors()).extracting(org.hikiwake.proto.wire.ErrorReply::getCode)
          .containsExactly(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> slowButFine.replies() == 1);
    assertThat(slowButFine.received().get(0).hasWelcome()).isTrue();
    assertThat(slowButFine.isOpen()).isTrue();
    slowButFine.close();
    finish();
  }

  @Test
  void slowloris_frameStartedThenStalled_isClosedAfterTheFrameTimeout() throws Exception {
    // the idle time-out is far away: only the frame time-out can close these in time
    start(defaults().withFrameTimeout(Duration.ofMillis(500)));
    byte[] hello = TestClient.delimited(hello());
    List<RawConnection> stalled = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      RawConnection c = abuser();
      c.write(Arrays.copyOf(hello, 1 + i % (hello.length - 1)));
      stalled.add(c);
    }

    for (RawConnection c : stalled) {
      assertThat(c.awaitClosed(Duration.ofSeconds(5))).as("closed by the frame time-out")
          .isTrue();
      assertThat(c.errors()).extracting(org.hikiwake.proto.wire.ErrorReply::getCode)
          .containsExactly(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
    }
    finish();
  }

  @Test
  void oneConnectionFloodingTenThousandMessages_isRateLimitedAndTheServerCarriesOn()
      throws Exception {
    start(defaults());
    RawConnection flood = abuser(false);
    ByteArrayOutputStream burst = new ByteArrayOutputStream();
    burst.writeBytes(TestClient.delimited(hello()));
    for (int i = 1; i <= 10_000; i++) {
      burst.writeBytes(TestClient.delimited(ClientMessage.newBuilder().setRequestId(i)
          .setPing(Ping.getDefaultInstance()).build()));
    }
    flood.write(burst.toByteArray());

    await().atMost(Duration.ofSeconds(30)).until(() -> flood.replies() == 10_001);
    List<org.hikiwake.proto.wire.ErrorReply> errors = flood.errors();
    assertThat(errors).hasSizeGreaterThan(9_800)
        .allSatisfy(e -> assertThat(e.getCode()).isEqualTo(ErrorCode.ERROR_CODE_RATE_LIMITED));
    assertThat(flood.isOpen()).as("a rate-limited connection stays open").isTrue();
    flood.close();
    finish();
  }

  @Test
  void floodThatNeverReadsTheReplies_holdsBoundedMemoryAndIsDropped() throws Exception {
    // honest clients wait for their turn; 4 s leaves room for a game delayed by the flood
    start(defaults().withIdleTimeout(Duration.ofSeconds(4)));
    RawConnection flood = abuser(false);
    flood.channel().config().setAutoRead(false);
    // a million 4-byte pings, each answered by a ~100-byte RATE_LIMITED error nobody reads
    byte[] ping = TestClient.delimited(ClientMessage.newBuilder()
        .setPing(Ping.getDefaultInstance()).build());
    byte[] chunk = new byte[ping.length * 10_000];
    for (int i = 0; i < 10_000; i++) {
      System.arraycopy(ping, 0, chunk, i * ping.length, ping.length);
    }
    flood.write(TestClient.delimited(hello()));
    for (int i = 0; i < 100; i++) {
      flood.write(chunk);
    }

    // the server must stop reading it long before it has answered all of it
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
        serverChannels().stream().anyMatch(ch -> !ch.config().isAutoRead())
            || flood.channel().unsafe().outboundBuffer() == null
            || flood.channel().unsafe().outboundBuffer().totalPendingWriteBytes() == 0);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
      long backlog = maxServerBacklog();
      return backlog == lastBacklog.getAndSet(backlog);
    });
    assertThat(maxServerBacklog()).as("bytes of replies the server holds for one connection")
        .isLessThan(8L << 20);
    assertThat(usedDirect()).isLessThan(baselineDirect + DIRECT_TOLERANCE);
    // the server cut the flood off at its output budget, or at least stopped reading it
    ChannelOutboundBuffer unsent = flood.channel().unsafe().outboundBuffer();
    assertThat(!flood.channel().isActive() || unsent == null
        || unsent.totalPendingWriteBytes() > 0)
        .as("the server cut off, or stopped reading, the flood").isTrue();

    // the client neither reads nor writes: the idle time-out must drop it all the same
    honest.stopAndCheck();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> server.connectionCount() == 1);
    flood.close();
    finish();
  }

  @Test
  void thousandConnectionsOpenedAndDropped_leaveNothingBehind() throws Exception {
    start(defaults());
    byte[] hello = TestClient.delimited(hello());
    for (int batch = 0; batch < 10; batch++) {
      List<RawConnection> wave = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        RawConnection c = abuser(false);
        switch (i % 3) {
          case 0:
            c.write(hello);
            break;
          case 1:
            c.write(new byte[] {hello[0], hello[1]});
            break;
          default:
            break; // connect and say nothing
        }
        wave.add(c);
      }
      wave.forEach(c -> c.channel().close());
      for (RawConnection c : wave) {
        c.channel().closeFuture().sync();
      }
    }
    finish();
  }

  @Test
  void disconnectsInMidFrame_leaveSeatsResumableAndNothingBehind() throws Exception {
    start(defaults());
    Random random = new Random(SEED + 1);
    List<String> codes = new ArrayList<>();
    try (TestClient host = TestClient.connect(server.port())) {
      for (int i = 0; i < 10; i++) {
        codes.add(host.create(HonestGame.SCENARIO, 0, 0));
      }
    }
    for (int i = 0; i < 200; i++) {
      String code = codes.get(i % codes.size());
      ClientMessage[] moves = {
          ClientMessage.newBuilder().setRequestId(2).setJoinSeat(JoinSeat.newBuilder()
              .setGameCode(code).setRole(i % 2 == 0 ? "japan" : "russia")
              .setDisplayName("Half " + i)).build(),
          ClientMessage.newBuilder().setRequestId(2).setPropose(Propose.newBuilder()
              .setPackage(TestClient.pkg(HonestGame.NASH))).build(),
          ClientMessage.newBuilder().setRequestId(2).setSay(Say.newBuilder()
              .setText("x".repeat(300))).build()};
      byte[] frame = TestClient.delimited(moves[i % moves.length]);
      int cut = 1 + random.nextInt(frame.length - 1);
      byte[] half = new byte[cut];
      System.arraycopy(frame, 0, half, 0, cut);

      RawConnection c = abuser(false);
      c.write(concat(TestClient.delimited(hello()), half));
      c.channel().close();
    }
    finish();
    // no half-sent join took a seat: every seat of every game is still free
    try (TestClient japan = TestClient.connect(server.port());
        TestClient russia = TestClient.connect(server.port())) {
      HonestGame.AGREEMENT_ROUND_1.playIn(codes.get(0), japan, russia);
    }
  }

  // ----------------------------------------------------------------- harness

  static ServerConfig defaults() {
    return ServerConfig.defaults().withPort(0);
  }

  /** Starts the server, an honest idle connection and honest games in the background. */
  void start(ServerConfig config) throws Exception {
    server = HikiwakeServer.start(config.withDataDir(data));
    sentinel = TestClient.connect(server.port());
    // an honest client sends heartbeats, so a short idle time-out does not drop it
    heartbeat = sentinel.channel().eventLoop().scheduleAtFixedRate(() -> sentinel.send(
        ClientMessage.newBuilder().setPing(Ping.getDefaultInstance())), 250, 250,
        TimeUnit.MILLISECONDS);
    baselineHeap = usedHeap();
    baselineDirect = usedDirect();
    honest = HonestTraffic.start(server.port(), 2);
  }

  RawConnection abuser() throws InterruptedException {
    return abuser(true);
  }

  RawConnection abuser(boolean keep) throws InterruptedException {
    RawConnection c = RawConnection.open(group, server.port(), keep);
    abusers.add(c);
    return c;
  }

  /** Checks everything that must hold once the abuse stops. */
  void finish() throws Exception {
    int games = honest.stopAndCheck();
    assertThat(games).as("honest games finished during the abuse").isGreaterThanOrEqualTo(2);

    try (TestClient fresh = TestClient.connect(server.port())) {
      assertThat(fresh.create(HonestGame.SCENARIO, 0, 0)).isNotEmpty();
    }
    abusers.forEach(c -> c.channel().close());
    await().atMost(Duration.ofSeconds(20)).until(() -> server.connectionCount() == 1);
    assertThat(sentinel.ping().hasPong()).as("the honest idle connection survived").isTrue();
    assertThat(sentinel.errors()).isEmpty();

    List<org.hikiwake.proto.wire.ErrorReply> errors = new ArrayList<>();
    abusers.forEach(c -> errors.addAll(c.errors()));
    assertThat(errors).as("no stack trace reaches a client").allSatisfy(e ->
        assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("\tat ")
            .doesNotContain("at org.").doesNotContain("at io.netty"));

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> usedHeap() < baselineHeap + HEAP_TOLERANCE);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
        .until(() -> usedDirect() < baselineDirect + DIRECT_TOLERANCE);
  }

  static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  final AtomicLong lastBacklog = new AtomicLong(-1);

  /** The server's open client channels (reached by reflection: tests only). */
  List<Channel> serverChannels() throws ReflectiveOperationException {
    Field f = HikiwakeServer.class.getDeclaredField("connections");
    f.setAccessible(true);
    return List.copyOf(((ConnectionCounter) f.get(server)).channels());
  }

  /** The most bytes of replies the server has queued for any one connection. */
  long maxServerBacklog() throws ReflectiveOperationException {
    long max = 0;
    for (Channel ch : serverChannels()) {
      ChannelOutboundBuffer out = ch.unsafe().outboundBuffer();
      max = Math.max(max, out == null ? 0 : out.totalPendingWriteBytes());
    }
    return max;
  }

  /** Direct memory held by Netty's default allocator, which server and clients share. */
  static long usedDirect() {
    ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    return alloc instanceof ByteBufAllocatorMetricProvider
        ? ((ByteBufAllocatorMetricProvider) alloc).metric().usedDirectMemory() : 0;
  }

  static ClientMessage hello() {
    return ClientMessage.newBuilder().setRequestId(1)
        .setHello(Hello.newBuilder().setProtocolVersion(1).setClientName("abuse")).build();
  }

  /** Sends one byte every 100 ms on the connection's own loop; returns the count sent. */
  static AtomicInteger trickle(RawConnection c, byte[] bytes) {
    AtomicInteger sent = new AtomicInteger();
    ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
    task[0] = c.channel().eventLoop().scheduleAtFixedRate(() -> {
      int i = sent.get();
      if (i >= bytes.length || !c.isOpen()) {
        task[0].cancel(false);
        return;
      }
      c.write(new byte[] {bytes[i]});
      sent.incrementAndGet();
    }, 0, 100, TimeUnit.MILLISECONDS);
    return sent;
  }

  /** What the server must do with a byte stream, worked out the way its decoders work. */
  static final class Verdict {
    final ErrorCode code;

    /**
     * The wire rules the server adds to protobuf-java's: tags and lengths of at
     * most 5 bytes (protobuf-java accepts 10 and keeps the low 32 bits), no
     * field 0, no groups; nested messages as the schema names them.
     */
    static boolean strictlyWellFormed(byte[] b, int from, int to,
        com.google.protobuf.Descriptors.Descriptor type) {
      int p = from;
      while (p < to) {
        long tag = 0;
        int n = 0;
        while (true) {
          if (p >= to || n == 5) {
            return false;
          }
          byte x = b[p++];
          tag |= (long) (x & 0x7f) << (7 * n++);
          if (x >= 0) {
            break;
          }
        }
        if ((tag >>> 3) == 0 || tag > 0xFFFFFFFFL) {
          return false;
        }
        int wire = (int) (tag & 7);
        if (wire == 0) {
          int k = 0;
          while (p < to && b[p] < 0 && k < 9) {
            p++;
            k++;
          }
          if (p >= to || b[p] < 0) {
            return false;
          }
          p++;
        } else if (wire == 1 || wire == 5) {
          p += wire == 1 ? 8 : 4;
          if (p > to) {
            return false;
          }
        } else if (wire == 2) {
          long len = 0;
          int m = 0;
          while (true) {
            if (p >= to || m == 5) {
              return false;
            }
            byte x = b[p++];
            len |= (long) (x & 0x7f) << (7 * m++);
            if (x >= 0) {
              break;
            }
          }
          if (len > to - p) {
            return false;
          }
          com.google.protobuf.Descriptors.FieldDescriptor f =
              type.findFieldByNumber((int) (tag >>> 3));
          if (f != null && f.getJavaType()
              == com.google.protobuf.Descriptors.FieldDescriptor.JavaType.MESSAGE
              && !strictlyWellFormed(b, p, p + (int) len, f.getMessageType())) {
            return false;
          }
          p += (int) len;
        } else {
          return false;
        }
      }
      return true;
    }

    private Verdict(ErrorCode code) {
      this.code = code;
    }

    boolean closes() {
      return code != null;
    }

    static Verdict of(byte[] stream) {
      int pos = 0;
      while (pos < stream.length) {
        long length = 0;
        int i = pos;
        boolean complete = false;
        for (int shift = 0; shift < 35; shift += 7) {
          if (i >= stream.length) {
            return new Verdict(null); // incomplete prefix: the server waits
          }
          byte b = stream[i++];
          length |= (long) (b & 0x7f) << shift;
          if ((b & 0x80) == 0) {
            complete = true;
            break;
          }
        }
        if (!complete || length > Integer.MAX_VALUE) {
          return new Verdict(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
        }
        if (length > MAX_FRAME) {
          return new Verdict(ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE);
        }
        if (stream.length - i < length) {
          return new Verdict(null);
        }
        try {
          ClientMessage.parseFrom(ByteBuffer.wrap(stream, i, (int) length));
        } catch (InvalidProtocolBufferException e) {
          return new Verdict(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
        }
        if (!strictlyWellFormed(stream, i, i + (int) length,
            ClientMessage.getDescriptor())) {
          return new Verdict(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
        }
        pos = i + (int) length;
      }
      return new Verdict(null);
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

package org.hikiwake.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateGame;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.Hello;
import org.hikiwake.proto.wire.Ping;
import org.hikiwake.proto.wire.Say;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.classroom.Classes;
import org.hikiwake.server.record.NoopRecordingStore;
import org.hikiwake.server.room.JoinCodes;
import org.hikiwake.server.room.Lobby;
import org.hikiwake.server.room.Revealer;
import org.hikiwake.server.room.ScenarioCatalog;
import org.hikiwake.server.room.SeatTokens;
import org.hikiwake.server.web.Dashboard;
import org.hikiwake.server.web.DashboardPasses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole server pipeline on an {@link EmbeddedChannel}, with a lobby that records nothing. */
class ServerInitializerTest {
  static final ClientMessage HELLO = ClientMessage.newBuilder().setRequestId(1)
      .setHello(Hello.newBuilder().setProtocolVersion(1).setClientName("embedded")).build();
  static final ClientMessage PING = ClientMessage.newBuilder().setRequestId(2)
      .setPing(Ping.getDefaultInstance()).build();
  static final ClientMessage CREATE = ClientMessage.newBuilder().setRequestId(3)
      .setCreateGame(CreateGame.newBuilder().setScenarioId("japan-russia-2013")).build();
  /** A length of 3, then bytes that are no protobuf message: field 0 is not allowed. */
  static final byte[] GARBAGE_FRAME = {3, 0, (byte) 0xff, (byte) 0xff};

  final AtomicReference<EmbeddedChannel> channelRef = new AtomicReference<>();
  Lobby lobby;
  ConnectionCounter connections;
  EmbeddedChannel channel;

  @BeforeEach
  void setUp() throws Exception {
    lobby = new Lobby(ScenarioCatalog.load(Optional.empty()), NoopRecordingStore.noop(),
        () -> channelRef.get().eventLoop(), Clock.systemUTC(), new JoinCodes(new SecureRandom()),
        new SeatTokens(new SecureRandom()), new Revealer(Runnable::run), 100);
    connections = new ConnectionCounter();
    Classes classes = new Classes(lobby, NoopRecordingStore.noop(),
        () -> channelRef.get().eventLoop(), Runnable::run, new SecureRandom());
    channel = new EmbeddedChannel(
        new ServerInitializer(ServerConfig.defaults().withPort(0), lobby, classes, connections,
            new Dashboard(classes, new DashboardPasses(Clock.systemUTC(), new SecureRandom()),
                Clock.systemUTC())));
    channelRef.set(channel);
  }

  @AfterEach
  void tearDown() {
    channel.finishAndReleaseAll();
  }

  @Test
  void initChannel_waitsForTheFirstBytesToNameTheProtocol() {
    assertThat(channel.pipeline().names()).containsSubsequence("idle", "detect");
    assertThat(connections.size()).isZero();
  }

  @Test
  void firstFrame_protobuf_stacksItsCodecsThenTheHandler() throws IOException {
    send(delimited(HELLO));

    assertThat(channel.pipeline().names()).containsSubsequence("idle", "frameDecoder",
        "protobufDecoder", "frameEncoder", "handler")
        .doesNotContain("detect", "httpCodec");
    assertThat(connections.size()).isEqualTo(1);
  }

  @Test
  void firstBytes_anHttpRequest_stackHttpAndAreAnswered() {
    channel.writeInbound(Unpooled.copiedBuffer("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n",
        java.nio.charset.StandardCharsets.US_ASCII));
    channel.runPendingTasks();

    assertThat(channel.pipeline().names()).containsSubsequence("idle", "httpDeadline",
        "httpCodec", "httpAggregator", "httpHandler").doesNotContain("detect", "handler");
    ByteBuf out = channel.readOutbound();
    assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII))
        .startsWith("HTTP/1.1 404 Not Found");
    out.release();
    assertThat(connections.size()).isZero();
  }

  @Test
  void firstMessage_notHello_isRefusedAndTheConnectionStaysOpen() throws IOException {
    List<ServerMessage> out = send(delimited(PING));

    assertThat(out).singleElement().satisfies(m -> {
      assertThat(m.getRequestId()).isEqualTo(2);
      assertThat(m.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_BAD_REQUEST);
    });
    assertThat(channel.isOpen()).isTrue();
    assertThat(send(delimited(HELLO))).singleElement().satisfies(m ->
        assertThat(m.hasWelcome()).isTrue());
    assertThat(send(delimited(PING))).singleElement().satisfies(m ->
        assertThat(m.hasPong()).isTrue());
  }

  @Test
  void hello_thenCreate_repliesWithTheGame() throws IOException {
    send(delimited(HELLO));

    List<ServerMessage> out = send(delimited(CREATE));

    assertThat(out).singleElement().satisfies(m -> {
      assertThat(m.getRequestId()).isEqualTo(3);
      assertThat(m.getGameCreated().getGameCode()).matches("[3-9A-Y]{4}-[3-9A-Y]{4}");
    });
    assertThat(lobby.size()).isEqualTo(1);
  }

  @Test
  void garbageBytes_getMalformedFrameAndTheConnectionIsClosed() throws IOException {
    send(delimited(HELLO));

    List<ServerMessage> out = send(GARBAGE_FRAME);

    assertThat(out).singleElement().satisfies(m -> {
      assertThat(m.getRequestId()).isZero();
      assertThat(m.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
      assertThat(m.getError().getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
    });
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void oversizedLengthPrefix_getsMessageTooLargeAndTheConnectionIsClosed() throws IOException {
    List<ServerMessage> out = send(FrameDecoderTest.varint(64 * 1024 + 1));

    assertThat(out).singleElement().satisfies(m ->
        assertThat(m.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE));
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void sixByteVarint_getsMalformedFrameAndTheConnectionIsClosed() throws IOException {
    List<ServerMessage> out = send(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80,
        (byte) 0x80, (byte) 0x80, 0x01});

    assertThat(out).singleElement().satisfies(m ->
        assertThat(m.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_MALFORMED_FRAME));
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void validMessageWithNoCommand_isBadRequest() throws IOException {
    send(delimited(HELLO));

    List<ServerMessage> out = send(delimited(ClientMessage.newBuilder().setRequestId(9).build()));

    assertThat(out).singleElement().satisfies(m -> {
      assertThat(m.getRequestId()).isEqualTo(9);
      assertThat(m.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_BAD_REQUEST);
    });
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void malformedFrame_commandsBehindItInTheSameRead_areNotRun() throws IOException {
    send(delimited(HELLO));

    List<ServerMessage> out = send(concat(GARBAGE_FRAME, delimited(CREATE)));

    assertThat(out).extracting(m -> m.getError().getCode())
        .containsExactly(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
    assertThat(channel.isOpen()).isFalse();
    assertThat(lobby.size()).as("no game created by a connection already refused").isZero();
  }

  @Test
  void oversizedLengthPrefix_commandsBehindItInTheSameRead_areNotRun() throws IOException {
    send(delimited(HELLO));

    // a client claims a huge frame, then sends what the server must not read as commands
    List<ServerMessage> out = send(concat(FrameDecoderTest.varint(70_000), delimited(CREATE)));

    assertThat(out).extracting(m -> m.getError().getCode())
        .containsExactly(ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE);
    assertThat(channel.isOpen()).isFalse();
    assertThat(lobby.size()).as("no game created by a connection already refused").isZero();
  }

  @Test
  void chatWithoutASeat_isNotSeatedAndTheConnectionStaysOpen() throws IOException {
    // Chat length is the rules' business, for seated players (see ErrorCodeTest).
    send(delimited(HELLO));

    List<ServerMessage> out = send(delimited(ClientMessage.newBuilder().setRequestId(4)
        .setSay(Say.newBuilder().setText("x".repeat(501))).build()));

    assertThat(out).singleElement().satisfies(m ->
        assertThat(m.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_NOT_SEATED));
    assertThat(send(delimited(PING))).singleElement().satisfies(m ->
        assertThat(m.hasPong()).isTrue());
  }

  /** Writes bytes in, runs what the loop has queued, and returns every message written out. */
  private List<ServerMessage> send(byte[] bytes) throws IOException {
    channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    channel.runPendingTasks();
    List<ServerMessage> out = new ArrayList<>();
    for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
      ByteBuf buf = (ByteBuf) o;
      try (ByteBufInputStream in = new ByteBufInputStream(buf, true)) {
        ServerMessage m;
        while ((m = ServerMessage.parseDelimitedFrom(in)) != null) {
          out.add(m);
        }
      }
    }
    return out;
  }

  static byte[] delimited(MessageLite m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeDelimitedTo(out);
    return out.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

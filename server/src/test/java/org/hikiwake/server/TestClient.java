package org.hikiwake.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.MessageLite;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32FrameDecoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32LengthFieldPrepender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.hikiwake.proto.game.Choice;
import org.hikiwake.proto.game.OptionPackage;
import org.hikiwake.proto.wire.Accept;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateGame;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.Hello;
import org.hikiwake.proto.wire.JoinSeat;
import org.hikiwake.proto.wire.Ping;
import org.hikiwake.proto.wire.Propose;
import org.hikiwake.proto.wire.ResumeSeat;
import org.hikiwake.proto.wire.Say;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.WalkAway;
import org.hikiwake.proto.wire.WatchGame;

/**
 * A real TCP client of the wire protocol for tests: requests wait for the
 * reply with their id; pushed events collect in a queue.
 */
public final class TestClient implements AutoCloseable {
  public static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final EventLoopGroup GROUP =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

  private final Channel channel;
  private final BlockingQueue<ServerMessage> replies = new LinkedBlockingQueue<>();
  private final BlockingQueue<EventView> events = new LinkedBlockingQueue<>();
  /** Pushed messages other than events: a class seat (Joined) or a class board. */
  private final BlockingQueue<ServerMessage> pushes = new LinkedBlockingQueue<>();
  private final List<EventView> seen = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final Queue<org.hikiwake.proto.wire.ErrorReply> errors = new ConcurrentLinkedQueue<>();

  private TestClient(Channel channel) {
    this.channel = channel;
  }

  /** Connects without saying hello. */
  public static TestClient connectRaw(int port) throws InterruptedException {
    TestClient[] holder = new TestClient[1];
    BlockingQueue<ServerMessage> replies = new LinkedBlockingQueue<>();
    BlockingQueue<EventView> events = new LinkedBlockingQueue<>();
    Channel ch = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel c) {
            c.pipeline().addLast(new ProtobufVarint32FrameDecoder(),
                new ProtobufDecoder(ServerMessage.getDefaultInstance()),
                new ProtobufVarint32LengthFieldPrepender(), new ProtobufEncoder(),
                new SimpleChannelInboundHandler<ServerMessage>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, ServerMessage m) {
                    if (m.hasError()) {
                      holder[0].errors.add(m.getError());
                    }
                    if (m.hasEvent() && m.getRequestId() == 0) {
                      holder[0].events.add(m.getEvent());
                    } else if (m.getRequestId() == 0 && !m.hasError()) {
                      holder[0].pushes.add(m);
                    } else {
                      holder[0].replies.add(m);
                    }
                  }
                });
          }
        }).connect("127.0.0.1", port).sync().channel();
    holder[0] = new TestClient(ch);
    return holder[0];
  }

  /** Connects and says hello. */
  public static TestClient connect(int port) throws InterruptedException {
    TestClient c = connectRaw(port);
    ServerMessage welcome = c.request(ClientMessage.newBuilder()
        .setHello(Hello.newBuilder().setProtocolVersion(1).setClientName("test")));
    assertThat(welcome.hasWelcome()).as("welcome: %s", welcome).isTrue();
    return c;
  }

  public Channel channel() {
    return channel;
  }

  /** Sends a request with a fresh id and waits for the reply to it. */
  public ServerMessage request(ClientMessage.Builder msg) throws InterruptedException {
    return request(ids.incrementAndGet(), msg);
  }

  /** Sends a request with the given id (a retry uses its first id again) and waits for its reply. */
  public ServerMessage request(long id, ClientMessage.Builder msg) throws InterruptedException {
    channel.writeAndFlush(msg.setRequestId(id).build());
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      ServerMessage m = replies.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (m == null) {
        throw new AssertionError("no reply to request " + id + ": " + msg.build());
      }
      if (m.getRequestId() == id) {
        return m;
      }
    }
  }

  /** The next reply or connection-level error, whatever its id. */
  public ServerMessage nextReply() throws InterruptedException {
    ServerMessage m = replies.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (m == null) {
      throw new AssertionError("no reply arrived");
    }
    return m;
  }

  /** Waits for a pushed event that matches, returning it; earlier events are kept in seen(). */
  public EventView awaitEvent(Predicate<EventView> match) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      EventView e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no matching event; seen: " + seen);
      }
      seen.add(e);
      if (match.test(e)) {
        return e;
      }
    }
  }

  /** Waits for a pushed message (not an event) that matches; others before it are dropped. */
  public ServerMessage awaitPush(Predicate<ServerMessage> match) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      ServerMessage m = pushes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (m == null) {
        throw new AssertionError("no matching push arrived");
      }
      if (match.test(m)) {
        return m;
      }
    }
  }

  /** True if a pushed message that matches arrives within the wait; drops the others. */
  public boolean pushArrives(Predicate<ServerMessage> match, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      ServerMessage m = pushes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (m == null) {
        return false;
      }
      if (match.test(m)) {
        return true;
      }
    }
  }

  public List<EventView> seen() {
    return seen;
  }

  /** Every pushed event received so far, oldest first, those not awaited yet included. */
  public List<EventView> drained() {
    events.drainTo(seen);
    return seen;
  }

  public String create(String scenario, int rounds, long turnLimitMillis)
      throws InterruptedException {
    ServerMessage m = request(ClientMessage.newBuilder().setCreateGame(CreateGame.newBuilder()
        .setScenarioId(scenario).setRounds(rounds).setTurnLimitMillis(turnLimitMillis)));
    assertThat(m.hasGameCreated()).as("created: %s", m).isTrue();
    return m.getGameCreated().getGameCode();
  }

  public ServerMessage join(String code, String role, String name) throws InterruptedException {
    return request(ClientMessage.newBuilder().setJoinSeat(JoinSeat.newBuilder()
        .setGameCode(code).setRole(role).setDisplayName(name)));
  }

  public ServerMessage resume(String code, String token) throws InterruptedException {
    return request(ClientMessage.newBuilder().setResumeSeat(ResumeSeat.newBuilder()
        .setGameCode(code).setSeatToken(token)));
  }

  public ServerMessage watch(String code) throws InterruptedException {
    return request(ClientMessage.newBuilder().setWatchGame(WatchGame.newBuilder()
        .setGameCode(code)));
  }

  public ServerMessage propose(String... issueOptionPairs) throws InterruptedException {
    return request(ClientMessage.newBuilder().setPropose(Propose.newBuilder()
        .setPackage(pkg(issueOptionPairs))));
  }

  public ServerMessage accept() throws InterruptedException {
    return request(ClientMessage.newBuilder().setAccept(Accept.getDefaultInstance()));
  }

  public ServerMessage walkAway() throws InterruptedException {
    return request(ClientMessage.newBuilder().setWalkAway(WalkAway.getDefaultInstance()));
  }

  public ServerMessage say(String text) throws InterruptedException {
    return request(ClientMessage.newBuilder().setSay(Say.newBuilder().setText(text)));
  }

  public static OptionPackage pkg(String... issueOptionPairs) {
    OptionPackage.Builder b = OptionPackage.newBuilder();
    for (int i = 0; i < issueOptionPairs.length; i += 2) {
      b.addChoices(Choice.newBuilder().setIssue(issueOptionPairs[i])
          .setOption(issueOptionPairs[i + 1]));
    }
    return b.build();
  }

  /** Sends a request with a fresh id without waiting; returns the id. */
  public long send(ClientMessage.Builder msg) {
    long id = ids.incrementAndGet();
    channel.writeAndFlush(msg.setRequestId(id).build());
    return id;
  }

  /** Writes bytes as they are, past the client's framing and encoding. */
  public void sendRaw(byte[] bytes) {
    channel.pipeline().firstContext().writeAndFlush(Unpooled.wrappedBuffer(bytes));
  }

  /** Sends a ping and waits for the answer (a pong, or an error). */
  public ServerMessage ping() throws InterruptedException {
    return request(ClientMessage.newBuilder().setPing(Ping.getDefaultInstance()));
  }

  /** True if the server closed the connection (or it was closed) within the timeout. */
  public boolean awaitClosed() throws InterruptedException {
    return channel.closeFuture().await(TIMEOUT.toMillis());
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /** Every error received so far, replies and connection-level alike. */
  public List<org.hikiwake.proto.wire.ErrorReply> errors() {
    return List.copyOf(errors);
  }

  /** A message in the wire's delimited form: its varint32 length, then its bytes. */
  public static byte[] delimited(MessageLite message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      message.writeDelimitedTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }
}

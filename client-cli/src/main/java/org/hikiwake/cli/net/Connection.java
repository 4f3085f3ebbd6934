package org.hikiwake.cli.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.hikiwake.cli.CliException;
import org.hikiwake.cli.ExitCode;
import org.hikiwake.codec.Versions;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.ErrorReply;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.Hello;
import org.hikiwake.proto.wire.Ping;
import org.hikiwake.proto.wire.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to a hikiwake server: sends commands with fresh request
 * ids, completes each request with its reply, and hands pushed events to a
 * {@link Listener} (on the connection's I/O thread).
 */
public final class Connection implements AutoCloseable {
  /** The protocol version this client speaks. */
  public static final int PROTOCOL_VERSION = Versions.PROTOCOL;
  public static final String CLIENT_NAME = "hikiwake-cli/" + Versions.SOFTWARE;
  /**
   * The longest frame the client reads from a server. The largest replies are
   * recordings of finished games (a long game with much chat is well under
   * a megabyte); a longer frame is refused before it is buffered, and the
   * connection closes with that reason.
   */
  public static final int MAX_FRAME_BYTES = 16 << 20;
  /** How long to wait for a reply before giving up on the server. */
  public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(15);

  private static final Logger log = LoggerFactory.getLogger(Connection.class);

  /** Receives what the server pushes. Called on the connection's I/O thread: do not block. */
  public interface Listener {
    /** A game event (request id 0). */
    void onEvent(EventView event);

    /** An error the server sent unasked, usually just before it closes the connection. */
    default void onNotice(ErrorReply error) {}

    /**
     * Any other message the server pushed: a seat a class gave this student
     * (Joined), or a class board for its instructor.
     */
    default void onPushed(ServerMessage message) {}

    /** The connection closed, whether asked for or not. */
    default void onClosed(Connection connection) {}
  }

  private final ServerAddress address;
  private final EventLoopGroup group;
  private final Listener listener;
  private final AtomicLong nextRequestId = new AtomicLong(1);
  private final Map<Long, CompletableFuture<ServerMessage>> pending = new ConcurrentHashMap<>();
  private volatile Channel channel;
  private volatile boolean closedByUs;
  /** Why the connection failed, if the pipeline said (e.g. an over-long frame). */
  private volatile Throwable failure;

  private Connection(ServerAddress address, Listener listener) {
    this.address = address;
    this.listener = listener;
    this.group = new MultiThreadIoEventLoopGroup(
        1, new DefaultThreadFactory("hikiwake-client", true), NioIoHandler.newFactory());
  }

  /**
   * Connects and says hello.
   *
   * @throws CliException with {@link ExitCode#CANNOT_CONNECT} if the server cannot be
   *     reached, or {@link ExitCode#SERVER_ERROR} if it refuses the hello
   */
  public static Connection open(ServerAddress address, Listener listener, Duration timeout)
      throws CliException {
    Connection c = new Connection(address, listener);
    try {
      c.connect(timeout);
      ServerMessage welcome = c.call(ClientMessage.newBuilder().setHello(
          Hello.newBuilder().setProtocolVersion(PROTOCOL_VERSION).setClientName(CLIENT_NAME)));
      if (welcome.hasError()
          && welcome.getError().getCode() == ErrorCode.ERROR_CODE_TLS_REQUIRED) {
        throw new CliException(ExitCode.CANNOT_CONNECT, "the server at " + address
            + " takes only encrypted connections: run the command again with --server "
            + ServerAddress.TLS_SCHEME
            + address.hostPort() + " (and --fingerprint SHA256:... if your instructor gave you"
            + " one)");
      }
      if (welcome.hasError()) {
        throw new CliException(ExitCode.SERVER_ERROR,
            "the server at " + address + " refused this client: " + describe(welcome.getError()));
      }
      if (!welcome.hasWelcome()) {
        throw new CliException(ExitCode.SERVER_ERROR,
            "the server at " + address + " answered hello with " + welcome.getBodyCase());
      }
      return c;
    } catch (CliException e) {
      c.close();
      if (e.exitCode() == ExitCode.CONNECTION_LOST) {
        throw new CliException(ExitCode.CANNOT_CONNECT,
            "cannot connect to " + address + ": " + e.getMessage(), e);
      }
      throw e;
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** Opens a connection with no interest in pushed events. */
  public static Connection open(ServerAddress address) throws CliException {
    return open(address, event -> { }, Duration.ofSeconds(10));
  }

  private void connect(Duration timeout) throws CliException {
    Optional<PinningTrustManager> trust = Optional.empty();
    Optional<SslContext> tls = Optional.empty();
    if (address.tls().isPresent()) {
      PinningTrustManager tm = new PinningTrustManager(
          address.tls().get().expected(address.hostPort()));
      trust = Optional.of(tm);
      try {
        tls = Optional.of(SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
            .protocols("TLSv1.3", "TLSv1.2").trustManager(tm).build());
      } catch (SSLException e) {
        throw new CliException(ExitCode.SOFTWARE, "this Java cannot set up TLS: " + reason(e), e);
      }
    }
    Bootstrap b = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ClientInitializer(this, tls));
    ChannelFuture f = b.connect(address.host(), address.port());
    f.awaitUninterruptibly();
    if (!f.isSuccess()) {
      throw new CliException(ExitCode.CANNOT_CONNECT, ConnectFailure.describe(address,
          f.cause(), timeout), f.cause());
    }
    channel = f.channel();
    channel.closeFuture().addListener(x -> onChannelClosed());
    if (trust.isPresent()) {
      handshake(channel.pipeline().get(SslHandler.class), trust.get());
    }
  }

  /** Waits for the TLS handshake; keeps the certificate of a server met for the first time. */
  private void handshake(SslHandler ssl, PinningTrustManager trust) throws CliException {
    Future<Channel> done = ssl.handshakeFuture();
    done.awaitUninterruptibly(ClientInitializer.HANDSHAKE_TIMEOUT_MILLIS + 2_000);
    TlsTrust tlsTrust = address.tls().orElseThrow();
    if (done.isSuccess()) {
      tlsTrust.accepted(address, trust.presented().orElseThrow());
      return;
    }
    Throwable cause = done.cause();
    if (trust.mismatched()) {
      throw tlsTrust.refused(address, trust.presented().orElseThrow(), cause);
    }
    throw new CliException(ExitCode.CANNOT_CONNECT, ConnectFailure.handshake(address, cause),
        cause);
  }

  static String reason(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  public ServerAddress address() {
    return address;
  }

  public boolean isOpen() {
    Channel ch = channel;
    return ch != null && ch.isActive();
  }

  /**
   * Sends a command with a fresh request id. The future completes with the
   * reply (which may be an {@link ErrorReply}), or fails with an {@link IOException}
   * if the connection closes first.
   */
  public CompletableFuture<ServerMessage> send(ClientMessage.Builder command) {
    long id = nextRequestId.getAndIncrement();
    CompletableFuture<ServerMessage> reply = new CompletableFuture<>();
    pending.put(id, reply);
    Channel ch = channel;
    if (ch == null || !ch.isActive()) {
      pending.remove(id);
      Throwable why = failure;
      reply.completeExceptionally(why != null ? new IOException(reason(why), why)
          : new IOException("not connected"));
      return reply;
    }
    ch.writeAndFlush(command.setRequestId(id).build()).addListener(f -> {
      if (!f.isSuccess()) {
        pending.remove(id);
        reply.completeExceptionally(new IOException("could not send: " + reason(f.cause())));
      }
    });
    return reply;
  }

  /**
   * Sends a command and waits for its reply.
   *
   * @throws CliException with {@link ExitCode#CONNECTION_LOST} if the connection
   *     closes or no reply comes in time
   */
  public ServerMessage call(ClientMessage.Builder command) throws CliException {
    return await(send(command), REPLY_TIMEOUT);
  }

  /** Waits for a reply future from {@link #send}. */
  public static ServerMessage await(CompletableFuture<ServerMessage> reply, Duration timeout)
      throws CliException {
    try {
      return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new CliException(ExitCode.CONNECTION_LOST,
          "connection lost: " + reason(e.getCause()) + "; check that this laptop is still on"
              + " the network and run the same command again (your seat is kept)",
          e.getCause());
    } catch (TimeoutException e) {
      throw new CliException(ExitCode.CONNECTION_LOST,
          "the server did not answer within " + timeout.toSeconds() + " s: it may be"
              + " overloaded, or the network is dropping the connection; try again in a"
              + " moment, and tell your instructor if it keeps happening", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.CONNECTION_LOST, "interrupted while waiting for the server",
          e);
    }
  }

  /**
   * Sends a command, waits, and returns the reply if it is not an error.
   *
   * @throws CliException with {@link ExitCode#SERVER_ERROR} for an error reply
   */
  public ServerMessage expect(ClientMessage.Builder command, ServerMessage.BodyCase expected)
      throws CliException {
    ServerMessage reply = call(command);
    if (reply.hasError()) {
      throw new CliException(ExitCode.SERVER_ERROR, describe(reply.getError()));
    }
    if (reply.getBodyCase() != expected) {
      throw new CliException(ExitCode.SERVER_ERROR,
          "the server answered " + reply.getBodyCase() + " where " + expected + " was expected");
    }
    return reply;
  }

  /** An error reply as one line for people, e.g. {@code unknown game (UNKNOWN_GAME): ...}. */
  public static String describe(ErrorReply error) {
    StringBuilder s = new StringBuilder();
    String message = org.hikiwake.cli.text.Sanitizer.line(error.getMessage());
    s.append(message.isBlank() ? "the server refused the request" : message);
    if (error.getDetailsCount() > 0) {
      s.append(" [");
      for (int i = 0; i < error.getDetailsCount(); i++) {
        if (i > 0) {
          s.append("; ");
        }
        s.append(org.hikiwake.cli.text.Sanitizer.line(error.getDetails(i)));
      }
      s.append(']');
    }
    if (error.getCode() != ErrorCode.ERROR_CODE_UNSPECIFIED) {
      s.append(" (").append(error.getCode()).append(')');
    }
    NextStep.after(error.getCode()).ifPresent(step -> s.append(". ").append(step));
    return s.toString();
  }

  void received(ServerMessage message) {
    if (message.getRequestId() == 0) {
      if (message.hasEvent()) {
        listener.onEvent(message.getEvent());
      } else if (message.hasError()) {
        listener.onNotice(message.getError());
      } else {
        listener.onPushed(message);
      }
      return;
    }
    CompletableFuture<ServerMessage> reply = pending.remove(message.getRequestId());
    if (reply != null) {
      reply.complete(message);
    } else if (!message.hasPong()) {
      log.debug("reply to unknown request {}: {}", message.getRequestId(), message.getBodyCase());
    }
  }

  void ping() {
    Channel ch = channel;
    if (ch != null && ch.isActive()) {
      ch.writeAndFlush(ClientMessage.newBuilder()
          .setRequestId(nextRequestId.getAndIncrement())
          .setPing(Ping.getDefaultInstance()).build());
    }
  }

  /** The pipeline failed; the connection is about to close for this reason. */
  void failed(Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
  }

  private void onChannelClosed() {
    Throwable why = failure;
    IOException lost = closedByUs ? new IOException("closed")
        : why != null ? new IOException(reason(why), why)
        : new IOException("the server closed the connection");
    pending.values().forEach(f -> f.completeExceptionally(lost));
    pending.clear();
    listener.onClosed(this);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }

  /** True if {@link #close} was called, as opposed to the connection dropping. */
  public boolean isClosedByUs() {
    return closedByUs;
  }

  /**
   * Cuts the connection without marking it as closed on purpose, as a network
   * failure would; the owner's re-attach logic then runs. For tests.
   */
  public void drop() {
    Channel ch = channel;
    if (ch != null) {
      ch.close();
    }
  }

  @Override
  public void close() {
    closedByUs = true;
    Channel ch = channel;
    if (ch != null) {
      ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }
}

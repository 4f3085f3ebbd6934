package org.hikiwake.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hikiwake.codec.Versions;
import org.hikiwake.codec.wire.ErrorCodes;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.server.bots.BotHost;
import org.hikiwake.server.net.ConnectionCounter;
import org.hikiwake.server.net.ServerInitializer;
import org.hikiwake.server.record.NoopRecordingStore;
import org.hikiwake.server.record.RecordingStore;
import org.hikiwake.server.record.RecoveredGame;
import org.hikiwake.server.classroom.Classes;
import org.hikiwake.server.room.JoinCodes;
import org.hikiwake.server.room.Lobby;
import org.hikiwake.server.room.Revealer;
import org.hikiwake.server.room.ScenarioCatalog;
import org.hikiwake.server.room.SeatTokens;
import org.hikiwake.server.tls.ServerTls;
import org.hikiwake.server.web.Dashboard;
import org.hikiwake.server.web.DashboardPasses;
import org.hikiwake.server.store.SqliteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The game server: loads scenarios, recovers unfinished games from the data
 * folder, then serves the wire protocol over TCP. Port 0 picks a free port.
 */
public final class HikiwakeServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HikiwakeServer.class);

  private final ServerConfig config;
  private final Optional<ServerTls> tls;
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  /** Works out game ends (the debrief enumerates every package) away from the event loops. */
  private final ExecutorService analysis;
  private final RecordingStore store;
  private final Lobby lobby;
  private final Classes classes;
  /** Seats bots in games; empty on a server that hosts none. */
  private final Optional<BotHost> bots;
  private final Dashboard dashboard;
  private final ConnectionCounter connections = new ConnectionCounter();
  private final Channel serverChannel;
  private final int unfinishedRecovered;
  private volatile boolean closed;

  private HikiwakeServer(ServerConfig config, Optional<ServerTls> tls,
      Optional<Duration> botThinking) throws Exception {
    this.config = config;
    this.tls = tls;
    ScenarioCatalog catalog = ScenarioCatalog.load(config.scenariosDir());
    if (config.durable()) {
      Files.createDirectories(config.dataDir());
      this.store = SqliteStore.open(config.dataDir());
    } else {
      this.store = NoopRecordingStore.noop();
    }
    this.bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    this.workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    this.analysis = Executors.newFixedThreadPool(2, new ThreadFactoryBuilder()
        .setNameFormat("analysis-%d").setDaemon(true).build());
    this.bots = botThinking.map(t -> new BotHost(Clock.systemUTC(), t));
    try {
      SecureRandom random = new SecureRandom();
      this.lobby = new Lobby(catalog, store, workerGroup::next, Clock.systemUTC(),
          new JoinCodes(random), new SeatTokens(random, store.tokenSecret()),
          new Revealer(analysis), config.maxGames(), config.finishedGameGrace());
      this.classes = new Classes(lobby, store, workerGroup::next, analysis, random);
      bots.ifPresent(classes::useBots);
      this.dashboard = new Dashboard(classes, new DashboardPasses(Clock.systemUTC(), random),
          Clock.systemUTC());
      List<RecoveredGame> recovered = store.recover();
      this.unfinishedRecovered = lobby.recover(recovered);
      int openClasses = classes.recover(store.recoverClasses());
      int botsBack = bots.map(b -> b.resume(lobby)).orElse(0);
      if (botsBack > 0) {
        log.info("{} take their seats again", count(botsBack, "bot", "bots"));
      }
      if (openClasses > 0) {
        log.info("{} resume", count(openClasses, "class", "classes"));
      }
      if (config.durable()) {
        // a game that leaves memory is read back from the store; without one it must stay
        lobby.startRetiring();
      }
      if (!recovered.isEmpty()) {
        log.info("recovered {} from {}; {} {}", count(recovered.size(), "recording", "recordings"),
            config.dataDir().toAbsolutePath(),
            count(unfinishedRecovered, "unfinished game", "unfinished games"),
            unfinishedRecovered == 1 ? "resumes" : "resume");
      }
      ServerBootstrap b = new ServerBootstrap()
          .group(bossGroup, workerGroup)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ServerInitializer(config, lobby, classes, connections,
              dashboard, tls));
      this.serverChannel = b.bind(config.bindAddress(), config.port()).sync().channel();
    } catch (Exception | Error e) {
      bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      analysis.shutdownNow();
      bots.ifPresent(BotHost::close);
      store.close();
      throw e;
    }
    // The same words as `hikiwake --version`, so an operator can match the two.
    log.info("hikiwake {} serving on {}:{}{} with data in {} ({})",
        Versions.SOFTWARE, config.bindAddress(), port(),
        tls.map(t -> " (TLS only, certificate " + t.fingerprint() + ")").orElse(""),
        config.durable() ? config.dataDir().toAbsolutePath() : "(not recorded)",
        count(catalog.all().size(), "scenario", "scenarios"));
  }

  /** {@code 1 scenario}, {@code 2 scenarios}: counts in operator messages read as English. */
  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** Starts a server; returns once it is serving. A bad scenario file fails start-up. */
  public static HikiwakeServer start(ServerConfig config) throws Exception {
    return new HikiwakeServer(config, Optional.empty(), Optional.of(BotHost.DEFAULT_THINKING));
  }

  /**
   * Starts a server that takes only TLS connections (the game and the
   * dashboard alike) with the given certificate.
   */
  public static HikiwakeServer start(ServerConfig config, ServerTls tls) throws Exception {
    return new HikiwakeServer(config, Optional.of(tls), Optional.of(BotHost.DEFAULT_THINKING));
  }

  /**
   * Starts a server whose bots wait {@code botThinking} before each move
   * (zero in tests; a few seconds feels like a person); empty hosts no bots.
   */
  public static HikiwakeServer start(ServerConfig config, Optional<Duration> botThinking)
      throws Exception {
    return new HikiwakeServer(config, Optional.empty(), botThinking);
  }

  /** Starts a server with TLS if {@code tls} is present, and bots that wait {@code botThinking}. */
  public static HikiwakeServer start(ServerConfig config, Optional<ServerTls> tls,
      Optional<Duration> botThinking) throws Exception {
    return new HikiwakeServer(config, tls, botThinking);
  }

  /** The server's TLS, if it takes only TLS connections. */
  public Optional<ServerTls> tls() {
    return tls;
  }

  /** The bound port. */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  public ServerConfig config() {
    return config;
  }

  public Lobby lobby() {
    return lobby;
  }

  public Classes classes() {
    return classes;
  }

  /** The bots' host, unless this server hosts none. */
  public Optional<BotHost> bots() {
    return bots;
  }

  /** The instructors' dashboard, served over HTTP on the game port. */
  public Dashboard dashboard() {
    return dashboard;
  }

  /** Open client connections. */
  public int connectionCount() {
    return connections.size();
  }

  /** Unfinished games that were rebuilt from recordings at start-up. */
  public int unfinishedRecovered() {
    return unfinishedRecovered;
  }

  /** Blocks until the server is closed. */
  public void awaitTermination() throws InterruptedException {
    serverChannel.closeFuture().sync();
    workerGroup.terminationFuture().sync();
  }

  /**
   * Stops accepting, tells every client the server is going away, closes
   * connections, makes every queued record durable, then stops the threads.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("shutting down: {} connections, {} games", connections.size(), lobby.size());
    serverChannel.close().syncUninterruptibly();
    dashboard.close();
    connections.channels().writeAndFlush(ErrorCodes.error(0, ErrorCode.ERROR_CODE_SHUTTING_DOWN,
        "The server is shutting down. Your seat is kept; resume it when it is back."))
        .awaitUninterruptibly(2, TimeUnit.SECONDS);
    connections.channels().close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    try {
      lobby.shutdown().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("games did not stop their timers in time", e);
    }
    bots.ifPresent(BotHost::close);
    store.close();
    workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    analysis.shutdownNow();
    log.info("stopped");
  }
}

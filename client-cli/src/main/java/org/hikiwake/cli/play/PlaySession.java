package org.hikiwake.cli.play;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.hikiwake.cli.CliException;
import org.hikiwake.cli.ExitCode;
import org.hikiwake.cli.net.Connection;
import org.hikiwake.cli.net.ServerAddress;
import org.hikiwake.cli.text.EventText;
import org.hikiwake.cli.text.Sanitizer;
import org.hikiwake.codec.EventCodec;
import org.hikiwake.codec.wire.WireDecoder;
import org.hikiwake.engine.game.Offer;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.RoleSheet;
import org.hikiwake.engine.view.Sighting;
import org.hikiwake.proto.wire.Accept;
import java.util.concurrent.CompletableFuture;
import org.hikiwake.engine.classroom.Names;
import org.hikiwake.proto.wire.ClassJoined;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.JoinClass;
import org.hikiwake.proto.wire.ErrorReply;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameSnapshot;
import org.hikiwake.proto.wire.JoinSeat;
import org.hikiwake.proto.wire.Joined;
import org.hikiwake.proto.wire.PointsView;
import org.hikiwake.proto.wire.Propose;
import org.hikiwake.proto.wire.ResumeSeat;
import org.hikiwake.proto.wire.Say;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.WalkAway;
import org.hikiwake.proto.wire.WatchGame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One seat (or one watcher) in one game: attaches to the server, keeps the
 * {@link LiveGame} up to date from pushed events, runs the commands read from
 * the {@link Console}, and re-attaches with the seat token, with exponential
 * backoff, when the connection drops.
 *
 * <p>Without a terminal, a command that needs the turn waits for it (or for the
 * end of the game), the session ends when the game does, and the end of input
 * means "wait for the end of the game".
 */
public final class PlaySession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PlaySession.class);

  /** How to take part. */
  public enum Mode { JOIN, RESUME, WATCH, CLASS }

  /**
   * What to attach to.
   *
   * @param role the role to join (JOIN only)
   * @param displayName the name to show (JOIN only)
   * @param token the seat token (RESUME only)
   */
  public record Attach(Mode mode, String gameCode, String role, String displayName,
      String token) {
    public static Attach join(String gameCode, String role, String displayName) {
      return new Attach(Mode.JOIN, gameCode, role, displayName, "");
    }

    public static Attach resume(String gameCode, String token) {
      return new Attach(Mode.RESUME, gameCode, "", "", token);
    }

    public static Attach watch(String gameCode) {
      return new Attach(Mode.WATCH, gameCode, "", "", "");
    }

    /**
     * Joins a class as a student (or comes back with the student token, if
     * given); the class seats the student when the instructor pairs them.
     */
    public static Attach classJoin(String classCode, String name, String studentToken) {
      return new Attach(Mode.CLASS, classCode, "", name, studentToken);
    }
  }

  /**
   * Re-attach policy: the first wait, doubled after each failed attempt up to
   * {@code maxDelay}, for at most {@code attempts} attempts.
   */
  public record Backoff(Duration firstDelay, Duration maxDelay, int attempts) {
    public static final Backoff DEFAULT =
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), 12);
  }

  private final ServerAddress address;
  private final Console console;
  private final AtomicReference<LiveGame> view;
  private final Optional<SeatStore> store;
  private final Backoff backoff;
  private final ScheduledExecutorService scheduler;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Guarded by lock.
  private final List<EventView> buffered = new ArrayList<>();
  private volatile boolean attaching;
  private int generation;
  private CliException fatal;
  private boolean closing;
  /** Set once the server said another connection took this seat over: no more re-attaching. */
  private boolean seatLost;
  private Attach attach;

  private volatile Connection connection;
  /** The server's time, for countdowns; estimated afresh on each connection. */
  private final ServerClock serverClock = new ServerClock();
  private final TurnAlerts alerts = new TurnAlerts();

  /**
   * @param view where the current model is published, for the prompt and completion
   * @param store where seat tokens are kept; empty to keep none
   */
  public PlaySession(ServerAddress address, Console console, AtomicReference<LiveGame> view,
      Optional<SeatStore> store, Backoff backoff) {
    this.address = address;
    this.console = console;
    this.view = view;
    this.store = store;
    this.backoff = backoff;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "hikiwake-session");
      t.setDaemon(true);
      return t;
    });
  }

  /** The game as this client sees it now; null before the first attach. */
  public LiveGame game() {
    return view.get();
  }

  /** The live connection, if any (for tests that cut it). */
  public Optional<Connection> connection() {
    return Optional.ofNullable(connection);
  }

  /**
   * Attaches and runs until the game ends (scripts, watchers) or the user quits.
   *
   * @return the exit code: {@link ExitCode#OK} when the game ended or the user quit
   * @throws CliException when the game cannot be reached or the connection is lost for good
   */
  public int run(Attach target) throws CliException {
    attach(target, false);
    if (target.mode() == Mode.WATCH) {
      awaitGame(LiveGame::isOver);
      return ExitCode.OK;
    }
    if (console.isInteractive()) {
      scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }
    while (true) {
      checkFatal();
      if (!console.isInteractive() && game().isOver()) {
        return ExitCode.OK;
      }
      String line;
      try {
        line = console.readLine();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCode.OK;
      }
      checkFatal();
      if (line == null && !console.isInteractive()) {
        awaitGame(LiveGame::isOver);
        return ExitCode.OK;
      }
      PromptCommand command = line == null ? new PromptCommand.Quit() : PromptCommand.parse(line);
      if (command instanceof PromptCommand.Quit) {
        if (!game().isOver()) {
          console.show(List.of(Renderer.leaving(currentAttach(), address)));
        }
        return ExitCode.OK;
      }
      execute(command);
    }
  }

  private void tick() {
    LiveGame m = game();
    if (m != null && m.isInProgress() && m.deadline().isPresent()) {
      if (isConnected()) {
        alerts.atTick(m, serverClock.now(Instant.now())).ifPresent(this::alert);
      }
      console.promptChanged();
    }
  }

  private void alert(TurnAlerts.Alert a) {
    console.show(a.lines());
    if (a.bell()) {
      console.bell();
    }
  }

  /**
   * The prompt now: the game's state, and for a timed turn the time left by
   * the server's clock, or that the session is reconnecting.
   */
  public String prompt(Instant now) {
    LiveGame m = game();
    return m == null ? "hikiwake > " : Renderer.prompt(m, serverClock.now(now), isConnected());
  }

  /** True while attached over a live connection. */
  public boolean isConnected() {
    Connection c = connection;
    return c != null && c.isOpen() && !attaching;
  }

  private Attach currentAttach() {
    lock.lock();
    try {
      return attach;
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------ attaching

  private void attach(Attach target, boolean again) throws CliException {
    int gen;
    lock.lock();
    try {
      gen = ++generation;
      attaching = true;
      buffered.clear();
      serverClock.reset();
      classSeat = new CompletableFuture<>();
    } finally {
      lock.unlock();
    }
    Connection c = Connection.open(address, new SessionListener(gen), Duration.ofSeconds(10));
    ServerMessage reply;
    try {
      reply = c.call(command(target));
    } catch (CliException e) {
      c.close();
      throw e;
    }
    if (reply.hasError()) {
      c.close();
      throw new CliException(ExitCode.SERVER_ERROR, refusal(target, reply.getError()));
    }
    if (reply.hasClassJoined()) {
      reply = waitForClassSeat(c, target, reply.getClassJoined(), again);
      if (reply.hasError()) {
        c.close();
        throw new CliException(ExitCode.SERVER_ERROR, refusal(target, reply.getError()));
      }
    }
    LiveGame fresh;
    GameSnapshot snapshot;
    Optional<PointsView> ownPoints = Optional.empty();
    try {
      if (reply.hasJoined()) {
        Joined joined = reply.getJoined();
        fresh = LiveGame.fromJoined(joined);
        snapshot = joined.getGame();
        ownPoints = Optional.of(joined.getPoints());
      } else if (reply.hasWatching()) {
        fresh = LiveGame.fromWatching(reply.getWatching());
        snapshot = reply.getWatching().getGame();
      } else {
        c.close();
        throw new CliException(ExitCode.SERVER_ERROR,
            "the server answered " + reply.getBodyCase() + " to " + target.mode());
      }
    } catch (IllegalArgumentException e) {
      c.close();
      throw new CliException(ExitCode.SERVER_ERROR, "the server sent game "
          + target.gameCode() + " in a form this client cannot follow: " + e.getMessage(), e);
    }
    List<String> differences = fresh.differencesFrom(snapshot, ownPoints);
    if (!differences.isEmpty()) {
      log.warn("game {}: the events folded here disagree with the server's snapshot: {}",
          fresh.code(), String.join("; ", differences));
    }
    lock.lock();
    try {
      LiveGame old = game();
      if (old == null) {
        console.show(Renderer.welcome(fresh, target.mode() == Mode.RESUME));
      }
      // Each event not shown yet is shown as it was when it happened: fold from where we were.
      long shown = old == null ? 0 : old.lastSeq();
      GameView then = old == null ? fresh.initial() : old.view();
      for (EventView e : snapshot.getHistoryList()) {
        if (WireDecoder.isRecorded(e) && e.getSeq() > shown) {
          Sighting s = WireDecoder.sighting(e, fresh.myRole());
          then = then.apply(s.seen());
          console.showEvent(e, EventText.lines(then, s));
          shown = e.getSeq();
        }
      }
      LiveGame m = fresh;
      for (EventView e : buffered) {
        if (e.hasSeatMoved()) {
          seatMoved(e);
        } else if (m.isNew(e)) {
          m = m.apply(e);
          console.showEvent(e, Renderer.event(m, e));
        }
      }
      buffered.clear();
      view.set(m);
      attaching = false;
      connection = c;
      if (seatLost) {
        closeLater(c);
      }
      if (target.mode() == Mode.JOIN) {
        this.attach = Attach.resume(target.gameCode(), m.token().orElseThrow());
      } else if (target.mode() == Mode.CLASS) {
        this.attach = Attach.classJoin(target.gameCode(), target.displayName(),
            classToken.get());
      } else {
        this.attach = target;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    console.promptChanged();
    if (!c.isOpen()) {
      connectionLost(c);
    }
    if (target.mode() == Mode.JOIN && !again) {
      keepToken(game());
    }
    if (game().isOver() && !console.isInteractive()) {
      console.wakeUp();
    }
  }

  /** The student token of the class this session joined, once it has. */
  private final AtomicReference<String> classToken = new AtomicReference<>("");
  /** Completed by the first pushed Joined: the seat the class gave this student. */
  private volatile CompletableFuture<ServerMessage> classSeat = new CompletableFuture<>();

  /**
   * In a class's lobby: keeps the student token, says what happens next, and
   * waits (as long as it takes) for the instructor to pair the student, whose
   * seat then arrives pushed.
   */
  private ServerMessage waitForClassSeat(Connection c, Attach target, ClassJoined joined,
      boolean again) throws CliException {
    classToken.set(joined.getStudentToken());
    if (!again) {
      keepClassToken(target.gameCode(), joined);
      console.show(List.of("You are in class " + Sanitizer.line(joined.getClassCode()) + " ("
          + Sanitizer.line(joined.getScenarioTitle()) + ") as "
          + Sanitizer.line(joined.getName()) + ".",
          joined.getWaiting() <= 1 ? "Waiting for the instructor to pair you."
              : joined.getWaiting() + " students are waiting; your game starts when the"
                  + " instructor pairs you."));
    }
    try {
      return classSeat.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      c.close();
      throw new CliException(ExitCode.OK, "left the class lobby");
    } catch (java.util.concurrent.ExecutionException e) {
      c.close();
      throw new CliException(ExitCode.CONNECTION_LOST, "the connection to " + address
          + " closed while waiting in the class lobby: " + e.getCause().getMessage(), e);
    }
  }

  private void keepClassToken(String classCode, ClassJoined joined) {
    if (store.isEmpty()) {
      return;
    }
    try {
      SeatStore classes = store.get().classTokens();
      classes.save(address, classCode, Names.key(joined.getName()), joined.getStudentToken());
    } catch (IOException e) {
      log.warn("could not keep the class token", e);
      console.show(List.of("Could not keep your class token (" + e.getMessage()
          + "); to come back after a disconnect, ask your instructor to free your seat."));
    }
  }

  private void keepToken(LiveGame m) {
    if (store.isEmpty() || m.token().isEmpty() || m.myRole().isEmpty()) {
      return;
    }
    try {
      store.get().save(address, m.code(), m.myRole().get(), m.token().get());
      console.show(List.of("Your seat token is kept in " + store.get().file()
          + "; after a disconnect, `hikiwake play --resume " + m.code()
          + (address.equals(ServerAddress.DEFAULT) ? "" : " --server " + address)
          + "` takes the seat back."));
    } catch (IOException e) {
      log.warn("could not keep the seat token in {}", store.get().file(), e);
      console.show(List.of("Could not keep your seat token (" + e.getMessage()
          + "); `--resume` will not work for this game."));
    }
  }

  private static ClientMessage.Builder command(Attach target) {
    ClientMessage.Builder b = ClientMessage.newBuilder();
    switch (target.mode()) {
      case JOIN:
        return b.setJoinSeat(JoinSeat.newBuilder().setGameCode(target.gameCode())
            .setRole(target.role()).setDisplayName(target.displayName()));
      case RESUME:
        return b.setResumeSeat(ResumeSeat.newBuilder().setGameCode(target.gameCode())
            .setSeatToken(target.token()));
      case WATCH:
        return b.setWatchGame(WatchGame.newBuilder().setGameCode(target.gameCode()));
      case CLASS:
        return b.setJoinClass(JoinClass.newBuilder().setClassCode(target.gameCode())
            .setName(target.displayName()).setStudentToken(target.token()));
      default:
        throw new AssertionError(target.mode());
    }
  }

  private static String refusal(Attach target, ErrorReply error) {
    String what = switch (target.mode()) {
      case JOIN -> "cannot join game " + target.gameCode() + " as " + target.role();
      case RESUME -> "cannot resume your seat in game " + target.gameCode();
      case WATCH -> "cannot watch game " + target.gameCode();
      case CLASS -> "cannot join class " + target.gameCode() + " as " + target.displayName();
    };
    return what + ": " + Connection.describe(error);
  }

  /** Receives one connection's events; ignores them once a newer connection has replaced it. */
  private final class SessionListener implements Connection.Listener {
    private final int gen;

    SessionListener(int gen) {
      this.gen = gen;
    }

    @Override
    public void onEvent(EventView event) {
      boolean ended = false;
      lock.lock();
      try {
        if (gen != generation) {
          return;
        }
        if (attaching) {
          buffered.add(event);
          return;
        }
        if (event.hasSeatMoved()) {
          seatMoved(event);
          return;
        }
        LiveGame m = game();
        // After the end only presence changes can come; the game-over event stays the last word.
        if (!m.isNew(event) || m.isOver()) {
          return;
        }
        if (event.getAtMillis() > 0) {
          serverClock.sample(Instant.ofEpochMilli(event.getAtMillis()), Instant.now());
        }
        LiveGame before = m;
        try {
          m = m.apply(event);
        } catch (IllegalArgumentException e) {
          log.warn("game {}: ignoring an event this client cannot follow: {}", m.code(),
              event, e);
          return;
        }
        view.set(m);
        console.showEvent(event, Renderer.event(m, event));
        if (console.isInteractive()) {
          alerts.afterEvent(before, m).ifPresent(PlaySession.this::alert);
        }
        ended = m.isOver();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      // A script ends with the game; a person stays to look at the debrief until `quit`.
      if (ended && !console.isInteractive()) {
        console.wakeUp();
      }
    }

    @Override
    public void onPushed(ServerMessage message) {
      if (message.hasJoined() && gen == generation && !classSeat.complete(message)) {
        // already seated once: the instructor paired this student again after the game ended
        String next = Sanitizer.line(message.getJoined().getGame().getGameCode());
        String at = address.equals(ServerAddress.DEFAULT) ? "" : " --server " + address;
        console.show(List.of("Your instructor has paired you again, in game " + next + ".",
            "Type `quit`, then run: hikiwake join " + Sanitizer.line(attach.gameCode())
                + " --name \"" + Sanitizer.line(attach.displayName()) + "\"" + at));
        if (console.isInteractive()) {
          console.bell();
        }
      }
    }

    @Override
    public void onNotice(ErrorReply error) {
      if (error.getCode() != ErrorCode.ERROR_CODE_SHUTTING_DOWN) {
        console.show(List.of("Server: " + Connection.describe(error)));
      } else {
        console.show(List.of("The server is shutting down."));
      }
    }

    @Override
    public void onClosed(Connection c) {
      classSeat.completeExceptionally(new java.io.IOException("the connection closed"));
      lock.lock();
      try {
        // While attaching, attach() itself looks at the connection when it is done.
        if (gen != generation || attaching) {
          return;
        }
      } finally {
        lock.unlock();
      }
      connectionLost(c);
    }
  }

  /**
   * The server moved this seat to another connection (someone resumed it with
   * the seat token, most likely the same student on another laptop or
   * terminal). Fighting over the seat would only move it back and forth, so
   * the session tells the student plainly how to take it back and stops.
   * Called with the lock held.
   */
  private void seatMoved(EventView e) {
    LiveGame m = game();
    String role = e.getSeatMoved().getRole();
    String roleName = m == null ? Sanitizer.line(role) : EventText.roleName(m.view(), role);
    String code = Sanitizer.line(m == null ? e.getGameCode() : m.code());
    String at = address.equals(ServerAddress.DEFAULT) ? "" : " --server " + address;
    boolean inClass = attach.mode() == Mode.CLASS;
    String back = inClass ? "hikiwake join " + Sanitizer.line(attach.gameCode()) + " --name \""
        + Sanitizer.line(attach.displayName()) + "\"" + at
        : "hikiwake play --resume " + code + at;
    String why = e.getSeatMoved().getFreed()
        ? "your instructor freed it, so that you can take it on another laptop"
        : inClass ? "you (or someone with your name) joined the class on another laptop or"
            + " terminal"
        : "it was resumed with your seat token from another laptop or terminal";
    console.show(List.of(
        "Your " + roleName + " seat in game " + code + " is no longer held here: " + why + ".",
        "This session stops here. To take the seat back on this one, run: " + back));
    seatLost = true;
    fatal = new CliException(ExitCode.SERVER_ERROR, "your " + roleName + " seat in game " + code
        + " is no longer held here (" + why + "); `" + back + "` takes it back");
    changed.signalAll();
    Connection c = connection;
    connection = null;
    if (c != null) {
      closeLater(c);
    }
    console.wakeUp();
  }

  /** Closes a connection off its own I/O thread, which must never wait for itself. */
  private void closeLater(Connection c) {
    try {
      scheduler.execute(c::close);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("session closed already; closing the connection here", e);
      c.drop();
    }
  }

  /** Starts re-attaching if {@code c} is the live connection and it dropped unasked. */
  private void connectionLost(Connection c) {
    lock.lock();
    try {
      if (closing || seatLost || c.isClosedByUs() || connection != c) {
        return;
      }
      connection = null;
      changed.signalAll();
      LiveGame m = game();
      if (m == null || m.isOver()) {
        return;
      }
      generation++;
    } finally {
      lock.unlock();
    }
    console.show(List.of("Lost the connection to " + address + "; re-attaching..."));
    console.promptChanged();
    scheduleAttempt(1, backoff.firstDelay());
  }

  private void scheduleAttempt(int attempt, Duration delay) {
    try {
      scheduler.schedule(() -> reattach(attempt, delay), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("session closed; not re-attaching", e);
    }
  }

  private void reattach(int attempt, Duration delay) {
    Attach target;
    lock.lock();
    try {
      if (closing || seatLost) {
        return;
      }
      target = attach;
    } finally {
      lock.unlock();
    }
    try {
      attach(target, true);
      console.show(List.of("Re-attached" + (attempt > 1 ? " after " + attempt + " attempts" : "")
          + "; carry on."));
    } catch (CliException e) {
      if (e.exitCode() == ExitCode.SERVER_ERROR) {
        fail(e);
      } else if (attempt >= backoff.attempts()) {
        fail(new CliException(ExitCode.CONNECTION_LOST, "lost the connection to " + address
            + " and could not re-attach in " + attempt + " attempts: " + e.getMessage()));
      } else {
        Duration next = delay.multipliedBy(2);
        if (next.compareTo(backoff.maxDelay()) > 0) {
          next = backoff.maxDelay();
        }
        String why = e.exitCode() == ExitCode.CANNOT_CONNECT
            ? "the server is not reachable" : e.getMessage();
        console.show(List.of("Re-attach attempt " + attempt + " of " + backoff.attempts()
            + " failed (" + why + "); trying again in "
            + Math.max(1, Math.round(next.toMillis() / 1000.0)) + " s."));
        scheduleAttempt(attempt + 1, next);
      }
    }
  }

  private void fail(CliException e) {
    lock.lock();
    try {
      fatal = e;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    console.wakeUp();
  }

  private void checkFatal() throws CliException {
    lock.lock();
    try {
      if (fatal != null) {
        throw fatal;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the game satisfies the test, or throws if the session failed for good. */
  private LiveGame awaitGame(Predicate<LiveGame> test) throws CliException {
    lock.lock();
    try {
      while (true) {
        if (fatal != null) {
          throw fatal;
        }
        LiveGame m = game();
        if (!attaching && m != null && test.test(m)) {
          return m;
        }
        changed.await(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.OK, "interrupted");
    } finally {
      lock.unlock();
    }
  }

  /** Waits for a live connection (during a re-attach), or throws if there will be none. */
  private Connection awaitConnection() throws CliException {
    lock.lock();
    try {
      while (true) {
        if (fatal != null) {
          throw fatal;
        }
        Connection c = connection;
        if (!attaching && c != null && c.isOpen()) {
          return c;
        }
        changed.await(200, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.OK, "interrupted");
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------ commands

  private void execute(PromptCommand command) throws CliException {
    LiveGame m = game();
    if (command instanceof PromptCommand.Empty) {
      return;
    } else if (command instanceof PromptCommand.Invalid invalid) {
      console.show(List.of(invalid.reason()));
    } else if (command instanceof PromptCommand.Help) {
      console.page(Renderer.help(m.view()));
    } else if (command instanceof PromptCommand.Brief) {
      console.page(Renderer.brief(m.view()));
    } else if (command instanceof PromptCommand.Issues) {
      console.page(Renderer.issues(m.view()));
    } else if (command instanceof PromptCommand.Table) {
      console.show(Renderer.table(m.view()));
    } else if (command instanceof PromptCommand.History) {
      console.page(Renderer.history(m));
    } else if (command instanceof PromptCommand.Score score) {
      score(m.view(), score);
    } else if (command instanceof PromptCommand.Offer offer) {
      offer(offer);
    } else if (command instanceof PromptCommand.Accept a) {
      accept(a);
    } else if (command instanceof PromptCommand.WalkAway walkAway) {
      walkAway(walkAway);
    } else if (command instanceof PromptCommand.Say say) {
      say(say);
    } else if (command instanceof PromptCommand.Quit) {
      throw new AssertionError("quit is handled by the loop");
    } else {
      throw new AssertionError(command);
    }
  }

  private void score(GameView m, PromptCommand.Score score) {
    if (score.choices().isEmpty() || score.fromTable()) {
      if (m.onTable().isEmpty()) {
        console.show(List.of("Nothing is on the table. Score a package of your own:"
            + " score issue=option ..."));
        return;
      }
      if (score.choices().isEmpty()) {
        console.show(Renderer.table(m));
        return;
      }
    }
    Package base = score.fromTable() ? m.onTable().orElseThrow().pkg() : Package.of();
    PackageInput.Parsed parsed = PackageInput.parse(m.scenario(), score.choices(), base);
    if (!parsed.isValid()) {
      console.show(List.of("Cannot score that: " + String.join("; ", parsed.problems()) + "."));
      return;
    }
    console.show(Renderer.score(m, parsed.pkg()));
  }

  private void offer(PromptCommand.Offer offer) throws CliException {
    GameView m = game().view();
    PackageInput.Parsed parsed = PackageInput.parse(m.scenario(), offer.choices(),
        Package.of());
    if (!parsed.isValid()) {
      console.show(List.of("Offer not sent: " + String.join("; ", parsed.problems()) + "."));
      return;
    }
    if (!offer.fromTable()) {
      List<String> missing = m.scenario().missingIssues(parsed.pkg());
      if (!missing.isEmpty()) {
        console.show(List.of("Offer not sent: it is incomplete; missing "
            + String.join(", ", missing) + ".",
            "Name one option for every issue, or use `offer --from-table issue=option ...`"
                + " to change only some issues of the offer on the table."));
        return;
      }
    }
    if (!awaitTurn("offer")) {
      return;
    }
    m = game().view();
    Optional<String> pointless = Renderer.lastTurnOfferWarning(m);
    if (pointless.isPresent() && console.isInteractive()) {
      console.show(List.of(pointless.get()));
      int turn = m.turn();
      if (!console.confirm("Make the offer anyway?")) {
        console.show(List.of("Offer not sent."));
        return;
      }
      if (!stillMyTurn(turn)) {
        return;
      }
      m = game().view();
    }
    Package pkg = parsed.pkg();
    if (offer.fromTable()) {
      Optional<Package> table = m.onTable().map(Offer::pkg);
      if (table.isEmpty()) {
        console.show(List.of("Offer not sent: there is no offer on the table to start from;"
            + " name every issue."));
        return;
      }
      pkg = PackageInput.parse(m.scenario(), offer.choices(), table.get()).pkg();
    }
    sendMove(ClientMessage.newBuilder().setPropose(
        Propose.newBuilder().setPackage(EventCodec.toProto(m.scenario().ordered(pkg)))),
        "offer");
  }

  /**
   * Accepts the offer on the table. The student first sees what they agree
   * to and its points, with a plain warning below the reservation value, and
   * in a terminal is asked (unless {@code accept --yes}); a script is not.
   */
  private void accept(PromptCommand.Accept accept) throws CliException {
    if (!awaitTurn("accept")) {
      return;
    }
    GameView m = game().view();
    if (m.onTable().isEmpty()) {
      console.show(List.of("There is no offer on the table to accept; make one instead."));
      return;
    }
    if (m.isMe(m.onTable().get().proposer())) {
      console.show(List.of("The offer on the table is your own; only the other side can"
          + " accept it."));
      return;
    }
    if (!accept.confirmed() && console.isInteractive()) {
      console.show(Renderer.acceptCheck(m));
      int turn = m.turn();
      if (!console.confirm(Renderer.acceptQuestion(m))) {
        console.show(List.of("You did not accept; the offer stays on the table and it is"
            + " still your turn."));
        return;
      }
      if (!stillMyTurn(turn)) {
        return;
      }
    }
    sendMove(ClientMessage.newBuilder().setAccept(Accept.getDefaultInstance()), "accept");
  }

  private void walkAway(PromptCommand.WalkAway walkAway) throws CliException {
    if (!awaitTurn("walkaway")) {
      return;
    }
    GameView m = game().view();
    if (!walkAway.confirmed() && console.isInteractive()) {
      int rv = m.mySheet().map(RoleSheet::reservationValue).orElse(0);
      if (!console.confirm("Walk away? The game ends with no agreement and you score your"
          + " reservation value, " + rv + ".")) {
        console.show(List.of("You stay at the table."));
        return;
      }
      if (!stillMyTurn(m.turn())) {
        return;
      }
    }
    sendMove(ClientMessage.newBuilder().setWalkAway(WalkAway.getDefaultInstance()), "walkaway");
  }

  private void say(PromptCommand.Say say) throws CliException {
    if (game().isOver()) {
      console.show(List.of("The game is over; nothing was said."));
      return;
    }
    Connection c = awaitConnection();
    ServerMessage reply;
    try {
      reply = Connection.await(c.send(ClientMessage.newBuilder()
          .setSay(Say.newBuilder().setText(say.text()))), Connection.REPLY_TIMEOUT);
    } catch (CliException e) {
      console.show(List.of("The connection dropped; your message may not have arrived."));
      return;
    }
    if (reply.hasError()) {
      console.show(List.of("Not said: " + Connection.describe(reply.getError())));
    }
  }

  /**
   * In a terminal, true if it is this seat's turn now (else says why not). In a
   * script, waits for the turn; false if the game ended first.
   */
  private boolean awaitTurn(String what) throws CliException {
    LiveGame m = game();
    if (!console.isInteractive()) {
      m = awaitGame(x -> x.isMyTurn() || x.isOver());
    }
    if (m.isOver()) {
      console.show(List.of("The game is over; `" + what + "` was not sent."));
      return false;
    }
    if (!m.isInProgress()) {
      console.show(List.of("The game has not started yet: it starts when both seats are"
          + " taken."));
      return false;
    }
    if (!m.isMyTurn()) {
      GameView v = m.view();
      console.show(List.of("It is " + v.toMove().map(r -> EventText.roleName(v, r))
          .orElse("the other side") + "'s turn; wait for yours."));
      return false;
    }
    return true;
  }

  /**
   * After a question: true if the turn asked about is still this seat's (the
   * clock may have run out, or the instructor ended the game, meanwhile).
   */
  private boolean stillMyTurn(int turn) {
    LiveGame now = game();
    if (now.isMyTurn() && now.view().turn() == turn) {
      return true;
    }
    console.show(List.of(now.isOver() ? "The game ended while you were deciding; nothing was"
        + " sent." : "Your turn passed while you were deciding; nothing was sent."));
    return false;
  }

  /**
   * Sends a move and waits until its events have arrived. If the connection
   * drops before the answer, waits for the re-attach and sends again only if
   * the move did not take effect. Every send of one move carries the same
   * idempotency key, so a move the server had taken but not yet recorded when
   * the connection dropped is answered {@code Done} on the second send rather
   * than decided again (and refused as out of turn).
   */
  private void sendMove(ClientMessage.Builder move, String what) throws CliException {
    move.setIdempotencyKey(newIdempotencyKey());
    int turn = game().view().turn();
    Predicate<LiveGame> applied = m -> m.isOver() || m.view().turn() != turn;
    while (true) {
      Connection c = awaitConnection();
      ServerMessage reply;
      try {
        reply = Connection.await(c.send(move.clone()), Connection.REPLY_TIMEOUT);
      } catch (CliException lost) {
        console.show(List.of("The connection dropped while sending `" + what + "`."));
        awaitConnection();
        if (applied.test(game())) {
          return;
        }
        console.show(List.of("`" + what + "` did not arrive; sending it again."));
        continue;
      }
      if (reply.hasError()) {
        console.show(List.of("Refused: " + Connection.describe(reply.getError())));
        return;
      }
      awaitGame(applied);
      return;
    }
  }

  private static final java.security.SecureRandom KEYS = new java.security.SecureRandom();

  /** 128 random bits in hex: the wire protocol asks for 16 to 64 characters. */
  private static String newIdempotencyKey() {
    byte[] bits = new byte[16];
    KEYS.nextBytes(bits);
    return java.util.HexFormat.of().formatHex(bits);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closing = true;
    } finally {
      lock.unlock();
    }
    scheduler.shutdownNow();
    Connection c = connection;
    if (c != null) {
      c.close();
    }
  }
}

package org.hikiwake.server.classroom;

import com.google.common.collect.ImmutableList;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.hikiwake.engine.classroom.ClassRecorded;
import org.hikiwake.engine.classroom.ClassRules;
import org.hikiwake.engine.classroom.ClassSettings;
import org.hikiwake.engine.classroom.ClassState;
import org.hikiwake.engine.classroom.Roster;
import org.hikiwake.engine.classroom.RosterException;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.server.record.ClassHeader;
import org.hikiwake.server.record.RecordingStore;
import org.hikiwake.server.record.RecoveredClass;
import org.hikiwake.engine.game.GameSettings;
import org.hikiwake.server.room.ErrorText;
import org.hikiwake.server.room.GameRequest;
import org.hikiwake.server.room.JoinCodes;
import org.hikiwake.server.room.Lobby;
import org.hikiwake.server.room.Refusal;
import org.hikiwake.server.room.TokenHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every class on a server, found by class code. Class codes and game codes
 * share one space, so a code a student types names one thing only. Safe to
 * call from any thread.
 */
public final class Classes {
  private static final Logger log = LoggerFactory.getLogger(Classes.class);
  /** The longest roster text accepted, in characters. */
  public static final int MAX_ROSTER_CHARS = 64 * 1024;

  private final Lobby lobby;
  private final RecordingStore store;
  private final Supplier<ScheduledExecutorService> executors;
  private final Executor analysis;
  private final SecureRandom random;
  private final ConcurrentMap<String, ClassRoom> classes = new ConcurrentHashMap<>();
  private volatile ClassRoom.BotSeater botSeater;

  /**
   * @param executors gives each class the thread that will own it
   * @param analysis where debriefs are worked out: not an event loop
   */
  public Classes(Lobby lobby, RecordingStore store, Supplier<ScheduledExecutorService> executors,
      Executor analysis, SecureRandom random) {
    this.lobby = lobby;
    this.store = store;
    this.executors = executors;
    this.analysis = analysis;
    this.random = random;
    lobby.reserveCodes(classes::containsKey);
    // a running class's board and debrief read its games from memory
    lobby.keepInMemory(room -> classOf(room.classCode()).filter(c -> !c.isOver()).isPresent());
  }

  /** Why a class could not be created. */
  public static final class CreateException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Refusal refusal;

    CreateException(Refusal refusal) {
      super(refusal.message());
      this.refusal = refusal;
    }

    public Refusal refusal() {
      return refusal;
    }
  }

  /** A new class and its instructor's secret token. */
  public record Created(ClassRoom room, String instructorToken) {}

  /**
   * Creates a class; the future completes once its record is durable.
   *
   * @param rosterText a roster file's text, or empty for a class anyone may join
   * @param rosterSource names the roster in problems, e.g. its file name
   * @param seed the pairing seed; 0 draws one
   */
  public CompletableFuture<Created> create(GameRequest games, String rosterText,
      String rosterSource, long seed, Optional<String> oddStudentBot) {
    String scenarioId = games.scenarioId();
    // one draw for the whole class: every game gets the same news and the same end
    GameSettings gameSettings;
    try {
      gameSettings = lobby.settingsFor(games);
    } catch (Lobby.CreateException e) {
      return CompletableFuture.failedFuture(new CreateException(e.refusal()));
    }
    if (oddStudentBot.isPresent()) {
      ClassRoom.BotSeater seater = botSeater;
      String level = oddStudentBot.get();
      if (seater == null || !seater.levels().contains(level)) {
        return CompletableFuture.failedFuture(new CreateException(new Refusal.ByRules(
            org.hikiwake.engine.game.Rejection.of(
                org.hikiwake.engine.game.RejectionCode.UNKNOWN_BOT, seater == null
                    ? "This server hosts no bots, so an odd student cannot play one; leave"
                        + " out the odd student's bot and pair them by hand."
                    : "There is no bot level '" + level + "'; the levels are "
                        + String.join(", ", seater.levels()) + "."))));
      }
    }
    Optional<Roster> roster = Optional.empty();
    if (!rosterText.isBlank()) {
      if (rosterText.length() > MAX_ROSTER_CHARS) {
        return CompletableFuture.failedFuture(new CreateException(Refusal.of(
            Refusal.Problem.BAD_ROSTER, "A roster can be at most " + MAX_ROSTER_CHARS
                + " characters.")));
      }
      String source = rosterSource.isBlank() ? "roster" : ErrorText.echo(rosterSource);
      try {
        roster = Optional.of(Roster.parse(rosterText, source));
      } catch (RosterException e) {
        return CompletableFuture.failedFuture(new CreateException(new Refusal.ByHost(
            Refusal.Problem.BAD_ROSTER, "The roster has " + e.problems().size()
                + (e.problems().size() == 1 ? " bad line" : " bad lines") + ": "
                + e.problems().get(0) + (e.problems().size() > 1 ? " (and more)" : ""),
            ImmutableList.copyOf(e.problems()))));
      }
    }
    Scenario scenario = lobby.catalog().find(scenarioId).orElseThrow();
    long pairingSeed = seed != 0 ? seed : random.nextLong();
    ClassSettings classSettings = new ClassSettings(scenarioId, gameSettings.rounds(),
        gameSettings.turnLimit(), pairingSeed, roster, oddStudentBot, gameSettings.news(),
        gameSettings.uncertainEnd());
    String code = lobby.freshCode();
    while (classes.containsKey(code)) {
      code = lobby.freshCode();
    }
    String token = lobby.tokens().next();
    Instant now = lobby.clock().instant();
    ClassHeader header = new ClassHeader(code, now, classSettings, TokenHash.of(token));
    String classCode = code;
    return store.createClass(header).thenApply(classLog -> {
      ClassRoom room = new ClassRoom(classCode, now, header.instructorTokenHash(), scenario,
          ClassState.initial(classCode, classSettings), 1, executors.get(), lobby, classLog,
          analysis);
      wire(room);
      classes.put(classCode, room);
      log.info("class {} created: scenario {}, {} rounds, roster {}", classCode, scenarioId,
          gameSettings.rounds(),
          classSettings.roster().map(r -> r.names().size() + " names").orElse("none"));
      return new Created(room, token);
    });
  }

  /** Rebuilds the classes found at start-up (after their games are recovered). */
  public int recover(List<RecoveredClass> recovered) {
    int open = 0;
    for (RecoveredClass rc : recovered) {
      ClassHeader h = rc.header();
      Optional<Scenario> scenario = lobby.catalog().find(h.settings().scenarioId());
      if (scenario.isEmpty()) {
        log.error("class {} plays scenario {}, which this server no longer has; it is left out",
            h.classCode(), h.settings().scenarioId());
        continue;
      }
      ClassState state = ClassState.initial(h.classCode(), h.settings());
      try {
        for (ClassRecorded r : rc.events()) {
          state = ClassRules.apply(state, r.event());
        }
      } catch (RuntimeException e) {
        log.error("class {} cannot be replayed; it is left out", h.classCode(), e);
        continue;
      }
      long nextSeq = rc.events().isEmpty() ? 1 : rc.events().get(rc.events().size() - 1).seq() + 1;
      ClassRoom room = new ClassRoom(h.classCode(), h.createdAt(), h.instructorTokenHash(),
          scenario.get(), state, nextSeq, executors.get(), lobby,
          rc.log().orElse(ClosedClassLog.INSTANCE), analysis);
      room.recall(rc.events());
      wire(room);
      classes.put(h.classCode(), room);
      room.resume();
      if (!state.isOver()) {
        open++;
      }
    }
    return open;
  }

  private void wire(ClassRoom room) {
    if (botSeater != null) {
      room.useBots(botSeater);
    }
  }

  /** How bots are seated in every class's games. */
  public void useBots(ClassRoom.BotSeater seater) {
    this.botSeater = seater;
    classes.values().forEach(c -> c.useBots(seater));
  }

  public Optional<ClassRoom> find(String typedCode) {
    return Optional.ofNullable(classes.get(JoinCodes.normalize(typedCode)));
  }

  /** The class a game belongs to, if it belongs to one on this server. */
  public Optional<ClassRoom> classOf(Optional<String> classCode) {
    return classCode.flatMap(c -> Optional.ofNullable(classes.get(c)));
  }

  public int size() {
    return classes.size();
  }
}

package org.hikiwake.server.classroom;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.hash.HashCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.hikiwake.engine.classroom.ClassEvent;
import org.hikiwake.engine.classroom.ClassRecorded;
import org.hikiwake.engine.classroom.ClassRules;
import org.hikiwake.engine.classroom.ClassState;
import org.hikiwake.engine.classroom.Control;
import org.hikiwake.engine.classroom.GameReport;
import org.hikiwake.engine.classroom.Names;
import org.hikiwake.engine.classroom.Pairing;
import org.hikiwake.engine.classroom.Player;
import org.hikiwake.engine.game.Move;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.game.Rejection;
import org.hikiwake.engine.game.RejectionCode;
import org.hikiwake.engine.scenario.Scenario;
import org.hikiwake.server.record.ClassLog;
import org.hikiwake.server.room.GameProgress;
import org.hikiwake.server.room.GameRoom;
import org.hikiwake.server.room.Lobby;
import org.hikiwake.server.room.Participant;
import org.hikiwake.server.room.Refusal;
import org.hikiwake.server.room.TokenHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One class, owned by one thread like a game: its students (waiting in the
 * lobby or seated), the games it formed, its time limit, and the
 * instructor's board watchers. Every public method hands its work to the
 * class's executor and returns at once.
 *
 * <p>The class decides with its rules ({@link ClassRules}) and records every
 * event in its log before it answers, so a class survives a restart like a
 * game. Controls aimed at its games are moves of those games, decided and
 * recorded there; the class records which games took them.
 */
public final class ClassRoom {
  private static final Logger log = LoggerFactory.getLogger(ClassRoom.class);
  /** How often, at most, the board is pushed to its watchers. */
  static final Duration BOARD_INTERVAL = Duration.ofMillis(250);

  /** Answers a request: the network edge turns the reply into a message. */
  public interface Replier {
    void reply(ClassReply reply);
  }

  private final String code;
  private final Instant createdAt;
  private final HashCode instructorHash;
  private final Scenario scenario;
  private final ScheduledExecutorService executor;
  private final Lobby lobby;
  private final ClassLog classLog;
  private final java.util.concurrent.Executor analysis;

  /** Every event decided; decisions are made against it. */
  private ClassState state;
  /** Durable events only: the board and the answers are made from it. */
  private ClassState shown;
  /** The news released last, for the board (confined to the executor). */
  private Optional<ClassBoard.Released> released = Optional.empty();
  private long nextSeq;
  /** Connected students, by {@link Names#key}. */
  private final Map<String, Participant> present = new LinkedHashMap<>();
  /** Who follows the board, and how to reach them with its updates. */
  private final Map<Participant, Replier> boardWatchers = new LinkedHashMap<>();
  private ScheduledFuture<?> boardPush;
  private ScheduledFuture<?> limitTimer;
  private volatile boolean over;

  ClassRoom(String code, Instant createdAt, HashCode instructorHash, Scenario scenario,
      ClassState state, long nextSeq, ScheduledExecutorService executor, Lobby lobby,
      ClassLog classLog, java.util.concurrent.Executor analysis) {
    this.analysis = analysis;
    this.code = code;
    this.createdAt = createdAt;
    this.instructorHash = instructorHash;
    this.scenario = scenario;
    this.state = state;
    this.shown = state;
    this.nextSeq = nextSeq;
    this.executor = executor;
    this.lobby = lobby;
    this.classLog = classLog;
    this.over = state.isOver();
  }

  public String code() {
    return code;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** True once the class has ended; its games are then anyone's to watch and replay. */
  public boolean isOver() {
    return over;
  }

  /** True if the token is this class's instructor token; compares in constant time. */
  public boolean isInstructor(String token) {
    return !token.isEmpty() && TokenHash.matches(token, instructorHash);
  }

  /**
   * A secret for signing this class's dashboard sessions: derived from the
   * instructor token's hash (which the class keeps across restarts), and
   * revealing neither it nor the token.
   */
  public byte[] dashboardKey() {
    return com.google.common.hash.Hashing.sha256().newHasher()
        .putString("hikiwake dashboard session v1\n", java.nio.charset.StandardCharsets.UTF_8)
        .putBytes(instructorHash.asBytes()).hash().asBytes();
  }

  /** Starts what a recovered class needs: its games' board updates and its time limit. */
  void resume() {
    executor.execute(() -> {
      for (String game : shown.gameCodes()) {
        lobby.find(game).ifPresent(room -> room.onChange(this::boardChanged));
      }
      shown.endsAt().ifPresent(this::scheduleLimit);
    });
  }

  // ------------------------------------------------------------ students

  /**
   * A student arrives, or comes back: with their student token they get
   * their place (and their seat, if paired) back; without one they arrive
   * under the name they typed, which the rules check against the roster and
   * the students already here.
   */
  public void arrive(Participant p, String name, String studentToken, Replier replier) {
    executor.execute(() -> {
      if (!studentToken.isEmpty()) {
        // a freed student's old token is dead, but their name lets them in once more
        boolean freed = state.student(name).filter(s -> s.tokenHash().isEmpty()).isPresent();
        if (!freed || tokenMatchesAnyone(studentToken)) {
          comeBack(p, studentToken, replier);
          return;
        }
      }
      String token = lobby.tokens().next();
      ClassRules.Arrival arrival = ClassRules.arrive(state, name, TokenHash.of(token));
      if (arrival instanceof ClassRules.Arrival.Refused refused) {
        replier.reply(new ClassReply.Refused(new Refusal.ByRules(refused.rejection())));
        return;
      }
      ClassRules.Arrival.Admitted admitted = (ClassRules.Arrival.Admitted) arrival;
      record(admitted.name(), List.of(admitted.event()), () -> {
        present.put(Names.key(admitted.name()), p);
        ClassState.Student student = shown.student(admitted.name()).orElseThrow();
        replier.reply(joined(student.name(), token));
        log.info("class {}: {} arrived from {}", code, student.name(), p.describe());
        // a freed student who comes back takes their seat again, with a new seat token
        if (student.gameCode().isPresent()) {
          lobby.find(student.gameCode().get()).ifPresent(room -> room.seatForClass(p,
              student.role().orElseThrow(), student.name(), Optional.empty()));
        }
        boardChanged();
      }, Optional.of(replier));
    });
  }

  private boolean tokenMatchesAnyone(String studentToken) {
    return shown.students().values().stream().anyMatch(s -> s.tokenHash().isPresent()
        && TokenHash.matches(studentToken, s.tokenHash().get()));
  }

  private void comeBack(Participant p, String studentToken, Replier replier) {
    for (ClassState.Student s : shown.students().values()) {
      if (s.tokenHash().isPresent() && TokenHash.matches(studentToken, s.tokenHash().get())) {
        Participant before = present.put(Names.key(s.name()), p);
        replier.reply(joined(s.name(), studentToken));
        log.info("class {}: {} came back from {}{}", code, s.name(), p.describe(),
            before != null && before != p ? " (replacing another connection)" : "");
        if (s.gameCode().isPresent()) {
          lobby.find(s.gameCode().get()).ifPresent(room ->
              room.reseatForClass(p, s.role().orElseThrow()));
        }
        boardChanged();
        return;
      }
    }
    replier.reply(new ClassReply.Refused(Refusal.of(Refusal.Problem.BAD_STUDENT_TOKEN,
        "That student token does not match any student of class " + code + ". Join again"
            + " with your name; if it says the name is taken, ask your instructor to free"
            + " your seat.")));
  }

  private ClassReply.Joined joined(String name, String token) {
    return new ClassReply.Joined(code, name, token, scenario.title(), free(shown).size());
  }

  /** A student's connection went away. */
  public void leave(Participant p) {
    executor.execute(() -> {
      boardWatchers.remove(p);
      if (present.values().removeIf(x -> x == p)) {
        boardChanged();
      }
    });
  }

  // ------------------------------------------------------------ the instructor

  /** True if the class's game has ended (or has left this server's memory, finished). */
  private boolean ended(String gameCode) {
    return lobby.find(gameCode).map(r -> r.listing().result().isPresent()
        || r.listing().damage().isPresent()).orElse(!gameCode.equals("pending"));
  }

  /** The students who may be paired now, in arrival order. */
  private List<String> free(ClassState s) {
    return ClassRules.free(s, this::ended);
  }

  /** Pairs the free students who are here (never paired, or their game ended) in new games. */
  public void start(Replier replier) {
    executor.execute(() -> {
      List<String> free = free(state);
      List<String> here = free.stream().filter(n -> present.containsKey(Names.key(n))).toList();
      Optional<Rejection> problem = ClassRules.startProblem(state, free);
      if (problem.isEmpty() && here.isEmpty()) {
        problem = Optional.of(Rejection.of(RejectionCode.NOBODY_WAITING, "The students free to"
            + " play (" + String.join(", ", free) + ") are not connected now; they join again"
            + " with: hikiwake join " + code + " --name NAME"));
      }
      if (problem.isEmpty() && here.size() == 1 && state.settings().oddStudentBot().isEmpty()) {
        problem = ClassRules.startProblem(state, here);
      }
      if (problem.isEmpty() && state.settings().oddStudentBot().isPresent() && here.size() % 2 == 1) {
        problem = botProblem(state.settings().oddStudentBot().get());
      }
      if (problem.isPresent()) {
        replier.reply(refused(problem.get()));
        return;
      }
      Pairing.Plan plan = ClassRules.plan(state, here, state.games().size());
      if (plan.isEmpty()) {
        replier.reply(refused(Rejection.of(RejectionCode.NOBODY_WAITING, "Only "
            + String.join(", ", plan.waiting()) + " is free; pair them by hand or wait"
            + " for another student.")));
        return;
      }
      form(plan.games(), replier, plan.waiting().isEmpty() ? ""
          : " " + String.join(", ", plan.waiting()) + " waits for a partner.");
    });
  }

  /** Pairs two players by hand: free students, or a student and "bot:LEVEL". */
  public void pair(String first, String second, Replier replier) {
    executor.execute(() -> {
      Optional<Rejection> problem;
      if (state.isOver()) {
        problem = Optional.of(Rejection.of(RejectionCode.CLASS_OVER, "This class is over."));
      } else {
        problem = playerProblem(first).or(() -> playerProblem(second));
      }
      if (problem.isEmpty()) {
        Player a = player(first).orElseThrow();
        Player b = player(second).orElseThrow();
        if (a.equals(b)) {
          problem = Optional.of(Rejection.of(RejectionCode.UNKNOWN_STUDENT,
              "A student cannot play against themselves."));
        } else if (a instanceof Player.Bot && b instanceof Player.Bot) {
          problem = Optional.of(Rejection.of(RejectionCode.UNKNOWN_STUDENT,
              "A game needs at least one student."));
        }
      }
      if (problem.isPresent()) {
        replier.reply(refused(problem.get()));
        return;
      }
      form(List.of(new Pairing.Planned(player(first).orElseThrow(),
          player(second).orElseThrow())), replier, "");
    });
  }

  private static boolean isBot(String typed) {
    return typed.toLowerCase(Locale.ROOT).startsWith("bot:");
  }

  private Optional<Player> player(String typed) {
    if (isBot(typed)) {
      return Optional.of(new Player.Bot(typed.substring(4).strip().toLowerCase(Locale.ROOT)));
    }
    List<String> free = free(state);
    return state.student(typed).filter(s -> free.contains(s.name()))
        .map(s -> new Player.Student(s.name()));
  }

  /** Why this typed player cannot be paired now, if they cannot. */
  private Optional<Rejection> playerProblem(String typed) {
    if (isBot(typed)) {
      return botProblem(typed.substring(4).strip().toLowerCase(Locale.ROOT));
    }
    Optional<ClassState.Student> student = state.student(typed);
    if (student.isEmpty()) {
      List<String> near = Names.nearest(typed, state.students().values().stream()
          .map(ClassState.Student::name).toList());
      return Optional.of(Rejection.of(RejectionCode.UNKNOWN_STUDENT, "No student named '"
          + typed + "' has joined this class." + (near.isEmpty() ? "" : " Did you mean "
              + String.join(" or ", near.stream().map(n -> "'" + n + "'").toList()) + "?")));
    }
    if (!free(state).contains(student.get().name())) {
      return Optional.of(Rejection.of(RejectionCode.STUDENT_IN_GAME, student.get().name()
          + " is playing game " + student.get().gameCode().orElse("?") + ", which has not"
          + " ended; pair them once it has (or end it: hikiwake class end --games "
          + student.get().gameCode().orElse("CODE") + ")."));
    }
    return Optional.empty();
  }

  /** Why a bot of this level cannot play here, if it cannot. */
  private Optional<Rejection> botProblem(String level) {
    BotSeater seater = bots;
    if (seater == null) {
      return Optional.of(Rejection.of(RejectionCode.UNKNOWN_BOT,
          "This server hosts no bots; pair the student with another student."));
    }
    if (!seater.levels().contains(level)) {
      return Optional.of(Rejection.of(RejectionCode.UNKNOWN_BOT, "There is no bot level '"
          + level + "'; the levels are " + String.join(", ", seater.levels()) + "."));
    }
    return Optional.empty();
  }

  /** Creates the games, records them, seats their players, and answers once all are done. */
  private void form(List<Pairing.Planned> games, Replier replier, String note) {
    List<CompletableFuture<String>> formed = new ArrayList<>();
    for (Pairing.Planned planned : games) {
      formed.add(formOne(planned));
    }
    CompletableFuture.allOf(formed.toArray(CompletableFuture[]::new))
        .whenCompleteAsync((ignored, failure) -> {
          List<String> codes = new ArrayList<>();
          for (CompletableFuture<String> f : formed) {
            if (!f.isCompletedExceptionally()) {
              codes.add(f.join());
            }
          }
          if (failure != null) {
            log.error("class {}: forming games failed", code, failure);
          }
          String summary = "Formed " + codes.size() + (codes.size() == 1 ? " game" : " games")
              + (codes.size() < games.size() ? " (" + (games.size() - codes.size())
                  + " could not be created; see the server's log)" : "") + "." + note;
          replier.reply(new ClassReply.Done(summary, ImmutableList.copyOf(codes),
              ImmutableMap.of(), board()));
        }, executor);
  }

  private CompletableFuture<String> formOne(Pairing.Planned planned) {
    List<String> roles = scenario.roles().stream().map(r -> r.id()).toList();
    Map<String, Player> players = new LinkedHashMap<>();
    players.put(roles.get(0), planned.first());
    players.put(roles.get(1), planned.second());
    // mark the students as placed now, so a second start cannot pair them again
    ClassEvent.GameFormed reserved = new ClassEvent.GameFormed("pending",
        ImmutableMap.copyOf(players));
    state = ClassRules.apply(state, reserved);
    CompletableFuture<String> done = new CompletableFuture<>();
    lobby.create(scenario, state.settings().gameSettings(), Optional.of(code))
        .whenCompleteAsync((room, failure) -> {
          if (failure != null) {
            unreserve(reserved);
            done.completeExceptionally(failure);
            return;
          }
          ClassEvent.GameFormed formed = new ClassEvent.GameFormed(room.code(),
              ImmutableMap.copyOf(players));
          replaceReserved(reserved, formed);
          room.onChange(this::boardChanged);
          record("instructor", List.of(formed), () -> {
            seat(room, players);
            log.info("class {}: game {} formed: {}", code, room.code(), players);
            done.complete(room.code());
          });
        }, executor);
    return done;
  }

  private void seat(GameRoom room, Map<String, Player> players) {
    players.forEach((role, player) -> {
      if (player instanceof Player.Student s) {
        Participant p = present.get(Names.key(s.name()));
        if (p != null) {
          room.seatForClass(p, role, s.name(), Optional.empty());
        }
      } else if (player instanceof Player.Bot bot) {
        BotSeater seater = bots;
        if (seater != null) {
          seater.seat(room, role, bot.level());
        } else {
          log.warn("class {}: no bots are hosted here; the {} seat of game {} stays empty",
              code, role, room.code());
        }
      }
    });
  }

  /** Seats bots in class games. Without one, the class plays no bots. */
  public interface BotSeater {
    /** The levels this host can seat, e.g. easy, medium, hard. */
    List<String> levels();

    void seat(GameRoom room, String role, String level);
  }

  private volatile BotSeater bots;

  /** Lets the host seat bots in the class's games. */
  public void useBots(BotSeater seater) {
    this.bots = seater;
  }

  private void unreserve(ClassEvent.GameFormed reserved) {
    state = rebuild(shown, reserved, Optional.empty());
  }

  private void replaceReserved(ClassEvent.GameFormed reserved, ClassEvent.GameFormed formed) {
    state = rebuild(state, reserved, Optional.of(formed));
  }

  /** The state with a reserved game replaced (or removed), keeping every other decision. */
  private static ClassState rebuild(ClassState s, ClassEvent.GameFormed reserved,
      Optional<ClassEvent.GameFormed> with) {
    List<ClassEvent.GameFormed> games = new ArrayList<>(s.games());
    int at = games.indexOf(reserved);
    Map<String, ClassState.Student> students = new LinkedHashMap<>(s.students());
    if (at >= 0) {
      if (with.isPresent()) {
        games.set(at, with.get());
      } else {
        games.remove(at);
      }
    }
    reserved.players().forEach((role, player) -> {
      if (player instanceof Player.Student st) {
        ClassState.Student before = students.get(Names.key(st.name()));
        if (before != null) {
          students.put(Names.key(st.name()), new ClassState.Student(before.name(),
              before.tokenHash(), with.map(ClassEvent.GameFormed::gameCode), with.isPresent()
                  ? Optional.of(role) : Optional.empty()));
        }
      }
    });
    return new ClassState(s.code(), s.settings(), ImmutableMap.copyOf(students),
        ImmutableList.copyOf(games), s.endsAt(), s.ended());
  }

  /**
   * Uses a control on the named games (every game of the class if none is
   * named); each game's rules decide it, and the class records which took it.
   */
  public void control(Control control, List<String> targets, Replier replier) {
    executor.execute(() -> {
      Optional<Rejection> problem = ClassRules.controlProblem(state, targets);
      if (problem.isEmpty() && control instanceof Control.ReleaseNews n
          && scenario.news().stream().noneMatch(x -> x.id().equals(n.newsId()))) {
        problem = Optional.of(Rejection.of(RejectionCode.UNKNOWN_NEWS, "The scenario has no"
            + " news '" + org.hikiwake.server.room.ErrorText.echo(n.newsId()) + "'; its news: "
            + String.join(", ", scenario.news().stream().map(x -> x.id()).toList()) + "."));
      }
      if (problem.isPresent()) {
        replier.reply(refused(problem.get()));
        return;
      }
      List<String> games = targets.isEmpty() ? shown.gameCodes() : targets;
      applyControl(control, games, (applied, refused) -> {
        String summary = summary(control, applied, refused);
        replier.reply(new ClassReply.Done(summary, applied, refused, board()));
      });
    });
  }

  private interface ControlDone {
    void done(ImmutableList<String> applied, ImmutableMap<String, String> refused);
  }

  private void applyControl(Control control, List<String> games, ControlDone then) {
    Map<String, CompletableFuture<Optional<Rejection>>> decided = new LinkedHashMap<>();
    for (String game : games) {
      Optional<GameRoom> room = lobby.find(game);
      decided.put(game, room.isPresent() ? room.get().control(control::move)
          : CompletableFuture.completedFuture(Optional.of(Rejection.of(
              RejectionCode.UNKNOWN_GAME_OF_CLASS, "the game is not on this server"))));
    }
    CompletableFuture.allOf(decided.values().toArray(CompletableFuture[]::new))
        .whenCompleteAsync((ignored, failure) -> {
          List<String> applied = new ArrayList<>();
          Map<String, String> refused = new LinkedHashMap<>();
          decided.forEach((game, f) -> {
            Optional<Rejection> r = f.isCompletedExceptionally()
                ? Optional.of(Rejection.of(RejectionCode.GAME_OVER, "the server failed"))
                : f.join();
            if (r.isPresent()) {
              refused.put(game, r.get().message());
            } else {
              applied.add(game);
            }
          });
          ClassEvent.ControlUsed used = new ClassEvent.ControlUsed(control,
              ImmutableList.copyOf(applied), ImmutableMap.copyOf(refused));
          record("instructor", List.of(used), () -> {
            log.info("class {}: {} on {} games ({} refused)", code, control.describe(),
                applied.size(), refused.size());
            then.done(used.applied(), used.refused());
          });
        }, executor);
  }

  private static String summary(Control control, List<String> applied,
      Map<String, String> refused) {
    String what = control.describe();
    StringBuilder b = new StringBuilder(Character.toUpperCase(what.charAt(0))
        + what.substring(1) + ": " + applied.size()
        + (applied.size() == 1 ? " game" : " games"));
    if (!refused.isEmpty()) {
      Map<String, List<String>> byReason = new LinkedHashMap<>();
      refused.forEach((game, why) -> byReason.computeIfAbsent(why, k -> new ArrayList<>())
          .add(game));
      List<String> parts = new ArrayList<>();
      byReason.forEach((why, gs) -> parts.add(gs.size() + " refused (" + why + ")"));
      b.append("; ").append(String.join("; ", parts));
    }
    return b.append('.').toString();
  }

  /**
   * Frees a student's token and seat (they lost the token or changed
   * laptops): their next join, under their name, takes the seat over.
   */
  public void free(String name, Replier replier) {
    executor.execute(() -> {
      Optional<Rejection> problem = ClassRules.freeProblem(state, name);
      if (problem.isPresent()) {
        replier.reply(refused(problem.get()));
        return;
      }
      ClassState.Student student = state.student(name).orElseThrow();
      ClassEvent.StudentFreed freed = new ClassEvent.StudentFreed(student.name());
      record("instructor", List.of(freed), () -> {
        present.remove(Names.key(student.name()));
        Runnable answer = () -> replier.reply(new ClassReply.Done(student.name() + " is freed:"
            + " they join again with `hikiwake join " + code + " --name \"" + student.name()
            + "\"` and take their seat back.", ImmutableList.of(), ImmutableMap.of(), board()));
        if (student.gameCode().isEmpty()) {
          answer.run();
          return;
        }
        lobby.find(student.gameCode().get()).ifPresentOrElse(room ->
            room.control(at -> new Move.ReleaseSeat(student.role().orElseThrow(), at))
                .whenCompleteAsync((r, f) -> answer.run(), executor), answer);
      });
    });
  }

  /** Ends every game after the given time from now. */
  public void limit(Duration limit, Replier replier) {
    executor.execute(() -> {
      Optional<Rejection> problem = ClassRules.limitProblem(state, limit);
      if (problem.isPresent()) {
        replier.reply(refused(problem.get()));
        return;
      }
      Instant endsAt = lobby.clock().instant().plus(limit);
      long minutes = Math.max(1, limit.toMinutes());
      String in = minutes == 1 ? "1 minute" : minutes + " minutes";
      record("instructor", List.of(new ClassEvent.TimeLimitSet(endsAt)), () -> {
        scheduleLimit(endsAt);
        // the students hear of it too, in their games, as an announcement
        applyControl(new Control.Announce("Your instructor has set a time limit: the game ends"
            + " in " + in + ", deal or no deal."), unfinished(), (applied, refused) ->
            replier.reply(new ClassReply.Done("Every game ends in " + in + " ("
                + "class watch counts down); " + applied.size() + (applied.size() == 1 ? " game was" : " games were")
                + " told.", ImmutableList.copyOf(applied), ImmutableMap.of(), board())));
      }, Optional.of(replier));
    });
  }

  private void scheduleLimit(Instant endsAt) {
    if (limitTimer != null) {
      limitTimer.cancel(false);
    }
    long delay = Math.max(0, endsAt.toEpochMilli() - lobby.clock().millis());
    limitTimer = executor.schedule(() -> {
      if (!shown.isOver()) {
        log.info("class {}: its time is up; ending every game", code);
        applyControl(new Control.End(Outcome.DEADLINE), unfinished(), (a, r) -> { });
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  /** Ends the class: every unfinished game ends as a deadline, and its games become visible. */
  public void end(Replier replier) {
    executor.execute(() -> {
      if (state.isOver()) {
        replier.reply(refused(Rejection.of(RejectionCode.CLASS_OVER,
            "This class has already ended.")));
        return;
      }
      applyControl(new Control.End(Outcome.DEADLINE), unfinished(), (applied, refused) -> {
        Instant now = lobby.clock().instant();
        record("instructor", List.of(new ClassEvent.ClassEnded(now)), () -> {
          over = true;
          if (limitTimer != null) {
            limitTimer.cancel(false);
          }
          classLog.close();
          replier.reply(new ClassReply.Done("The class is over: " + applied.size()
              + " running " + (applied.size() == 1 ? "game" : "games") + " ended as a"
              + " deadline. Its games are now open to its students.", applied, refused,
              board()));
        });
      });
    });
  }

  private List<String> unfinished() {
    List<String> out = new ArrayList<>();
    for (String game : shown.gameCodes()) {
      lobby.find(game).filter(r -> !r.listing().isOver()).ifPresent(r -> out.add(game));
    }
    return out;
  }

  /** The board as it stands, once. */
  public void showBoard(Replier replier) {
    executor.execute(() -> replier.reply(new ClassReply.Board(board())));
  }

  /** Follows the board: its first state now, then a push whenever the class changes. */
  public void watchBoard(Participant p, Replier replier) {
    executor.execute(() -> {
      boardWatchers.put(p, replier);
      replier.reply(new ClassReply.Board(board()));
    });
  }

  /** The debrief files, made from every game as it stands, off this class's thread. */
  public void debrief(Replier replier) {
    executor.execute(() -> {
      List<ClassEvent.GameFormed> games = shown.games();
      List<CompletableFuture<GameReport>> reports = new ArrayList<>();
      for (ClassEvent.GameFormed g : games) {
        // a game that left memory (its class has ended) is read back from the store
        reports.add(lobby.open(g.gameCode()).thenCompose(room -> room.map(GameRoom::report)
            .orElse(CompletableFuture.failedFuture(new IllegalStateException(
                "game " + g.gameCode() + " is not on this server")))));
      }
      CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new))
          .thenApplyAsync(ignored -> {
            List<DebriefFiles.Row> rows = new ArrayList<>();
            for (int i = 0; i < games.size(); i++) {
              rows.add(new DebriefFiles.Row(i + 1, reports.get(i).join(),
                  games.get(i).players()));
            }
            return DebriefFiles.of(code, scenario.publicPart(), rows);
          }, analysis)
          .whenCompleteAsync((files, failure) -> {
            if (failure != null) {
              log.error("class {}: the debrief failed", code, failure);
              replier.reply(new ClassReply.Refused(Refusal.of(Refusal.Problem.INTERNAL,
                  "The server could not make the debrief; see its log.")));
            } else {
              replier.reply(new ClassReply.Debrief(files));
            }
          }, executor);
    });
  }

  // ------------------------------------------------------------ the board

  /** The board as it stands; made on this class's thread. */
  ClassBoard board() {
    List<GameProgress> rows = new ArrayList<>();
    for (ClassEvent.GameFormed g : shown.games()) {
      lobby.find(g.gameCode()).ifPresent(room -> rows.add(room.progress()));
    }
    List<ClassBoard.StudentRow> students = new ArrayList<>();
    for (ClassState.Student s : shown.students().values()) {
      students.add(new ClassBoard.StudentRow(s.name(), s.gameCode(), s.role(),
          present.containsKey(Names.key(s.name()))));
    }
    ClassBoard.Phase phase = shown.isOver() ? ClassBoard.Phase.ENDED
        : shown.games().isEmpty() ? ClassBoard.Phase.OPEN : ClassBoard.Phase.RUNNING;
    return new ClassBoard(code, scenario.title(), phase, ImmutableList.copyOf(free(shown)),
        ImmutableList.copyOf(students), ImmutableList.copyOf(rows), shown.endsAt(),
        scheduledNews(), released, lobby.clock().instant());
  }

  /**
   * The scenario's news with the rounds this class's games get them in (after
   * any shift, drop or shuffle); round 0 for an item that never arrives by
   * itself (dropped, or after the class's last round), which the instructor
   * can still release by hand.
   */
  private ImmutableList<ClassBoard.NewsItem> scheduledNews() {
    Map<String, Integer> rounds = state.settings().news().asMap(scenario);
    int last = state.settings().rounds();
    return scenario.news().stream().map(n -> {
      int round = rounds.getOrDefault(n.id(), 0);
      return new ClassBoard.NewsItem(n.id(), n.headline(), round >= 1 && round <= last ? round
          : 0);
    }).collect(ImmutableList.toImmutableList());
  }

  /** Something on the board changed: push it to the watchers soon, at most every interval. */
  private void boardChanged() {
    executor.execute(() -> {
      if (boardPush != null || boardWatchers.isEmpty()) {
        return;
      }
      boardPush = executor.schedule(() -> {
        boardPush = null;
        ClassReply.Board board = new ClassReply.Board(board());
        boardWatchers.keySet().removeIf(w -> !w.isConnected());
        boardWatchers.values().forEach(r -> r.reply(board));
      }, BOARD_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    });
  }

  // ------------------------------------------------------------ recording

  /**
   * Decides events now (so the next decision sees them), records them, and
   * runs {@code then} on this thread once they are durable.
   */
  /** What the board remembers from a recovered class's log; before the room is shared. */
  void recall(List<ClassRecorded> recorded) {
    noteReleased(recorded);
  }

  /** Keeps the latest news released to at least one game, for the board's banner. */
  private void noteReleased(List<ClassRecorded> recorded) {
    for (ClassRecorded r : recorded) {
      if (r.event() instanceof ClassEvent.ControlUsed used && !used.applied().isEmpty()
          && used.control() instanceof Control.ReleaseNews n) {
        scenario.news().stream().filter(x -> x.id().equals(n.newsId())).findFirst()
            .ifPresent(x -> released = Optional.of(
                new ClassBoard.Released(x.id(), x.headline(), r.at())));
      }
    }
  }

  private void record(String actor, List<ClassEvent> events, Runnable then) {
    record(actor, events, then, Optional.empty());
  }

  private void record(String actor, List<ClassEvent> events, Runnable then,
      Optional<Replier> onFailure) {
    Instant at = lobby.clock().instant();
    List<ClassRecorded> recorded = new ArrayList<>();
    for (ClassEvent e : events) {
      recorded.add(new ClassRecorded(nextSeq++, at, actor, e));
      if (!(e instanceof ClassEvent.GameFormed)) {
        state = ClassRules.apply(state, e); // formed games were applied when reserved
      }
    }
    classLog.append(recorded).whenCompleteAsync((ignored, failure) -> {
      if (failure != null) {
        log.error("class {}: recording {} failed", code, events, failure);
        onFailure.ifPresent(r -> r.reply(new ClassReply.Refused(Refusal.of(
            Refusal.Problem.INTERNAL, "The server could not record that, so it did not"
                + " happen; see its log."))));
        return;
      }
      try {
        shown = ClassRules.applyAll(shown, events);
        noteReleased(recorded);
        then.run();
        boardChanged();
      } catch (RuntimeException e) {
        log.error("class {}: handling recorded events {} failed", code, events, e);
      }
    }, executor);
  }

  private static ClassReply refused(Rejection r) {
    return new ClassReply.Refused(new Refusal.ByRules(r));
  }
}

package org.hikiwake.cli.play;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.proto.game.Choice;
import org.hikiwake.proto.game.GameSetup;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.GameOver;
import org.hikiwake.proto.wire.GameSnapshot;
import org.hikiwake.proto.wire.IssueView;
import org.hikiwake.proto.wire.Joined;
import org.hikiwake.proto.wire.OfferView;
import org.hikiwake.proto.wire.OptionView;
import org.hikiwake.proto.wire.GamePhase;
import org.hikiwake.proto.wire.PointDelta;
import org.hikiwake.proto.wire.RoleInfo;
import org.hikiwake.proto.wire.ScenarioView;
import org.hikiwake.proto.wire.SeatInfo;
import org.hikiwake.proto.wire.Watching;

/**
 * The client's picture of one game, built from a {@link GameSnapshot} and folded
 * forward over the pushed {@link EventView}s. Immutable: {@link #apply} returns a
 * new model.
 *
 * @param seat the seat this client holds; empty for a watcher
 * @param lastSeq the highest recorded event sequence number seen so far
 * @param ended the game-over event, once the game has ended
 */
public record GameModel(
    String code,
    ScenarioView scenario,
    GameSetup settings,
    GamePhase phase,
    int round,
    int turn,
    String toMove,
    long deadlineMillis,
    Optional<OfferView> onTable,
    ImmutableList<SeatInfo> seats,
    ImmutableList<EventView> history,
    long lastSeq,
    Optional<Seat> seat,
    Optional<GameOver> ended) {

  /** The model for a seat just joined or resumed. */
  public static GameModel fromJoined(Joined joined) {
    Seat seat = new Seat(joined.getRole(), joined.getSeatToken(), joined.getBrief(),
        joined.getReservationValue(), Points.from(joined.getPoints()));
    return fromView(joined.getGame(), Optional.of(seat));
  }

  /** The model for a watcher. */
  public static GameModel fromWatching(Watching watching) {
    return fromView(watching.getGame(), Optional.empty());
  }

  /** The model for a game view, held as the given seat (or watched). */
  public static GameModel fromView(GameSnapshot view, Optional<Seat> seat) {
    long lastSeq = 0;
    Optional<GameOver> ended = Optional.empty();
    for (EventView e : view.getHistoryList()) {
      lastSeq = Math.max(lastSeq, e.getSeq());
      if (e.hasGameEnded()) {
        ended = Optional.of(e.getGameEnded());
      }
    }
    return new GameModel(
        view.getGameCode(),
        view.getScenario(),
        view.getSettings(),
        view.getPhase(),
        view.getRound(),
        view.getTurn(),
        view.getToMove(),
        view.getDeadlineMillis(),
        view.hasOnTable() ? Optional.of(view.getOnTable()) : Optional.empty(),
        ImmutableList.copyOf(view.getSeatsList()),
        ImmutableList.copyOf(view.getHistoryList()),
        lastSeq,
        seat,
        ended);
  }

  /**
   * This game as it stood before its first event: waiting, nothing on the
   * table, and the seat's points without the news in the history. Folding the
   * history over it again shows each event as it was when it happened.
   */
  public GameModel rewound() {
    Optional<Seat> before = seat;
    if (seat.isPresent()) {
      List<PointDelta> undo = new ArrayList<>();
      for (EventView e : history) {
        if (e.hasNewsArrived()) {
          for (PointDelta d : e.getNewsArrived().getYourChangesList()) {
            undo.add(d.toBuilder().setDelta(-d.getDelta()).build());
          }
        }
      }
      before = Optional.of(seat.get().withPoints(seat.get().points().plus(undo)));
    }
    return new GameModel(code, scenario, settings, GamePhase.GAME_PHASE_WAITING, 0, -1, "", 0,
        Optional.empty(), seats, ImmutableList.of(), 0, before, Optional.empty());
  }

  /** True if the event has not been folded in yet (presence changes are always new). */
  public boolean isNew(EventView e) {
    return e.getSeq() == 0 || e.getSeq() > lastSeq;
  }

  /** The model after one event. Events already seen leave it unchanged. */
  public GameModel apply(EventView e) {
    if (!isNew(e)) {
      return this;
    }
    GamePhase phase = this.phase;
    int round = this.round;
    int turn = this.turn;
    String toMove = this.toMove;
    long deadline = this.deadlineMillis;
    Optional<OfferView> onTable = this.onTable;
    List<SeatInfo> seats = new ArrayList<>(this.seats);
    Optional<Seat> seat = this.seat;
    Optional<GameOver> ended = this.ended;
    switch (e.getKindCase()) {
      case SEAT_FILLED:
        upsertSeat(seats, e.getSeatFilled().getRole(), s -> s.setTaken(true).setConnected(true)
            .setDisplayName(e.getSeatFilled().getDisplayName()));
        break;
      case GAME_STARTED:
        phase = GamePhase.GAME_PHASE_IN_PROGRESS;
        break;
      case OFFER_MADE:
        onTable = Optional.of(OfferView.newBuilder().setRole(e.getOfferMade().getRole())
            .setPackage(e.getOfferMade().getPackage()).build());
        break;
      case NEWS_ARRIVED:
        if (seat.isPresent() && e.getNewsArrived().getYourChangesCount() > 0) {
          seat = Optional.of(seat.get().withPoints(
              seat.get().points().plus(e.getNewsArrived().getYourChangesList())));
        }
        break;
      case TURN_CHANGED:
        phase = GamePhase.GAME_PHASE_IN_PROGRESS;
        turn = e.getTurnChanged().getTurn();
        round = e.getTurnChanged().getRound();
        toMove = e.getTurnChanged().getRole();
        deadline = e.getTurnChanged().getDeadlineMillis();
        break;
      case CLOCK_RESTARTED:
        deadline = e.getClockRestarted().getDeadlineMillis();
        break;
      case PRESENCE_CHANGED:
        upsertSeat(seats, e.getPresenceChanged().getRole(),
            s -> s.setConnected(e.getPresenceChanged().getConnected()));
        break;
      case GAME_ENDED:
        phase = GamePhase.GAME_PHASE_ENDED;
        toMove = "";
        deadline = 0;
        ended = Optional.of(e.getGameEnded());
        break;
      default:
        break;
    }
    ImmutableList<EventView> history = this.history;
    if (e.getSeq() != 0) {
      history = ImmutableList.<EventView>builder().addAll(this.history).add(e).build();
    }
    return new GameModel(code, scenario, settings, phase, round, turn, toMove, deadline, onTable,
        ImmutableList.copyOf(seats), history, Math.max(lastSeq, e.getSeq()), seat, ended);
  }

  private interface SeatEdit {
    void edit(SeatInfo.Builder seat);
  }

  private static void upsertSeat(List<SeatInfo> seats, String role, SeatEdit edit) {
    for (int i = 0; i < seats.size(); i++) {
      if (seats.get(i).getRole().equals(role)) {
        SeatInfo.Builder b = seats.get(i).toBuilder();
        edit.edit(b);
        seats.set(i, b.build());
        return;
      }
    }
    SeatInfo.Builder b = SeatInfo.newBuilder().setRole(role);
    edit.edit(b);
    seats.add(b.build());
  }

  public boolean isOver() {
    return phase == GamePhase.GAME_PHASE_ENDED || ended.isPresent();
  }

  public boolean isInProgress() {
    return phase == GamePhase.GAME_PHASE_IN_PROGRESS && !isOver();
  }

  /** True if this client holds a seat and it is that seat's turn. */
  public boolean isMyTurn() {
    return isInProgress() && seat.isPresent() && seat.get().role().equals(toMove);
  }

  public Optional<String> myRole() {
    return seat.map(Seat::role);
  }

  /** The display name of a role, or its id if the scenario does not name it. */
  public String roleName(String roleId) {
    for (RoleInfo r : scenario.getRolesList()) {
      if (r.getId().equals(roleId)) {
        return r.getName().isBlank() ? roleId : r.getName();
      }
    }
    return roleId;
  }

  /** The role on the other side of the table from this one. */
  public Optional<String> opponentOf(String roleId) {
    return scenario.getRolesList().stream().map(RoleInfo::getId)
        .filter(id -> !id.equals(roleId)).findFirst();
  }

  /** The display name of whoever holds a role's seat, if taken. */
  public Optional<String> playerName(String roleId) {
    return seats.stream().filter(s -> s.getRole().equals(roleId) && s.getTaken())
        .map(SeatInfo::getDisplayName).filter(n -> !n.isBlank()).findFirst();
  }

  /** The offer on the table as a package. */
  public Optional<Package> onTablePackage() {
    return onTable.map(o -> toPackage(o.getPackage()));
  }

  public Optional<IssueView> issue(String issueId) {
    return scenario.getIssuesList().stream().filter(i -> i.getId().equals(issueId)).findFirst();
  }

  /** The label of an option, or its id. */
  public String optionLabel(String issueId, String optionId) {
    return issue(issueId).flatMap(i -> i.getOptionsList().stream()
            .filter(o -> o.getId().equals(optionId)).findFirst())
        .map(OptionView::getLabel).filter(l -> !l.isBlank()).orElse(optionId);
  }

  /** The issue ids in the scenario's order. */
  public List<String> issueIds() {
    return scenario.getIssuesList().stream().map(IssueView::getId).toList();
  }

  /** The ids of the issues the package does not name. */
  public List<String> missingIssues(Package pkg) {
    return issueIds().stream().filter(id -> pkg.option(id).isEmpty()).toList();
  }

  /** The package in the scenario's issue order (issues it does not know go last). */
  public Package ordered(Package pkg) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String id : issueIds()) {
      pkg.option(id).ifPresent(o -> out.put(id, o));
    }
    out.putAll(pkg.choices());
    return Package.of(out);
  }

  /** A wire package as the engine's package type. */
  public static Package toPackage(org.hikiwake.proto.game.OptionPackage proto) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Choice c : proto.getChoicesList()) {
      map.put(c.getIssue(), c.getOption());
    }
    return Package.of(map);
  }

  /** The engine's package as a wire package. */
  public static org.hikiwake.proto.game.OptionPackage toProto(Package pkg) {
    org.hikiwake.proto.game.OptionPackage.Builder b = org.hikiwake.proto.game.OptionPackage.newBuilder();
    pkg.choices().forEach((issue, option) ->
        b.addChoices(Choice.newBuilder().setIssue(issue).setOption(option)));
    return b.build();
  }
}

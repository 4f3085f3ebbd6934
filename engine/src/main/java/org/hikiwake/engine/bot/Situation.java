package org.hikiwake.engine.bot;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.Optional;
import org.hikiwake.engine.game.Offer;
import org.hikiwake.engine.scenario.Package;
import org.hikiwake.engine.view.GameView;
import org.hikiwake.engine.view.RoleSheet;
import org.hikiwake.engine.view.Viewer;

/**
 * What a bot knows when it is its turn, and the few things that follow from
 * it: its seat's {@link GameView} (which holds its own sheet and no other),
 * its packages scored by its own points in force, the other side's offers,
 * where it is in time, and the draws for this turn. It is made from the
 * view alone, so a strategy that reads it learns nothing a human in the seat
 * could not.
 */
public final class Situation {
  private final GameView view;
  private final String me;
  private final String other;
  private final RoleSheet sheet;
  private final OwnPackages packages;
  private final Draws draws;
  private final double temper;

  Situation(GameView view, OwnPackages packages, Draws draws, double temper) {
    checkArgument(view.viewer() instanceof Viewer.Player, "a bot plays a seat, not %s",
        view.viewer());
    checkArgument(view.isMyTurn(), "a bot is asked to move only on its own turn");
    this.view = view;
    this.me = view.myRole().orElseThrow();
    this.other = view.scenario().opponentOf(me);
    this.sheet = view.mySheet().orElseThrow();
    checkArgument(packages.isFor(view.scenario(), sheet.points()),
        "packages scored for another scenario or other points");
    this.packages = packages;
    this.draws = draws;
    this.temper = temper;
  }

  /**
   * A number in [0, 1) fixed for the whole game by the bot's seed, with
   * which a strategy varies its pace from game to game, as people do.
   */
  public double temper() {
    return temper;
  }

  /** The seat's view of the game. */
  public GameView view() {
    return view;
  }

  /** The bot's role. */
  public String me() {
    return me;
  }

  /** The other side's role. */
  public String other() {
    return other;
  }

  /** What no agreement is worth to the bot. */
  public int reservationValue() {
    return sheet.reservationValue();
  }

  /** Every package scored by the bot's points in force. */
  public OwnPackages packages() {
    return packages;
  }

  /** A complete package's points for the bot, under its points in force. */
  public int pointsOf(Package pkg) {
    return packages.pointsOf(pkg);
  }

  /** The other side's offer on the table, which the bot could accept. */
  public Optional<Package> acceptable() {
    return view.canAccept() ? view.onTable().map(Offer::pkg) : Optional.empty();
  }

  /** The bot's own offers so far, oldest first. */
  public ImmutableList<Package> myOffers() {
    return offersOf(me);
  }

  /** The other side's offers so far, oldest first. */
  public ImmutableList<Package> theirOffers() {
    return offersOf(other);
  }

  /**
   * The other side's offers made since the latest news arrived, oldest
   * first: news may have changed its points, so only these are known to have
   * been worth its reservation value under its points now. When the offers
   * cannot be placed in time (a turn passed without one), only the latest.
   */
  public ImmutableList<Package> theirOffersInForce() {
    ImmutableList<Offer> offers = view.offers();
    int newsRound = 0;
    for (var item : view.news()) {
      newsRound = Math.max(newsRound, item.round());
    }
    int since = 2 * (newsRound - 1);
    ImmutableList.Builder<Package> out = ImmutableList.builder();
    if (offers.size() == view.turn()) {
      // One offer per turn so far: offer j was made on turn j.
      for (int j = Math.max(0, since); j < offers.size(); j++) {
        if (offers.get(j).proposer().equals(other)) {
          out.add(offers.get(j).pkg());
        }
      }
      return out.build();
    }
    ImmutableList<Package> theirs = theirOffers();
    return theirs.isEmpty() ? theirs : ImmutableList.of(theirs.get(theirs.size() - 1));
  }

  /** The bot's turn number, counting only its own turns, from 0. */
  public int myTurn() {
    return view.turn() / 2;
  }

  /**
   * The number (counting the bot's own turns from 0) of the bot's last turn
   * on which an offer can still be accepted; -1 if it has none. The side that
   * moves second has the game's last turn, on which an offer can never be
   * accepted, so its last useful offer comes a turn earlier. With an
   * uncertain end the bot plans for the earliest round the game may end
   * after: a concession planned for a later round may never be made.
   */
  public int lastOfferTurn() {
    int rounds = view.settings().uncertainEnd().map(u -> u.earliest())
        .orElse(view.settings().rounds());
    return view.scenario().firstMover().equals(me) ? rounds - 1 : rounds - 2;
  }

  /**
   * Where the bot is between its first turn (0) and its last useful offer
   * (1), counting its own turns.
   */
  public double time() {
    int last = lastOfferTurn();
    return last <= 0 ? 1.0 : Math.min(1.0, (double) myTurn() / last);
  }

  /**
   * True on the bot's last useful offer, the last of its own that the other
   * side can still accept. Moving first, that is the game's second-to-last
   * turn ({@link #isUltimatum}); moving second, the other side still makes
   * one offer after it.
   */
  public boolean isFinalOffer() {
    return myTurn() == lastOfferTurn();
  }

  /**
   * True on the game's second-to-last turn: the other side may accept this
   * offer on the last turn, but any counter-offer would never be accepted.
   */
  public boolean isUltimatum() {
    return view.isInProgress() && view.turn() == view.lastTurn() - 1;
  }

  /** True on the game's last turn, when an offer would never be accepted. */
  public boolean isLastTurn() {
    return view.isLastTurn();
  }

  /** The random draws for this turn, made from the bot's seed and the turn. */
  public Draws draws() {
    return draws;
  }

  private ImmutableList<Package> offersOf(String role) {
    return view.offers().stream().filter(o -> o.proposer().equals(role)).map(Offer::pkg)
        .collect(ImmutableList.toImmutableList());
  }
}

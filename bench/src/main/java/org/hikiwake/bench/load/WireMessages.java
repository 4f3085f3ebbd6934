package org.hikiwake.bench.load;

import java.util.List;
import org.hikiwake.codec.Versions;
import org.hikiwake.proto.game.Choice;
import org.hikiwake.proto.game.OfferMade;
import org.hikiwake.proto.game.OptionPackage;
import org.hikiwake.proto.game.TurnChanged;
import org.hikiwake.proto.wire.Accept;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateGame;
import org.hikiwake.proto.wire.Done;
import org.hikiwake.proto.wire.EventView;
import org.hikiwake.proto.wire.Hello;
import org.hikiwake.proto.wire.JoinSeat;
import org.hikiwake.proto.wire.Propose;
import org.hikiwake.proto.wire.ServerMessage;

/** The scripted messages both load drivers send: hello, set-up, and complete packages. */
final class WireMessages {
  static final String SCENARIO = "japan-russia-2013";
  static final String FIRST_ROLE = "japan";
  static final String SECOND_ROLE = "russia";

  /** Complete packages for japan-russia-2013, in the scenario's issue order; offers cycle them. */
  private static final List<OptionPackage> PACKAGES = List.of(
      pkg("two_islands_plus", "treaty_signed", "lng_and_pipeline", "major", "full_fact_sheet",
          "briefings"),
      pkg("two_islands", "roadmap", "pipeline", "modest", "joint_exercises",
          "written_assurance"),
      pkg("area_split", "treaty_signed", "lng_contracts", "major", "dialogue_only",
          "briefings"),
      pkg("four_islands", "none", "lng_and_pipeline", "none", "full_fact_sheet",
          "no_statement"));

  private static final Propose[] PROPOSALS = PACKAGES.stream()
      .map(p -> Propose.newBuilder().setPackage(p).build()).toArray(Propose[]::new);

  private WireMessages() {}

  private static OptionPackage pkg(String territory, String peaceTreaty, String energy,
      String farEast, String security, String missileDefence) {
    String[] issues = {"territory", "peace_treaty", "energy", "far_east", "security",
        "missile_defence"};
    String[] options = {territory, peaceTreaty, energy, farEast, security, missileDefence};
    OptionPackage.Builder b = OptionPackage.newBuilder();
    for (int i = 0; i < issues.length; i++) {
      b.addChoices(Choice.newBuilder().setIssue(issues[i]).setOption(options[i]));
    }
    return b.build();
  }

  static ClientMessage hello(long requestId) {
    return ClientMessage.newBuilder().setRequestId(requestId)
        .setHello(Hello.newBuilder().setProtocolVersion(Versions.PROTOCOL).setClientName("hikiwake-load"))
        .build();
  }

  static ClientMessage create(long requestId, int rounds) {
    return ClientMessage.newBuilder().setRequestId(requestId)
        .setCreateGame(CreateGame.newBuilder().setScenarioId(SCENARIO).setRounds(rounds))
        .build();
  }

  static ClientMessage join(long requestId, String code, String role, String name) {
    return ClientMessage.newBuilder().setRequestId(requestId)
        .setJoinSeat(JoinSeat.newBuilder().setGameCode(code).setRole(role)
            .setDisplayName(name))
        .build();
  }

  /** The offer for a turn: packages cycle with the turn number so offers differ. */
  static ClientMessage propose(long requestId, int turn) {
    return ClientMessage.newBuilder().setRequestId(requestId)
        .setPropose(PROPOSALS[turn % PROPOSALS.length]).build();
  }

  static ClientMessage accept(long requestId) {
    return ClientMessage.newBuilder().setRequestId(requestId)
        .setAccept(Accept.getDefaultInstance()).build();
  }

  /**
   * The echo server's answer to a proposal: an offer_made event carrying the
   * proposed package, shaped like the game server's (join code, seq, time, role).
   */
  static ServerMessage echoOf(ClientMessage msg, long seq) {
    return ServerMessage.newBuilder().setRequestId(msg.getRequestId())
        .setEvent(EventView.newBuilder().setGameCode("ECHO-0000").setSeq(seq)
            .setAtMillis(System.currentTimeMillis())
            .setOfferMade(OfferMade.newBuilder().setRole(FIRST_ROLE)
                .setPackage(msg.getPropose().getPackage())))
        .build();
  }

  /** A fan-out echo connection's name: {@code pair-<n>-japan} or {@code pair-<n>-russia}. */
  static String pairName(long pair, String role) {
    return "pair-" + pair + "-" + role;
  }

  static String roleOf(String pairName) {
    return pairName.substring(pairName.lastIndexOf('-') + 1);
  }

  static String partnerOf(String pairName) {
    String role = roleOf(pairName);
    return pairName.substring(0, pairName.length() - role.length()) + otherRole(role);
  }

  static String otherRole(String role) {
    return role.equals(FIRST_ROLE) ? SECOND_ROLE : FIRST_ROLE;
  }

  static ClientMessage hello(long requestId, String clientName) {
    return ClientMessage.newBuilder().setRequestId(requestId)
        .setHello(Hello.newBuilder().setProtocolVersion(Versions.PROTOCOL).setClientName(clientName))
        .build();
  }

  static ServerMessage done(long requestId) {
    return ServerMessage.newBuilder().setRequestId(requestId)
        .setDone(Done.getDefaultInstance()).build();
  }

  /** A pushed offer_made event of the proposed package, as the game server sends it. */
  static ServerMessage offerMade(ClientMessage msg, String role, long seq) {
    return ServerMessage.newBuilder()
        .setEvent(EventView.newBuilder().setGameCode("ECHO-0000").setSeq(seq)
            .setAtMillis(System.currentTimeMillis())
            .setOfferMade(OfferMade.newBuilder().setRole(role)
                .setPackage(msg.getPropose().getPackage())))
        .build();
  }

  /** A pushed turn_changed event, as the game server sends it. */
  static ServerMessage turnChanged(String role, long seq) {
    int turn = (int) (seq / 2);
    return ServerMessage.newBuilder()
        .setEvent(EventView.newBuilder().setGameCode("ECHO-0000").setSeq(seq)
            .setAtMillis(System.currentTimeMillis())
            .setTurnChanged(TurnChanged.newBuilder().setTurn(turn).setRound(turn / 2 + 1)
                .setRole(role)))
        .build();
  }

  /** Framed bytes on the wire (varint32 length prefix plus body). */
  static int framedSize(com.google.protobuf.MessageLite m) {
    int n = m.getSerializedSize();
    return com.google.protobuf.CodedOutputStream.computeUInt32SizeNoTag(n) + n;
  }
}

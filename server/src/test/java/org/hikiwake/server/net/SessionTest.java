package org.hikiwake.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.hikiwake.codec.Versions;
import org.hikiwake.proto.game.Choice;
import org.hikiwake.proto.game.OptionPackage;
import org.hikiwake.proto.wire.Accept;
import org.hikiwake.proto.wire.ClientMessage;
import org.hikiwake.proto.wire.CreateGame;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.Hello;
import org.hikiwake.proto.wire.JoinSeat;
import org.hikiwake.proto.wire.ListGames;
import org.hikiwake.proto.wire.Ping;
import org.hikiwake.proto.wire.Propose;
import org.hikiwake.proto.wire.ResumeSeat;
import org.hikiwake.proto.wire.Say;
import org.hikiwake.proto.wire.ServerMessage;
import org.hikiwake.proto.wire.WatchGame;
import org.hikiwake.server.ServerConfig;
import org.hikiwake.server.classroom.Classes;
import org.hikiwake.server.record.NoopRecordingStore;
import org.hikiwake.server.room.JoinCodes;
import org.hikiwake.server.room.Lobby;
import org.hikiwake.server.room.ManualLoop;
import org.hikiwake.server.room.Revealer;
import org.hikiwake.server.room.ScenarioCatalog;
import org.hikiwake.server.room.SeatTokens;
import org.hikiwake.server.web.DashboardPasses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session without Netty: requests in, messages out, on a manual loop
 * shared with the rooms, with a fake clock for the message rate.
 */
class SessionTest {
  private static final Instant T0 = Instant.parse("2013-11-02T09:00:00Z");

  private final ManualLoop loop = new ManualLoop(T0);
  private final AtomicLong nanos = new AtomicLong();
  private Lobby lobby;
  private Classes classes;
  private long nextId = 1;

  /** The connection end of a session, as a test sees it. */
  private static final class Wire implements Session.Outbound {
    final List<ServerMessage> sent = new ArrayList<>();
    final List<ServerMessage> queued = new ArrayList<>();
    boolean open = true;
    ServerMessage last;

    @Override
    public void write(ServerMessage message) {
      queued.add(message);
    }

    @Override
    public void flush() {
      sent.addAll(queued);
      queued.clear();
    }

    @Override
    public void closeWith(ServerMessage message) {
      flush();
      last = message;
      open = false;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public String describe() {
      return "test";
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    lobby = new Lobby(ScenarioCatalog.load(Optional.empty()), NoopRecordingStore.noop(),
        () -> loop, loop.clock(), new JoinCodes(new SecureRandom()),
        new SeatTokens(new SecureRandom()), new Revealer(Runnable::run), 100);
    classes = new Classes(lobby, NoopRecordingStore.noop(), () -> loop, Runnable::run,
        new SecureRandom());
  }

  private Session session(Wire wire) {
    return session(wire, ServerConfig.defaults());
  }

  private Session session(Wire wire, ServerConfig config) {
    return new Session(config, lobby, classes,
        new DashboardPasses(loop.clock(), new SecureRandom()), wire, loop, nanos::get);
  }

  private ServerMessage call(Session s, Wire w, ClientMessage.Builder msg) {
    long id = nextId++;
    s.onMessage(msg.setRequestId(id).build());
    loop.runAll();
    return w.sent.stream().filter(m -> m.getRequestId() == id).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no reply to " + msg + "; sent " + w.sent));
  }

  private static ClientMessage.Builder hello() {
    return ClientMessage.newBuilder().setHello(Hello.newBuilder()
        .setProtocolVersion(Versions.PROTOCOL));
  }

  private Session greeted(Wire w) {
    Session s = session(w);
    assertThat(call(s, w, hello()).hasWelcome()).isTrue();
    return s;
  }

  private String create(Session s, Wire w) {
    return call(s, w, ClientMessage.newBuilder().setCreateGame(CreateGame.newBuilder()
        .setScenarioId("japan-russia-2013"))).getGameCreated().getGameCode();
  }

  private static ClientMessage.Builder join(String code, String role, String name) {
    return ClientMessage.newBuilder().setJoinSeat(JoinSeat.newBuilder().setGameCode(code)
        .setRole(role).setDisplayName(name));
  }

  @Test
  void onMessage_anythingBeforeHello_isBadRequest() {
    Wire w = new Wire();
    Session s = session(w);

    ServerMessage reply = call(s, w, ClientMessage.newBuilder()
        .setListGames(ListGames.getDefaultInstance()));

    assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_BAD_REQUEST);
    assertThat(reply.getError().getMessage()).contains("hello");
  }

  @Test
  void onMessage_helloWithAnotherProtocolVersion_isUnsupported() {
    Wire w = new Wire();
    Session s = session(w);

    ServerMessage reply = call(s, w, ClientMessage.newBuilder().setHello(Hello.newBuilder()
        .setProtocolVersion(Versions.PROTOCOL + 1)));

    assertThat(reply.getError().getCode())
        .isEqualTo(ErrorCode.ERROR_CODE_UNSUPPORTED_PROTOCOL_VERSION);
  }

  @Test
  void onMessage_fasterThanTheRate_isRateLimitedUntilTimePasses() {
    Wire w = new Wire();
    Session s = session(w, ServerConfig.defaults().withMessageRate(10, 3));
    call(s, w, hello());
    call(s, w, ClientMessage.newBuilder().setPing(Ping.getDefaultInstance()));
    call(s, w, ClientMessage.newBuilder().setPing(Ping.getDefaultInstance()));

    ServerMessage fourth = call(s, w, ClientMessage.newBuilder().setPing(Ping.getDefaultInstance()));
    assertThat(fourth.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_RATE_LIMITED);

    nanos.addAndGet(100_000_000L); // a tenth of a second: one more message at 10 a second
    assertThat(call(s, w, ClientMessage.newBuilder().setPing(Ping.getDefaultInstance()))
        .hasPong()).isTrue();
  }

  @Test
  void propose_packageNamingAnIssueTwice_isInvalidPackageBeforeReachingTheRoom() {
    Wire w = new Wire();
    Session s = greeted(w);
    String code = create(s, w);
    call(s, w, join(code, "japan", "Aiko"));

    OptionPackage twice = OptionPackage.newBuilder()
        .addChoices(Choice.newBuilder().setIssue("territory").setOption("four_islands"))
        .addChoices(Choice.newBuilder().setIssue("territory").setOption("two_islands"))
        .build();
    ServerMessage reply = call(s, w, ClientMessage.newBuilder().setPropose(
        Propose.newBuilder().setPackage(twice)));

    assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_INVALID_PACKAGE);
    assertThat(reply.getError().getDetailsList())
        .containsExactly("issue territory is named more than once");
  }

  @Test
  void join_secondSeatOnOneConnection_isRefused() {
    Wire w = new Wire();
    Session s = greeted(w);
    String code = create(s, w);
    assertThat(call(s, w, join(code, "japan", "Aiko")).hasJoined()).isTrue();

    ServerMessage second = call(s, w, join(code, "russia", "Boris"));

    assertThat(second.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_BAD_REQUEST);
    assertThat(second.getError().getMessage()).contains("already holds the japan seat");
  }

  @Test
  void move_withoutASeat_isNotSeatedAndAsAWatcherIsWatchersCannotMove() {
    Wire w = new Wire();
    Session s = greeted(w);
    String code = create(s, w);

    assertThat(call(s, w, ClientMessage.newBuilder().setAccept(Accept.getDefaultInstance()))
        .getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_NOT_SEATED);
    assertThat(call(s, w, ClientMessage.newBuilder().setWatchGame(
        WatchGame.newBuilder().setGameCode(code))).hasWatching()).isTrue();
    assertThat(call(s, w, ClientMessage.newBuilder().setSay(Say.newBuilder().setText("hi")))
        .getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_WATCHERS_CANNOT_MOVE);
  }

  @Test
  void unknownGame_longCode_isEchoedCutShort() {
    Wire w = new Wire();
    Session s = greeted(w);

    ServerMessage reply = call(s, w, join("Z".repeat(60_000), "japan", "Aiko"));

    assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_UNKNOWN_GAME);
    assertThat(reply.getError().getMessage()).hasSizeLessThan(200);
  }

  @Test
  void seatMovedToAnotherSession_clearsThisSeatSoItCanResumeIt() {
    Wire w1 = new Wire();
    Wire w2 = new Wire();
    Session first = greeted(w1);
    Session second = greeted(w2);
    String code = create(first, w1);
    String token = call(first, w1, join(code, "japan", "Aiko")).getJoined().getSeatToken();

    ServerMessage taken = call(second, w2, ClientMessage.newBuilder().setResumeSeat(
        ResumeSeat.newBuilder().setGameCode(code).setSeatToken(token)));

    assertThat(taken.hasJoined()).isTrue();
    assertThat(w1.sent).anySatisfy(m -> assertThat(m.getEvent().hasSeatMoved()).isTrue());
    ServerMessage back = call(first, w1, ClientMessage.newBuilder().setResumeSeat(
        ResumeSeat.newBuilder().setGameCode(code).setSeatToken(token)));
    assertThat(back.hasJoined()).as("%s", back).isTrue();
  }

  @Test
  void fail_sendsTheErrorAndClosesAndDropsLaterRequests() {
    Wire w = new Wire();
    Session s = greeted(w);

    s.fail(ErrorCode.ERROR_CODE_MALFORMED_FRAME, "bad bytes");
    s.onMessage(ClientMessage.newBuilder().setRequestId(99).setPing(Ping.getDefaultInstance())
        .build());
    loop.runAll();

    assertThat(w.open).isFalse();
    assertThat(w.last.getError().getCode()).isEqualTo(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
    assertThat(w.sent).noneMatch(m -> m.getRequestId() == 99);
  }
}

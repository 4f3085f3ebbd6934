package org.hikiwake.server.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hikiwake.engine.classroom.Control;
import org.hikiwake.engine.game.Outcome;
import org.hikiwake.engine.scenario.News;
import org.hikiwake.server.classroom.ClassReply;
import org.hikiwake.server.classroom.ClassRoom;
import org.hikiwake.server.classroom.Classes;
import org.hikiwake.server.classroom.DebriefFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instructor's dashboard, with no Netty in it: its routes, who may use
 * them, and the mapping between requests and the classes' domain calls. The
 * controls call the same {@link ClassRoom} methods as the protobuf protocol,
 * so they are decided and recorded in the games the same way. Safe to call
 * from any thread; answers complete on the class's thread.
 *
 * <p>Every route under {@code /class/CODE/} but the page, its state and the
 * sign-in needs the class's session cookie ({@link DashboardPasses}); the
 * page itself is the same static file for everyone and holds no data.
 */
public final class Dashboard {
  private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
  /** The largest request body accepted, in bytes (a control's form is tiny). */
  public static final int MAX_BODY_BYTES = 4 * 1024;
  /** How long a finished debrief is reused, so the page's few fetches share one drawing. */
  static final Duration DEBRIEF_REUSE = Duration.ofSeconds(3);
  /** The most rounds one extension adds. */
  static final int MAX_EXTEND = 20;

  private static final Pattern CLASS_PATH = Pattern.compile("/class/([^/]{1,32})(/.*)?");
  private static final Map<String, String> DEBRIEF_FILES = ImmutableMap.of(
      "class.csv", "class.csv", "class.svg", "class.svg", "summary.md", "summary.md",
      "class.png", "class.png");

  /** A request, as far as the dashboard cares. */
  public record Request(String method, String path, Map<String, List<String>> query,
      Map<String, String> form, Optional<String> cookie, Optional<String> origin, String host,
      boolean secure) {
    String param(String name) {
      List<String> v = query.get(name);
      return v == null || v.isEmpty() ? "" : v.get(0);
    }
  }

  /** An answer. */
  public record Response(int status, String contentType, byte[] body,
      ImmutableMap<String, String> headers) {
    static Response of(int status, String contentType, byte[] body) {
      return new Response(status, contentType, body, ImmutableMap.of());
    }

    static Response json(int status, String json) {
      return of(status, "application/json; charset=utf-8", json.getBytes(UTF_8));
    }

    static Response error(int status, String message) {
      return json(status, new Json().object().field("error", message).endObject().toString());
    }

    Response with(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Response(status, contentType, body, ImmutableMap.copyOf(h));
    }
  }

  /** What a live connection may follow: a class, in one of its views. */
  public record Live(ClassRoom room, BoardJson.View view) {}

  /** A request for the live feed: allowed, or answered with a refusal. */
  public sealed interface LiveAnswer {
    /** Go ahead: upgrade to a WebSocket and follow the class. */
    record Allowed(Live live) implements LiveAnswer {}

    /** Refused, with the answer to send instead. */
    record Refused(Response response) implements LiveAnswer {}
  }

  private final Classes classes;
  private final DashboardPasses passes;
  private final Clock clock;
  private final byte[] page;
  private final byte[] landing;
  private final Map<String, byte[]> assets;
  private final Map<String, Set<LiveFeed>> feeds = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<ImmutableList<DebriefFiles.File>>> debriefs =
      new ConcurrentHashMap<>();

  public Dashboard(Classes classes, DashboardPasses passes, Clock clock) {
    this.classes = classes;
    this.passes = passes;
    this.clock = clock;
    this.page = resource("dashboard.html");
    this.landing = resource("landing.html");
    this.assets = ImmutableMap.of("dashboard.js", resource("dashboard.js"),
        "dashboard.css", resource("dashboard.css"));
  }

  public DashboardPasses passes() {
    return passes;
  }

  // ---------------------------------------------------------------- routes

  /** Answers a plain HTTP request (not the live feed). */
  public CompletableFuture<Response> handle(Request r) {
    try {
      return route(r).thenApply(Dashboard::secured);
    } catch (RuntimeException e) {
      log.error("dashboard request {} {} failed", r.method(), r.path(), e);
      return CompletableFuture.completedFuture(secured(Response.error(500,
          "The server failed; see its log.")));
    }
  }

  private CompletableFuture<Response> route(Request r) {
    String path = r.path();
    if (path.equals("/")) {
      return methods(r, "GET, HEAD").orElseGet(() -> done(Response.of(200,
          "text/html; charset=utf-8", landing)));
    }
    if (path.startsWith("/static/")) {
      byte[] asset = assets.get(path.substring("/static/".length()));
      if (asset == null) {
        return notFound();
      }
      String type = path.endsWith(".js") ? "text/javascript; charset=utf-8"
          : "text/css; charset=utf-8";
      return methods(r, "GET, HEAD").orElseGet(() -> done(Response.of(200, type, asset)));
    }
    Matcher m = CLASS_PATH.matcher(path);
    if (!m.matches()) {
      return notFound();
    }
    String code = m.group(1);
    String rest = m.group(2) == null ? "" : m.group(2);
    Optional<ClassRoom> found = classes.find(code).filter(c -> c.code().equals(code));
    switch (rest) {
      case "":
        // the cookie's path needs the slash
        return methods(r, "GET, HEAD").orElseGet(() -> done(Response.of(308,
            "text/plain; charset=utf-8", new byte[0]).with("Location",
                DashboardPasses.pagePath(code))));
      case "/":
        return methods(r, "GET, HEAD").orElseGet(() -> done(Response.of(
            found.isPresent() ? 200 : 404, "text/html; charset=utf-8", page)));
      case "/state":
        return methods(r, "GET").orElseGet(() -> done(state(code, found, r)));
      case "/session":
        return methods(r, "POST").orElseGet(() -> done(signIn(found, r)));
      case "/signout":
        return methods(r, "POST").orElseGet(() -> done(signOut(code, r)));
      case "/control":
        return methods(r, "POST").orElseGet(() -> signedIn(found, r)
            .map(room -> control(room, r)).orElseGet(() -> done(refusal(found, r))));
      case "/live":
        return methods(r, "GET").orElseGet(() -> done(Response.error(400,
            "This is the dashboard's live feed: open it as a WebSocket.")));
      default:
        break;
    }
    if (rest.startsWith("/debrief/")) {
      String name = DEBRIEF_FILES.get(rest.substring("/debrief/".length()));
      if (name == null) {
        return notFound();
      }
      return methods(r, "GET").orElseGet(() -> signedIn(found, r)
          .map(room -> debriefFile(room, name, r.param("download").equals("1"),
              r.param("view").equals("projector")))
          .orElseGet(() -> done(refusal(found, r))));
    }
    return notFound();
  }

  /** 405 unless the request's method is one of the allowed ones. */
  private static Optional<CompletableFuture<Response>> methods(Request r, String allowed) {
    for (String m : allowed.split(", ")) {
      if (m.equals(r.method())) {
        return Optional.empty();
      }
    }
    return Optional.of(done(Response.error(405, r.method() + " is not allowed here; use "
        + allowed + ".").with("Allow", allowed)));
  }

  private static CompletableFuture<Response> notFound() {
    return done(Response.error(404, "There is nothing here. The dashboard of a class is at"
        + " /class/CLASS-CODE/."));
  }

  private static CompletableFuture<Response> done(Response r) {
    return CompletableFuture.completedFuture(r);
  }

  /** Headers every answer carries: nothing is cached or framed, nothing leaks in a referrer. */
  private static Response secured(Response r) {
    return r.with("Cache-Control", "no-store")
        .with("X-Content-Type-Options", "nosniff")
        .with("Referrer-Policy", "no-referrer")
        .with("X-Frame-Options", "DENY")
        .with("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none';"
            + " base-uri 'none'; form-action 'self'");
  }

  // ---------------------------------------------------------------- signing in

  private static final String HOW_TO_GET_IN = "Open the dashboard link that `hikiwake class"
      + " create` printed, or ask for a fresh one with `hikiwake class dashboard CLASS-CODE`"
      + " where the instructor token is kept. A link works once, for "
      + DashboardPasses.PASS_LIFE.toMinutes() + " minutes.";

  private Response state(String code, Optional<ClassRoom> found, Request r) {
    if (found.isEmpty()) {
      return Response.json(404, new Json().object().field("classCode", code)
          .field("exists", false).field("signedIn", false)
          .field("error", "There is no class " + code + " on this server (now).").endObject()
          .toString());
    }
    boolean in = signedIn(found, r).isPresent();
    Json j = new Json().object().field("classCode", code).field("exists", true)
        .field("signedIn", in);
    if (!in) {
      j.field("howToGetIn", HOW_TO_GET_IN);
    }
    return Response.json(200, j.endObject().toString());
  }

  private Response signIn(Optional<ClassRoom> found, Request r) {
    if (found.isEmpty()) {
      return Response.error(404, "There is no such class on this server.");
    }
    if (!sameOrigin(r)) {
      return Response.error(403, "Requests from other sites are refused.");
    }
    Optional<String> cookie = passes.redeem(found.get(), r.form().getOrDefault("pass", ""));
    if (cookie.isEmpty()) {
      log.info("dashboard of class {}: a pass was refused", found.get().code());
      return Response.error(403, "That link has been used already or has expired. "
          + HOW_TO_GET_IN);
    }
    log.info("dashboard of class {}: a browser signed in", found.get().code());
    return Response.of(204, "text/plain; charset=utf-8", new byte[0])
        .with("Set-Cookie", cookie(found.get().code(), cookie.get(),
            DashboardPasses.SESSION_LIFE.toSeconds(), r.secure()));
  }

  private static Response signOut(String code, Request r) {
    if (!sameOrigin(r)) {
      return Response.error(403, "Requests from other sites are refused.");
    }
    return Response.of(204, "text/plain; charset=utf-8", new byte[0])
        .with("Set-Cookie", cookie(code, "", 0, r.secure()));
  }

  private static String cookie(String code, String value, long maxAge, boolean secure) {
    return DashboardPasses.COOKIE + "=" + value + "; Path=" + DashboardPasses.pagePath(code)
        + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }

  /** The class, if the request carries its session cookie and comes from its own pages. */
  private Optional<ClassRoom> signedIn(Optional<ClassRoom> found, Request r) {
    return found.filter(room -> sameOrigin(r)
        && r.cookie().filter(c -> passes.isSignedIn(room, c)).isPresent());
  }

  private static Response refusal(Optional<ClassRoom> found, Request r) {
    if (found.isEmpty()) {
      return Response.error(404, "There is no such class on this server.");
    }
    if (!sameOrigin(r)) {
      return Response.error(403, "Requests from other sites are refused.");
    }
    return Response.error(401, "Only the class's instructor may see this. " + HOW_TO_GET_IN);
  }

  /**
   * False for a browser request made by another site's page. SameSite=Strict
   * already keeps the cookie off those; this refuses them even without it.
   */
  private static boolean sameOrigin(Request r) {
    return r.origin().map(o -> o.equals("http://" + r.host()) || o.equals("https://" + r.host()))
        .orElse(true);
  }

  // ---------------------------------------------------------------- the live feed

  /** May this request follow the class live? */
  public LiveAnswer live(Request r) {
    Matcher m = CLASS_PATH.matcher(r.path());
    if (!m.matches() || !"/live".equals(m.group(2))) {
      return new LiveAnswer.Refused(secured(Response.error(404, "There is nothing here.")));
    }
    String code = m.group(1);
    Optional<ClassRoom> found = classes.find(code).filter(c -> c.code().equals(code));
    Optional<ClassRoom> room = signedIn(found, r);
    if (room.isEmpty()) {
      return new LiveAnswer.Refused(secured(refusal(found, r)));
    }
    BoardJson.View view = r.param("view").equals("projector") ? BoardJson.View.PROJECTOR
        : BoardJson.View.INSTRUCTOR;
    return new LiveAnswer.Allowed(new Live(room.get(), view));
  }

  void opened(LiveFeed feed) {
    feeds.computeIfAbsent(feed.classCode(), k -> ConcurrentHashMap.newKeySet()).add(feed);
  }

  void closed(LiveFeed feed) {
    Set<LiveFeed> set = feeds.get(feed.classCode());
    if (set != null) {
      set.remove(feed);
    }
  }

  /** Live connections open now. */
  public int liveCount() {
    return feeds.values().stream().mapToInt(Set::size).sum();
  }

  /** Tells every live page the server is going away, so it reconnects. */
  public void close() {
    feeds.values().forEach(set -> set.forEach(LiveFeed::serverGoingAway));
  }

  // ---------------------------------------------------------------- controls

  private CompletableFuture<Response> control(ClassRoom room, Request r) {
    String action = r.form().getOrDefault("action", "");
    Control control;
    switch (action) {
      case "release-news":
        control = new Control.ReleaseNews(r.form().getOrDefault("news", ""));
        break;
      case "pause":
        control = new Control.Pause();
        break;
      case "resume":
        control = new Control.Resume();
        break;
      case "extend":
        int rounds;
        try {
          rounds = Integer.parseInt(r.form().getOrDefault("rounds", ""));
        } catch (NumberFormatException e) {
          rounds = 0;
        }
        if (rounds < 1 || rounds > MAX_EXTEND) {
          return done(Response.error(400, "Extend by 1 to " + MAX_EXTEND + " rounds."));
        }
        control = new Control.Extend(rounds);
        break;
      case "end-all":
        control = new Control.End(Outcome.DEADLINE);
        break;
      default:
        return done(Response.error(400, "Unknown control '" + org.hikiwake.server.room.ErrorText.echo(action)
            + "': use release-news, pause, resume, extend or end-all."));
    }
    CompletableFuture<Response> answer = new CompletableFuture<>();
    log.info("dashboard of class {}: {}", room.code(), control.describe());
    room.control(control, List.of(), reply -> answer.complete(controlDone(room, control,
        reply)));
    return answer;
  }

  private Response controlDone(ClassRoom room, Control control, ClassReply reply) {
    if (reply instanceof ClassReply.Done d) {
      Json j = new Json().object().field("summary", d.summary());
      j.name("applied").array();
      d.applied().forEach(j::value);
      j.endArray().name("refused").object();
      d.refused().forEach(j::field);
      return Response.json(200, j.endObject().endObject().toString());
    } else if (reply instanceof ClassReply.Refused f) {
      return Response.error(409, f.refusal().message());
    }
    throw new AssertionError(reply);
  }

  // ---------------------------------------------------------------- debrief

  private CompletableFuture<Response> debriefFile(ClassRoom room, String name,
      boolean download, boolean projector) {
    return debrief(room).handle((files, failure) -> {
      if (failure != null) {
        return Response.error(500, "The server could not make the debrief; see its log.");
      }
      for (DebriefFiles.File f : files) {
        if (f.name().equals(name)) {
          byte[] content = projector && name.endsWith(".csv") ? projectorCsv(f.content())
              : f.content();
          Response resp = Response.of(200, f.mediaType(), content);
          return download ? resp.with("Content-Disposition", "attachment; filename=\""
              + room.code() + "-" + f.name() + "\"") : resp;
        }
      }
      return Response.error(404, "The debrief has no " + name + ".");
    });
  }

  /** The columns of class.csv the projector's table shows: nobody's name, code or score. */
  private static final java.util.function.Predicate<String> PROJECTOR_COLUMNS = c ->
      c.equals("pair") || c.equals("state") || c.endsWith("_share_of_gain");

  /**
   * The debrief table as the projector may hold it: only the pair, how the
   * game ended and each side's share of its possible gain. The full table has
   * names, game codes and scores, which projector mode keeps out of the
   * browser altogether, not just off the screen.
   */
  static byte[] projectorCsv(byte[] csv) {
    List<List<String>> rows = parseCsv(new String(csv, java.nio.charset.StandardCharsets.UTF_8));
    if (rows.isEmpty()) {
      return csv;
    }
    List<Integer> keep = new java.util.ArrayList<>();
    List<String> head = rows.get(0);
    for (int i = 0; i < head.size(); i++) {
      if (PROJECTOR_COLUMNS.test(head.get(i))) {
        keep.add(i);
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      for (int k = 0; k < keep.size(); k++) {
        int i = keep.get(k);
        // the kept cells are a number, a state word or a column name: no quoting needed
        out.append(k == 0 ? "" : ",").append(i < row.size() ? row.get(i) : "");
      }
      out.append("\r\n");
    }
    return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** CSV as the debrief writes it: commas, double quotes doubled inside quoted cells, CRLF. */
  private static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new java.util.ArrayList<>();
    List<String> row = new java.util.ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (ch == '\n') {
        row.add(cell.toString().replaceAll("\r$", ""));
        rows.add(row);
        row = new java.util.ArrayList<>();
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    if (cell.length() > 0 || !row.isEmpty()) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }

  /**
   * The class's debrief files, drawn on the analysis executor by the class
   * (as for the terminal); requests while one is drawn, or just after, share it.
   */
  private CompletableFuture<ImmutableList<DebriefFiles.File>> debrief(ClassRoom room) {
    return debriefs.compute(room.code(), (code, running) -> {
      if (running != null && (!running.isDone() || !running.isCompletedExceptionally())) {
        return running;
      }
      CompletableFuture<ImmutableList<DebriefFiles.File>> f = new CompletableFuture<>();
      room.debrief(reply -> {
        if (reply instanceof ClassReply.Debrief d) {
          f.complete(d.files());
        } else {
          f.completeExceptionally(new IllegalStateException(String.valueOf(reply)));
        }
      });
      // forget it after a moment, so the next visit draws the class as it is then
      f.whenComplete((files, failure) -> CompletableFuture.delayedExecutor(
          DEBRIEF_REUSE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          .execute(() -> debriefs.remove(code, f)));
      return f;
    });
  }

  // ---------------------------------------------------------------- resources

  private static byte[] resource(String name) {
    try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the dashboard's " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the dashboard's " + name, e);
    }
  }
}

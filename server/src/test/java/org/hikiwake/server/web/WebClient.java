package org.hikiwake.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain HTTP and WebSocket client of the dashboard, for tests: no browser, no cookie jar. */
final class WebClient {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  private final int port;
  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();

  WebClient(int port) {
    this.port = port;
  }

  record Reply(int status, String body, HttpHeaders headers) {
    String header(String name) {
      return headers.firstValue(name).orElse("");
    }
  }

  Reply get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET();
    if (cookie != null) {
      b.header("Cookie", DashboardPasses.COOKIE + "=" + cookie);
    }
    return send(b.build());
  }

  Reply send(String method, String path, String body, String cookie, String origin)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (cookie != null) {
      b.header("Cookie", DashboardPasses.COOKIE + "=" + cookie);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return send(b.build());
  }

  Reply post(String path, String form, String cookie) throws Exception {
    return send("POST", path, form, cookie, "http://127.0.0.1:" + port);
  }

  private Reply send(HttpRequest r) throws Exception {
    HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
    return new Reply(resp.statusCode(), resp.body(), resp.headers());
  }

  /** Trades the pass in a dashboard link for the session cookie, as the page does. */
  String signIn(String dashboardPath) throws Exception {
    Reply r = post(pagePath(dashboardPath) + "session", "pass=" + pass(dashboardPath), null);
    assertThat(r.status()).as("%s", r.body()).isEqualTo(204);
    String setCookie = r.header("Set-Cookie");
    String prefix = DashboardPasses.COOKIE + "=";
    assertThat(setCookie).startsWith(prefix);
    return setCookie.substring(prefix.length(), setCookie.indexOf(';'));
  }

  static String pagePath(String dashboardPath) {
    return dashboardPath.substring(0, dashboardPath.indexOf('#'));
  }

  static String pass(String dashboardPath) {
    return dashboardPath.substring(dashboardPath.indexOf("#pass=") + "#pass=".length());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** A live feed: every message it was sent, and how it closed. */
  static final class Feed implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final List<String> all = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        all.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      closed.complete(status);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete(-1);
    }

    /** The next message, within the timeout. */
    String next() throws InterruptedException {
      String m = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(m).as("a message on the live feed").isNotNull();
      return m;
    }
  }

  /** Opens the live feed; fails (with the handshake's status in the cause) if refused. */
  Feed live(String path, String cookie) throws Exception {
    Feed feed = new Feed();
    WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
    if (cookie != null) {
      b.header("Cookie", DashboardPasses.COOKIE + "=" + cookie);
    }
    feed.socket = b.buildAsync(URI.create("ws://127.0.0.1:" + port + path), feed)
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return feed;
  }

  /**
   * Writes bytes on a fresh connection as they are and reads what comes back
   * until the server closes it (or the wait runs out).
   */
  static String raw(int port, byte[] request, Duration wait) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout((int) wait.toMillis());
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      return readUntilClosed(s.getInputStream());
    }
  }

  static String readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        out.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      out.write("<still open>".getBytes(StandardCharsets.US_ASCII));
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }
}

package org.hikiwake.cli.net;

import java.util.Map;
import java.util.Optional;

/**
 * Where the server listens, and whether to reach it with TLS (and which
 * certificates to trust there): from {@code --server}, else
 * {@code HIKIWAKE_SERVER}, else the default.
 *
 * @param tls present to connect with TLS, trusting certificates as it says
 */
public record ServerAddress(String host, int port, Optional<TlsTrust> tls) {
  public static final String ENV = "HIKIWAKE_SERVER";
  public static final int DEFAULT_PORT = 7430;
  /** The scheme of an address to reach with TLS: {@code tls://host:port}. */
  public static final String TLS_SCHEME = "tls://";
  public static final ServerAddress DEFAULT = new ServerAddress("localhost", DEFAULT_PORT);

  public ServerAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535 but was " + port);
    }
  }

  /** A plain (unencrypted) address. */
  public ServerAddress(String host, int port) {
    this(host, port, Optional.empty());
  }

  /** The same server, reached with TLS and trusting certificates as {@code trust} says. */
  public ServerAddress withTls(TlsTrust trust) {
    return new ServerAddress(host, port, Optional.of(trust));
  }

  /** True if the connection is to be encrypted. */
  public boolean isTls() {
    return tls.isPresent();
  }

  /**
   * True if the host is this machine by its name or address (no look-up):
   * traffic to it never crosses a network.
   */
  public boolean isLoopback() {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  /** {@code host:port}, without the scheme: the key of the server's kept fingerprint. */
  public String hostPort() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * Parses {@code host:port}, {@code host} (default port), {@code :port}
   * (localhost) or {@code [v6addr]:port}, each optionally after
   * {@code tls://} (then TLS with trust on first use and nothing kept, until
   * the caller gives a {@link TlsTrust}).
   *
   * @throws IllegalArgumentException with a message for people
   */
  public static ServerAddress parse(String text) {
    String s = text.trim();
    boolean tls = false;
    if (s.regionMatches(true, 0, TLS_SCHEME, 0, TLS_SCHEME.length())) {
      tls = true;
      s = s.substring(TLS_SCHEME.length());
    } else if (s.contains("://")) {
      throw new IllegalArgumentException("bad server address '" + text + "': use host:port,"
          + " or tls://host:port for an encrypted connection");
    }
    if (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    ServerAddress plain = parsePlain(text, s);
    return tls ? plain.withTls(TlsTrust.ephemeral()) : plain;
  }

  private static ServerAddress parsePlain(String text, String s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("the server address is empty; use host:port");
    }
    String host;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("bad server address '" + text + "': missing ]");
      }
      host = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (rest.startsWith(":")) {
        port = rest.substring(1);
      } else if (!rest.isEmpty()) {
        throw new IllegalArgumentException("bad server address '" + text + "'; use host:port");
      }
    } else {
      int colon = s.lastIndexOf(':');
      if (colon >= 0 && s.indexOf(':') != colon) {
        host = s; // a bare IPv6 address
      } else if (colon >= 0) {
        host = colon == 0 ? "localhost" : s.substring(0, colon);
        port = s.substring(colon + 1);
      } else {
        host = s;
      }
    }
    int portNumber = DEFAULT_PORT;
    if (port != null) {
      try {
        portNumber = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "bad port '" + port + "' in server address '" + text + "'", e);
      }
    }
    try {
      return new ServerAddress(host, portNumber);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad server address '" + text + "': " + e.getMessage(), e);
    }
  }

  /** The option if given, else the environment variable, else localhost:7430. */
  public static ServerAddress resolve(Optional<String> option, Map<String, String> env) {
    if (option.isPresent()) {
      return parse(option.get());
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      try {
        return parse(fromEnv);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(ENV + ": " + e.getMessage(), e);
      }
    }
    return DEFAULT;
  }

  /** {@code host:port}, or {@code tls://host:port} for TLS: as {@code --server} takes it. */
  @Override
  public String toString() {
    return (isTls() ? TLS_SCHEME : "") + hostPort();
  }
}

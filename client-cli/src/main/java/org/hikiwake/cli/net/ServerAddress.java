package org.hikiwake.cli.net;

import java.util.Map;
import java.util.Optional;

/** Where the server listens: from {@code --server}, else {@code HIKIWAKE_SERVER}, else the default. */
public record ServerAddress(String host, int port) {
  public static final String ENV = "HIKIWAKE_SERVER";
  public static final int DEFAULT_PORT = 7430;
  public static final ServerAddress DEFAULT = new ServerAddress("localhost", DEFAULT_PORT);

  public ServerAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535 but was " + port);
    }
  }

  /**
   * Parses {@code host:port}, {@code host} (default port), {@code :port}
   * (localhost) or {@code [v6addr]:port}.
   *
   * @throws IllegalArgumentException with a message for people
   */
  public static ServerAddress parse(String text) {
    String s = text.trim();
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

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}

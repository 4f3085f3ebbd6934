package org.hikiwake.cli.net;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Why a connection could not be made, in words a student can act on: what
 * happened, then what to do next.
 */
final class ConnectFailure {
  private ConnectFailure() {}

  /** The TCP connection failed. */
  static String describe(ServerAddress address, Throwable cause, Duration timeout) {
    String where = "cannot connect to " + address + ": ";
    Throwable c = unwrap(cause);
    if (c instanceof UnknownHostException) {
      return where + "there is no computer called '" + address.host() + "' on this network."
          + " Check the spelling of the server address your instructor gave you (for example"
          + " 192.168.1.20:7430), and that this laptop is on the same network as the server";
    }
    if (c instanceof ConnectTimeoutException || c == null) {
      return where + "no answer within " + timeout.toSeconds() + " s. Check the address and"
          + " that this laptop is on the same network (Wi-Fi) as the server; if both are"
          + " right, the server's firewall may be blocking port " + address.port()
          + ": tell your instructor";
    }
    if (c instanceof NoRouteToHostException) {
      return where + "this laptop has no way to reach " + address.host() + ". Check that you"
          + " are on the same network (Wi-Fi) as the server, then try again";
    }
    if (c instanceof ConnectException) {
      String what = address.isLoopback()
          ? " Start one with `hikiwake serve`, or give the address of your class's server"
              + " with --server HOST:PORT (or set " + ServerAddress.ENV + ")"
          : " Check the address and port with your instructor; if they are right, the server"
              + " is not running yet: ask your instructor to start it";
      return where + "nothing is listening there (connection refused)." + what;
    }
    return where + Connection.reason(c) + ". Check the address with your instructor and try"
        + " again";
  }

  /** The TLS handshake failed, for another reason than a changed certificate. */
  static String handshake(ServerAddress address, Throwable cause) {
    String plain = " --server " + address.hostPort();
    Throwable c = unwrap(cause);
    if (c instanceof SslHandshakeTimeoutException) {
      return "the server at " + address.hostPort() + " did not complete an encrypted (TLS)"
          + " handshake in time: it may not use TLS. Try without TLS (" + plain.strip()
          + "), or ask your instructor for the server's address";
    }
    if (c instanceof ClosedChannelException || c instanceof NotSslRecordException
        || (c instanceof SSLException && String.valueOf(c.getMessage()).contains("closed"))
        || c == null) {
      return "the server at " + address.hostPort() + " closed the connection instead of"
          + " starting encryption (TLS): it is probably not set up for TLS. Ask your instructor"
          + " whether to use TLS; without it, run the command again with" + plain
          + " (no tls://, no --tls, no --fingerprint)";
    }
    return "the encrypted (TLS) connection to " + address.hostPort() + " failed: "
        + Connection.reason(c) + ". Check the address with your instructor; if the server"
        + " does not use TLS, use" + plain;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while (c != null && c.getCause() != null && c.getCause() != c
        && !(c instanceof ConnectException) && !(c instanceof UnknownHostException)
        && !(c instanceof SslHandshakeTimeoutException)) {
      c = c.getCause();
    }
    return c;
  }
}

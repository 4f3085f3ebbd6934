package org.hikiwake.server.tls;

/** The server's TLS cannot be set up: a certificate or key file is missing, unreadable or wrong. */
public final class TlsSetupException extends Exception {
  private static final long serialVersionUID = 1L;

  public TlsSetupException(String message) {
    super(message);
  }

  public TlsSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}

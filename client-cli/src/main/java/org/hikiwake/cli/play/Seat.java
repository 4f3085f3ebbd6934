package org.hikiwake.cli.play;

/**
 * The seat this client holds: its role, secret token, confidential brief,
 * reservation value and the points in force for it.
 */
public record Seat(String role, String token, String brief, int reservationValue, Points points) {
  public Seat withPoints(Points newPoints) {
    return new Seat(role, token, brief, reservationValue, newPoints);
  }
}

package org.hikiwake.codec.wire;

import java.util.List;
import org.hikiwake.engine.game.Rejection;
import org.hikiwake.engine.game.RejectionCode;
import org.hikiwake.proto.wire.ErrorCode;
import org.hikiwake.proto.wire.ErrorReply;
import org.hikiwake.proto.wire.ServerMessage;

/** The wire's typed errors, and the code for each of the rules' rejections. */
public final class ErrorCodes {
  private ErrorCodes() {}

  /** The wire code for a move the rules refused. */
  public static ErrorCode of(RejectionCode code) {
    switch (code) {
      case GAME_NOT_STARTED:
        return ErrorCode.ERROR_CODE_GAME_NOT_STARTED;
      case SEAT_TAKEN:
        return ErrorCode.ERROR_CODE_ROLE_TAKEN;
      case TURN_NOT_EXPIRED:
      case UNTIMED_GAME:
        return ErrorCode.ERROR_CODE_BAD_REQUEST;
      case GAME_OVER:
        return ErrorCode.ERROR_CODE_GAME_OVER;
      case UNKNOWN_ROLE:
        return ErrorCode.ERROR_CODE_UNKNOWN_ROLE;
      case NOT_YOUR_TURN:
        return ErrorCode.ERROR_CODE_NOT_YOUR_TURN;
      case INVALID_PACKAGE:
        return ErrorCode.ERROR_CODE_INVALID_PACKAGE;
      case NOTHING_TO_ACCEPT:
        return ErrorCode.ERROR_CODE_NOTHING_TO_ACCEPT;
      case OWN_OFFER:
        return ErrorCode.ERROR_CODE_OWN_OFFER;
      case TEXT_TOO_LONG:
        return ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE;
      case INVALID_TEXT:
        return ErrorCode.ERROR_CODE_INVALID_TEXT;
      case GAME_PAUSED:
        return ErrorCode.ERROR_CODE_GAME_PAUSED;
      case PAUSE_STATE:
      case BAD_EXTENSION:
      case SEAT_FREE:
        return ErrorCode.ERROR_CODE_BAD_REQUEST;
      case UNKNOWN_NEWS:
      case NEWS_ALREADY_ARRIVED:
        return ErrorCode.ERROR_CODE_BAD_NEWS;
      case CLASS_OVER:
        return ErrorCode.ERROR_CODE_CLASS_OVER;
      case NOT_ON_ROSTER:
        return ErrorCode.ERROR_CODE_NOT_ON_ROSTER;
      case DUPLICATE_NAME:
        return ErrorCode.ERROR_CODE_DUPLICATE_NAME;
      case NOBODY_WAITING:
        return ErrorCode.ERROR_CODE_NOBODY_WAITING;
      case UNKNOWN_STUDENT:
        return ErrorCode.ERROR_CODE_UNKNOWN_STUDENT;
      case UNKNOWN_GAME_OF_CLASS:
        return ErrorCode.ERROR_CODE_UNKNOWN_CLASS_GAME;
      case STUDENT_IN_GAME:
        return ErrorCode.ERROR_CODE_STUDENT_IN_GAME;
      case NO_GAMES_YET:
        return ErrorCode.ERROR_CODE_NO_GAMES_YET;
      case UNKNOWN_BOT:
        return ErrorCode.ERROR_CODE_UNKNOWN_BOT;
      default:
        throw new AssertionError(code);
    }
  }

  public static ServerMessage error(long requestId, ErrorCode code, String message) {
    return error(requestId, code, message, List.of());
  }

  /** The most characters of an error's message; input repeated in it is cut shorter still. */
  public static final int MAX_MESSAGE_CHARS = 1_000;
  /** The most details an error lists; the last one says how many more there were. */
  public static final int MAX_DETAILS = 20;

  /**
   * A typed error. Its size is bounded whatever the input that caused it: a
   * message over {@link #MAX_MESSAGE_CHARS} and details past {@link #MAX_DETAILS}
   * are cut, so no request can make the server answer with more than it sent.
   */
  public static ServerMessage error(long requestId, ErrorCode code, String message,
      List<String> details) {
    ErrorReply.Builder b = ErrorReply.newBuilder().setCode(code)
        .setMessage(cut(message, MAX_MESSAGE_CHARS));
    for (int i = 0; i < details.size(); i++) {
      if (i == MAX_DETAILS - 1 && details.size() > MAX_DETAILS) {
        b.addDetails("... and " + (details.size() - i) + " more");
        break;
      }
      b.addDetails(cut(details.get(i), MAX_MESSAGE_CHARS / 4));
    }
    return ServerMessage.newBuilder().setRequestId(requestId).setError(b).build();
  }

  private static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end) + "...";
  }

  /** The typed error for a move the rules refused. */
  public static ServerMessage rejected(long requestId, Rejection rejection) {
    return error(requestId, of(rejection.code()), rejection.message(), rejection.details());
  }
}

package org.hikiwake.server.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects what one class logs, through logback's ListAppender. Logback is only
 * on the server's runtime classpath, so it is reached by reflection.
 */
final class LogCapture implements AutoCloseable {
  private final Object logger;
  private final Object appender;
  private final Method detach;

  private LogCapture(Object logger, Object appender, Method detach) {
    this.logger = logger;
    this.appender = appender;
    this.detach = detach;
  }

  static LogCapture of(Class<?> type) {
    try {
      Object logger = LoggerFactory.getLogger(type);
      Class<?> appenderType = Class.forName("ch.qos.logback.core.Appender");
      Object appender = Class.forName("ch.qos.logback.core.read.ListAppender")
          .getConstructor().newInstance();
      appender.getClass().getMethod("start").invoke(appender);
      logger.getClass().getMethod("addAppender", appenderType).invoke(logger, appender);
      return new LogCapture(logger, appender,
          logger.getClass().getMethod("detachAppender", appenderType));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("logback is expected as the slf4j binding in tests", e);
    }
  }

  /** Messages logged at a level ("WARN", "ERROR"), formatted. */
  List<String> messages(String level) {
    try {
      List<?> events;
      synchronized (appender) {
        events = new ArrayList<>((List<?>) appender.getClass().getField("list").get(appender));
      }
      List<String> messages = new ArrayList<>();
      for (Object event : events) {
        Object eventLevel = event.getClass().getMethod("getLevel").invoke(event);
        if (eventLevel.toString().equals(level)) {
          messages.add((String) event.getClass().getMethod("getFormattedMessage").invoke(event));
        }
      }
      return messages;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      detach.invoke(logger, appender);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(e);
    }
  }
}

package org.hikiwake.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records everything logged at WARN and above through logback's ListAppender
 * on the root logger. Logback is only on the runtime classpath, so it is
 * reached by reflection.
 */
public final class LogRecorder implements AutoCloseable {
  private final Object root;
  private final Object appender;
  private final Method detach;

  private LogRecorder(Object root, Object appender, Method detach) {
    this.root = root;
    this.appender = appender;
    this.detach = detach;
  }

  public static LogRecorder start() {
    try {
      Object root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
      Class<?> appenderType = Class.forName("ch.qos.logback.core.Appender");
      Object appender = Class.forName("ch.qos.logback.core.read.ListAppender")
          .getConstructor().newInstance();
      appender.getClass().getMethod("start").invoke(appender);
      root.getClass().getMethod("addAppender", appenderType).invoke(root, appender);
      return new LogRecorder(root, appender,
          root.getClass().getMethod("detachAppender", appenderType));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("logback is expected as the slf4j binding in tests", e);
    }
  }

  /** "LEVEL logger: message [exception]" for every event at this level so far. */
  public List<String> events(String level) {
    try {
      List<?> events;
      synchronized (appender) {
        events = new ArrayList<>((List<?>) appender.getClass().getField("list").get(appender));
      }
      List<String> out = new ArrayList<>();
      for (Object event : events) {
        Object eventLevel = event.getClass().getMethod("getLevel").invoke(event);
        if (eventLevel.toString().equals(level)) {
          Object thrown = event.getClass().getMethod("getThrowableProxy").invoke(event);
          out.add(level + " " + event.getClass().getMethod("getLoggerName").invoke(event) + ": "
              + event.getClass().getMethod("getFormattedMessage").invoke(event)
              + (thrown == null ? ""
                  : " [" + thrown.getClass().getMethod("getClassName").invoke(thrown) + "]"));
        }
      }
      return out;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      detach.invoke(root, appender);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(e);
    }
  }
}

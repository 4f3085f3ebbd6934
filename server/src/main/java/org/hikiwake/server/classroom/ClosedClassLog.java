package org.hikiwake.server.classroom;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hikiwake.engine.classroom.ClassRecorded;
import org.hikiwake.server.record.ClassLog;

/** The log of a class that has ended or cannot go on: every append fails. */
enum ClosedClassLog implements ClassLog {
  INSTANCE;

  @Override
  public CompletableFuture<Void> append(List<ClassRecorded> events) {
    return CompletableFuture.failedFuture(new IllegalStateException("the class is closed"));
  }

  @Override
  public CompletableFuture<Void> close() {
    return CompletableFuture.completedFuture(null);
  }
}

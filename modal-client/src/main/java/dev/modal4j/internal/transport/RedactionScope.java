package dev.modal4j.internal.transport;

import java.util.concurrent.ThreadFactory;

/**
 * Which threads' Netty logging is redacted: those of the event loops modal4j creates for its own
 * channels, where all of their HTTP/2 frames are read, written and logged. Netty code on any other
 * thread of the JVM (another library's channels, a test server) logs exactly as it would without
 * modal4j.
 */
final class RedactionScope {
  private static final ThreadLocal<Boolean> SDK_EVENT_LOOP = new ThreadLocal<>();

  private RedactionScope() {}

  /** Wraps {@code factory} so that the threads it creates count as modal4j's event loop threads. */
  static ThreadFactory marking(ThreadFactory factory) {
    return r ->
        factory.newThread(
            () -> {
              SDK_EVENT_LOOP.set(Boolean.TRUE);
              r.run();
            });
  }

  /** Whether the current thread is one of modal4j's event loop threads. */
  static boolean onSdkEventLoop() {
    return SDK_EVENT_LOOP.get() == Boolean.TRUE;
  }
}

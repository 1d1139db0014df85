package dev.modal4j.testing.sandboxes.tunnels;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The sockets and listeners of the tunnels, so that closing the emulator closes every one (which
 * ends the threads blocked on them), and the copying of bytes between two sockets.
 */
final class Connections implements AutoCloseable {
  private final Executor executor;
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  Connections(Executor executor) {
    this.executor = executor;
  }

  /** Tracks {@code c} until it is released; closes it at once when this is closed already. */
  <T extends Closeable> T track(T c) {
    open.add(c);
    if (closed) {
      quietly(c);
    }
    return c;
  }

  void release(Closeable c) {
    open.remove(c);
    quietly(c);
  }

  /** Runs {@code task} on the emulator's threads; false when they no longer take work. */
  boolean run(Runnable task) {
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /**
   * Copies bytes both ways between {@code a} and {@code b} (with {@code aPending} first sent to b)
   * until either side ends, then closes both.
   */
  void splice(Socket a, Socket b, byte[] aPending) {
    Runnable closeBoth =
        () -> {
          release(a);
          release(b);
        };
    boolean started =
        run(
            () -> {
              try {
                b.getOutputStream().write(aPending);
                copy(a.getInputStream(), b.getOutputStream());
                b.shutdownOutput();
              } catch (IOException | UnsupportedOperationException e) {
                closeBoth.run();
              }
            });
    if (!started
        || !run(
            () -> {
              try {
                copy(b.getInputStream(), a.getOutputStream());
              } catch (IOException e) {
                // the other direction or close() ends the pair
              } finally {
                closeBoth.run();
              }
            })) {
      closeBoth.run();
    }
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      out.write(buffer, 0, n);
      out.flush();
    }
  }

  static void quietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Closeable c : open) {
      release(c);
    }
  }
}

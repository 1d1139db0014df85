package dev.modal4j.testing.sandboxes.router;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a process's output into a temporary file as fast as the process writes it, and from the
 * file into an {@link OutputBuffer} as readers make room: the process never waits on its readers
 * and memory stays at the buffer's bound. Used for the filesystem tool's execs, whose output
 * Modal's SDKs read only after the command has exited (Modal's router keeps an exec's output on
 * disk); other execs keep the buffer's backpressure on the process.
 */
final class OutputSpool {
  private static final Logger log = LoggerFactory.getLogger(OutputSpool.class);
  private static final int CHUNK = 1024 * 1024;

  private final String execId;
  private final OutputBuffer into;
  private final Object lock = new Object();
  private long written;
  private boolean ended;

  private OutputSpool(String execId, OutputBuffer into) {
    this.execId = execId;
    this.into = into;
  }

  /**
   * Copies {@code in} to its end (on the calling thread), feeding {@code into} from the spool file
   * on one of {@code executor}'s threads; closes {@code into} once everything has been appended.
   */
  static void pump(String execId, InputStream in, OutputBuffer into, Executor executor) {
    Path file;
    FileChannel channel;
    try {
      file = Files.createTempFile("modal4j-exec-", ".out");
      channel =
          FileChannel.open(
              file,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE,
              StandardOpenOption.DELETE_ON_CLOSE);
    } catch (IOException e) {
      log.warn("exec {}: no spool file ({}); output dropped", execId, e.toString());
      into.close();
      closeQuietly(in);
      return;
    }
    OutputSpool spool = new OutputSpool(execId, into);
    executor.execute(() -> spool.feed(channel));
    spool.fill(in, channel);
  }

  private void fill(InputStream in, FileChannel channel) {
    byte[] buf = new byte[CHUNK];
    try (in) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        ByteBuffer data = ByteBuffer.wrap(buf, 0, n);
        long at;
        synchronized (lock) {
          at = written;
        }
        while (data.hasRemaining()) {
          at += channel.write(data, at);
        }
        synchronized (lock) {
          written = at;
          lock.notifyAll();
        }
      }
    } catch (IOException e) {
      log.debug("exec {}: output ended with {}", execId, e.toString());
    } finally {
      synchronized (lock) {
        ended = true;
        lock.notifyAll();
      }
    }
  }

  private void feed(FileChannel channel) {
    long position = 0;
    try (channel) {
      while (true) {
        long available;
        synchronized (lock) {
          while (written == position && !ended) {
            lock.wait();
          }
          available = written - position;
          if (available == 0) {
            return;
          }
        }
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, available));
        while (chunk.hasRemaining()) {
          if (channel.read(chunk, position + chunk.position()) < 0) {
            throw new IOException("the spool file ended early");
          }
        }
        chunk.flip();
        into.append(ByteString.copyFrom(chunk));
        position += chunk.limit();
      }
    } catch (IOException e) {
      log.warn("exec {}: reading the spool file failed: {}", execId, e.toString());
    } catch (InterruptedException e) {
      // The buffer was aborted (the router is closing): the rest is dropped.
      Thread.currentThread().interrupt();
    } finally {
      into.close();
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // nothing to release
    }
  }
}

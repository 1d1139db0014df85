package dev.modal4j.testing.sandboxes.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded byte pipe from the thread that reads the engine's stream to the reader of a process's
 * stdout or stderr. The writer blocks while the pipe is full, so an unread stream stops the
 * engine's connection and, through it, the process: memory stays bounded. Closing the reading side
 * discards what arrives afterwards (the writer never blocks on a reader that has gone).
 *
 * <p>Its storage grows with what is buffered (from {@value #INITIAL} bytes, doubling, up to the
 * capacity) and is released once the stream has ended and been read, or the reader has gone: a
 * finished process whose handle is kept (the router keeps every exec of a task) holds no buffer.
 */
final class BoundedPipe {

  /** The first allocation, once bytes arrive. */
  static final int INITIAL = 64 * 1024;

  private static final byte[] NONE = new byte[0];

  private final int capacity;
  private byte[] ring = NONE;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final InputStream source = new Source();
  private int head;
  private int count;
  private boolean writerClosed;
  private boolean readerClosed;
  private boolean dropWhenFull;

  BoundedPipe(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** Bytes of storage held now (0 before the first write and after the end has been read). */
  int retainedBytes() {
    lock.lock();
    try {
      return ring.length;
    } finally {
      lock.unlock();
    }
  }

  /** The reading side: blocks until bytes arrive, then returns what there is; -1 at the end. */
  InputStream source() {
    return source;
  }

  /** Appends {@code len} bytes, waiting while the pipe is full. */
  void write(byte[] b, int off, int len) throws InterruptedIOException {
    while (len > 0) {
      lock.lock();
      try {
        while (count == capacity && !readerClosed && !dropWhenFull) {
          notFull.await();
        }
        if (readerClosed || count == capacity) {
          return;
        }
        if (count == ring.length || ring.length - count < len) {
          grow(len);
        }
        int tail = (head + count) % ring.length;
        int n = Math.min(len, Math.min(ring.length - count, ring.length - tail));
        System.arraycopy(b, off, ring, tail, n);
        count += n;
        off += n;
        len -= n;
        notEmpty.signal();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while the pipe was full");
      } finally {
        lock.unlock();
      }
    }
  }

  /** Makes room for up to {@code wanted} more bytes, within the capacity; holds the lock. */
  private void grow(int wanted) {
    long target = Math.min(capacity, (long) count + wanted);
    int size = Math.max(ring.length, Math.min(capacity, INITIAL));
    while (size < target) {
      size = (int) Math.min(capacity, size * 2L);
    }
    if (size == ring.length) {
      return;
    }
    byte[] bigger = new byte[size];
    int first = Math.min(count, ring.length - head);
    System.arraycopy(ring, head, bigger, 0, first);
    System.arraycopy(ring, 0, bigger, first, count - first);
    ring = bigger;
    head = 0;
  }

  /** Drops the storage once nothing more can be read from it; holds the lock. */
  private void releaseIfDone() {
    if (count == 0 && (writerClosed || readerClosed)) {
      ring = NONE;
      head = 0;
    }
  }

  /** Ends the stream: the reader gets what is left, then -1. */
  void closeWriter() {
    lock.lock();
    try {
      writerClosed = true;
      releaseIfDone();
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * From now on the writer never waits: what does not fit is dropped, what is buffered stays for
   * the reader (a terminated sandbox: the engine must be able to finish its streams).
   */
  void stopWaiting() {
    lock.lock();
    try {
      dropWhenFull = true;
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Ends the reading side: what is buffered and what comes later is dropped. */
  void closeReader() {
    lock.lock();
    try {
      readerClosed = true;
      count = 0;
      releaseIfDone();
      notFull.signalAll();
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private final class Source extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      lock.lock();
      try {
        while (count == 0 && !writerClosed && !readerClosed) {
          notEmpty.await();
        }
        if (count == 0) {
          return -1;
        }
        int n = Math.min(len, Math.min(count, ring.length - head));
        System.arraycopy(ring, head, b, off, n);
        head = (head + n) % ring.length;
        count -= n;
        releaseIfDone();
        notFull.signal();
        return n;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for output");
      } finally {
        lock.unlock();
      }
    }

    @Override
    public int available() {
      lock.lock();
      try {
        return count;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      closeReader();
    }
  }
}

package dev.modal4j.testing.sandboxes.docker;

import dev.modal4j.testing.sandboxes.backend.ExitStatus;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A process in a container (the entrypoint, or an exec) seen through one raw engine connection: its
 * output is pumped by a thread of its own into two bounded pipes, its stdin is the connection's
 * write side. The exit status is read from the engine once the output has ended, so when {@link
 * #exit()} completes every byte the process wrote is in the pipes.
 */
final class DockerProcess implements RunningProcess {

  /** Bytes held per stream before the process is made to wait. */
  static final int PIPE_CAPACITY = 1 << 20;

  /** Reads the exit status from the engine once the output has ended (may wait). */
  interface ExitReader {
    ExitStatus read() throws InterruptedException;
  }

  /** Sends a signal; may throw when the process or its container has gone. */
  interface Killer {
    void kill(int signal) throws IOException;
  }

  private final String name;
  private final EngineConnection connection;
  private final BoundedPipe stdout = new BoundedPipe(PIPE_CAPACITY);
  private final BoundedPipe stderr = new BoundedPipe(PIPE_CAPACITY);
  private final OutputStream stdin = new Stdin();
  private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
  private final Killer killer;
  private final Thread pump;

  private DockerProcess(
      String name, EngineConnection connection, boolean tty, ExitReader exitReader, Killer killer) {
    this.name = name;
    this.connection = connection;
    this.killer = killer;
    if (tty) {
      stderr.closeWriter();
    }
    StreamPump streams = new StreamPump(connection.in(), tty, stdout, stderr);
    this.pump =
        new Thread(
            () -> {
              try {
                streams.run();
                exit.complete(exitReader.read());
              } catch (InterruptedException e) {
                exit.complete(ExitStatus.killed(9));
              } catch (RuntimeException e) {
                exit.complete(ExitStatus.killed(9));
                throw e;
              } finally {
                connection.close();
              }
            },
            "modal4j-docker-" + name);
    pump.setDaemon(true);
  }

  /** Starts pumping an upgraded connection; the process is already running in the engine. */
  static DockerProcess start(
      String name, EngineConnection connection, boolean tty, ExitReader exit, Killer killer) {
    DockerProcess process = new DockerProcess(name, connection, tty, exit, killer);
    process.pump.start();
    return process;
  }

  @Override
  public OutputStream stdin() {
    return stdin;
  }

  @Override
  public InputStream stdout() {
    return stdout.source();
  }

  @Override
  public InputStream stderr() {
    return stderr.source();
  }

  @Override
  public CompletableFuture<ExitStatus> exit() {
    return exit;
  }

  @Override
  public void kill(int signal) {
    if (exit.isDone()) {
      return;
    }
    try {
      killer.kill(signal);
    } catch (IOException | RuntimeException e) {
      // The process or its container has just ended: the signal has nothing left to reach.
    }
  }

  /**
   * Completes the exit with SIGKILL if the pump has not yet (its reader stopped reading before the
   * container was removed); the output read later still ends with what the engine sent.
   */
  void killedByTerminate() {
    exit.complete(ExitStatus.killed(9));
  }

  /** Lets the pump drop what no longer fits, so the engine can end the streams at once. */
  void stopWaitingForReaders() {
    stdout.stopWaiting();
    stderr.stopWaiting();
  }

  /** Drops unread output, so the pump never waits on a reader that has gone (backend close). */
  void abandonOutput() {
    stdout.closeReader();
    stderr.closeReader();
  }

  /**
   * Bytes of pipe storage this process holds now (none once its output has ended and been read).
   */
  int retainedBytes() {
    return stdout.retainedBytes() + stderr.retainedBytes();
  }

  /** Waits up to {@code millis} for the pump thread to finish. */
  void join(long millis) throws InterruptedException {
    pump.join(millis);
  }

  @Override
  public String toString() {
    return "DockerProcess[" + name + "]";
  }

  /** The connection's write side; close sends EOF (a half-close the engine passes on). */
  private final class Stdin extends OutputStream {
    private final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (closed.get()) {
        throw new IOException("stdin of " + name + " is closed");
      }
      connection.out().write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      if (closed.compareAndSet(false, true) && !exit.isDone()) {
        try {
          connection.shutdownOutput();
        } catch (IOException e) {
          // The process has ended and the engine closed the connection: EOF is moot.
        }
      }
    }
  }
}

package dev.modal4j.testing.sandboxes.backend;

import java.io.IOException;

/**
 * A layer's build failed on one of its commands: the command, the builder's error, and the last
 * lines of the build's output.
 */
public final class ImageBuildFailure extends IOException {
  private static final long serialVersionUID = 1L;

  private final String command;
  private final String logTail;

  /**
   * Creates the failure.
   *
   * @param command the Dockerfile command that failed, as written
   * @param error what the builder said
   * @param logTail the end of the build's output
   */
  public ImageBuildFailure(String command, String error, String logTail) {
    super(error);
    this.command = command;
    this.logTail = logTail;
  }

  /** The Dockerfile command that failed. */
  public String command() {
    return command;
  }

  /** The end of the build's output. */
  public String logTail() {
    return logTail;
  }
}

package dev.modal4j.logs;

/** Which stream a log entry was written to. */
public enum LogSource {
  /** The program's standard output. */
  STDOUT,
  /** The program's standard error. */
  STDERR,
  /** Modal's own messages about the container (scheduling, startup, exits). */
  SYSTEM
}

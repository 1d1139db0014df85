package dev.modal4j.sandboxes;

/**
 * How a command's output is meant to be read: as UTF-8 text ({@link SandboxInputStream#readText()},
 * {@link SandboxInputStream#lines()}), or as raw bytes only.
 */
public enum StreamMode {
  /** Text and bytes may be read (the default). */
  TEXT,
  /** Only bytes may be read; the text methods are refused. */
  BINARY
}

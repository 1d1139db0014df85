package dev.modal4j.testing.sandboxes;

/** Where a sandbox is in its life, as tests inspect it. */
public enum SandboxState {
  /** Accepted; its backend is starting it. */
  STARTING,
  /** Its backend runs it. */
  RUNNING,
  /** It has ended (its result says how). */
  FINISHED
}

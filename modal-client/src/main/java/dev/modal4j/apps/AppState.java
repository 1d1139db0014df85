package dev.modal4j.apps;

/** The lifecycle state of a Modal App, as {@link App#info()} reports it. */
public enum AppState {
  /** Running while its creating client is connected. */
  EPHEMERAL,
  /** Running without its creating client. */
  DETACHED,
  /** Deployed: found by name and serving. */
  DEPLOYED,
  /** Being stopped. */
  STOPPING,
  /** Stopped. */
  STOPPED,
  /** Being set up. */
  INITIALIZING,
  /** Disabled. */
  DISABLED,
  /** A state this version of modal4j does not know. */
  UNKNOWN
}

package dev.modal4j.functions;

/** The state of one function input in a call graph ({@link InputInfo#status()}). */
public enum InputStatus {
  /** Not finished, or Modal did not say. */
  PENDING,
  /** Returned a value. */
  SUCCESS,
  /** Raised an exception. */
  FAILURE,
  /** Cancelled or killed. */
  TERMINATED,
  /** Exceeded the function's timeout. */
  TIMEOUT,
  /** Its container failed to start. */
  INIT_FAILURE,
  /** Lost by Modal (preemption, worker loss). */
  INTERNAL_FAILURE,
  /** Stopped after being idle too long. */
  IDLE_TIMEOUT,
  /** Evicted under memory pressure. */
  MEMORY_MANAGER_EVICTION
}

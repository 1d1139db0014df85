package dev.modal4j.testing;

import io.grpc.Status;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One RPC the emulator received: its bare name, request headers and, once it finished, its status.
 *
 * <p>The value of {@code x-modal-token-secret} is never recorded: the header appears with the value
 * {@value #REDACTED}. {@link #toString()} shows header names only.
 */
public final class RecordedCall {
  /** What is recorded in place of a secret header's value. */
  public static final String REDACTED = "<redacted>";

  private final String rpc;
  private final Map<String, String> headers;
  private final Instant receivedAt;
  private volatile Status.Code status;

  RecordedCall(String rpc, Map<String, String> headers, Instant receivedAt) {
    this.rpc = rpc;
    this.headers = Map.copyOf(headers);
    this.receivedAt = receivedAt;
  }

  /** The bare RPC name, e.g. {@code "FunctionGetOutputs"}. */
  public String rpc() {
    return rpc;
  }

  /** The ASCII request headers (lower-case names; the last value of repeated ones). */
  public Map<String, String> headers() {
    return headers;
  }

  /** One request header's value. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
  }

  /** When the call arrived (emulator clock). */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** The status code the call ended with, once it has ended. */
  public Optional<Status.Code> status() {
    return Optional.ofNullable(status);
  }

  void finish(Status.Code code) {
    status = code;
  }

  @Override
  public String toString() {
    return "RecordedCall{"
        + rpc
        + ", headers="
        + new TreeMap<>(headers).keySet()
        + ", status="
        + status
        + "}";
  }
}

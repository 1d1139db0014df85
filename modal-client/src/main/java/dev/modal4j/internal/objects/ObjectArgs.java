package dev.modal4j.internal.objects;

import com.google.protobuf.ByteString;
import dev.modal4j.InvalidException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Checks of queue and dict arguments, made before any RPC. */
public final class ObjectArgs {
  private ObjectArgs() {}

  /** A partition name as sent: UTF-8, 1 to 64 bytes; absent is the default partition. */
  public static ByteString partitionKey(Optional<String> partition) {
    if (partition.isEmpty()) {
      return ByteString.EMPTY;
    }
    byte[] b = partition.get().getBytes(StandardCharsets.UTF_8);
    if (b.length == 0 || b.length > 64) {
      throw new InvalidException("partition must be 1 to 64 bytes of UTF-8, got " + b.length);
    }
    return ByteString.copyFrom(b);
  }

  /** Checks a partition name as given to a builder; returns it. */
  public static String partition(String partition) {
    if (partition == null) {
      throw new InvalidException("partition must not be null");
    }
    partitionKey(Optional.of(partition));
    return partition;
  }

  /** A timeout that must not be null or negative. */
  public static Duration timeout(Duration d, String name) {
    if (d == null) {
      throw new InvalidException(name + " must not be null");
    }
    if (d.isNegative()) {
      throw new InvalidException(name + " must not be negative, got " + d);
    }
    return d;
  }

  /** A positive duration in whole seconds. */
  public static Duration wholeSeconds(Duration d, String name) {
    timeout(d, name);
    if (d.isZero() || d.getNano() != 0 || d.getSeconds() > Integer.MAX_VALUE) {
      throw new InvalidException(name + " must be a positive whole number of seconds, got " + d);
    }
    return d;
  }
}

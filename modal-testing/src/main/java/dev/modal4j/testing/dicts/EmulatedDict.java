package dev.modal4j.testing.dicts;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.DictEntry;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One dict: opaque key bytes to opaque value bytes. Keys compare as Modal compares them, by their
 * bytes (the pickles the clients wrote), never by a decoded value. Every method locks the dict.
 */
final class EmulatedDict {
  private final Map<ByteString, ByteString> entries = new LinkedHashMap<>();
  private final double createdAt;

  EmulatedDict(double createdAt) {
    this.createdAt = createdAt;
  }

  /** When the dict was made, in seconds since the epoch. */
  double createdAt() {
    return createdAt;
  }

  private boolean gone;

  synchronized Optional<ByteString> get(ByteString key) {
    checkLive();
    return Optional.ofNullable(entries.get(key));
  }

  synchronized boolean contains(ByteString key) {
    checkLive();
    return entries.containsKey(key);
  }

  synchronized Optional<ByteString> pop(ByteString key) {
    checkLive();
    return Optional.ofNullable(entries.remove(key));
  }

  synchronized int len() {
    checkLive();
    return entries.size();
  }

  synchronized void clear() {
    checkLive();
    entries.clear();
  }

  /** Stores the entries; with {@code ifNotExists}, only absent keys. True if all were stored. */
  synchronized boolean update(List<DictEntry> updates, boolean ifNotExists) {
    checkLive();
    boolean all = true;
    for (DictEntry e : updates) {
      if (ifNotExists && entries.containsKey(e.getKey())) {
        all = false;
      } else {
        entries.put(e.getKey(), e.getValue());
      }
    }
    return all;
  }

  /** A copy of the entries, in insertion order. */
  synchronized List<Map.Entry<ByteString, ByteString>> snapshot() {
    checkLive();
    List<Map.Entry<ByteString, ByteString>> out = new ArrayList<>();
    entries.forEach((k, v) -> out.add(Map.entry(k, v)));
    return out;
  }

  synchronized void remove() {
    gone = true;
    entries.clear();
  }

  private void checkLive() {
    if (gone) {
      throw Status.NOT_FOUND.withDescription("Dict not found").asRuntimeException();
    }
  }
}

package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.FunctionGetOutputsItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The output stream of one call: entries in arrival order, addressed by sequence number (the
 * cursor) and by input index. Not thread-safe; used under the call's lock.
 */
final class OutputLog {
  static final int MAX_PER_READ = 1000;

  private final TreeMap<Long, OutputEntry> bySeq = new TreeMap<>();
  private final TreeMap<Integer, OutputEntry> byIdx = new TreeMap<>();
  private long nextSeq = 1;

  OutputEntry append(int idx, int attempt, FunctionGetOutputsItem item) {
    OutputEntry entry = new OutputEntry(nextSeq++, idx, attempt, item);
    bySeq.put(entry.seq, entry);
    OutputEntry previous = byIdx.put(idx, entry);
    if (previous != null) {
      bySeq.remove(previous.seq);
    }
    return entry;
  }

  /** Entries after {@code afterSeq}, optionally only for indexes in [startIdx, endIdx]. */
  List<OutputEntry> read(long afterSeq, Integer startIdx, Integer endIdx, int maxValues) {
    int limit = maxValues > 0 ? Math.min(maxValues, MAX_PER_READ) : MAX_PER_READ;
    Collection<OutputEntry> candidates;
    if (startIdx != null || endIdx != null) {
      int from = startIdx == null ? Integer.MIN_VALUE : startIdx;
      int to = endIdx == null ? Integer.MAX_VALUE : endIdx;
      candidates = from > to ? List.of() : byIdx.subMap(from, true, to, true).values();
    } else {
      candidates = bySeq.tailMap(afterSeq, false).values();
    }
    List<OutputEntry> out = new ArrayList<>(Math.min(limit, 16));
    for (OutputEntry e : candidates) {
      if (e.seq > afterSeq) {
        out.add(e);
        if (out.size() >= limit) {
          break;
        }
      }
    }
    return out;
  }

  /** Every entry held, in arrival order. */
  List<OutputEntry> all() {
    return new ArrayList<>(bySeq.values());
  }

  OutputEntry latest(int idx) {
    return byIdx.get(idx);
  }

  void remove(OutputEntry entry) {
    if (bySeq.remove(entry.seq) != null && byIdx.get(entry.idx) == entry) {
      byIdx.remove(entry.idx);
    }
  }

  void removeIdx(int idx) {
    OutputEntry entry = byIdx.remove(idx);
    if (entry != null) {
      bySeq.remove(entry.seq);
    }
  }

  /** Drops every entry up to and including {@code seq}; returns the dropped entries. */
  List<OutputEntry> trimThrough(long seq) {
    NavigableMap<Long, OutputEntry> head = bySeq.headMap(seq, true);
    List<OutputEntry> dropped = new ArrayList<>(head.values());
    head.clear();
    for (OutputEntry e : dropped) {
      if (byIdx.get(e.idx) == e) {
        byIdx.remove(e.idx);
      }
    }
    return dropped;
  }

  int size() {
    return bySeq.size();
  }
}

package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.FunctionGetOutputsItem;

/** One output in a call's output stream, with its stream sequence number. */
final class OutputEntry {
  final long seq;
  final int idx;
  final int attempt;
  final FunctionGetOutputsItem item;

  OutputEntry(long seq, int idx, int attempt, FunctionGetOutputsItem item) {
    this.seq = seq;
    this.idx = idx;
    this.attempt = attempt;
    this.item = item;
  }

  /** The entry id clients use as a cursor, {@code "<seq>-0"}. */
  String entryId() {
    return seq + "-0";
  }
}

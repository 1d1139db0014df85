package dev.modal4j.internal.invocation;

import com.fasterxml.jackson.databind.JavaType;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionGetOutputsRequest;
import dev.modal4j.proto.ModalClientGrpc;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Iterates the results of a multi-input call (a spawnMap) in index order: windows of up to 49
 * indexes are fetched without waiting, and the first missing index is then awaited (protocol §6).
 */
final class IndexedResults<T> implements Iterator<T> {
  private static final int WINDOW = 49;

  private final FunctionInvoker invoker;
  private final String functionCallId;
  private final int count;
  private final JavaType type;
  private final TreeMap<Integer, FunctionGetOutputsItem> fetched = new TreeMap<>();
  private int next;

  IndexedResults(FunctionInvoker invoker, String functionCallId, int count, JavaType type) {
    this.invoker = invoker;
    this.functionCallId = functionCallId;
    this.count = count;
    this.type = type;
  }

  @Override
  public boolean hasNext() {
    return next < count;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    int index = next++;
    if (!fetched.containsKey(index)) {
      fetchWindow(index);
    }
    FunctionGetOutputsItem item = fetched.remove(index);
    if (item == null) {
      return Futures.join(invoker.<T>awaitCallAt(functionCallId, index, null, type));
    }
    return Futures.join(invoker.decoder().<T>decode(item.getResult(), item.getDataFormat(), type));
  }

  private void fetchWindow(int from) {
    int to = Math.min(count - 1, from + WINDOW - 1);
    FunctionGetOutputsRequest request =
        FunctionGetOutputsRequest.newBuilder()
            .setFunctionCallId(functionCallId)
            .setTimeout(0)
            .setLastEntryId("0-0")
            .setClearOnSuccess(false)
            .setRequestedAt(Invocation.now())
            .setStartIdx(from)
            .setEndIdx(to)
            .build();
    for (FunctionGetOutputsItem item :
        Futures.join(
                invoker
                    .context()
                    .controlPlane()
                    .unary(ModalClientGrpc.getFunctionGetOutputsMethod(), request))
            .getOutputsList()) {
      if (item.getIdx() >= from && item.getIdx() <= to) {
        fetched.put(item.getIdx(), item);
      }
    }
  }

  /** Used by FunctionCall: results of indexes {@code 0..count-1}, in order. */
  static <T> Iterator<T> of(
      FunctionInvoker invoker, String functionCallId, int count, JavaType type) {
    return new IndexedResults<>(invoker, functionCallId, count, type);
  }
}

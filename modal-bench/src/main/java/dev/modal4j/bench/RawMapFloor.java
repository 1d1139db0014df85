package dev.modal4j.bench;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionCallType;
import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionGetOutputsRequest;
import dev.modal4j.proto.FunctionGetOutputsResponse;
import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.FunctionMapRequest;
import dev.modal4j.proto.FunctionMapResponse;
import dev.modal4j.proto.FunctionPutInputsItem;
import dev.modal4j.proto.FunctionPutInputsRequest;
import dev.modal4j.proto.FunctionPutInputsResponse;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.ModalClientGrpc;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code map(square, 0..n-1)} done with bare stubs: FunctionMap (MAP, SYNC), a pusher thread
 * sending FunctionPutInputs batches of 49 under a semaphore of {@code max_inputs_outstanding}, with
 * at most {@code putsInFlight} of them in flight (the SDK allows 8), and the calling thread
 * draining FunctionGetOutputs with the cursor, then the acknowledging call. Every output is decoded
 * and checked ({@link MapTally}).
 */
final class RawMapFloor {

  static final int BATCH = 49;

  private final ModalClientGrpc.ModalClientBlockingStub stub;
  private final ModalClientGrpc.ModalClientFutureStub futureStub;
  private final String functionId;
  private final int putsInFlight;
  private final LongAdder puts = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder slotWaitNanos = new LongAdder();
  private final LongAdder polls = new LongAdder();
  private final LongAdder pollNanos = new LongAdder();

  RawMapFloor(RawConnection connection, String appName, String functionName, int putsInFlight) {
    this.stub = connection.stub();
    this.futureStub = connection.futureStub();
    this.putsInFlight = putsInFlight;
    this.functionId =
        stub.functionGet(
                FunctionGetRequest.newBuilder()
                    .setAppName(appName)
                    .setObjectTag(functionName)
                    .build())
            .getFunctionId();
  }

  /** Maps {@code square} over {@code 0..n-1} and returns the verified tally. */
  MapTally run(int n) throws InterruptedException {
    FunctionMapResponse map =
        stub.functionMap(
            FunctionMapRequest.newBuilder()
                .setFunctionId(functionId)
                .setFunctionCallType(FunctionCallType.FUNCTION_CALL_TYPE_MAP)
                .setFunctionCallInvocationType(
                    FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC)
                .build());
    String callId = map.getFunctionCallId();
    int outstanding = map.getMaxInputsOutstanding() == 0 ? 1000 : map.getMaxInputsOutstanding();
    Semaphore slots = new Semaphore(outstanding);
    CompletableFuture<Void> pushed = new CompletableFuture<>();
    Thread pusher = new Thread(() -> push(callId, n, slots, pushed), "raw-map-pusher");
    pusher.start();
    MapTally tally = new MapTally(n);
    boolean drained = false;
    try {
      drain(callId, tally, slots, pushed);
      drained = true;
    } finally {
      // Once every output is in, the pusher only awaits its last put responses: let it finish.
      if (!drained) {
        pusher.interrupt();
      }
      pusher.join();
      stub.functionGetOutputs(
          FunctionGetOutputsRequest.newBuilder()
              .setFunctionCallId(callId)
              .setTimeout(0f)
              .setLastEntryId("0-0")
              .setClearOnSuccess(true)
              .setRequestedAt(now())
              .build());
    }
    try {
      pushed.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("pushing inputs failed", e.getCause());
    }
    return tally;
  }

  private void push(String callId, int n, Semaphore slots, CompletableFuture<Void> pushed) {
    Semaphore putSlots = new Semaphore(putsInFlight);
    try {
      int idx = 0;
      while (idx < n) {
        FunctionPutInputsRequest.Builder batch =
            FunctionPutInputsRequest.newBuilder()
                .setFunctionId(functionId)
                .setFunctionCallId(callId);
        while (idx < n && batch.getInputsCount() < BATCH) {
          if (!slots.tryAcquire()) {
            if (batch.getInputsCount() > 0) {
              break;
            }
            long w = System.nanoTime();
            slots.acquire();
            slotWaitNanos.add(System.nanoTime() - w);
          }
          batch.addInputs(item(idx++));
        }
        putSlots.acquire();
        if (pushed.isDone()) {
          return;
        }
        send(batch.build(), putSlots, pushed);
      }
      putSlots.acquire(putsInFlight);
      pushed.complete(null);
    } catch (InterruptedException | RuntimeException e) {
      pushed.completeExceptionally(e);
    }
  }

  private void send(
      FunctionPutInputsRequest req, Semaphore putSlots, CompletableFuture<Void> pushed) {
    long t = System.nanoTime();
    ListenableFuture<FunctionPutInputsResponse> f = futureStub.functionPutInputs(req);
    f.addListener(
        () -> {
          putNanos.add(System.nanoTime() - t);
          puts.increment();
          try {
            int sent = Futures.getDone(f).getInputsCount();
            if (sent != req.getInputsCount()) {
              throw new IllegalStateException(
                  "FunctionPutInputs accepted " + sent + " of " + req.getInputsCount());
            }
          } catch (ExecutionException | RuntimeException e) {
            pushed.completeExceptionally(e);
          } finally {
            putSlots.release();
          }
        },
        MoreExecutors.directExecutor());
  }

  private void drain(
      String callId, MapTally tally, Semaphore slots, CompletableFuture<Void> pushed) {
    String cursor = "0-0";
    while (!tally.complete()) {
      if (pushed.isCompletedExceptionally()) {
        return;
      }
      long t = System.nanoTime();
      FunctionGetOutputsResponse out =
          stub.functionGetOutputs(
              FunctionGetOutputsRequest.newBuilder()
                  .setFunctionCallId(callId)
                  .setTimeout(55f)
                  .setLastEntryId(cursor)
                  .setClearOnSuccess(false)
                  .setRequestedAt(now())
                  .build());
      pollNanos.add(System.nanoTime() - t);
      polls.increment();
      cursor = out.getLastEntryId().isEmpty() ? cursor : out.getLastEntryId();
      for (FunctionGetOutputsItem item : out.getOutputsList()) {
        GenericResult r = item.getResult();
        if (r.getStatus() != GenericResult.GenericStatus.GENERIC_STATUS_SUCCESS) {
          throw new IllegalStateException(
              "input " + item.getIdx() + " failed: " + r.getException());
        }
        if (tally.accept(item.getIdx(), Cbor.decode(r.getData().toByteArray(), Long.class))) {
          slots.release();
        }
      }
    }
  }

  /** RPC counts and times since this floor was created, for the analysis. */
  String stats() {
    long p = Math.max(1, puts.sum());
    long q = Math.max(1, polls.sum());
    return String.format(
        "%d FunctionPutInputs (%.2f ms each, up to %d in flight), pusher blocked on slots %.1f s;"
            + " %d FunctionGetOutputs (%.2f ms each)",
        puts.sum(),
        putNanos.sum() / 1e6 / p,
        putsInFlight,
        slotWaitNanos.sum() / 1e9,
        polls.sum(),
        pollNanos.sum() / 1e6 / q);
  }

  private static FunctionPutInputsItem item(int idx) {
    return FunctionPutInputsItem.newBuilder()
        .setIdx(idx)
        .setInput(
            FunctionInput.newBuilder()
                .setArgs(ByteString.copyFrom(Cbor.args(idx)))
                .setDataFormat(DataFormat.DATA_FORMAT_CBOR)
                .setMethodName(""))
        .build();
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }
}

package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.AttemptAwaitResponse;
import dev.modal4j.proto.DataChunk;
import dev.modal4j.proto.FunctionGetOutputsResponse;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.MapAwaitResponse;
import dev.modal4j.testing.functions.FunctionFaults;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Long polls over a call's outputs (FunctionGetOutputs, MapAwait, AttemptAwait) and generator data
 * streams. A poll with nothing to return is parked, never blocking a gRPC thread, and is answered
 * when a matching output arrives or its timeout passes.
 */
public final class OutputPolls {
  static final double MAX_TIMEOUT_SECONDS = 60;

  private final CallEngine engine;
  private final FunctionFaults faults;

  /** Creates the poller. */
  public OutputPolls(CallEngine engine, FunctionFaults faults) {
    this.engine = engine;
    this.faults = faults;
  }

  /** Parses a stream cursor: "" and "0-0" mean the start; otherwise {@code "<seq>-<n>"}. */
  public static long cursor(String lastEntryId) {
    if (lastEntryId == null || lastEntryId.isEmpty()) {
      return 0;
    }
    int dash = lastEntryId.indexOf('-');
    try {
      return Long.parseLong(dash < 0 ? lastEntryId : lastEntryId.substring(0, dash));
    } catch (NumberFormatException e) {
      throw Status.INVALID_ARGUMENT
          .withDescription("invalid last_entry_id '" + lastEntryId + "'")
          .asRuntimeException();
    }
  }

  /** FunctionGetOutputs (and MapAwait): outputs after a cursor, optionally in an index window. */
  public void outputs(
      CallState call,
      OutputQuery query,
      double timeoutSeconds,
      StreamObserver<FunctionGetOutputsResponse> observer) {
    outputs(call, query, timeoutSeconds, observer, r -> r);
  }

  private <T> void outputs(
      CallState call,
      OutputQuery query,
      double timeoutSeconds,
      StreamObserver<T> observer,
      java.util.function.Function<FunctionGetOutputsResponse, T> convert) {
    Waiter waiter =
        new Waiter() {
          @Override
          boolean wants(OutputEntry entry) {
            return query.matches(entry);
          }

          @Override
          void respond() {
            FunctionGetOutputsResponse response;
            boolean expire;
            synchronized (call) {
              call.unpark(this);
              response = query.respond(call);
              expire =
                  query.clearOnSuccess && call.unfinished == 0 && response.getOutputsCount() > 0;
            }
            if (expire) {
              engine.expireLater(call);
            }
            send(observer, convert.apply(response));
          }
        };
    List<String> forgotten = new java.util.ArrayList<>();
    synchronized (call) {
      if (call.trimsAcknowledgedOutputs() && query.afterSeq > 0) {
        for (OutputEntry dropped : call.outputs.trimThrough(query.afterSeq)) {
          InputState in = call.inputs.get(dropped.idx);
          if (in != null && in.finished && in.status == GenericStatus.GENERIC_STATUS_SUCCESS) {
            call.inputs.remove(dropped.idx);
            forgotten.add(in.inputId);
          }
        }
      }
    }
    engine.forgetInputs(call, forgotten);
    park(
        call,
        waiter,
        () -> !call.outputs.read(query.afterSeq, query.startIdx, query.endIdx, 1).isEmpty(),
        timeoutSeconds,
        observer);
  }

  /** MapAwait: like FunctionGetOutputs with a cursor, answered as a MapAwaitResponse. */
  public void mapAwait(
      CallState call, long afterSeq, double timeoutSeconds, StreamObserver<MapAwaitResponse> out) {
    OutputQuery query = new OutputQuery(afterSeq, null, null, 0, false, afterSeq + "-0");
    outputs(
        call,
        query,
        timeoutSeconds,
        out,
        r ->
            MapAwaitResponse.newBuilder()
                .addAllOutputs(r.getOutputsList())
                .setLastEntryId(r.getLastEntryId())
                .build());
  }

  /** AttemptAwait: the output of one attempt of one input. */
  public void attemptAwait(
      CallState call,
      int idx,
      int attempt,
      double timeoutSeconds,
      StreamObserver<AttemptAwaitResponse> observer) {
    Waiter waiter =
        new Waiter() {
          @Override
          boolean wants(OutputEntry entry) {
            return entry.idx == idx && entry.attempt == attempt;
          }

          @Override
          void respond() {
            AttemptAwaitResponse.Builder response = AttemptAwaitResponse.newBuilder();
            synchronized (call) {
              call.unpark(this);
              OutputEntry e = call.outputs.latest(idx);
              if (e != null && e.attempt == attempt) {
                response.setOutput(e.item);
              }
            }
            if (response.hasOutput()) {
              engine.expireLater(call);
            }
            send(observer, response.build());
          }
        };
    park(
        call,
        waiter,
        () -> {
          OutputEntry e = call.outputs.latest(idx);
          return e != null && e.attempt == attempt;
        },
        timeoutSeconds,
        observer);
  }

  /** FunctionCallGetDataOut: generator items after {@code lastIndex}, then the end of stream. */
  public void dataOut(
      CallState call, long lastIndex, ServerCallStreamObserver<DataChunk> observer) {
    int dropAfter = 0;
    double rate = faults.dropStreamRate();
    if (rate > 0 && faults.random("drop-stream").nextDouble() < rate) {
      dropAfter = 1 + faults.random("drop-stream").nextInt(3);
    }
    DataSubscriber subscriber = new DataSubscriber(call, observer, lastIndex, dropAfter);
    observer.setOnCancelHandler(subscriber::cancelled);
    synchronized (call) {
      call.data().subscribe(subscriber);
    }
    subscriber.drain();
  }

  private <T> void park(
      CallState call,
      Waiter waiter,
      java.util.function.BooleanSupplier ready,
      double timeoutSeconds,
      StreamObserver<T> observer) {
    double timeout = Math.max(0, Math.min(MAX_TIMEOUT_SECONDS, timeoutSeconds));
    if (observer instanceof ServerCallStreamObserver) {
      ((ServerCallStreamObserver<T>) observer)
          .setOnCancelHandler(
              () -> {
                if (waiter.abandon()) {
                  synchronized (call) {
                    call.unpark(waiter);
                  }
                }
              });
    }
    boolean now;
    synchronized (call) {
      now = timeout == 0 || ready.getAsBoolean();
      if (!now) {
        call.park(waiter);
      }
    }
    if (now) {
      waiter.fire();
      return;
    }
    waiter.setTimer(
        engine
            .workers()
            .scheduler()
            .schedule(waiter::fire, (long) (timeout * 1000), TimeUnit.MILLISECONDS));
  }

  static <T> void send(StreamObserver<T> observer, T response) {
    try {
      observer.onNext(response);
      observer.onCompleted();
    } catch (RuntimeException e) {
      // The client went away; nothing to deliver.
    }
  }

  /** The shape of an outputs read. */
  public static final class OutputQuery {
    final long afterSeq;
    final Integer startIdx;
    final Integer endIdx;
    final int maxValues;
    final boolean clearOnSuccess;
    final String requestCursor;

    /** Creates a query over outputs after {@code afterSeq}. */
    public OutputQuery(
        long afterSeq,
        Integer startIdx,
        Integer endIdx,
        int maxValues,
        boolean clearOnSuccess,
        String requestCursor) {
      this.afterSeq = afterSeq;
      this.startIdx = startIdx;
      this.endIdx = endIdx;
      this.maxValues = maxValues;
      this.clearOnSuccess = clearOnSuccess;
      this.requestCursor = requestCursor;
    }

    boolean matches(OutputEntry e) {
      return e.seq > afterSeq
          && (startIdx == null || e.idx >= startIdx)
          && (endIdx == null || e.idx <= endIdx);
    }

    FunctionGetOutputsResponse respond(CallState call) {
      List<OutputEntry> entries = call.outputs.read(afterSeq, startIdx, endIdx, maxValues);
      FunctionGetOutputsResponse.Builder r =
          FunctionGetOutputsResponse.newBuilder().setNumUnfinishedInputs(call.unfinished);
      OutputEntry last = null;
      for (OutputEntry e : entries) {
        r.addOutputs(e.item).addIdxs(e.idx);
        if (last == null || e.seq > last.seq) {
          last = e;
        }
        if (clearOnSuccess) {
          call.outputs.remove(e);
        }
      }
      String cursor = requestCursor.isEmpty() ? "0-0" : requestCursor;
      return r.setLastEntryId(last == null ? cursor : last.entryId()).build();
    }
  }
}

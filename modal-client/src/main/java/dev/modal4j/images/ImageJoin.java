package dev.modal4j.images;

import dev.modal4j.ServiceException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.ImageJoinStreamingRequest;
import dev.modal4j.proto.ImageJoinStreamingResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.TaskLogs;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Waits for one image build: ImageJoinStreaming (55 s long polls) reopened from the last entry id
 * until an item carries a result; up to 3 retries on transient errors. Every TaskLogs {@code data}
 * goes to the build's log sink as it arrives; after the result the stream is read to its end, as
 * Python does, since more log lines can follow it.
 */
final class ImageJoin {
  private static final float TIMEOUT_SECONDS = 55;
  private static final int MAX_RETRIES = 3;

  private final ClientContext context;
  private final String imageId;
  private final Consumer<String> logs;
  private final CompletableFuture<GenericResult> result = new CompletableFuture<>();
  private volatile GenericResult finished;
  private volatile String lastEntryId = "";
  private volatile RpcInvoker.StreamHandle handle;
  private int retries;

  ImageJoin(ClientContext context, String imageId, Consumer<String> logs) {
    this.context = context;
    this.imageId = imageId;
    this.logs = logs;
  }

  CompletableFuture<GenericResult> start() {
    result.whenComplete(
        (r, t) -> {
          RpcInvoker.StreamHandle h = handle;
          if (h != null) {
            h.cancel();
          }
        });
    open();
    return result;
  }

  private void open() {
    if (result.isDone()) {
      return;
    }
    ImageJoinStreamingRequest request =
        ImageJoinStreamingRequest.newBuilder()
            .setImageId(imageId)
            .setTimeout(TIMEOUT_SECONDS)
            .setLastEntryId(lastEntryId)
            .build();
    try {
      handle =
          context
              .controlPlane()
              .serverStream(ModalClientGrpc.getImageJoinStreamingMethod(), request, new Observer());
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  private final class Observer implements StreamObserver<ImageJoinStreamingResponse> {
    @Override
    public void onNext(ImageJoinStreamingResponse item) {
      if (!item.getEntryId().isEmpty()) {
        lastEntryId = item.getEntryId();
      }
      for (TaskLogs log : item.getTaskLogsList()) {
        if (!log.getData().isEmpty()) {
          logs.accept(log.getData());
        }
      }
      if (item.hasResult()
          && item.getResult().getStatus() != GenericStatus.GENERIC_STATUS_UNSPECIFIED) {
        finished = item.getResult();
      }
      if (item.getEof() && finished != null) {
        result.complete(finished);
      }
    }

    @Override
    public void onError(Throwable t) {
      if (finished != null) {
        result.complete(finished);
      } else if (t instanceof ServiceException && retries < MAX_RETRIES) {
        retries++;
        open();
      } else {
        result.completeExceptionally(t);
      }
    }

    @Override
    public void onCompleted() {
      if (finished != null) {
        result.complete(finished);
        return;
      }
      open();
    }
  }
}

package dev.modal4j.images;

import dev.modal4j.ServiceException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.ImageJoinStreamingRequest;
import dev.modal4j.proto.ImageJoinStreamingResponse;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/**
 * Waits for one image build: ImageJoinStreaming (55 s long polls) reopened from the last entry id
 * until an item carries a result; up to 3 retries on transient errors.
 */
final class ImageJoin {
  private static final float TIMEOUT_SECONDS = 55;
  private static final int MAX_RETRIES = 3;

  private final ClientContext context;
  private final String imageId;
  private final CompletableFuture<GenericResult> result = new CompletableFuture<>();
  private volatile String lastEntryId = "";
  private volatile RpcInvoker.StreamHandle handle;
  private int retries;

  ImageJoin(ClientContext context, String imageId) {
    this.context = context;
    this.imageId = imageId;
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
      if (item.hasResult()
          && item.getResult().getStatus() != GenericStatus.GENERIC_STATUS_UNSPECIFIED) {
        result.complete(item.getResult());
      }
    }

    @Override
    public void onError(Throwable t) {
      if (t instanceof ServiceException && retries < MAX_RETRIES) {
        retries++;
        open();
      } else {
        result.completeExceptionally(t);
      }
    }

    @Override
    public void onCompleted() {
      open();
    }
  }
}

package dev.modal4j.internal.blob;

import com.google.protobuf.ByteString;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.ServiceException;
import dev.modal4j.events.BlobTransferEvent;
import dev.modal4j.internal.events.Events;
import dev.modal4j.internal.rpc.RpcInvoker;
import dev.modal4j.internal.transport.ChannelRule;
import dev.modal4j.proto.BlobCreateRequest;
import dev.modal4j.proto.BlobCreateResponse;
import dev.modal4j.proto.BlobGetRequest;
import dev.modal4j.proto.ModalClientGrpc;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Large payloads through Modal's blob store: {@code BlobCreate} + HTTP PUT to upload (or, when
 * Modal asks for it, a {@link MultipartUpload}), {@code BlobGet} + HTTP GET to download
 * (protocol/functions.md §8.4). Always on the control plane.
 */
public final class BlobClient {
  static final int PUT_ATTEMPTS = 3;
  static final Duration PUT_BASE_DELAY = Duration.ofMillis(300);
  static final int GET_ATTEMPTS = 5;
  static final Duration GET_BASE_DELAY = Duration.ofMillis(100);

  private final RpcInvoker controlPlane;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final boolean allowInsecure;
  private final Events events;

  /**
   * Creates a blob client on the control plane; HTTP transfers run on {@code executor}.
   *
   * @param allowInsecure whether the URLs Modal hands out may be plaintext to a host that is not
   *     loopback (see {@link ChannelRule}); any other URL is refused before a connection is made
   */
  public BlobClient(
      RpcInvoker controlPlane,
      Executor executor,
      ScheduledExecutorService scheduler,
      boolean allowInsecure) {
    this(controlPlane, executor, scheduler, allowInsecure, null);
  }

  /**
   * As {@link #BlobClient(RpcInvoker, Executor, ScheduledExecutorService, boolean)}, telling {@code
   * events} (null for none) about every transfer.
   */
  public BlobClient(
      RpcInvoker controlPlane,
      Executor executor,
      ScheduledExecutorService scheduler,
      boolean allowInsecure,
      Events events) {
    this.events = events;
    this.controlPlane = controlPlane;
    this.executor = executor;
    this.scheduler = scheduler;
    this.allowInsecure = allowInsecure;
  }

  /**
   * Uploads {@code data} and completes with its blob id. The two digests BlobCreate needs are
   * computed in parallel (SHA-256 on the executor, MD5 here): on large payloads they cost about as
   * much as the transfer itself.
   */
  public CompletableFuture<String> upload(byte[] data) {
    if (events == null) {
      return uploadOnce(data);
    }
    long started = System.nanoTime();
    return uploadOnce(data)
        .whenComplete(
            (id, err) ->
                events.blobTransfer(
                    BlobTransferEvent.Direction.UPLOAD,
                    data.length,
                    System.nanoTime() - started,
                    err == null));
  }

  private CompletableFuture<String> uploadOnce(byte[] data) {
    CompletableFuture<String> sha256 =
        CompletableFuture.supplyAsync(() -> base64Digest("SHA-256", data), executor);
    String contentMd5 = base64Digest("MD5", data);
    return sha256.thenCompose(
        sha ->
            controlPlane
                .unary(
                    ModalClientGrpc.getBlobCreateMethod(),
                    BlobCreateRequest.newBuilder()
                        .setContentMd5(contentMd5)
                        .setContentSha256Base64(sha)
                        .setContentLength(data.length)
                        .build())
                .thenCompose(response -> put(response, data, contentMd5)));
  }

  /**
   * Uploads {@code length} bytes of {@code source} (streamed, read again on a retry) whose digests
   * the caller computed, and completes with the blob id.
   *
   * @param contentMd5 the base64 MD5 of the bytes
   * @param sha256Base64 the base64 SHA-256 of the bytes
   */
  public CompletableFuture<String> upload(
      RangeSource source, long length, String contentMd5, String sha256Base64) {
    long started = System.nanoTime();
    CompletableFuture<String> done =
        controlPlane
            .unary(
                ModalClientGrpc.getBlobCreateMethod(),
                BlobCreateRequest.newBuilder()
                    .setContentMd5(contentMd5)
                    .setContentSha256Base64(sha256Base64)
                    .setContentLength(length)
                    .build())
            .thenCompose(
                response ->
                    put(
                        response,
                        length,
                        source,
                        url -> HttpTransfer.putRange(url, source, 0, length, contentMd5)));
    if (events == null) {
      return done;
    }
    return done.whenComplete(
        (id, err) ->
            events.blobTransfer(
                BlobTransferEvent.Direction.UPLOAD,
                length,
                System.nanoTime() - started,
                err == null));
  }

  /** One blocking PUT to an upload URL. */
  private interface Put {
    void to(String url) throws IOException;
  }

  private CompletableFuture<String> put(BlobCreateResponse response, byte[] data, String md5) {
    return put(
        response,
        data.length,
        (out, offset, length) -> out.write(data, (int) offset, (int) length),
        url -> HttpTransfer.put(url, data, md5));
  }

  private CompletableFuture<String> put(
      BlobCreateResponse response, long length, RangeSource source, Put transfer) {
    if (response.hasMultipart()) {
      if (response.getBlobId().isEmpty()) {
        return CompletableFuture.failedFuture(
            new ServiceException("BlobCreate answered a multipart upload without a blob id"));
      }
      return MultipartUpload.run(
              response.getMultipart(), source, length, allowInsecure, executor, scheduler)
          .thenApply(v -> response.getBlobId())
          .exceptionallyCompose(e -> CompletableFuture.failedFuture(wrap("upload", e)));
    }
    if (!response.hasUploadUrl() || response.getBlobId().isEmpty()) {
      return CompletableFuture.failedFuture(
          new ServiceException("BlobCreate answered without an upload URL or blob id"));
    }
    String url = response.getUploadUrl();
    try {
      ChannelRule.checkServedUrl(url, "blob upload", allowInsecure);
    } catch (InvalidException e) {
      return CompletableFuture.failedFuture(e);
    }
    return HttpRetry.run(
            () -> {
              transfer.to(url);
              return response.getBlobId();
            },
            PUT_ATTEMPTS,
            PUT_BASE_DELAY,
            executor,
            scheduler)
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(wrap("upload", e)));
  }

  /** Downloads the blob {@code blobId}. */
  public CompletableFuture<byte[]> download(String blobId) {
    if (events == null) {
      return downloadOnce(blobId);
    }
    long started = System.nanoTime();
    return downloadOnce(blobId)
        .whenComplete(
            (bytes, err) ->
                events.blobTransfer(
                    BlobTransferEvent.Direction.DOWNLOAD,
                    bytes == null ? 0 : bytes.length,
                    System.nanoTime() - started,
                    err == null));
  }

  private CompletableFuture<byte[]> downloadOnce(String blobId) {
    return controlPlane
        .unary(
            ModalClientGrpc.getBlobGetMethod(),
            BlobGetRequest.newBuilder().setBlobId(blobId).build())
        .thenCompose(
            response -> {
              if (response.getDownloadUrl().isEmpty()) {
                return CompletableFuture.failedFuture(
                    new ServiceException("BlobGet answered without a download URL"));
              }
              try {
                ChannelRule.checkServedUrl(
                    response.getDownloadUrl(), "blob download", allowInsecure);
              } catch (InvalidException e) {
                return CompletableFuture.failedFuture(e);
              }
              return HttpRetry.run(
                      () -> HttpTransfer.get(response.getDownloadUrl()),
                      GET_ATTEMPTS,
                      GET_BASE_DELAY,
                      executor,
                      scheduler)
                  .exceptionallyCompose(e -> CompletableFuture.failedFuture(wrap("download", e)));
            });
  }

  /** Bytes as a protobuf {@code ByteString} without copying twice. */
  public static ByteString bytes(byte[] data) {
    return com.google.protobuf.UnsafeByteOperations.unsafeWrap(data);
  }

  private static Throwable wrap(String what, Throwable e) {
    Throwable cause = HttpRetry.unwrap(e);
    if (cause instanceof ModalException) {
      return cause;
    }
    if (cause instanceof IOException) {
      return new ServiceException("blob " + what + " failed: " + cause.getMessage(), cause);
    }
    return new ModalException("blob " + what + " failed: " + cause, cause);
  }

  private static String base64Digest(String algorithm, byte[] data) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required by every JDK", e);
    }
  }
}

package dev.modal4j.internal.volumes;

import com.google.protobuf.ByteString;
import dev.modal4j.ModalException;
import dev.modal4j.ServiceException;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.MountFile;
import dev.modal4j.proto.MountPutFileRequest;
import dev.modal4j.proto.MountPutFileResponse;
import dev.modal4j.proto.VolumePutFilesRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A batch upload to a v1 volume: each file's SHA-256 is offered with MountPutFile; content Modal
 * does not have yet is sent inline (under 4 MiB) or through a blob (BlobCreate + HTTP PUT, streamed
 * from the file); then VolumePutFiles names the files. A file is read twice at most (hashes, then
 * upload), small ones once.
 */
final class UploadV1 {
  /** Files this large or larger go through the blob store, as Modal's Python SDK does. */
  static final long LARGE_FILE_LIMIT = 4L << 20;

  /** Files hashed and uploaded at once. */
  static final int CONCURRENCY = 4;

  /** MountPutFile rounds after an upload before giving up on Modal confirming the content. */
  static final int CONFIRM_ATTEMPTS = 20;

  private static final CallPolicy SLOW_RETRY =
      CallPolicy.builder().baseDelay(Duration.ofSeconds(1)).build();

  private final VolumeFiles volume;

  private UploadV1(VolumeFiles volume) {
    this.volume = volume;
  }

  static CompletableFuture<Void> run(VolumeFiles volume, List<UploadItem> items, boolean force) {
    UploadV1 u = new UploadV1(volume);
    return Bounded.map(items, CONCURRENCY, u::uploadOne)
        .thenCompose(
            files ->
                volume
                    .context()
                    .controlPlane()
                    .unary(
                        ModalClientGrpc.getVolumePutFilesMethod(),
                        VolumePutFilesRequest.newBuilder()
                            .setVolumeId(volume.volumeId())
                            .addAllFiles(files)
                            .setDisallowOverwriteExistingFiles(!force)
                            .build(),
                        SLOW_RETRY))
        .thenApply(e -> (Void) null);
  }

  /** What one file is: its hashes and, when small, its bytes. */
  private record Spec(
      UploadItem item, String sha256Hex, String sha256Base64, String md5, byte[] inline) {}

  private CompletableFuture<MountFile> uploadOne(UploadItem item) {
    return CompletableFuture.supplyAsync(() -> spec(item), volume.context().blockingExecutor())
        .thenCompose(
            spec ->
                putFile(MountPutFileRequest.newBuilder().setSha256Hex(spec.sha256Hex()).build())
                    .thenCompose(r -> r.getExists() ? done() : store(spec))
                    .thenApply(
                        v ->
                            MountFile.newBuilder()
                                .setFilename(item.remotePath())
                                .setSha256Hex(spec.sha256Hex())
                                .setMode(item.mode())
                                .build()));
  }

  private static Spec spec(UploadItem item) {
    UploadSource source = item.source();
    try {
      if (source.size() < LARGE_FILE_LIMIT) {
        // Small: read once into memory, hashed from there (a spooled stream is read once more).
        ByteArrayOutputStream all = new ByteArrayOutputStream((int) source.size());
        source.copyTo(all, 0, source.size());
        byte[] bytes = all.toByteArray();
        Digests.Whole d = Digests.whole(UploadSource.of(bytes));
        return new Spec(item, Digests.hex(d.sha256()), null, null, bytes);
      }
      Digests.Whole d = source.knownWhole() != null ? source.knownWhole() : Digests.whole(source);
      Base64.Encoder b64 = Base64.getEncoder();
      return new Spec(
          item,
          Digests.hex(d.sha256()),
          b64.encodeToString(d.sha256()),
          b64.encodeToString(d.md5()),
          null);
    } catch (IOException e) {
      throw new CompletionException(
          new ModalException("cannot read " + source.describe() + ": " + e.getMessage(), e));
    } catch (UncheckedIOException e) {
      throw new CompletionException(
          new ModalException("cannot read " + source.describe() + ": " + e.getMessage(), e));
    }
  }

  private CompletableFuture<Void> store(Spec spec) {
    CompletableFuture<MountPutFileRequest> request;
    if (spec.inline() != null) {
      request =
          CompletableFuture.completedFuture(
              MountPutFileRequest.newBuilder()
                  .setSha256Hex(spec.sha256Hex())
                  .setData(ByteString.copyFrom(spec.inline()))
                  .build());
    } else {
      UploadSource source = spec.item().source();
      request =
          volume
              .blobs()
              .upload(source, source.size(), spec.md5(), spec.sha256Base64())
              .thenApply(
                  blobId ->
                      MountPutFileRequest.newBuilder()
                          .setSha256Hex(spec.sha256Hex())
                          .setDataBlobId(blobId)
                          .build());
    }
    return request.thenCompose(r -> confirm(r, spec, 1));
  }

  private CompletableFuture<Void> confirm(MountPutFileRequest request, Spec spec, int attempt) {
    return putFile(request)
        .thenCompose(
            r -> {
              if (r.getExists()) {
                return done();
              }
              if (attempt >= CONFIRM_ATTEMPTS) {
                return CompletableFuture.failedFuture(
                    new ServiceException(
                        "Modal did not confirm the upload of "
                            + spec.item().source().describe()
                            + " to "
                            + spec.item().remotePath()));
              }
              return confirm(request, spec, attempt + 1);
            });
  }

  private CompletableFuture<MountPutFileResponse> putFile(MountPutFileRequest request) {
    return volume
        .context()
        .controlPlane()
        .unary(ModalClientGrpc.getMountPutFileMethod(), request, SLOW_RETRY);
  }

  private static CompletableFuture<Void> done() {
    return CompletableFuture.completedFuture(null);
  }
}

package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.BlobCreateRequest;
import dev.modal4j.proto.BlobCreateResponse;
import dev.modal4j.proto.BlobGetRequest;
import dev.modal4j.proto.BlobGetResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.UploadUrlList;
import dev.modal4j.testing.internal.EmulatorArea;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;

/** BlobCreate and BlobGet: upload and download URLs on the emulator's loopback HTTP server. */
public final class BlobsArea implements EmulatorArea {
  /** Largest single blob the emulator accepts (it keeps blobs in memory). */
  public static final long MAX_BLOB_BYTES = Integer.MAX_VALUE - 16;

  private final BlobStore store;
  private final HttpEndpoints http;
  private final Ids ids;

  /** Creates the area. */
  public BlobsArea(BlobStore store, HttpEndpoints http, Ids ids) {
    this.store = store;
    this.http = http;
    this.ids = ids;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Rpcs.unary(service, ModalClientGrpc.getBlobCreateMethod(), this::create);
    Rpcs.unary(service, ModalClientGrpc.getBlobGetMethod(), this::get);
  }

  private BlobCreateResponse create(BlobCreateRequest req) {
    long length = req.getContentLength();
    if (length < 0 || length > MAX_BLOB_BYTES) {
      throw InputValidator.invalid(
          "content_length must be between 0 and " + MAX_BLOB_BYTES + ", got " + length);
    }
    String id = ids.next("bl");
    store.reserve(id, length);
    String url = http.blobUrl(id);
    return BlobCreateResponse.newBuilder()
        .setBlobId(id)
        .setUploadUrl(url)
        .addBlobIds(id)
        .setUploadUrls(UploadUrlList.newBuilder().addItems(url))
        .build();
  }

  private BlobGetResponse get(BlobGetRequest req) {
    if (!store.contains(req.getBlobId())) {
      throw Status.NOT_FOUND
          .withDescription("Blob " + req.getBlobId() + " not found")
          .asRuntimeException();
    }
    return BlobGetResponse.newBuilder().setDownloadUrl(http.blobUrl(req.getBlobId())).build();
  }
}

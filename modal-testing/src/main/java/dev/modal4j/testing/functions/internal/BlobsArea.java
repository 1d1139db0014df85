package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.BlobCreateRequest;
import dev.modal4j.proto.BlobCreateResponse;
import dev.modal4j.proto.BlobGetRequest;
import dev.modal4j.proto.BlobGetResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.MultiPartUpload;
import dev.modal4j.proto.MultiPartUploadList;
import dev.modal4j.proto.UploadUrlList;
import dev.modal4j.testing.internal.EmulatorArea;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;

/**
 * BlobCreate and BlobGet: upload and download URLs on the emulator's loopback HTTP server; blobs
 * above the multipart threshold get a multipart upload ({@link MultipartUploads}) instead of one
 * PUT URL.
 */
public final class BlobsArea implements EmulatorArea {
  /** Largest single blob the emulator accepts (it keeps blobs in memory). */
  public static final long MAX_BLOB_BYTES = Integer.MAX_VALUE - 16;

  /**
   * Blobs longer than this are uploaded in parts unless set otherwise: Modal's, 1 GiB (its Python
   * SDK's {@code MULTIPART_UPLOAD_THRESHOLD}: the server may ask for parts below it, never above).
   */
  public static final long DEFAULT_MULTIPART_THRESHOLD = 1L << 30;

  /**
   * The part length of a multipart upload unless set otherwise (the emulator's choice; Modal's
   * clients take whatever {@code part_length} the server sends).
   */
  public static final long DEFAULT_MULTIPART_PART_LENGTH = 64L << 20;

  private final BlobStore store;
  private final HttpEndpoints http;
  private final Ids ids;
  private final long multipartThreshold;
  private final long partLength;

  /** Creates the area, with multipart uploads above Modal's threshold. */
  public BlobsArea(BlobStore store, HttpEndpoints http, Ids ids) {
    this(store, http, ids, DEFAULT_MULTIPART_THRESHOLD, DEFAULT_MULTIPART_PART_LENGTH);
  }

  /**
   * Creates the area: blobs longer than {@code multipartThreshold} bytes are uploaded in parts of
   * {@code partLength} bytes.
   */
  public BlobsArea(
      BlobStore store, HttpEndpoints http, Ids ids, long multipartThreshold, long partLength) {
    this.store = store;
    this.http = http;
    this.ids = ids;
    this.multipartThreshold = multipartThreshold;
    this.partLength = partLength;
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
    if (length > multipartThreshold) {
      http.multipart().begin(id, length, partLength);
      MultiPartUpload.Builder m =
          MultiPartUpload.newBuilder()
              .setPartLength(partLength)
              .setCompletionUrl(http.blobCompletionUrl(id));
      for (int n = 1; n <= MultipartUploads.partCount(length, partLength); n++) {
        m.addUploadUrls(http.blobPartUrl(id, n));
      }
      return BlobCreateResponse.newBuilder()
          .setBlobId(id)
          .setMultipart(m)
          .addBlobIds(id)
          .setMultiparts(MultiPartUploadList.newBuilder().addItems(m))
          .build();
    }
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

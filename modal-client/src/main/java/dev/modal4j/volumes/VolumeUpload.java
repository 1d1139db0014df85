package dev.modal4j.volumes;

import dev.modal4j.AlreadyExistsException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.volumes.UploadBatch;
import dev.modal4j.internal.volumes.VolumePaths;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A batch of files to upload to a volume, from {@link Volume#batchUpload()}: add files, bytes and
 * directories, then {@link #upload()} sends them all (parent directories are created as needed).
 *
 * <pre>{@code
 * volume.batchUpload()
 *     .putFile(Path.of("model.bin"), "/models/model.bin")
 *     .putDirectory(Path.of("data"), "/data")
 *     .putFile("hello".getBytes(UTF_8), "/hello.txt")
 *     .upload();
 * }</pre>
 *
 * <p>Files are streamed from disk (hashed, then the parts Modal lacks are sent), never held whole
 * in memory; an {@link InputStream} is spooled to a temporary file first; a directory is walked
 * when the batch is uploaded. Unless the batch was made with {@code force}, uploading over an
 * existing file fails with {@link AlreadyExistsException} and nothing of the batch is written. A
 * batch is uploaded once.
 */
public final class VolumeUpload {
  private final ClientContext context;
  private final UploadBatch batch;
  private boolean uploaded;

  VolumeUpload(ClientContext context, UploadBatch batch) {
    this.context = context;
    this.batch = batch;
  }

  /**
   * Adds the local file {@code localPath} as {@code remotePath}, with the file's own permission
   * bits.
   *
   * @throws InvalidException if an argument is null, {@code localPath} is not a regular file, or
   *     {@code remotePath} is blank or ends with "/"
   */
  public VolumeUpload putFile(Path localPath, String remotePath) {
    return putFile(localPath, remotePath, -1, "localPath");
  }

  /**
   * Adds the local file {@code localPath} as {@code remotePath} with permission bits {@code mode}
   * (e.g. {@code 0755}).
   *
   * @throws InvalidException if an argument is null, {@code localPath} is not a regular file,
   *     {@code remotePath} is blank or ends with "/", or {@code mode} is outside 0 to 07777
   */
  public VolumeUpload putFile(Path localPath, String remotePath, int mode) {
    checkMode(mode);
    return putFile(localPath, remotePath, mode, "localPath");
  }

  /**
   * Adds {@code data} (copied) as {@code remotePath}, with permission bits 0644.
   *
   * @throws InvalidException if an argument is null or {@code remotePath} is blank or ends with "/"
   */
  public VolumeUpload putFile(byte[] data, String remotePath) {
    return putFile(data, remotePath, UploadBatch.DEFAULT_MODE);
  }

  /**
   * Adds {@code data} (copied) as {@code remotePath} with permission bits {@code mode}.
   *
   * @throws InvalidException if an argument is null, {@code remotePath} is blank or ends with "/",
   *     or {@code mode} is outside 0 to 07777
   */
  public VolumeUpload putFile(byte[] data, String remotePath, int mode) {
    Args.notNull(data, "data");
    String remote = VolumePaths.uploadTarget(remotePath, "remotePath");
    checkMode(mode);
    checkOpen();
    batch.addBytes(data, remote, mode);
    return this;
  }

  /**
   * Adds the bytes of {@code stream}, to its end, as {@code remotePath}, with permission bits 0644.
   * See {@link #putFile(InputStream, String, int)}.
   *
   * @throws InvalidException if an argument is null or {@code remotePath} is blank or ends with "/"
   */
  public VolumeUpload putFile(InputStream stream, String remotePath) {
    return putFile(stream, remotePath, UploadBatch.DEFAULT_MODE);
  }

  /**
   * Adds the bytes of {@code stream}, to its end, as {@code remotePath} with permission bits {@code
   * mode}. The stream is read once, when the batch is uploaded, into a temporary file (hashed as it
   * is written; never held whole in memory), which is sent and then deleted however the upload
   * ends. As {@link Files#copy(InputStream, Path, java.nio.file.CopyOption...)}, the stream is not
   * closed: the caller closes it after the upload. If reading it fails, the upload fails with a
   * {@link ModalException} naming {@code remotePath} and nothing of the batch is written.
   *
   * @throws InvalidException if an argument is null, {@code remotePath} is blank or ends with "/",
   *     or {@code mode} is outside 0 to 07777
   */
  public VolumeUpload putFile(InputStream stream, String remotePath, int mode) {
    Args.notNull(stream, "stream");
    String remote = VolumePaths.uploadTarget(remotePath, "remotePath");
    checkMode(mode);
    checkOpen();
    batch.addStream(stream, remote, mode);
    return this;
  }

  /**
   * Adds every regular file below the local directory {@code localPath}, at the same relative path
   * under {@code remotePath}.
   *
   * @throws InvalidException if an argument is null, {@code localPath} is not a directory or {@code
   *     remotePath} is blank
   */
  public VolumeUpload putDirectory(Path localPath, String remotePath) {
    return putDirectory(localPath, remotePath, true);
  }

  /**
   * Adds the regular files of the local directory {@code localPath} (and, with {@code recursive},
   * of its subdirectories) at the same relative paths under {@code remotePath}.
   *
   * @throws InvalidException if an argument is null, {@code localPath} is not a directory or {@code
   *     remotePath} is blank
   */
  public VolumeUpload putDirectory(Path localPath, String remotePath, boolean recursive) {
    Args.notNull(localPath, "localPath");
    String remote = VolumePaths.uploadDirectory(remotePath, "remotePath");
    if (!Files.isDirectory(localPath)) {
      throw new InvalidException("localPath " + localPath + " is not a directory");
    }
    checkOpen();
    batch.addDirectory(localPath, remote, recursive);
    return this;
  }

  /**
   * Uploads the batch.
   *
   * @throws AlreadyExistsException if a file exists already and the batch was not made with force
   * @throws InvalidException if the batch was uploaded already
   * @throws ModalException if a local file cannot be read or the upload fails
   */
  public void upload() {
    Futures.join(uploadAsync());
  }

  /**
   * The async form of {@link #upload()}.
   *
   * @throws InvalidException if the batch was uploaded already
   */
  public CompletableFuture<Void> uploadAsync() {
    synchronized (this) {
      if (uploaded) {
        throw new InvalidException("this batch was uploaded already; start another");
      }
      uploaded = true;
    }
    if (batch.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return CallerFutures.hand(context, batch.upload());
  }

  private VolumeUpload putFile(Path localPath, String remotePath, int mode, String localName) {
    Args.notNull(localPath, localName);
    String remote = VolumePaths.uploadTarget(remotePath, "remotePath");
    if (!Files.isRegularFile(localPath)) {
      throw new InvalidException(localName + " " + localPath + " is not a regular file");
    }
    checkOpen();
    batch.addFile(localPath, remote, mode);
    return this;
  }

  private synchronized void checkOpen() {
    if (uploaded) {
      throw new InvalidException("this batch was uploaded already; start another");
    }
  }

  private static void checkMode(int mode) {
    if (mode < 0 || mode > 07777) {
      throw new InvalidException(
          "mode must be between 0 and 07777, got " + Integer.toOctalString(mode));
    }
  }

  @Override
  public String toString() {
    return "VolumeUpload{" + (uploaded ? "uploaded" : "open") + "}";
  }
}

package dev.modal4j.testing.functions.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multipart blob uploads, as Modal hands them out for large blobs (an S3 multipart upload behind
 * signed URLs): BlobCreate answers with a part length, one PUT URL per part and a completion URL;
 * each part is PUT (its ETag is the quoted hex MD5 of the part), then the completion URL is POSTed
 * a {@code CompleteMultipartUpload} XML body listing every part's number and ETag in order, and the
 * parts are joined into the blob, whose completion ETag is {@code hex(md5(the parts' binary MD5s
 * joined)) + "-" + parts}. Parts wait in files of the blob store's directory.
 */
public final class MultipartUploads {
  /** Unfinished uploads kept at most; past it the oldest are abandoned. */
  static final int MAX_PENDING = 1000;

  private static final Pattern PART =
      Pattern.compile(
          "<Part>\\s*<PartNumber>\\s*(\\d+)\\s*</PartNumber>\\s*<ETag>\\s*(?:&quot;|\")?"
              + "([0-9a-fA-F]{32})(?:&quot;|\")?\\s*</ETag>\\s*</Part>");

  private final BlobStore store;
  private final Map<String, Upload> uploads = new LinkedHashMap<>();

  /** One unfinished upload: its geometry, and the parts PUT so far (file and MD5 per number). */
  private static final class Upload {
    final long length;
    final long partLength;
    final int parts;
    final Path[] files;
    final byte[][] md5s;

    Upload(long length, long partLength, int parts) {
      this.length = length;
      this.partLength = partLength;
      this.parts = parts;
      this.files = new Path[parts];
      this.md5s = new byte[parts][];
    }

    long partSize(int number) {
      long start = (number - 1) * partLength;
      return Math.min(partLength, length - start);
    }
  }

  /** A refusal, with the HTTP status and S3-like code an object store would answer. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    Refused(int status, String code, String message) {
      super(code + ": " + message);
      this.status = status;
    }

    /** The HTTP status to answer. */
    public int status() {
      return status;
    }
  }

  /** Uploads whose parts and result live in {@code store}. */
  public MultipartUploads(BlobStore store) {
    this.store = store;
  }

  /** The number of parts of {@code length} bytes in parts of {@code partLength} (at least one). */
  public static int partCount(long length, long partLength) {
    return (int) Math.max(1, (length + partLength - 1) / partLength);
  }

  /**
   * Starts the upload of blob {@code blobId}: {@code length} bytes in parts of {@code partLength}.
   */
  public void begin(String blobId, long length, long partLength) {
    List<Upload> abandoned = new ArrayList<>();
    synchronized (this) {
      uploads.put(blobId, new Upload(length, partLength, partCount(length, partLength)));
      Iterator<Map.Entry<String, Upload>> it = uploads.entrySet().iterator();
      while (uploads.size() > MAX_PENDING && it.hasNext()) {
        abandoned.add(it.next().getValue());
        it.remove();
      }
    }
    abandoned.forEach(MultipartUploads::deleteParts);
  }

  /** Whether {@code blobId} is an unfinished multipart upload. */
  public synchronized boolean isPending(String blobId) {
    return uploads.containsKey(blobId);
  }

  /**
   * Stores part {@code number} (1-based) of {@code blobId} from {@code in}, replacing an earlier
   * PUT of that part.
   *
   * @return the part's MD5
   * @throws Refused if there is no such upload or part, or the body is not the part's length
   */
  public byte[] putPart(String blobId, int number, InputStream in) throws IOException, Refused {
    Upload u;
    synchronized (this) {
      u = uploads.get(blobId);
    }
    if (u == null) {
      throw new Refused(404, "NoSuchUpload", "no multipart upload for blob " + blobId);
    }
    if (number < 1 || number > u.parts) {
      throw new Refused(400, "InvalidArgument", "part " + number + " of " + u.parts);
    }
    long expected = u.partSize(number);
    Path file = store.scratchFile("part-" + UUID.randomUUID());
    MessageDigest md5 = newMd5();
    boolean kept = false;
    try {
      long n = 0;
      try (OutputStream out = Files.newOutputStream(file)) {
        byte[] buf = new byte[64 * 1024];
        for (int r; (r = in.read(buf)) != -1; ) {
          n += r;
          if (n > expected) {
            break;
          }
          md5.update(buf, 0, r);
          out.write(buf, 0, r);
        }
      }
      if (n != expected) {
        throw new Refused(
            400,
            "IncompleteBody",
            "part "
                + number
                + " must be "
                + expected
                + " bytes (part_length "
                + u.partLength
                + ")");
      }
      byte[] digest = md5.digest();
      Path old;
      synchronized (this) {
        if (uploads.get(blobId) != u) {
          throw new Refused(404, "NoSuchUpload", "the upload of blob " + blobId + " ended");
        }
        old = u.files[number - 1];
        u.files[number - 1] = file;
        u.md5s[number - 1] = digest;
      }
      kept = true;
      if (old != null) {
        Files.deleteIfExists(old);
      }
      return digest;
    } finally {
      if (!kept) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * Completes the upload of {@code blobId} from the {@code CompleteMultipartUpload} XML body: every
   * part, in order, with the ETag its PUT answered. The blob then holds the parts joined.
   *
   * @return the completion's ETag, {@code hex(md5(part MD5s)) + "-" + parts}
   * @throws Refused if the body does not list each part once in order with its ETag, or a part was
   *     not PUT
   */
  public String complete(String blobId, String body) throws IOException, Refused {
    Upload u;
    synchronized (this) {
      u = uploads.get(blobId);
    }
    if (u == null) {
      throw new Refused(404, "NoSuchUpload", "no multipart upload for blob " + blobId);
    }
    if (!body.contains("<CompleteMultipartUpload")) {
      throw new Refused(400, "MalformedXML", "the body is not a CompleteMultipartUpload element");
    }
    Matcher m = PART.matcher(body);
    List<Path> files = new ArrayList<>();
    MessageDigest joined = newMd5();
    int expected = 1;
    synchronized (this) {
      while (m.find()) {
        int number = Integer.parseInt(m.group(1));
        if (number != expected) {
          throw new Refused(
              400, "InvalidPartOrder", "part " + number + " listed where " + expected + " belongs");
        }
        if (number > u.parts || u.files[number - 1] == null) {
          throw new Refused(400, "InvalidPart", "part " + number + " was not uploaded");
        }
        if (!HexFormat.of().formatHex(u.md5s[number - 1]).equalsIgnoreCase(m.group(2))) {
          throw new Refused(400, "InvalidPart", "part " + number + "'s ETag does not match");
        }
        files.add(u.files[number - 1]);
        joined.update(u.md5s[number - 1]);
        expected++;
      }
      if (expected - 1 != u.parts) {
        throw new Refused(
            400, "InvalidPart", "the body lists " + (expected - 1) + " of " + u.parts + " parts");
      }
    }
    List<InputStream> streams = new ArrayList<>();
    try {
      for (Path f : files) {
        streams.add(Files.newInputStream(f));
      }
      try (InputStream all = new SequenceInputStream(Collections.enumeration(streams))) {
        store.putFrom(blobId, all, u.length, null);
      } catch (BlobStore.Rejected e) {
        throw new Refused(400, "IncompleteBody", e.getMessage());
      }
    } finally {
      for (InputStream s : streams) {
        s.close();
      }
    }
    synchronized (this) {
      uploads.remove(blobId, u);
    }
    deleteParts(u);
    return HexFormat.of().formatHex(joined.digest()) + "-" + u.parts;
  }

  /** Abandons every unfinished upload, deleting its parts. */
  public void close() {
    List<Upload> all;
    synchronized (this) {
      all = new ArrayList<>(uploads.values());
      uploads.clear();
    }
    all.forEach(MultipartUploads::deleteParts);
  }

  private static void deleteParts(Upload u) {
    for (Path f : u.files.clone()) {
      if (f != null) {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          // left for the blob store's directory clean-up
        }
      }
    }
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.modal4j.testing.functions.internal;

import static dev.modal4j.testing.internal.HttpExchanges.reply;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The HTTP side of {@link MultipartUploads}: {@code PUT /blobs/<id>/parts/<n>} stores a part and
 * answers its ETag; {@code POST /blobs/<id>/complete} joins the parts and answers an S3-like {@code
 * CompleteMultipartUploadResult} whose ETag is the multipart one.
 */
final class MultipartHttp {
  /** The largest completion body read (a few hundred bytes per part). */
  static final int MAX_COMPLETION_BODY = 4 << 20;

  private MultipartHttp() {}

  /** Serves {@code rest}, the path after {@code /blobs/}. */
  static void serve(HttpExchange ex, String rest, MultipartUploads uploads) throws IOException {
    String[] parts = rest.split("/");
    String method = ex.getRequestMethod();
    try {
      if (parts.length == 3 && parts[1].equals("parts") && method.equals("PUT")) {
        int number;
        try {
          number = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
          reply(ex, 400, "InvalidArgument: part number " + parts[2]);
          return;
        }
        byte[] md5;
        try (InputStream in = ex.getRequestBody()) {
          md5 = uploads.putPart(parts[0], number, in);
        }
        ex.getResponseHeaders().set("ETag", "\"" + HexFormat.of().formatHex(md5) + "\"");
        ex.sendResponseHeaders(200, -1);
      } else if (parts.length == 2 && parts[1].equals("complete") && method.equals("POST")) {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
          body = in.readNBytes(MAX_COMPLETION_BODY + 1);
        }
        if (body.length > MAX_COMPLETION_BODY) {
          reply(ex, 400, "MalformedXML: the completion body is too large");
          return;
        }
        String etag = uploads.complete(parts[0], new String(body, StandardCharsets.UTF_8));
        byte[] xml =
            ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<CompleteMultipartUploadResult>"
                    + "<Bucket>modal-emulator</Bucket>"
                    + "<Key>"
                    + parts[0]
                    + "</Key>"
                    + "<ETag>&quot;"
                    + etag
                    + "&quot;</ETag>"
                    + "</CompleteMultipartUploadResult>")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        ex.sendResponseHeaders(200, xml.length);
        ex.getResponseBody().write(xml);
      } else {
        reply(ex, 405, "method not allowed");
      }
    } catch (MultipartUploads.Refused e) {
      reply(ex, e.status(), e.getMessage());
    }
  }
}

package dev.modal4j.internal.pickle;

import static dev.modal4j.internal.pickle.Opcodes.*;

import java.util.Arrays;

/**
 * The output of one pickle: a growable byte buffer that groups opcodes into protocol 4 frames the
 * way CPython's pickler does, so that modal4j's bytes for a value are the bytes Python writes.
 *
 * <p>A frame is opened by the first write after the previous one was committed and committed once
 * it holds at least {@value #FRAME_TARGET} bytes at an object boundary, or at the end. A frame of
 * fewer than {@value #FRAME_MIN} bytes is written without its FRAME header. A string or bytes
 * payload of {@value #FRAME_TARGET} bytes or more is written outside any frame.
 */
final class PickleWriter {
  static final int FRAME_TARGET = 64 * 1024;
  static final int FRAME_MIN = 4;
  private static final int FRAME_HEADER = 9;

  private byte[] buf = new byte[64];
  private int len;
  private boolean framing;
  private int frameStart = -1;

  /** Starts framing; called once PROTO has been written. */
  void startFraming() {
    framing = true;
  }

  void op(int opcode) {
    reserve(1);
    buf[len++] = (byte) opcode;
  }

  void op(int opcode, int oneByteArg) {
    reserve(2);
    buf[len++] = (byte) opcode;
    buf[len++] = (byte) oneByteArg;
  }

  void bytes(byte[] data) {
    reserve(data.length);
    System.arraycopy(data, 0, buf, len, data.length);
    len += data.length;
  }

  void int32LE(int opcode, int v) {
    reserve(5);
    buf[len++] = (byte) opcode;
    buf[len++] = (byte) v;
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 24);
  }

  void int64LE(int opcode, long v) {
    reserve(9);
    buf[len++] = (byte) opcode;
    putLongLE(len, v);
    len += 8;
  }

  void float64BE(int opcode, double d) {
    long bits = Double.doubleToRawLongBits(d);
    reserve(9);
    buf[len++] = (byte) opcode;
    for (int i = 7; i >= 0; i--) {
      buf[len++] = (byte) (bits >>> (8 * i));
    }
  }

  /** Writes a string or bytes header and its payload, large payloads outside any frame. */
  void payload(byte[] header, byte[] data) {
    if (data.length >= FRAME_TARGET && framing) {
      commitFrame();
      framing = false;
      bytes(header);
      bytes(data);
      framing = true;
    } else {
      bytes(header);
      bytes(data);
    }
  }

  /** Called before each object is written: commits a frame that has reached its target size. */
  void boundary() {
    if (framing && frameStart >= 0 && len - frameStart - FRAME_HEADER >= FRAME_TARGET) {
      commitFrame();
    }
  }

  void commitFrame() {
    if (frameStart < 0) {
      return;
    }
    int size = len - frameStart - FRAME_HEADER;
    if (size >= FRAME_MIN) {
      buf[frameStart] = (byte) FRAME;
      putLongLE(frameStart + 1, size);
    } else {
      System.arraycopy(buf, frameStart + FRAME_HEADER, buf, frameStart, size);
      len -= FRAME_HEADER;
    }
    frameStart = -1;
  }

  byte[] toByteArray() {
    commitFrame();
    return Arrays.copyOf(buf, len);
  }

  private void reserve(int n) {
    int extra = framing && frameStart < 0 ? FRAME_HEADER : 0;
    ensure(len + n + extra);
    if (extra > 0) {
      frameStart = len;
      len += FRAME_HEADER;
    }
  }

  private void ensure(int capacity) {
    if (capacity > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(capacity, buf.length * 2));
    }
  }

  private void putLongLE(int at, long v) {
    for (int i = 0; i < 8; i++) {
      buf[at + i] = (byte) (v >>> (8 * i));
    }
  }
}

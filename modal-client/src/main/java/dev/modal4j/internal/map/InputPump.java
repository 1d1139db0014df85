package dev.modal4j.internal.map;

import dev.modal4j.proto.FunctionInput;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The input pump: reads the caller's inputs lazily, encodes them, and hands them to the {@link
 * PutSender} in batches of up to {@value #BATCH_SIZE}.
 *
 * <p>Runs on one pool thread (the pump task) and owns the input iterator and the next index; no
 * other thread touches them. Before it reads an input it takes one permit of the read-ahead {@code
 * window} (given back when the consumer takes the result) and one slot of {@link InFlight}, so
 * neither bound is ever exceeded.
 */
final class InputPump implements Runnable {
  static final int BATCH_SIZE = 49;

  private final Iterator<? extends List<?>> inputs;
  private final InputEncoder encoder;
  private final Semaphore window;
  private final InFlight inFlight;
  private final PutSender sender;
  private final MapLifecycle lifecycle;
  private FunctionInput firstInput;
  private int nextIdx;

  /** {@code firstInput} is the already encoded first input, or null when there are none. */
  InputPump(
      Iterator<? extends List<?>> inputs,
      InputEncoder encoder,
      FunctionInput firstInput,
      Semaphore window,
      InFlight inFlight,
      PutSender sender,
      MapLifecycle lifecycle) {
    this.inputs = inputs;
    this.encoder = encoder;
    this.firstInput = firstInput;
    this.window = window;
    this.inFlight = inFlight;
    this.sender = sender;
    this.lifecycle = lifecycle;
  }

  @Override
  public void run() {
    try {
      boolean exhausted = firstInput == null;
      while (!lifecycle.closed() && !exhausted) {
        window.acquire();
        inFlight.acquireSlot();
        List<MapItem> batch = new ArrayList<>(BATCH_SIZE);
        FunctionInput first = nextInput();
        if (first == null) {
          release();
          break;
        }
        batch.add(new MapItem(nextIdx++, first));
        while (batch.size() < BATCH_SIZE && !lifecycle.closed() && tryAcquireBoth()) {
          if (!inputs.hasNext()) {
            release();
            exhausted = true;
            break;
          }
          batch.add(new MapItem(nextIdx++, encoder.encode(inputs.next())));
        }
        // hasNext() may read an input (a stream's iterator fetches ahead): never start one once
        // closed, or closing would be followed by one more read than the one under way
        if (lifecycle.closed()) {
          break;
        }
        exhausted = exhausted || !inputs.hasNext();
        if (lifecycle.closed()) {
          break;
        }
        sender.send(batch);
      }
      if (!lifecycle.closed()) {
        lifecycle.allInputsRead(nextIdx);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      lifecycle.fail(e, "reading or sending map inputs failed");
    }
  }

  private FunctionInput nextInput() {
    if (firstInput != null) {
      FunctionInput first = firstInput;
      firstInput = null;
      return first;
    }
    return inputs.hasNext() ? encoder.encode(inputs.next()) : null;
  }

  private boolean tryAcquireBoth() {
    if (!window.tryAcquire()) {
      return false;
    }
    if (!inFlight.tryAcquireSlot()) {
      window.release();
      return false;
    }
    return true;
  }

  private void release() {
    inFlight.releaseSlot();
    window.release();
  }
}

package dev.modal4j.internal.map;

import dev.modal4j.functions.MapResult;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Adapts a running {@link MapPipeline} to the Streams the public API returns. */
public final class MapStreams {
  private MapStreams() {}

  /** Results with failures in place; closing the stream closes the pipeline. */
  public static <T> Stream<MapResult<T>> results(MapPipeline<T> pipeline) {
    Iterator<MapResult<T>> it =
        new Iterator<>() {
          private MapResult<T> next;
          private boolean done;

          @Override
          public boolean hasNext() {
            if (next == null && !done) {
              next = pipeline.next();
              done = next == null;
            }
            return next != null;
          }

          @Override
          public MapResult<T> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            MapResult<T> r = next;
            next = null;
            return r;
          }
        };
    Spliterator<MapResult<T>> split =
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(split, false).onClose(pipeline::close);
  }

  /** Values; the first failed input ends the stream by throwing its exception. */
  public static <T> Stream<T> values(MapPipeline<T> pipeline) {
    return results(pipeline)
        .map(
            r -> {
              if (!r.isSuccess()) {
                pipeline.close();
              }
              return r.get();
            });
  }

  /** Wraps each single-argument input as a one-element argument list. */
  public static <E> Iterator<java.util.List<?>> asArgLists(Iterator<E> inputs) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return inputs.hasNext();
      }

      @Override
      public java.util.List<?> next() {
        return java.util.Collections.singletonList(inputs.next());
      }
    };
  }
}

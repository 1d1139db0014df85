package dev.modal4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Reads a whole list that Modal serves newest first in pages of {@code ListPagination} (at most
 * {@link #PAGE} objects created before a time): each next page asks for what was created before the
 * oldest item so far, until a page comes back short.
 */
public final class CreatedBeforePages {
  /** Objects asked for per page. */
  public static final int PAGE = 100;

  private CreatedBeforePages() {}

  /**
   * Every item, newest first.
   *
   * @param fetch sends the request for the page of objects created before its argument (0: the
   *     newest page), asking for {@link #PAGE} objects
   * @param items the items of a response
   * @param createdAt an item's creation time, as the next page's bound
   * @param convert an item as the caller's type
   */
  public static <R, I, T> CompletableFuture<List<T>> collect(
      DoubleFunction<CompletableFuture<R>> fetch,
      Function<R, List<I>> items,
      ToDoubleFunction<I> createdAt,
      Function<I, T> convert) {
    return next(fetch, items, createdAt, convert, 0, new ArrayList<>());
  }

  private static <R, I, T> CompletableFuture<List<T>> next(
      DoubleFunction<CompletableFuture<R>> fetch,
      Function<R, List<I>> items,
      ToDoubleFunction<I> createdAt,
      Function<I, T> convert,
      double before,
      List<T> acc) {
    return fetch
        .apply(before)
        .thenCompose(
            response -> {
              List<I> page = items.apply(response);
              double oldest = before;
              for (I item : page) {
                acc.add(convert.apply(item));
                oldest = createdAt.applyAsDouble(item);
              }
              if (page.size() < PAGE) {
                return CompletableFuture.completedFuture(List.copyOf(acc));
              }
              return next(fetch, items, createdAt, convert, oldest, acc);
            });
  }
}

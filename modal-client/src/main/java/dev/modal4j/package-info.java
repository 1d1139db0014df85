/**
 * modal4j, the Java SDK for Modal: {@link dev.modal4j.ModalClient}, the exception hierarchy of
 * every area (rooted at {@link dev.modal4j.ModalException}), {@link dev.modal4j.Gpu} and {@link
 * dev.modal4j.Retries}. Each area's services and handles live in a package of their own: {@code
 * dev.modal4j.functions}, {@code .apps}, {@code .secrets}, {@code .volumes}, {@code .queues},
 * {@code .dicts}.
 *
 * <h2>Bad input</h2>
 *
 * <p>Every public method and constructor of modal4j checks its arguments before it does anything
 * else, and refuses bad ones with an {@link dev.modal4j.InvalidException} whose message names the
 * parameter ({@code "appName must not be blank"}). Nothing is sent to Modal then.
 *
 * <ul>
 *   <li><b>Null is never an argument.</b> No parameter accepts {@code null}; to leave a value
 *       unset, do not call its setter, or use the overload without it. (The exceptions are {@code
 *       equals(Object)}, which returns false, the exception classes' constructors, which follow
 *       {@link java.lang.Throwable}'s convention, and the parameters that carry a Python value,
 *       where null is Python's {@code None}: {@code MapResult.success}'s value, the values put in a
 *       {@code Queue}, and a {@code Dict}'s keys, values and {@code get}/{@code pop} defaults.)
 *       Collections and arrays of handles, names or options must not contain null either; the
 *       positional arguments of a call may, as Python's {@code None}.
 *   <li><b>Names must not be blank</b>: app, function, class, method, secret, volume, queue and
 *       dict names, and ids, are refused when empty or only whitespace.
 *   <li><b>Async methods throw too.</b> A method returning a {@code CompletableFuture} refuses bad
 *       arguments by throwing the {@code InvalidException} from the call itself, exactly as its
 *       blocking form does; it never returns a future already failed with it. What is found once
 *       the call has started completes the future instead: errors from Modal, remote failures,
 *       timeouts, cancellation, a closed client, and what only preparing the call reveals (an
 *       argument value that cannot be encoded as CBOR, or a function that cannot be called that
 *       way, such as a generator called with {@code remote}), which the blocking form throws. Queue
 *       and Dict values and keys are pickled before anything is sent, so one that cannot be pickled
 *       (or a dict key Python cannot hash) is thrown from the call, async forms included.
 * </ul>
 */
package dev.modal4j;

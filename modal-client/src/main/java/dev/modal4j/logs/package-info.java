/**
 * Logs of functions, function calls and sandboxes, as Modal keeps them: {@link
 * dev.modal4j.logs.Logs} fetches a time range, tails the most recent entries or streams new ones,
 * each as a lazy {@code Stream} of {@link dev.modal4j.logs.LogEntry}.
 */
package dev.modal4j.logs;

/**
 * Modal Queues: distributed FIFOs with partitions, values pickled as Python does ({@link
 * dev.modal4j.queues.Queues}, {@link dev.modal4j.queues.Queue}).
 */
package dev.modal4j.queues;

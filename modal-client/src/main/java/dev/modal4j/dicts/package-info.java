/**
 * Modal Dicts: distributed key-value stores, keys and values pickled as Python does ({@link
 * dev.modal4j.dicts.Dicts}, {@link dev.modal4j.dicts.Dict}).
 */
package dev.modal4j.dicts;

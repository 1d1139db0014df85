/**
 * Functions and classes deployed on Modal: {@link dev.modal4j.functions.Functions}, {@link
 * dev.modal4j.functions.Function} (remote, spawn, map, generators), {@link
 * dev.modal4j.functions.FunctionCall}, {@link dev.modal4j.functions.Cls} and their options.
 */
package dev.modal4j.functions;

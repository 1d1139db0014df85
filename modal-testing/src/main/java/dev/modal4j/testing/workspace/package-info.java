/** The emulator's workspace RPCs: environments (list, create, update, delete) and app listing. */
package dev.modal4j.testing.workspace;

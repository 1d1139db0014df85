/** Modal apps: {@link dev.modal4j.apps.Apps} looks them up (and creates them) by name. */
package dev.modal4j.apps;

package dev.modal4j.internal.volumes;

/** One file of a batch upload: its bytes, where it goes in the volume, its permission bits. */
record UploadItem(UploadSource source, String remotePath, int mode) {}

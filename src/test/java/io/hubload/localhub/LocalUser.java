package io.hubload.localhub;

/** Who this JVM runs as, which decides how single-user servers may be started. */
final class LocalUser {

  private LocalUser() {}

  static boolean isRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }
}

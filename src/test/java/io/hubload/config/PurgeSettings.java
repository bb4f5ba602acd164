package io.hubload.config;

/** purge.*: what the purge does. */
public record PurgeSettings(boolean dryRun, boolean deleteUsers) {

  static PurgeSettings read(SettingReader r) {
    return new PurgeSettings(r.bool("purge.dry-run"), r.bool("purge.delete-users"));
  }
}

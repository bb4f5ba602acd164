package io.hubload.config;

/** users.*: how the test users are named: {@code prefix} followed by the user's number. */
public record UserSettings(String prefix) {

  static UserSettings read(SettingReader r) {
    String prefix = r.string("users.prefix");
    if (!prefix.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
      throw new InvalidSettingException(
          "users.prefix",
          prefix,
          "use 1 to 32 lower-case letters, digits, '-' or '_', starting with a letter or digit");
    }
    return new UserSettings(prefix);
  }

  /** The hub user name of the n-th virtual user (n from 1). */
  public String name(long n) {
    return prefix + n;
  }

  /** The number in a hub user name made by {@link #name}; empty for any other name. */
  public java.util.OptionalLong number(String name) {
    if (!name.startsWith(prefix)) {
      return java.util.OptionalLong.empty();
    }
    try {
      return java.util.OptionalLong.of(Long.parseLong(name.substring(prefix.length())));
    } catch (NumberFormatException e) {
      return java.util.OptionalLong.empty();
    }
  }
}

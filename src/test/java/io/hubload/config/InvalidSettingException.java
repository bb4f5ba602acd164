package io.hubload.config;

/**
 * A setting that cannot be used. Its message is the one line an operator sees: the key, the value
 * as given (never for a secret) and what is wrong with it.
 */
public final class InvalidSettingException extends RuntimeException {

  private final String key;

  public InvalidSettingException(String key, String shownValue, String problem) {
    super(key + " = " + shownValue + ": " + problem);
    this.key = key;
  }

  /** The setting's key, e.g. {@code load.users}. */
  public String key() {
    return key;
  }
}

package io.hubload.hubapi;

/**
 * Something found before the first request that makes the run pointless. Its message is the one
 * line the operator sees; it never holds a secret.
 */
public class PreflightException extends RuntimeException {

  public PreflightException(String message) {
    super(message);
  }

  public PreflightException(String message, Throwable cause) {
    super(message, cause);
  }
}

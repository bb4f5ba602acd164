package io.hubload.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;

/**
 * Typed reads of single keys. Every failure becomes an {@link InvalidSettingException} that names
 * the key and the value as given, so a bad setting reads as one line rather than a stack trace.
 */
final class SettingReader {

  private final Config config;

  SettingReader(Config config) {
    this.config = config;
  }

  /** The raw text of a key, as the operator wrote it. */
  String raw(String key) {
    try {
      return String.valueOf(config.getValue(key).unwrapped());
    } catch (ConfigException.Missing e) {
      throw new InvalidSettingException(key, "(missing)", "this setting is required");
    }
  }

  String string(String key) {
    return raw(key).trim();
  }

  /** A secret: read like a string, but never repeated in a message. */
  String secret(String key) {
    return raw(key);
  }

  int integer(String key, int min, int max) {
    String raw = string(key);
    int value;
    try {
      value = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(key, raw, "not a whole number");
    }
    if (value < min) {
      throw new InvalidSettingException(key, raw, "must be at least " + min);
    }
    if (value > max) {
      throw new InvalidSettingException(key, raw, "must be at most " + max);
    }
    return value;
  }

  double number(String key, double min, double max) {
    String raw = string(key);
    double value;
    try {
      value = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(key, raw, "not a number");
    }
    if (Double.isNaN(value) || value < min || value > max) {
      throw new InvalidSettingException(key, raw, "must be between " + min + " and " + max);
    }
    return value;
  }

  boolean bool(String key) {
    String raw = string(key).toLowerCase(java.util.Locale.ROOT);
    switch (raw) {
      case "true":
      case "yes":
      case "on":
        return true;
      case "false":
      case "no":
      case "off":
        return false;
      default:
        throw new InvalidSettingException(key, raw, "must be true or false");
    }
  }

  /** One of an enum's constants, written in lower case with '-' for '_'. */
  <E extends Enum<E>> E choice(String key, Class<E> type) {
    String raw = string(key);
    for (E constant : type.getEnumConstants()) {
      if (name(constant).equals(raw.toLowerCase(java.util.Locale.ROOT))) {
        return constant;
      }
    }
    StringBuilder names = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      names.append(names.length() == 0 ? "" : ", ").append(name(constant));
    }
    throw new InvalidSettingException(key, raw, "must be one of " + names);
  }

  private static String name(Enum<?> constant) {
    return constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * Refuses a lower bound above its upper one, naming the lower key: "x.min = 5m: above x.max (1m)".
   */
  void requireNotAbove(String lowKey, Duration low, String highKey, Duration high) {
    if (low.compareTo(high) > 0) {
      throw new InvalidSettingException(lowKey, string(lowKey), "above " + highKey + " (" + string(highKey) + ")");
    }
  }

  /**
   * A duration with a unit. A bare number is refused: typesafe-config would read it as
   * milliseconds, which is never what "ramp = 10" means to the person who wrote it.
   */
  Duration duration(String key, Duration min, Duration max) {
    String raw = string(key);
    if (raw.matches("[+-]?[0-9.]+")) {
      throw new InvalidSettingException(key, raw, "a duration needs a unit, e.g. 30s, 5m, 1h");
    }
    Duration value;
    try {
      value = config.getDuration(key);
    } catch (ConfigException e) {
      throw new InvalidSettingException(key, raw, "not a duration (e.g. 500ms, 30s, 5m, 1h)");
    }
    if (value.compareTo(min) < 0) {
      throw new InvalidSettingException(key, raw, "must be at least " + Durations.format(min));
    }
    if (value.compareTo(max) > 0) {
      throw new InvalidSettingException(key, raw, "must be at most " + Durations.format(max));
    }
    return value;
  }
}

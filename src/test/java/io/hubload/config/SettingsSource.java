package io.hubload.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where settings come from, in order of precedence: {@code -Dkey=value} system properties, then
 * environment variables, then {@code application.conf}. This class knows that order and the rule
 * that names a key's environment variable; {@link Settings} knows what the values mean.
 */
public final class SettingsSource {

  private static final String DEFAULTS_RESOURCE = "application.conf";

  /**
   * distributed.index defaults to the index a Kubernetes Indexed Job gives each of its pods, when
   * DISTRIBUTED_INDEX does not say otherwise.
   */
  private static final String INDEX = "distributed.index";

  static final String KUBERNETES_INDEX = "JOB_COMPLETION_INDEX";

  private SettingsSource() {}

  /** The defaults as shipped in {@code application.conf}, nothing overridden. */
  public static Config defaults() {
    return ConfigFactory.parseResources(
        DEFAULTS_RESOURCE, ConfigParseOptions.defaults().setAllowMissing(false));
  }

  /** The settings of this process: its system properties and environment over the defaults. */
  public static Config fromEnvironment() {
    Map<String, String> properties = new HashMap<>();
    boolean escaped = PluginEscapes.inPluginFork();
    System.getProperties()
        .forEach(
            (k, v) ->
                properties.put(k.toString(), escaped ? PluginEscapes.undo(v.toString()) : v.toString()));
    return merge(defaults(), System.getenv(), properties);
  }

  /**
   * Layers overrides on the defaults. Only keys the defaults know are taken from the environment;
   * a system property under one of the settings' roots that names no known key is a typo and
   * stops the run rather than being silently ignored.
   */
  public static Config merge(
      Config defaults, Map<String, String> environment, Map<String, String> systemProperties) {
    Set<String> known = keys(defaults);
    Set<String> roots = new TreeSet<>();
    known.forEach(k -> roots.add(k.substring(0, k.indexOf('.'))));

    Map<String, Object> fromEnv = new HashMap<>();
    Map<String, Object> fromProps = new HashMap<>();
    for (String key : known) {
      String env = environment.get(environmentVariable(key));
      if (env != null) {
        fromEnv.put(key, env);
      }
      String prop = systemProperties.get(key);
      if (prop != null) {
        fromProps.put(key, prop);
      }
    }
    if (!fromEnv.containsKey(INDEX) && environment.containsKey(KUBERNETES_INDEX)) {
      fromEnv.put(INDEX, environment.get(KUBERNETES_INDEX));
    }
    for (String property : systemProperties.keySet()) {
      int dot = property.indexOf('.');
      if (dot > 0 && roots.contains(property.substring(0, dot)) && !known.contains(property)) {
        throw new InvalidSettingException(
            property, "(given with -D)", "no such setting; docs/settings.md lists every key");
      }
    }
    return ConfigFactory.parseMap(fromProps, "-D system properties")
        .withFallback(ConfigFactory.parseMap(fromEnv, "environment variables"))
        .withFallback(defaults)
        .resolve();
  }

  /** The environment variable that overrides a key: {@code session.idle.min -> SESSION_IDLE_MIN}. */
  public static String environmentVariable(String key) {
    return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Every leaf key of a config, in dotted form. */
  public static Set<String> keys(Config config) {
    Set<String> keys = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> entry : config.entrySet()) {
      keys.add(entry.getKey());
    }
    return keys;
  }
}

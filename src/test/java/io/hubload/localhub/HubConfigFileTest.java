package io.hubload.localhub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.config.LocalHubSettings;
import io.hubload.config.Settings;
import io.hubload.config.SettingsSource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubConfigFileTest {

  private final LocalHubSettings settings =
      Settings.from(
              SettingsSource.merge(
                  SettingsSource.defaults(),
                  Map.of(),
                  Map.of("localhub.password", "pw-should-not-appear", "localhub.concurrent-spawn-limit", "7")))
          .localHub();

  private static final Release DEBIAN = Release.installedIn(new io.hubload.config.HubRelease(io.hubload.config.HubRelease.DEBIAN), Path.of("/unused"));

  private final String config =
      HubConfigFile.render(
          new HubConfigFile.Ports(8001, 8002, 8003), Path.of("/state/run-1"), settings, DEBIAN, true);

  @Test
  void listensOnLoopbackOnTheGivenPorts() {
    assertTrue(config.contains("c.JupyterHub.ip = '127.0.0.1'"));
    assertTrue(config.contains("c.JupyterHub.port = 8001"));
    assertTrue(config.contains("c.JupyterHub.hub_port = 8002"));
    assertTrue(config.contains("c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:8003'"));
  }

  @Test
  void keepsItsStateInTheRunFolder() {
    assertTrue(config.contains("\"sqlite:////state/run-1/jupyterhub.sqlite\""));
    assertTrue(config.contains("home_dir_template = \"/state/run-1/home/{username}\""));
  }

  @Test
  void takesSecretsFromTheEnvironmentOnly() {
    assertFalse(config.contains("pw-should-not-appear"));
    assertTrue(config.contains("os.environ['" + HubConfigFile.PASSWORD_VARIABLE + "']"));
    assertTrue(config.contains("os.environ['" + HubConfigFile.SERVICE_TOKEN_VARIABLE + "']"));
    assertFalse(config.contains("cookie_secret_file"));
  }

  @Test
  void marksEveryServerAndAppliesTheSpawnLimits() {
    assertTrue(config.contains("c.Spawner.environment = {'" + ProcessSweeper.MARKER + "'"));
    assertTrue(config.contains("c.JupyterHub.concurrent_spawn_limit = 7"));
    assertTrue(config.contains("c.Spawner.http_timeout = 120"));
    assertTrue(config.contains("c.LocalProcessSpawner.interrupt_timeout = 5"), "a server that hangs at exit is killed within the run's timeout.stop");
    assertTrue(config.contains("c.JupyterHub.tornado_settings = {'spawn_throttle_retry_range': (30, 60)}"));
  }

  /** Whatever else the machine has installed: singleuser prefers jupyter_server when it is there. */
  @Test
  void namesItsSingleUserServer() {
    assertTrue(config.contains("'JUPYTERHUB_SINGLEUSER_APP': \"notebook.notebookapp.NotebookApp\""), config);
  }

  @Test
  void allowsRootOnlyWhenRunningAsRoot() {
    assertTrue(config.contains("--allow-root"));
    String notRoot =
        HubConfigFile.render(new HubConfigFile.Ports(1, 2, 3), Path.of("/s"), settings, DEBIAN, false);
    assertFalse(notRoot.contains("--allow-root"));
  }
}

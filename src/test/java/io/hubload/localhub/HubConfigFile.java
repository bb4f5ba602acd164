package io.hubload.localhub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubload.config.LocalHubSettings;
import java.nio.file.Path;

/**
 * The local hub's {@code jupyterhub_config.py}. It holds no secret: the password, the service token
 * and the cookie secret reach the hub through its environment, so nothing under target/ can leak
 * them.
 */
final class HubConfigFile {

  /** Environment variables the config reads; {@link LocalHub} sets them. */
  static final String PASSWORD_VARIABLE = "HUBLOAD_DUMMY_PASSWORD";

  static final String SERVICE_TOKEN_VARIABLE = "HUBLOAD_SERVICE_TOKEN";

  /** The service whose token lets the suite act as an admin on the local hub. */
  static final String SERVICE_NAME = "hubload";

  private static final ObjectMapper JSON = new ObjectMapper();

  private HubConfigFile() {}

  /** Ports of the three listeners a hub needs, all on 127.0.0.1. */
  record Ports(int proxy, int hub, int proxyApi) {}

  static String render(Ports ports, Path stateDir, LocalHubSettings settings, Release release, boolean asRoot) {
    StringBuilder py = new StringBuilder();
    py.append("# Written by hubload for one run of the throwaway local hub; not meant to be edited.\n");
    py.append("import os\n");
    py.append("c = get_config()  # noqa\n\n");

    py.append("# Loopback only, on ports chosen free for this run.\n");
    py.append("c.JupyterHub.ip = '127.0.0.1'\n");
    py.append("c.JupyterHub.port = ").append(ports.proxy()).append('\n');
    py.append("c.JupyterHub.hub_ip = '127.0.0.1'\n");
    py.append("c.JupyterHub.hub_port = ").append(ports.hub()).append('\n');
    py.append("c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:").append(ports.proxyApi()).append("'\n");
    py.append("c.ConfigurableHTTPProxy.pid_file = ").append(str(stateDir.resolve("proxy.pid"))).append('\n');
    py.append("c.JupyterHub.pid_file = ").append(str(stateDir.resolve("jupyterhub.pid"))).append('\n');
    py.append("c.JupyterHub.db_url = ")
        .append(str("sqlite:///" + stateDir.resolve("jupyterhub.sqlite")))
        .append('\n');
    py.append("# JPY_COOKIE_SECRET in the environment: no secret file is written.\n\n");

    py.append("# Any user name logs in, with the run's password.\n");
    py.append("c.JupyterHub.authenticator_class = 'dummy'\n");
    py.append("c.DummyAuthenticator.password = os.environ['").append(PASSWORD_VARIABLE).append("']\n\n");

    py.append("# Single-user servers as local processes, homes under the run's folder.\n");
    py.append("c.JupyterHub.spawner_class = 'simple'\n");
    py.append("c.Spawner.cmd = ").append(list(release.singleUserCommand())).append('\n');
    release
        .dataFiles()
        .ifPresent(
            dir -> py.append("c.JupyterHub.data_files_path = ").append(str(dir)).append('\n'));
    if (asRoot) {
      py.append("c.Spawner.args = ['--allow-root']  # the server refuses root otherwise\n");
    }
    py.append("c.SimpleLocalProcessSpawner.home_dir_template = ")
        .append(str(stateDir.resolve("home") + "/{username}"))
        .append('\n');
    py.append("# Marks every server and kernel as this hub's, so the suite can find them all.\n");
    py.append("c.Spawner.environment = {'")
        .append(ProcessSweeper.MARKER)
        .append("': os.environ['")
        .append(ProcessSweeper.MARKER)
        .append("']}\n");
    py.append("c.JupyterHub.cleanup_servers = True\n");
    py.append("c.JupyterHub.allow_named_servers = True\n\n");

    py.append("# Spawn limits chosen for a small machine rather than a cluster (localhub.* settings).\n");
    py.append("c.JupyterHub.concurrent_spawn_limit = ").append(settings.concurrentSpawnLimit()).append('\n');
    py.append("c.Spawner.start_timeout = ").append(settings.spawnerStartTimeout().toSeconds()).append('\n');
    py.append("c.Spawner.http_timeout = ").append(settings.spawnerHttpTimeout().toSeconds()).append('\n');
    // spawn_throttle_retry_range is not a config option in JupyterHub 3.0; the handlers read it
    // from the tornado settings, which c.JupyterHub.tornado_settings overrides.
    py.append("c.JupyterHub.tornado_settings = {'spawn_throttle_retry_range': (")
        .append(settings.throttleRetryMin().toSeconds())
        .append(", ")
        .append(settings.throttleRetryMax().toSeconds())
        .append(")}\n\n");
    if (!settings.spawnDelay().isZero()) {
      py.append("# A hub made slow on purpose (localhub.spawn-delay): every spawn waits first.\n");
      py.append("import asyncio\n");
      py.append("async def hubload_spawn_delay(spawner):\n");
      py.append("    await asyncio.sleep(").append(settings.spawnDelay().toMillis() / 1000.0).append(")\n");
      py.append("c.Spawner.pre_spawn_hook = hubload_spawn_delay\n\n");
    }

    if (!settings.refuseUserStop().isEmpty()) {
      py.append("# Some users are refused their own stop (localhub.refuse-user-stop);\n");
      py.append("# an admin may still stop their servers.\n");
      py.append("from jupyterhub.apihandlers.users import UserServerAPIHandler\n");
      py.append("from tornado import web\n");
      py.append("_hubload_stop = UserServerAPIHandler.delete\n");
      py.append("async def _hubload_refuse_user_stop(self, user_name, server_name=''):\n");
      py.append("    if getattr(self.current_user, 'name', None) == user_name and user_name.startswith(")
          .append(str(settings.refuseUserStop()))
          .append("):\n");
      py.append("        raise web.HTTPError(403, 'this hub refuses users their own stop (localhub.refuse-user-stop)')\n");
      py.append("    return await _hubload_stop(self, user_name, server_name)\n");
      py.append("UserServerAPIHandler.delete = _hubload_refuse_user_stop\n\n");
    }

    py.append("# An admin service for the suite's own calls (token mode, purge, metrics).\n");
    py.append("c.JupyterHub.services = [{'name': '")
        .append(SERVICE_NAME)
        .append("', 'api_token': os.environ['")
        .append(SERVICE_TOKEN_VARIABLE)
        .append("']}]\n");
    py.append("c.JupyterHub.load_roles = [{\n");
    py.append("    'name': 'hubload-admin',\n");
    py.append(
        "    'scopes': ['admin:users', 'admin:servers', 'tokens', 'read:users', 'read:metrics'],\n");
    py.append("    'services': ['").append(SERVICE_NAME).append("'],\n");
    py.append("}]\n");
    return py.toString();
  }

  /** A Python list of string literals. */
  private static String list(java.util.List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (String value : values) {
      out.append(out.length() == 1 ? "" : ", ").append(str(value));
    }
    return out.append(']').toString();
  }

  /** A Python string literal: JSON's string syntax is valid Python. */
  private static String str(Object value) {
    try {
      return JSON.writeValueAsString(value.toString());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

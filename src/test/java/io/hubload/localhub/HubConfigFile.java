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
        .proxyCommand()
        .ifPresent(
            proxy ->
                py.append("c.ConfigurableHTTPProxy.command = ").append(list(java.util.List.of(proxy.toString()))).append('\n'));
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
        .append("'],\n    # localhub.single-user, whatever else is installed.\n")
        .append("    'JUPYTERHUB_SINGLEUSER_APP': ")
        .append(str(release.singleUserApp(settings.singleUser())))
        .append("}\n");
    py.append("# As on Kubernetes, the users' servers and the proxy outlive the hub: a hub restarted in the\n");
    py.append("# middle of a run (helm upgrade) finds them running. The run stops its servers itself, and\n");
    py.append("# the suite ends every process of this hub when the run is over.\n");
    py.append("c.JupyterHub.cleanup_servers = False\n");
    py.append("c.JupyterHub.cleanup_proxy = False\n");
    py.append("import urllib.error, urllib.request\n");
    py.append("def _hubload_proxy_running():\n");
    py.append("    try:\n");
    py.append("        urllib.request.urlopen('http://127.0.0.1:").append(ports.proxyApi()).append("/api/routes', timeout=2)\n");
    py.append("    except urllib.error.HTTPError:\n");
    py.append("        return True  # it answers (refusing a request without its token)\n");
    py.append("    except OSError:\n");
    py.append("        return False\n");
    py.append("    return True\n");
    py.append("# A restarted hub keeps the proxy that runs (its token is in CONFIGPROXY_AUTH_TOKEN) rather than\n");
    py.append("# ending it and cutting every user's connection; a hub that starts first starts one.\n");
    py.append("c.ConfigurableHTTPProxy.should_start = not _hubload_proxy_running()\n");
    py.append("c.JupyterHub.allow_named_servers = True\n\n");

    py.append("# Spawn limits chosen for a small machine rather than a cluster (localhub.* settings).\n");
    py.append("c.JupyterHub.concurrent_spawn_limit = ").append(settings.concurrentSpawnLimit()).append('\n');
    py.append("c.Spawner.start_timeout = ").append(settings.spawnerStartTimeout().toSeconds()).append('\n');
    py.append("c.Spawner.http_timeout = ").append(settings.spawnerHttpTimeout().toSeconds()).append('\n');
    // A server is stopped with SIGINT, then SIGTERM, then SIGKILL. JupyterHub 6 waits 30 s after
    // each of the first two (5.x: 10 s and 5 s). A JupyterLab server interrupted within a second
    // of its start once logged "Interrupted..." and did not exit (6.1.1, two test classes running
    // at once), so the hub still had it when the run's timeout.stop (20 s) was over, and the run
    // reported it left running. 5 s each bounds such a stop at about 11 s on every release.
    py.append("c.LocalProcessSpawner.interrupt_timeout = 5\n");
    py.append("c.LocalProcessSpawner.term_timeout = 5\n");
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

    if (settings.imitateKubernetes()) {
      py.append(imitatedKubernetes(settings));
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

  /**
   * A spawner that sends progress events shaped as KubeSpawner's, with the waits a cluster would
   * impose around the real local spawn: for tests and demos of the spawn phases. Spawns are counted
   * as they start; every new-node-every-th one waits for a new node, and the first on each node
   * pulls the image.
   */
  private static String imitatedKubernetes(LocalHubSettings settings) {
    return "# An imitation of KubeSpawner's progress events (localhub.imitate-kubernetes), for tests and demos:\n"
        + "# real local spawns, with the Kubernetes events and waits of a cluster around them. Not a cluster.\n"
        + "import asyncio, datetime, itertools\n"
        + "from jupyterhub.spawner import SimpleLocalProcessSpawner\n"
        + "_hubload_spawns = itertools.count(1)\n"
        + "_hubload_node = {'name': 'node-1', 'pulled': False}\n"
        + "class HubloadImitatedKubeSpawner(SimpleLocalProcessSpawner):\n"
        + "    node_wait = " + seconds(settings.imitateNodeWait()) + "\n"
        + "    new_node_every = " + settings.imitateNewNodeEvery() + "\n"
        + "    image_pull = " + seconds(settings.imitateImagePull()) + "\n"
        + "    def _hubload_event(self, reason, message, component='kubelet', field_path=''):\n"
        + "        now = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')\n"
        + "        self._hubload_events.append({'progress': min(90, 10 + 10 * len(self._hubload_events)),\n"
        + "            'message': now + ' [Normal] ' + message,\n"
        + "            'raw_event': {'reason': reason, 'message': message, 'eventTime': now, 'type': 'Normal',\n"
        + "                'involvedObject': {'kind': 'Pod', 'name': 'jupyter-' + self.user.name, 'fieldPath': field_path},\n"
        + "                'source': {'component': component}}})\n"
        + "    async def start(self):\n"
        + "        self._hubload_events = []\n"
        + "        n = next(_hubload_spawns)\n"
        + "        pod = 'hubload/jupyter-' + self.user.name\n"
        + "        if self.new_node_every and n % self.new_node_every == 0:\n"
        + "            self._hubload_event('FailedScheduling', '0/1 nodes are available: 1 Insufficient cpu.', 'default-scheduler')\n"
        + "            self._hubload_event('TriggeredScaleUp', 'pod triggered scale-up: [{user-pool 1->2}]', 'cluster-autoscaler')\n"
        + "            await asyncio.sleep(self.node_wait)\n"
        + "            _hubload_node['name'] = 'node-%d' % (int(_hubload_node['name'][5:]) + 1)\n"
        + "            _hubload_node['pulled'] = False\n"
        + "        node = _hubload_node['name']\n"
        + "        self._hubload_event('Scheduled', 'Successfully assigned ' + pod + ' to ' + node, 'default-scheduler')\n"
        + "        image = 'spec.containers{notebook}'\n"
        + "        if not _hubload_node['pulled']:\n"
        + "            _hubload_node['pulled'] = True\n"
        + "            self._hubload_event('Pulling', 'Pulling image \"jupyter/minimal-notebook\"', field_path=image)\n"
        + "            await asyncio.sleep(self.image_pull)\n"
        + "            self._hubload_event('Pulled', 'Successfully pulled image \"jupyter/minimal-notebook\" in %.1fs' % self.image_pull, field_path=image)\n"
        + "        else:\n"
        + "            self._hubload_event('Pulled', 'Container image \"jupyter/minimal-notebook\" already present on machine', field_path=image)\n"
        + "        self._hubload_event('Created', 'Created container notebook', field_path=image)\n"
        // A container takes a moment to start. It also keeps every imitated spawn longer than
        // the spawn request, so the progress stream is opened before the server is ready: a
        // stream opened after that carries the ready event only, on a real hub too.
        + "        await asyncio.sleep(" + seconds(CONTAINER_START) + ")\n"
        + "        self._hubload_event('Started', 'Started container notebook', field_path=image)\n"
        + "        return await super().start()\n"
        + "    async def stop(self, now=False):\n"
        + "        self._hubload_events = []  # the next spawn's stream starts afresh\n"
        + "        return await super().stop(now=now)\n"
        + "    async def progress(self):\n"
        + "        sent = 0\n"
        + "        while True:\n"
        + "            events = getattr(self, '_hubload_events', [])\n"
        + "            while sent < len(events):\n"
        + "                yield events[sent]\n"
        + "                sent += 1\n"
        + "            await asyncio.sleep(0.1)\n"
        + "c.JupyterHub.spawner_class = HubloadImitatedKubeSpawner\n\n";
  }

  /** How long an imitated container takes to start. */
  static final java.time.Duration CONTAINER_START = java.time.Duration.ofSeconds(2);

  /** Seconds as a Python float. */
  private static String seconds(java.time.Duration duration) {
    return Double.toString(duration.toMillis() / 1000.0);
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

package io.hubload.localhub;

import io.hubload.hubapi.PreflightException;
import io.hubload.config.HubRelease;
import io.hubload.config.InvalidSettingException;
import io.hubload.config.LocalHubSettings;
import io.hubload.config.Settings;
import io.hubload.config.SettingsSource;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code mvn test-compile exec:java@install-hubs}: installs every supported JupyterHub release from
 * PyPI into localhub.cache now, as the first run of each would, so that CI (and a machine about to
 * go offline) has them all, and a failed install stops here in one line naming the package. A
 * release already installed is left as it is.
 */
public final class InstallReleases {

  private InstallReleases() {}

  public static void main(String[] args) {
    try {
      for (String name : HubRelease.supported()) {
        // The user's settings (localhub.cache, localhub.python...), for each release in turn.
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(k.toString(), v.toString()));
        properties.put("localhub.jupyterhub", name);
        LocalHubSettings settings =
            Settings.from(SettingsSource.merge(SettingsSource.defaults(), System.getenv(), properties)).localHub();
        PypiInstall install = PypiInstall.ensure(settings);
        System.out.println("hubload: JupyterHub " + name + " is installed in " + install.home());
      }
    } catch (PreflightException | InvalidSettingException e) {
      System.err.println("hubload: " + e.getMessage());
      System.exit(1);
    }
    System.exit(0);
  }
}

package io.hubload.simulations;

import io.hubload.testing.HubReleases;

/**
 * The journeys against JupyterHub 4.1.6, which checks XSRF on every cookie-authenticated REST API
 * call and renews its token after login: where form mode used to fail.
 */
class JupyterHub416IT extends HubReleaseJourneys {

  @Override
  String release() {
    return HubReleases.jupyterhub416();
  }
}

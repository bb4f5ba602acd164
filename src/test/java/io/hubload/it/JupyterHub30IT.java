package io.hubload.it;

import io.hubload.config.HubRelease;

/** The journeys against Debian's JupyterHub (3.0 on Debian 12). */
class JupyterHub30IT extends HubReleaseJourneys {

  @Override
  String release() {
    return HubRelease.DEBIAN;
  }

  /** Debian's single-user server is the classic notebook 6.4: no Notebook 7 there. */
  @Override
  String secondTab() {
    return "classic";
  }
}

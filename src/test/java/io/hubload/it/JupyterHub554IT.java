package io.hubload.it;

/** The journeys against JupyterHub 5.5.4 from PyPI, with JupyterLab 4.6 as the users' server. */
class JupyterHub554IT extends HubReleaseJourneys {

  @Override
  String release() {
    return "5.5.4";
  }
}

package io.hubload.it;

/** The journeys against JupyterHub 6.1.1 from PyPI, with JupyterLab 4.6 as the users' server. */
class JupyterHub611IT extends HubReleaseJourneys {

  @Override
  String release() {
    return "6.1.1";
  }
}

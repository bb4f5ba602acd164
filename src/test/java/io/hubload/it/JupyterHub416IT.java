package io.hubload.it;

/** The journeys against JupyterHub 4.1.6 from PyPI, with JupyterLab 4.6 as the users' server. */
class JupyterHub416IT extends HubReleaseJourneys {

  @Override
  String release() {
    return "4.1.6";
  }
}

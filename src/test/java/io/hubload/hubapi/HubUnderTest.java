package io.hubload.hubapi;

import java.net.URI;
import java.util.Optional;

/** The JupyterHub a run talks to: a hub somewhere else, or the throwaway local one. */
public interface HubUnderTest extends AutoCloseable {

  /** Base URL, without trailing slash. */
  URI url();

  /** What {@code GET /hub/api} says, e.g. {@code 3.0.0}. */
  String version();

  /** The password the test users type into the login form. */
  String userPassword();

  /** A token with admin scopes on this hub, when the run has one. */
  Optional<String> adminToken();

  /** Gives back what the run started; never throws. */
  @Override
  void close();
}

package io.hubload.tab;

import java.time.Duration;

/**
 * One kind of request a browser tab repeats on its own, beside what the person does.
 *
 * @param entry its report entry, e.g. "poll kernels"
 * @param path the request's path under the user's server, e.g. "api/kernels"
 * @param interval from one answer to the next request, as a lumino Poll counts it
 * @param optional whether a server may lack the endpoint (a 404 then leaves it out, said once)
 * @param onlyWhenChanged an autosave: at each tick it is made only if the notebook changed since
 *     the last save
 * @param checkFirst an autosave that first reads the notebook's model without its content (the
 *     classic UI, to see whether the file changed on disk), as the entry "autosave check"
 */
public record Poll(String entry, String path, Duration interval, boolean optional, boolean onlyWhenChanged, boolean checkFirst) {

  /** A poll every server of the tab's kind serves. */
  static Poll of(String entry, String path, Duration interval) {
    return new Poll(entry, path, interval, false, false, false);
  }

  /** A poll of an endpoint some servers lack: JupyterLab's own APIs, terminals. */
  static Poll optional(String entry, String path, Duration interval) {
    return new Poll(entry, path, interval, true, false, false);
  }

  /** The notebook's autosave: a PUT of the notebook, made only when it changed. */
  static Poll autosave(Duration interval, boolean checkFirst) {
    return new Poll(TabTraffic.AUTOSAVE, "", interval, false, true, checkFirst);
  }
}

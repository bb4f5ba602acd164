package io.hubload.journey.tab;

import java.time.Duration;

/**
 * One kind of request a browser tab repeats on its own, beside what the person does.
 *
 * @param entry its report entry, e.g. "poll kernels"
 * @param method GET, or PUT for a save
 * @param path the request's path under the user's server, e.g. "api/kernels"
 * @param interval from one answer to the next request, as a lumino Poll counts it
 * @param optional whether a server may lack the endpoint (a 404 then leaves it out, said once)
 * @param onlyWhenChanged an autosave: at each tick it is made only if the notebook changed since
 *     the last save
 * @param checkFirst an autosave that first reads the notebook's model without its content (to see
 *     whether the file changed on disk), as the entry "autosave check"
 * @param readBack an autosave that reads the model again after the save, then lists the
 *     notebook's checkpoints (JupyterLab 4.6), as the entries "autosave check" and "checkpoints"
 */
public record Poll(
    String entry,
    String method,
    String path,
    Duration interval,
    boolean optional,
    boolean onlyWhenChanged,
    boolean checkFirst,
    boolean readBack) {

  /** A poll every server of the tab's kind serves. */
  static Poll of(String entry, String path, Duration interval) {
    return new Poll(entry, "GET", path, interval, false, false, false, false);
  }

  /** A poll of an endpoint some servers lack: JupyterLab's own APIs, terminals. */
  static Poll optional(String entry, String path, Duration interval) {
    return new Poll(entry, "GET", path, interval, true, false, false, false);
  }

  /** A save the UI repeats, of an endpoint some servers lack (JupyterLab's workspace). */
  static Poll optionalSave(String entry, String path, Duration interval) {
    return new Poll(entry, "PUT", path, interval, true, false, false, false);
  }

  /** The notebook's autosave: a PUT of the notebook, made only when it changed. */
  static Poll autosave(Duration interval, boolean checkFirst, boolean readBack) {
    return new Poll(TabTraffic.AUTOSAVE, "PUT", "", interval, false, true, checkFirst, readBack);
  }
}

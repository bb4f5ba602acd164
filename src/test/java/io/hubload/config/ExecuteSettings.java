package io.hubload.config;

import io.hubload.jupyter.Cell;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * execute.*: what a user runs on its kernel.
 *
 * @param workload the code a user runs, in order: execute.code, or a notebook's code cells
 * @param notebook the notebook it came from, empty for execute.code
 */
public record ExecuteSettings(
    String kernel, List<Cell> workload, Optional<String> notebook, int repeat, Duration thinkTime) {

  static ExecuteSettings read(SettingReader r) {
    String kernel = r.string("execute.kernel");
    if (!kernel.matches("[A-Za-z0-9._-]+")) {
      throw new InvalidSettingException("execute.kernel", kernel, "not a kernelspec name");
    }
    String notebook = r.string("execute.notebook");
    List<Cell> workload;
    if (notebook.isEmpty()) {
      String code = r.raw("execute.code");
      if (code.isBlank()) {
        throw new InvalidSettingException("execute.code", "\"\"", "there must be code to run");
      }
      workload = List.of(new Cell("execute", code, r.raw("execute.expected")));
    } else {
      workload = NotebookFile.cells("execute.notebook", notebook);
    }
    return new ExecuteSettings(
        kernel,
        workload,
        notebook.isEmpty() ? Optional.empty() : Optional.of(notebook),
        r.integer("execute.repeat", 1, 10_000),
        r.duration("execute.think-time", Duration.ZERO, Duration.ofDays(1)));
  }
}

package io.hubload.config;

import io.hubload.jupyter.Cell;
import io.hubload.jupyter.Notebook;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the notebook execute.notebook names: a file, or one shipped under notebooks/. */
final class NotebookFile {

  private NotebookFile() {}

  static List<Cell> cells(String key, String name) {
    try (InputStream in = open(name)) {
      if (in == null) {
        throw new InvalidSettingException(
            key, name, "no such file, nor a notebook under src/test/resources/notebooks/");
      }
      return Notebook.cells(in, name);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(key, name, e.getMessage());
    } catch (IOException e) {
      throw new InvalidSettingException(key, name, "cannot be read (" + e.getMessage() + ")");
    }
  }

  private static InputStream open(String name) throws IOException {
    Path file = Path.of(name);
    if (!file.isAbsolute()) {
      Path inProject = Path.of(System.getProperty("hubload.basedir", "")).resolve(name);
      if (Files.isRegularFile(inProject)) {
        file = inProject;
      }
    }
    if (Files.isRegularFile(file)) {
      return Files.newInputStream(file);
    }
    return NotebookFile.class.getClassLoader().getResourceAsStream("notebooks/" + name);
  }
}

package io.hubload.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A workload read from a Jupyter notebook (nbformat 4): its code cells, in order, each with the
 * text output stored in the notebook as what it must produce again (streams, then results and
 * displayed data as text/plain, in the stored order). A notebook stored with an error output is
 * refused: a load test's code is expected to succeed.
 */
public final class Notebook {

  private Notebook() {}

  /**
   * @throws IllegalArgumentException with a one-line reason when it is not a usable notebook
   */
  public static List<Cell> cells(InputStream ipynb, String name) throws IOException {
    JsonNode notebook;
    try {
      notebook = new ObjectMapper().readTree(ipynb);
    } catch (IOException e) {
      throw new IllegalArgumentException(name + " is not JSON");
    }
    if (notebook == null || notebook.path("nbformat").asInt(0) != 4) {
      throw new IllegalArgumentException(name + " is not an nbformat 4 notebook");
    }
    List<Cell> cells = new ArrayList<>();
    int index = 0;
    for (JsonNode cell : notebook.path("cells")) {
      if (!"code".equals(cell.path("cell_type").asText())) {
        continue;
      }
      index++;
      String code = text(cell.path("source"));
      if (code.isBlank()) {
        continue;
      }
      StringBuilder expected = new StringBuilder();
      for (JsonNode output : cell.path("outputs")) {
        switch (output.path("output_type").asText()) {
          case "stream":
            expected.append(text(output.path("text")));
            break;
          case "execute_result":
          case "display_data":
            expected.append(text(output.path("data").path("text/plain")));
            break;
          case "error":
            throw new IllegalArgumentException(
                name + ": code cell " + index + " was saved with an error (" + output.path("ename").asText() + ")");
          default:
            break;
        }
      }
      cells.add(new Cell("execute cell " + index, code, expected.toString()));
    }
    if (cells.isEmpty()) {
      throw new IllegalArgumentException(name + " has no code cell");
    }
    return cells;
  }

  /** nbformat stores multi-line text as a string or as a list of lines. */
  private static String text(JsonNode node) {
    if (node.isArray()) {
      StringBuilder joined = new StringBuilder();
      node.forEach(line -> joined.append(line.asText()));
      return joined.toString();
    }
    return node.isMissingNode() || node.isNull() ? "" : node.asText();
  }
}

package io.hubload.jupyter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The notebook a browser tab writes through the server's contents API
 * (https://jupyter-server.readthedocs.io/en/latest/developers/contents.html): the request that
 * makes a new one, and the body of a save.
 */
public final class NotebookModel {

  /** POST /api/contents: a new, empty notebook (the server names it Untitled.ipynb, Untitled1...). */
  public static final String NEW = "{\"type\": \"notebook\"}";

  private NotebookModel() {}

  /** PUT /api/contents/PATH: the notebook with the user's code cells on its kernel, as a save sends it. */
  public static String saved(List<Cell> cells, String kernel) {
    ObjectNode model = JupyterMessages.JSON.createObjectNode();
    model.put("type", "notebook");
    model.put("format", "json");
    ObjectNode content = model.putObject("content");
    ArrayNode array = content.putArray("cells");
    for (Cell cell : cells) {
      ObjectNode code = array.addObject();
      code.put("cell_type", "code");
      code.put("source", cell.code());
      code.putObject("metadata");
      code.putNull("execution_count");
      code.putArray("outputs");
    }
    ObjectNode metadata = content.putObject("metadata");
    metadata.putObject("kernelspec").put("name", kernel).put("display_name", kernel);
    content.put("nbformat", 4);
    content.put("nbformat_minor", 5);
    return model.toString();
  }
}

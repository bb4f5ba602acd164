package io.hubload.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotebookTest {

  @Test
  void theExampleNotebooksCodeCellsWithTheirStoredOutputs() throws Exception {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("notebooks/example.ipynb")) {
      assertEquals(
          List.of(
              new Cell("execute cell 1", "import math\nimport statistics", ""),
              new Cell("execute cell 2", "print(f\"10! = {math.factorial(10)}\")", "10! = 3628800\n"),
              new Cell(
                  "execute cell 3",
                  "squares = [n * n for n in range(10)]\nsquares",
                  "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]"),
              new Cell(
                  "execute cell 4",
                  "print(\"mean\", statistics.mean(squares))\nsum(squares)",
                  "mean 28.5\n285")),
          Notebook.cells(in, "example.ipynb"));
    }
  }

  @Test
  void sourcesAndOutputsMayBeSingleStrings() throws Exception {
    String nb =
        "{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": \"1 + 1\", \"outputs\": ["
            + "{\"output_type\": \"execute_result\", \"data\": {\"text/plain\": \"2\"}}]},"
            + "{\"cell_type\": \"code\", \"source\": [], \"outputs\": []}]}";
    assertEquals(List.of(new Cell("execute cell 1", "1 + 1", "2")), Notebook.cells(stream(nb), "x.ipynb"));
  }

  @Test
  void unusableNotebooksAreRefusedWithAReason() {
    assertEquals(
        "x.ipynb: code cell 1 was saved with an error (ZeroDivisionError)",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    Notebook.cells(
                        stream(
                            "{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": \"1/0\", \"outputs\": [{\"output_type\": \"error\", \"ename\": \"ZeroDivisionError\"}]}]}"),
                        "x.ipynb"))
            .getMessage());
    assertEquals(
        "x.ipynb is not an nbformat 4 notebook",
        assertThrows(IllegalArgumentException.class, () -> Notebook.cells(stream("{\"nbformat\": 3}"), "x.ipynb"))
            .getMessage());
    assertEquals(
        "x.ipynb has no code cell",
        assertThrows(
                IllegalArgumentException.class,
                () -> Notebook.cells(stream("{\"nbformat\": 4, \"cells\": []}"), "x.ipynb"))
            .getMessage());
  }

  private static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}

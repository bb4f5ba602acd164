package io.hubload.jupyter;

/**
 * One piece of code a user runs, and the text output it must produce.
 *
 * @param label how the report names its execution: "execute", or "execute cell 3" for a
 *     notebook's third code cell
 */
public record Cell(String label, String code, String expected) {}

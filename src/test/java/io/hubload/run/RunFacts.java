package io.hubload.run;

import java.util.Map;

/**
 * What a run was, for its summary.json: simulation, profile, hub (URL without credentials,
 * version, auth mode)...; and the hub's own metrics over the run, when it could read them.
 */
public record RunFacts(Map<String, Object> run, Map<String, Object> hubMetrics) {}

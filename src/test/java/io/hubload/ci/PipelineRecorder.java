package io.hubload.ci;

import groovy.lang.Closure;
import groovy.lang.Script;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for Jenkins when a Jenkinsfile runs as a plain Groovy script: every step it calls
 * (pipeline, stage, sh, publishHTML...) is recorded in a tree with its arguments, and closures are
 * entered, so that a test sees the pipeline's structure without a Jenkins. Steps whose result the
 * Jenkinsfile uses answer plausibly: sh gives "" for returnStdout and 0 for returnStatus,
 * fileExists gives false.
 */
public abstract class PipelineRecorder extends Script {

  /** One step call: its name, its arguments (closures left out), the calls made inside it. */
  public static final class Call {
    public final String name;
    public final List<Object> args = new ArrayList<>();
    public final List<Call> children = new ArrayList<>();

    Call(String name) {
      this.name = name;
    }

    /** Every call below this one, depth first, with this name. */
    public List<Call> find(String stepName) {
      List<Call> found = new ArrayList<>();
      for (Call child : children) {
        if (child.name.equals(stepName)) {
          found.add(child);
        }
        found.addAll(child.find(stepName));
      }
      return found;
    }

    /** The named argument {@code key} of a step called with a map. */
    public Object named(String key) {
      for (Object arg : args) {
        if (arg instanceof Map<?, ?> map && map.containsKey(key)) {
          return map.get(key);
        }
      }
      return null;
    }

    /** The first positional argument. */
    public Object first() {
      return args.isEmpty() ? null : args.get(0);
    }
  }

  private final Call root = new Call("(Jenkinsfile)");
  private final Deque<Call> open = new ArrayDeque<>(List.of(root));

  public Call root() {
    return root;
  }

  /**
   * Names the Jenkinsfile uses as bare words ({@code agent any}) are themselves; the binding's
   * variables (params, env) are looked up as usual.
   */
  @Override
  public Object getProperty(String property) {
    try {
      return super.getProperty(property);
    } catch (groovy.lang.MissingPropertyException e) {
      return property;
    }
  }

  /** Every step the script calls lands here: Groovy's hook for a method the class lacks. */
  public Object methodMissing(String name, Object args) {
    Call call = new Call(name);
    open.peek().children.add(call);
    Object[] arguments = args instanceof Object[] array ? array : new Object[] {args};
    List<Closure<?>> closures = new ArrayList<>();
    for (Object arg : arguments) {
      if (arg instanceof Closure<?> closure) {
        closures.add(closure);
      } else {
        call.args.add(arg);
      }
    }
    Object result = null;
    open.push(call);
    try {
      for (Closure<?> closure : closures) {
        result = closure.call();
      }
    } finally {
      open.pop();
    }
    return answer(call, result);
  }

  private static Object answer(Call call, Object closureResult) {
    switch (call.name) {
      case "sh":
        if (Boolean.TRUE.equals(call.named("returnStdout"))) {
          return "";
        }
        return Boolean.TRUE.equals(call.named("returnStatus")) ? 0 : null;
      case "fileExists":
        return false;
      default:
        return closureResult != null ? closureResult : call;
    }
  }
}

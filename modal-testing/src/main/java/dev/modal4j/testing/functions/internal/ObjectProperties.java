package dev.modal4j.testing.functions.internal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named properties of a result object that is neither a collection nor a scalar: a record's
 * components in declaration order, or a bean's public fields followed by its public getters ({@code
 * getX()}, {@code isX()} for booleans) by name. JDK types other than those {@link JavaToCbor}
 * knows, and objects with no property at all, cannot be encoded.
 */
final class ObjectProperties {
  private ObjectProperties() {}

  static Map<String, Object> of(Object value) throws IOException {
    Class<?> type = value.getClass();
    String name = type.getName();
    if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")) {
      throw new IOException("cannot encode a " + name + " as CBOR");
    }
    Map<String, Object> properties =
        type.isRecord() ? recordComponents(value, type) : beanProperties(value, type);
    if (properties.isEmpty()) {
      throw new IOException("cannot encode a " + name + " as CBOR: it has no public properties");
    }
    return properties;
  }

  private static Map<String, Object> recordComponents(Object value, Class<?> type)
      throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      out.put(c.getName(), invoke(c.getAccessor(), value));
    }
    return out;
  }

  private static Map<String, Object> beanProperties(Object value, Class<?> type)
      throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field f : type.getFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        try {
          out.put(f.getName(), f.get(value));
        } catch (IllegalAccessException e) {
          throw new IOException("cannot read field " + f.getName() + " of " + type.getName(), e);
        }
      }
    }
    Method[] methods = type.getMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    for (Method m : methods) {
      String property = getterProperty(m);
      if (property != null && !out.containsKey(property)) {
        out.put(property, invoke(m, value));
      }
    }
    return out;
  }

  private static String getterProperty(Method m) {
    if (Modifier.isStatic(m.getModifiers())
        || m.getParameterCount() != 0
        || m.getDeclaringClass() == Object.class) {
      return null;
    }
    String name = m.getName();
    if (name.startsWith("get") && name.length() > 3 && m.getReturnType() != void.class) {
      return decapitalize(name.substring(3));
    }
    if (name.startsWith("is")
        && name.length() > 2
        && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
      return decapitalize(name.substring(2));
    }
    return null;
  }

  private static String decapitalize(String s) {
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static Object invoke(Method accessor, Object target) throws IOException {
    try {
      if (!accessor.canAccess(target)) {
        accessor.trySetAccessible();
      }
      return accessor.invoke(target);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new IOException("cannot read " + accessor.getName() + "() of a result", e);
    } catch (InvocationTargetException e) {
      throw new IOException(
          accessor.getName() + "() of a result threw " + e.getCause(), e.getCause());
    }
  }
}

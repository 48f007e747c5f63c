package com.sandboxopt.server.api;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A constraint violation's field as the API's messages name it ({@code modelId}, {@code dataSources.market},
 * a body's fields without the parameter's own name), and the order a reader of the body meets them in.
 */
final class ViolationPaths {
    /** By the record component the violation is in, then by its key's place in that map. */
    static final Comparator<ConstraintViolation<?>> IN_BODY_ORDER = Comparator
            .comparingInt(ViolationPaths::componentIndex).thenComparingInt(ViolationPaths::keyIndex);

    private ViolationPaths() {
    }

    static String field(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        boolean parameterFirst = false;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            parameterFirst |= names.isEmpty() && node.getKind() == ElementKind.PARAMETER;
            if (node.isInIterable() && (node.getKey() != null || node.getIndex() != null)) {
                names.add(String.valueOf(node.getKey() != null ? node.getKey() : node.getIndex()));
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                names.add(node.getName());
            }
        }
        if (parameterFirst && names.size() > 1) {
            names.remove(0); // "modelId", not "body.modelId"
        }
        return String.join(".", names);
    }

    private static int componentIndex(ConstraintViolation<?> violation) {
        RecordComponent[] components = components(violation);
        String property = property(violation);
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(property)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static int keyIndex(ConstraintViolation<?> violation) {
        Object key = null;
        for (Path.Node node : violation.getPropertyPath()) {
            key = node.isInIterable() && node.getKey() != null ? node.getKey() : key;
        }
        String property = property(violation);
        for (RecordComponent component : components(violation)) {
            if (key != null && component.getName().equals(property) && value(component, violation.getLeafBean()) instanceof Map<?, ?> map) {
                return new ArrayList<>(map.keySet()).indexOf(key);
            }
        }
        return 0;
    }

    /** The name of the first property on the violation's path: the body's field it is in. */
    private static String property(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY) {
                return node.getName();
            }
        }
        return null;
    }

    private static RecordComponent[] components(ConstraintViolation<?> violation) {
        Object leaf = violation.getLeafBean();
        RecordComponent[] components = leaf == null ? null : leaf.getClass().getRecordComponents();
        return components == null ? new RecordComponent[0] : components;
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}

package com.nightshift.common.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

/**
 * Writes a document made of records, maps with string keys, collections, strings, numbers, booleans,
 * dates and plain enums through Jackson's streaming generator, byte for byte as {@link DocumentJson}'s
 * object mapper writes it, without the mapper. The mapper introspects every type it meets (annotations,
 * creators, serializer factories) and its class initialisation alone builds calendars and locale data;
 * for a command that writes a few documents and exits, such as a VaR run of half a second, that is a
 * tenth of its CPU.
 *
 * <p>Anything else the mapper would write differently, or might (a type it does not know here, a
 * record carrying Jackson annotations or an extra getter, a map with non-string keys), makes
 * {@link #write} leave its buffer empty and return false, and the caller uses the mapper: nothing is
 * written halfway. Thread-safe.
 */
final class RecordTreeWriter {

    /** The generator settings of every document: the object mapper is built on this factory too. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** Each record type's accessors in component order, or null when the mapper must write the type. */
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            return accessorsOf(type);
        }
    };

    /** Thrown inside a write that met something only the mapper writes. */
    private static final class NotPlain extends Exception {
        NotPlain() {
            super(null, null, false, false);
        }
    }

    private RecordTreeWriter() {
    }

    /**
     * Writes the document into {@code out}, which must be empty, as the mapper would write it (without the
     * final newline); returns false, and leaves {@code out} empty, when only the mapper can.
     */
    static boolean write(Object document, ByteArrayOutputStream out) throws IOException {
        if (!(document instanceof Record)) {
            return false;
        }
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.useDefaultPrettyPrinter();
            write(generator, document);
        } catch (NotPlain e) {
            out.reset();
            return false;
        }
        return true;
    }

    private static void write(JsonGenerator generator, Object value) throws IOException, NotPlain {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Double number) {
            generator.writeNumber(number);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof BigDecimal number) {
            generator.writeNumber(number);
        } else if (value instanceof LocalDate date) {
            generator.writeString(date.toString());
        } else if (value instanceof Record record) {
            writeRecord(generator, record);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new NotPlain();
                }
                generator.writeFieldName(key);
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Collection<?> collection) {
            generator.writeStartArray();
            for (Object element : collection) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof Enum<?> constant && plainEnum(constant.getDeclaringClass())) {
            generator.writeString(constant.name());
        } else {
            throw new NotPlain();
        }
    }

    private static void writeRecord(JsonGenerator generator, Record record) throws IOException, NotPlain {
        Method[] accessors = ACCESSORS.get(record.getClass());
        if (accessors == null) {
            throw new NotPlain();
        }
        generator.writeStartObject();
        for (Method accessor : accessors) {
            generator.writeFieldName(accessor.getName());
            Object value;
            try {
                value = accessor.invoke(record);
            } catch (IllegalAccessException e) {
                throw new NotPlain();
            } catch (InvocationTargetException e) {
                throw new IOException("cannot read " + record.getClass().getSimpleName() + "." + accessor.getName(),
                        e.getCause());
            }
            write(generator, value);
        }
        generator.writeEndObject();
    }

    /**
     * A record's accessors, when the mapper would write exactly its components: no Jackson annotation on
     * it, its components or accessors, and no other public getter ({@code getX()}, {@code isX()}) the
     * mapper would add as a property.
     */
    private static Method[] accessorsOf(Class<?> type) {
        if (jacksonAnnotated(type.getAnnotations())) {
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Method[] accessors = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
            Method accessor = components[i].getAccessor();
            if (jacksonAnnotated(components[i].getAnnotations()) || jacksonAnnotated(accessor.getAnnotations())) {
                return null;
            }
            try {
                accessor.setAccessible(true);
            } catch (RuntimeException e) {
                return null;
            }
            accessors[i] = accessor;
        }
        for (Method method : type.getMethods()) {
            String name = method.getName();
            boolean getter = (name.startsWith("get") && name.length() > 3 && method.getReturnType() != void.class)
                    || (name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class);
            if (getter && method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                    && method.getDeclaringClass() != Object.class && !isAccessor(method, accessors)) {
                return null;
            }
        }
        return accessors;
    }

    private static boolean isAccessor(Method method, Method[] accessors) {
        for (Method accessor : accessors) {
            if (accessor.getName().equals(method.getName())) {
                return true;
            }
        }
        return false;
    }

    /** An enum the mapper writes as its name: no Jackson annotation on it or its constants. */
    private static boolean plainEnum(Class<?> type) {
        if (jacksonAnnotated(type.getAnnotations())) {
            return false;
        }
        for (java.lang.reflect.Field field : type.getDeclaredFields()) {
            if (jacksonAnnotated(field.getAnnotations())) {
                return false;
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (jacksonAnnotated(method.getAnnotations())) {
                return false;
            }
        }
        return true;
    }

    private static boolean jacksonAnnotated(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getName().startsWith("com.fasterxml.jackson.")) {
                return true;
            }
        }
        return false;
    }
}

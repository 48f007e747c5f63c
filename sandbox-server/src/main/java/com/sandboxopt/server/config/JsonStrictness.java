package com.sandboxopt.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Jackson reads request bodies with strict JSON types: a number or a boolean is not taken for a string
 * (Jackson would turn {@code 7} into {@code "7"}, and an id sent as a number is a client's mistake worth
 * naming rather than a "not found" for "7"), nor a one-item array for its item (Micronaut turns Jackson's
 * {@code UNWRAP_SINGLE_VALUE_ARRAYS} on: {@code ["x"]} would be read as {@code "x"}, {@code [{}]} as an
 * object). Jackson's own defaults refuse the rest: an array, a number or a string is no object.
 */
@Singleton
public class JsonStrictness implements BeanCreatedEventListener<ObjectMapper> {
    @Override
    public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
        ObjectMapper mapper = event.getBean();
        mapper.disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}

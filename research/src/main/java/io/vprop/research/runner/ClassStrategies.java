package io.vprop.research.runner;

import io.vprop.research.walkforward.ParamSet;
import io.vprop.strategy.Strategy;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Map;

/** A strategy class with a public {@code (Map<String, Double>)} constructor (or a no-argument one for no parameters). */
final class ClassStrategies implements StrategyFactory {
    private final Class<? extends Strategy> type;
    private final Constructor<? extends Strategy> withParams, bare;

    ClassStrategies(Class<? extends Strategy> type) {
        if (type == null) throw new IllegalArgumentException("a strategy class is required");
        if (!Strategy.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers()))
            throw new IllegalArgumentException(type.getName() + " is not a public, concrete class implementing io.vprop.strategy.Strategy");
        this.type = type;
        this.withParams = constructor(type, Map.class);
        this.bare = constructor(type);
        if (withParams == null && bare == null)
            throw new IllegalArgumentException(type.getName() + " has neither a public (java.util.Map<String, Double> params) "
                    + "constructor nor a public no-argument one");
    }

    private static Constructor<? extends Strategy> constructor(Class<? extends Strategy> type, Class<?>... args) {
        try {
            return type.getConstructor(args);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @Override
    public Strategy create(ParamSet params) {
        try {
            if (withParams != null) return withParams.newInstance(params.values());
            if (!params.values().isEmpty())
                throw new IllegalArgumentException(type.getName() + " takes no parameters (it has no (Map<String, Double>) "
                        + "constructor), but the grid gives " + params.key());
            return bare.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            throw new IllegalStateException(type.getName() + " could not be created with " + params.key() + ": " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " could not be created: " + e, e);
        }
    }

    @Override
    public String description() { return type.getName(); }

    @Override
    public String fingerprint() { return "class " + type.getName(); }
}

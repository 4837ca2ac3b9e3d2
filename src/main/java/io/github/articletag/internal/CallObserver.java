package io.github.articletag.internal;

import java.util.function.Supplier;

/**
 * What sees each public call of the library: nothing, unless the application gives the database a Micrometer
 * registry ({@link ObservedCalls}). Kept free of Micrometer's types so that without Micrometer on the class path
 * nothing of it is loaded.
 */
public interface CallObserver {

    /** Observes nothing: the call just runs. */
    CallObserver NONE = new CallObserver() {
        @Override
        public <R> R observe(String repository, String call, Supplier<R> work) {
            return work.get();
        }

        @Override
        public void retried() {
        }
    };

    /**
     * Runs {@code work}, the body of the public call {@code call} of {@code repository}. A public call made inside
     * another (findTagged runs find) is part of the outer one.
     */
    <R> R observe(String repository, String call, Supplier<R> work);

    /** Tells the call running on this thread that the server rolled its transaction back and it runs again. */
    void retried();
}

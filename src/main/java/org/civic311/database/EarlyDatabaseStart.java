package org.civic311.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded PostgreSQL on a thread of its own as soon as the context is prepared, so that the server's
 * start (and, on a new data directory, initdb) overlaps the seconds Spring spends reading the configuration, instead
 * of following them. {@link EmbeddedDatabaseConfiguration} then takes the started server rather than starting one.
 *
 * <p>Runs after every initializer, so a command that points at another server (a backup of a running Civic311)
 * has already set the database URL when this looks for it.
 */
final class EarlyDatabaseStart implements SpringApplicationRunListener {

    static final String BEAN = "civic311.startingDatabase";

    private @Nullable Starting starting;

    EarlyDatabaseStart(SpringApplication application, String[] args) {}

    @Override
    public void contextPrepared(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!ExternalDatabaseAbsent.matches(environment)) {
            return;
        }
        EmbeddedDatabaseProperties properties =
                Binder.get(environment).bindOrCreate("civic311.database.embedded", EmbeddedDatabaseProperties.class);
        // A directory given as ${random.uuid} (the tests) would name another directory at every reading: pin it.
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "civic311-embedded-database",
                        Map.of(
                                "civic311.database.embedded.data-directory",
                                properties.dataDirectory().toString())));
        starting = new Starting(properties);
        context.getBeanFactory().registerSingleton(BEAN, starting);
        if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(BEAN, starting);
        }
    }

    @Override
    public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
        if (starting != null) {
            starting.destroy();
        }
    }

    /** A server being started; whoever {@linkplain #await() takes} it stops it, else it is stopped with the context. */
    static final class Starting implements DisposableBean {

        private static final Logger log = LoggerFactory.getLogger(Starting.class);

        private final CompletableFuture<EmbeddedPostgres> server = new CompletableFuture<>();
        private boolean taken;

        Starting(EmbeddedDatabaseProperties properties) {
            Thread.ofPlatform().name("embedded-postgres-start").start(() -> {
                try {
                    server.complete(EmbeddedDatabaseConfiguration.start(properties));
                } catch (IOException | RuntimeException e) {
                    server.completeExceptionally(e);
                }
            });
        }

        /** Waits for the server; from then on the caller owns it. A failed start is rethrown as it was. */
        synchronized EmbeddedPostgres await() throws IOException {
            try {
                EmbeddedPostgres postgres = server.get();
                taken = true;
                return postgres;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the embedded database started", e);
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case RuntimeException runtime -> throw runtime;
                    default -> throw new IOException("the embedded database did not start", e.getCause());
                }
            }
        }

        @Override
        public synchronized void destroy() {
            if (taken) {
                return;
            }
            taken = true;
            try {
                server.join().close();
            } catch (CompletionException e) {
                // It never started: nothing to stop.
            } catch (IOException e) {
                log.warn("Could not stop the embedded database started for a context that did not use it", e);
            }
        }
    }
}

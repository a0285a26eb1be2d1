package org.civic311.database;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civic311.support.Http;

/**
 * Civic311 in a process of its own, as an operator runs it, so that a test can kill it with SIGKILL: its data and
 * photos under a directory, its output appended to {@code app.log} there.
 */
final class Civic311Process {

    private Civic311Process() {}

    /** Starts it and waits until it is ready; {@code arguments} come after the port and the directories. */
    static Process start(Path directory, int port, List<String> arguments) throws IOException {
        List<String> line = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "org.civic311.Civic311Application",
                "--server.port=" + port,
                "--civic311.database.embedded.data-directory=" + directory.resolve("pg"),
                "--civic311.media.directory=" + directory.resolve("media"),
                "--civic311.demo.enabled=true",
                "--civic311.demo.history=false"));
        line.addAll(arguments);
        Process process = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("app.log").toFile()))
                .start();
        Http http = new Http(port);
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(IllegalStateException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("Civic311 exited: " + Files.readString(directory.resolve("app.log")));
                    }
                    return http.get("/actuator/health/readiness").status() == 200;
                });
        return process;
    }

    /** Stops it as an operator would (SIGTERM), if it still runs. */
    static void stop(Process process) {
        if (process != null && process.isAlive()) {
            process.destroy();
            await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Files a graffiti report at 41 Elm Ave through Open311 with the demo key, as a resident's app would. */
    static Http.Response fileReport(Http http) {
        return http.postForm(
                "/open311/v2/requests.json",
                List.of(
                        Map.entry("api_key", "demo-key"),
                        Map.entry("service_code", "SWLMALB-02"),
                        Map.entry("address_string", "41 Elm Ave"),
                        Map.entry("description", "Graffiti on the bin")));
    }
}

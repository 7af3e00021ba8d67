package app.duizhao.reliability;

import app.duizhao.DuizhaoApplication;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real application in a JVM of its own (the test's class path, {@link DuizhaoApplication} as the main class),
 * listening on a free port of 127.0.0.1 with its H2 database in {@code dataDir}: a process the test can kill with
 * {@code SIGKILL} and start again on the same data.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the server on {@code dataDir} and waits until {@code /actuator/health} answers. */
    static ServerProcess start(Path dataDir, List<String> extraArgs) throws Exception {
        int port = freePort();
        Path log = dataDir.resolve("server-" + port + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                // Vaadin's development mode looks for the project (pom.xml) from here.
                "-Dvaadin.project.basedir=" + Path.of("").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), DuizhaoApplication.class.getName(),
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--duizhao.data-dir=" + dataDir.toAbsolutePath(),
                "--vaadin.launch-browser=false", "--vaadin.devmode.devTools.enabled=false",
                "--logging.level.root=WARN"));
        command.addAll(extraArgs);
        // Its own working directory, so the project's top-level application.properties is not read.
        Process process = new ProcessBuilder(command).directory(dataDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(process, log, port);
        // Generous: on a loaded CI machine Spring, Vaadin and the dictionaries take minutes to start.
        server.awaitHealthy(Duration.ofSeconds(420));
        return server;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy(Duration limit) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        kill();
        throw new IllegalStateException("The server did not start within " + limit + ":\n" + output());
    }

    /** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The last lines the server printed, for a failure message. */
    String output() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package io.singlesday.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Chromium and its ChromeDriver for browser tests. On Debian and Ubuntu, when run as root (CI, the dev
 * machines) and they are missing, it installs the distribution's packages, so the README's test command needs
 * nothing installed by hand. Elsewhere, CHROME_BIN and CHROMEDRIVER point at them.
 */
public final class Chromium {

    public record Binaries(Path browser, Path driver) {
    }

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/local/bin/chromedriver",
            "/opt/homebrew/bin/chromedriver");

    private Chromium() {
    }

    public static synchronized Binaries binaries() {
        Binaries found = find();
        if (found == null && Files.isExecutable(Path.of("/usr/bin/apt-get")) && "root".equals(System.getProperty("user.name"))) {
            run("apt-get", "update", "-qq");
            run("apt-get", "install", "-y", "-qq", "chromium", "chromium-driver");
            found = find();
        }
        if (found == null) {
            throw new IllegalStateException("Browser tests need Chromium and ChromeDriver: install them (Debian: "
                    + "apt-get install chromium chromium-driver) or set CHROME_BIN and CHROMEDRIVER");
        }
        return found;
    }

    private static Binaries find() {
        Path browser = first(System.getenv("CHROME_BIN"), BROWSERS);
        Path driver = first(System.getenv("CHROMEDRIVER"), DRIVERS);
        return browser == null || driver == null ? null : new Binaries(browser, driver);
    }

    private static Path first(String override, List<String> candidates) {
        if (override != null && Files.isExecutable(Path.of(override))) {
            return Path.of(override);
        }
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    }

    private static void run(String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

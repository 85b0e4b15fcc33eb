package io.singlesday.gmv.dashboard;

import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.gmv.CounterApp;
import io.singlesday.gmv.OrderEvents;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.testsupport.Chromium;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator screen in a real headless Chromium: the page loads its bundled chart library from the service,
 * opens the stream, and when orders are confirmed the giant ticker climbs to the new total and the charts redraw.
 * Leaves target/dashboard.png behind (the README's picture is one of these).
 */
class DashboardBrowserTest {

    private static final List<String> BRANDS = List.of("Jade Rabbit Tea", "Silk Road Skincare", "Panda Outdoor",
            "West Lake Porcelain", "Nordic Home", "Bavaria Kitchen", "Kyoto Beauty", "Aussie Milk Co.", "Seoul Glow",
            "Harbin Winter Wear", "Yunnan Coffee", "Shenzhen Gadgets");

    private static ConfigurableApplicationContext counter;
    private static ChromeDriver browser;
    private static java.nio.file.Path profile;

    @BeforeAll
    static void start() throws Exception {
        counter = CounterApp.start();
        Chromium.Binaries chromium = Chromium.binaries();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.browser().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-dev-shm-usage", "--window-size=1600,1500",
                "--user-data-dir=" + (profile = Files.createTempDirectory("dashboard-chromium")));
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(chromium.driver().toFile()).usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (counter != null) {
            counter.close();
        }
        if (profile != null) {
            io.singlesday.testsupport.TemporaryDirectories.delete(profile);
        }
    }

    @Test
    void theTickerAndTheChartsMoveWhenOrdersAreConfirmed() throws Exception {
        browser.get("about:blank"); // a fresh load, not a same-page jump to another fragment
        browser.get(CounterApp.base(counter) + "/dashboard#token=" + Tokens.operator("screen-operator"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> "live".equals(d.findElement(By.id("connection")).getText())
                && !"–".equals(d.findElement(By.id("version")).getText()));
        long before = Long.parseLong(browser.findElement(By.id("gmv")).getDomAttribute("data-fen"));
        double chartBefore = perSecondChartSum();

        // A minute and a half into the festival, when last year's curve is at its steepest.
        String operator = Tokens.operator("screen-operator");
        String festivalTime = Year.now(FestivalClock.BEIJING) + "-11-11T00:01:30+08:00";
        assertThat(Http.send(CounterApp.base(counter), "PUT", "/api/clock", operator,
                "{\"festivalTime\":\"" + festivalTime + "\",\"speed\":1}").statusCode()).isEqualTo(200);
        FestivalClock clock = counter.getBean(FestivalClock.class);
        List<OrderConfirmed> orders = new ArrayList<>();
        try (OrderEvents events = new OrderEvents(2026, 12)) {
            events.openStores(BRANDS);
            Instant now = clock.instant();
            for (int i = 0; i < 400; i++) {
                OrderConfirmed order = events.confirmed(now.minusSeconds(i % 90));
                orders.add(order);
                events.send(order.orderId(), OrderEvents.envelope(order, order.orderId(), order.confirmedAt()));
            }
            events.flush();
        }
        long added = orders.stream().mapToLong(o -> o.paidTotal().minor()).sum();
        long after = before + added;

        wait.withTimeout(Duration.ofSeconds(30)).until(d ->
                Long.parseLong(d.findElement(By.id("gmv")).getDomAttribute("data-fen")) == after);
        String expectedTicker = String.format(Locale.US, "¥%,.2f", after / 100.0);
        wait.until(d -> expectedTicker.equals(d.findElement(By.id("gmv")).getText()));
        wait.until(d -> perSecondChartSum() > chartBefore);
        assertThat(browser.findElement(By.id("mobile")).getText()).endsWith("%");
        assertThat(browser.findElement(By.id("versus-basis")).getText()).as("what the screen compares with")
                .isEqualTo("2019 at 1:100,000");
        assertThat(browser.findElement(By.id("brands-note")).isDisplayed()).isFalse();
        assertThat(citiesDrawn()).isNotEmpty().allMatch(OrderEvents.CITIES::contains);
        // Brands carry the names their stores were announced with; the page draws the operators' ranking as it is.
        wait.until(d -> {
            try {
                String ranking = Http.send(CounterApp.base(counter), "GET", "/api/gmv/top/brand?limit=100", operator, null).body();
                return BRANDS.stream().allMatch(name -> ranking.contains("\"label\":\"" + name + "\""));
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(brandsDrawn()).isNotEmpty();
        // Countries by name with their code, never a bare ISO code.
        wait.until(d -> !countriesDrawn().isEmpty());
        assertThat(countriesDrawn()).allMatch(label -> label.matches(".+ \\([A-Z]{2}\\)"), "a name and its code")
                .anyMatch(label -> label.startsWith("Germany") || label.startsWith("Japan") || label.startsWith("United States"));
        // The day runs on a continuous festival-time axis from midnight (Beijing) to the next.
        wait.until(d -> "time".equals(script("return window.festivalCharts['day-curve'].getOption().xAxis[0].type;")));
        long midnight = java.time.LocalDate.of(Year.now(FestivalClock.BEIJING).getValue(), 11, 11)
                .atStartOfDay(FestivalClock.BEIJING).toInstant().toEpochMilli();
        assertThat(((Number) script("return window.festivalCharts['day-curve'].getOption().xAxis[0].min;")).longValue())
                .isEqualTo(midnight);
        assertThat(((Number) script("return window.festivalCharts['day-curve'].getOption().xAxis[0].max;")).longValue())
                .isEqualTo(midnight + 24 * 3600 * 1000L);

        // A new page starts at the true total: its first figure is the whole GMV, not a count up from zero.
        browser.get("about:blank");
        browser.get(CounterApp.base(counter) + "/dashboard");
        wait.until(d -> !"–".equals(d.findElement(By.id("version")).getText()));
        assertThat(browser.findElement(By.id("gmv")).getText()).isEqualTo(expectedTicker);

        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void withoutATokenThePageShowsThePublicFiguresAndNoBrands() {
        browser.get("about:blank");
        browser.get(CounterApp.base(counter) + "/dashboard");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); location.reload();");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> "live".equals(d.findElement(By.id("connection")).getText()));
        wait.until(d -> d.findElement(By.id("brands-note")).isDisplayed());
        assertThat(browser.findElement(By.id("gmv")).getText()).startsWith("¥");
    }

    /** One wall screen: at 1920x1080 nothing scrolls, and at 1366x768 every panel and its title is still whole. */
    @Test
    void theScreenFitsAWallAndALaptopWithoutScrollingOrClippedTitles() {
        try {
            for (org.openqa.selenium.Dimension size : List.of(new org.openqa.selenium.Dimension(1920, 1080),
                    new org.openqa.selenium.Dimension(1366, 768))) {
                // The viewport, not the window, is the screen: the window is grown by the browser's own frame.
                browser.manage().window().setSize(size);
                long frameWidth = ((Number) script("return window.outerWidth - window.innerWidth;")).longValue();
                long frameHeight = ((Number) script("return window.outerHeight - window.innerHeight;")).longValue();
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(
                        size.getWidth() + (int) frameWidth, size.getHeight() + (int) frameHeight));
                assertThat(((Number) script("return window.innerHeight;")).intValue()).isEqualTo(size.getHeight());
                browser.get("about:blank");
                browser.get(CounterApp.base(counter) + "/dashboard");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                wait.until(d -> "live".equals(d.findElement(By.id("connection")).getText()));
                String at = size.getWidth() + "x" + size.getHeight();
                assertThat(((Number) script("return document.documentElement.scrollHeight - window.innerHeight;")).intValue())
                        .as(at + ": vertical overflow").isLessThanOrEqualTo(0);
                assertThat(((Number) script("return document.documentElement.scrollWidth - window.innerWidth;")).intValue())
                        .as(at + ": horizontal overflow").isLessThanOrEqualTo(0);
                @SuppressWarnings("unchecked")
                List<String> cut = (List<String>) script("""
                        return [...document.querySelectorAll('.panel, .panel h2, footer')].filter(e => {
                          const r = e.getBoundingClientRect();
                          return r.bottom > window.innerHeight + 1 || r.right > window.innerWidth + 1 || r.height < 10
                              || (e.tagName === 'H2' && e.scrollWidth > e.clientWidth);
                        }).map(e => e.tagName + ' ' + (e.id || e.textContent.slice(0, 40)));""");
                assertThat(cut).as(at + ": panels or titles cut off").isEmpty();
                Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(shot, Path.of("target", "dashboard-" + at + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1600, 1500));
        }
    }

    private static Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    private static double perSecondChartSum() {
        Object sum = ((JavascriptExecutor) browser).executeScript(
                "return window.festivalCharts['per-second'].getOption().series[0].data.reduce((a, p) => a + p[1], 0);");
        return ((Number) sum).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> countriesDrawn() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return window.festivalCharts.countries.getOption().yAxis[0].data;");
    }

    @SuppressWarnings("unchecked")
    private static List<String> brandsDrawn() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return window.festivalCharts.brands.getOption().yAxis[0].data;");
    }

    @SuppressWarnings("unchecked")
    private static List<String> citiesDrawn() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return window.festivalCharts.cities.getOption().yAxis[0].data;");
    }
}

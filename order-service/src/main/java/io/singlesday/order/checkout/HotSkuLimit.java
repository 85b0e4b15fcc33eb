package io.singlesday.order.checkout;

import com.alibaba.csp.sentinel.Entry;
import com.alibaba.csp.sentinel.EntryType;
import com.alibaba.csp.sentinel.SphU;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRuleManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hot-item protection, with Alibaba Sentinel's hot-parameter flow control: each SKU starts at most
 * {@code checkoutsPerSecond} new checkouts per second on this instance. A checkout with a SKU past its limit is
 * refused with 429, Retry-After and the SKU named, before anything is written, so the rush on one product cannot
 * take every saga, reply consumer and row lock from the checkouts of all the others. Only new checkouts are
 * counted: a retry of a placed one is answered by its idempotency key first. The counters live in Sentinel's
 * bounded LRU per rule, so a catalog of millions of SKUs costs memory only for the ones being bought.
 */
@Component
public class HotSkuLimit implements DisposableBean {

    static {
        // Sentinel writes its block log under ~/logs/csp and ~/logs/eagleeye unless told otherwise; a service has no
        // business in the user's home. Set before any Sentinel class initialises; an explicit setting wins.
        java.nio.file.Path logs = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "sentinel-order-service");
        if (System.getProperty("csp.sentinel.log.dir") == null) {
            System.setProperty("csp.sentinel.log.dir", logs.toString());
        }
        if (System.getProperty("EAGLEEYE.LOG.PATH") == null) {
            System.setProperty("EAGLEEYE.LOG.PATH", logs.resolve("eagleeye").toString() + java.io.File.separator);
        }
    }

    /** Sentinel's rules are global to the JVM; each limit (tests start several) keeps its own resource and rule. */
    private static final Map<String, ParamFlowRule> RULES = new ConcurrentHashMap<>();
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String resource = "order.checkout.sku#" + INSTANCES.incrementAndGet();
    private final Counter refused;
    private volatile int checkoutsPerSecond;

    public HotSkuLimit(@Value("${order.hot-sku.checkouts-per-second:20}") int checkoutsPerSecond, MeterRegistry meters) {
        if (checkoutsPerSecond < 1) {
            throw new IllegalArgumentException("order.hot-sku.checkouts-per-second (ORDER_HOT_SKU_CHECKOUTS_PER_SECOND) must be at "
                    + "least 1, not " + checkoutsPerSecond);
        }
        this.refused = Counter.builder("festival.orders.checkout.hot.sku.refused")
                .description("new checkouts refused because one of their SKUs was past its per-second limit").register(meters);
        limitTo(checkoutsPerSecond);
    }

    /** What an operator sees: the limit in force on this instance and how many checkouts it refused since start. */
    public record Setting(int checkoutsPerSecond, long refusedSinceStart) {
    }

    public Setting setting() {
        return new Setting(checkoutsPerSecond, (long) refused.count());
    }

    /** Changes this instance's limit at once (Sentinel's rules are live); a restart returns to the configured one. */
    public synchronized Setting limitTo(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("the hot-SKU limit must be at least 1 checkout per second, not " + perSecond);
        }
        checkoutsPerSecond = perSecond;
        RULES.put(resource, new ParamFlowRule(resource).setParamIdx(0).setGrade(RuleConstant.FLOW_GRADE_QPS)
                .setCount(perSecond).setDurationInSec(1));
        ParamFlowRuleManager.loadRules(List.copyOf(RULES.values()));
        return setting();
    }

    /** Counts one new checkout for each SKU, or throws a 429 problem naming the first SKU past its limit. */
    public void admit(Collection<UUID> skuIds) {
        for (UUID sku : skuIds) {
            Entry entry = null;
            try {
                entry = SphU.entry(resource, EntryType.IN, 1, sku.toString());
            } catch (BlockException hot) {
                refused.increment();
                ApiProblem busy = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "SKU " + sku + " is selling faster than "
                        + checkoutsPerSecond + " new checkouts a second can start; nothing was placed. Retry after 1 s with "
                        + "the same Idempotency-Key", Map.of("skuId", sku.toString()));
                busy.getHeaders().set("Retry-After", "1");
                throw busy;
            } finally {
                if (entry != null) {
                    entry.exit(1, sku.toString());
                }
            }
        }
    }

    @Override
    public synchronized void destroy() {
        RULES.remove(resource);
        ParamFlowRuleManager.loadRules(List.copyOf(RULES.values()));
    }
}

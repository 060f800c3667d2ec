package dev.fleetota.promotion;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Frees idempotency keys older than {@code fleetota.promotion.idempotency-retention}; the promotions stay. */
@Component
class IdempotencyKeyExpiry {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyExpiry.class);

    private final PromotionStore store;

    private final PromotionProperties properties;

    private final Clock clock;

    IdempotencyKeyExpiry(PromotionStore store, PromotionProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${fleetota.promotion.key-expiry-interval:PT1H}", initialDelayString = "PT5M")
    @Transactional
    public int expire() {
        int freed = store.expireKeys(clock.instant().minus(properties.idempotencyRetention()));
        if (freed > 0) {
            log.info("Freed {} idempotency key(s) older than {}", freed, properties.idempotencyRetention());
        }
        return freed;
    }

}

package dev.fleetota.rollout;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostCommitUpdateEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.persister.entity.EntityPersister;

import org.springframework.stereotype.Component;

/**
 * Tells {@link RolloutVersions} when this instance has committed a change of a rollout. Every change of a rollout
 * goes through JPA (it raises the {@code @Version}), so a Hibernate post-commit update listener sees them all.
 */
@Component
class RolloutChanges implements PostCommitUpdateEventListener {

    private final RolloutVersions versions;

    RolloutChanges(EntityManagerFactory entityManagers, RolloutVersions versions) {
        this.versions = versions;
        entityManagers.unwrap(SessionFactoryImplementor.class)
            .getEventListenerRegistry()
            .appendListeners(EventType.POST_COMMIT_UPDATE, this);
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        if (event.getEntity() instanceof Rollout rollout) {
            versions.changed(rollout.getId());
        }
    }

    @Override
    public void onPostUpdateCommitFailed(PostUpdateEvent event) {
        // nothing changed
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return Rollout.class.equals(persister.getMappedClass());
    }

}

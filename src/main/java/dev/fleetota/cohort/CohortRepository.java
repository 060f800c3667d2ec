package dev.fleetota.cohort;

import org.springframework.data.jpa.repository.JpaRepository;

interface CohortRepository extends JpaRepository<Cohort, Long> {

    boolean existsByName(String name);

    boolean existsByNameAndIdNot(String name, long id);

}

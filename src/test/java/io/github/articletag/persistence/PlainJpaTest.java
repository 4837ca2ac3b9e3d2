package io.github.articletag.persistence;

import io.github.articletag.domain.Article;
import io.github.articletag.domain.Tag;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The entities through nothing but the Jakarta Persistence API: Persistence, EntityManager, JPQL. */
@ExtendWith(TestDatabaseExtension.class)
class PlainJpaTest {

    @Test
    void theSampleScenarioWorksThroughAnEntityManager(TestDatabase db) throws SQLException {
        PersistenceConfiguration configuration =
                Database.configuration(db.settings(), ServerVersion.probe(db.settings()));

        try (EntityManagerFactory factory = Persistence.createEntityManagerFactory(configuration)) {
            factory.runInTransaction(entityManager -> SampleData.create().forEach(entityManager::persist));

            try (EntityManager entityManager = factory.createEntityManager()) {
                Tag tag2 = entityManager.createQuery(
                                "select t from Tag t left join fetch t.articles where t.name = :name", Tag.class)
                        .setParameter("name", "tag2")
                        .getSingleResult();
                assertEquals(Set.of("article1", "article2"),
                        tag2.getArticles().stream().map(Article::getTitle).collect(Collectors.toSet()));
            }
        }
        assertEquals(List.of(List.of(1, 1), List.of(1, 2), List.of(2, 1), List.of(2, 2)),
                TaggingLifecycleTest.links(db));
    }
}

package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceConfiguration;
import org.hibernate.LazyInitializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
                // The tag's side is not mapped (see Tag.articles): queries go from the article's side.
                List<Article> tagged = entityManager.createQuery(
                                "select a from Article a join a.tags t where t.name = :name", Article.class)
                        .setParameter("name", "tag2")
                        .getResultList();
                assertEquals(Set.of("article1", "article2"),
                        tagged.stream().map(Article::getTitle).collect(Collectors.toSet()));
                Tag tag2 = entityManager.find(Tag.class, 2);
                assertFalse(tag2.areArticlesLoaded());
                assertThrows(LazyInitializationException.class, tag2::getArticles);
            }
        }
        assertEquals(List.of(List.of(1, 1), List.of(1, 2), List.of(2, 1), List.of(2, 2)),
                db.links());
    }
}

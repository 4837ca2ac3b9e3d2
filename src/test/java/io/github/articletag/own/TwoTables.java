package io.github.articletag.own;

import io.github.articletag.Taggable;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Table;

/** A tagged type whose rows span two tables (JOINED inheritance), which the library refuses by name. */
public final class TwoTables {

    private TwoTables() {
    }

    /** The root, on its own table. */
    @Entity
    @Table(name = "note")
    @Inheritance(strategy = InheritanceType.JOINED)
    public static class Note extends Taggable {

        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        private Long id;

        public Long getId() {
            return id;
        }
    }

    /** A subclass, with a table of its own joined to the root's. */
    @Entity
    @Table(name = "memo")
    public static class Memo extends Note {

        private String text;

        public String getText() {
            return text;
        }
    }
}

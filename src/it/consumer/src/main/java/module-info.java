/** The consumer as a named module: it compiles only if the library's module exports what a user needs. */
module example.consumer {
    requires io.github.articletag;
}

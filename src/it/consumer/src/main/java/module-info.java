/** The consumer as a named module: proves that the library's module exports what a user needs, and works so. */
module example.consumer {
    requires io.github.articletag;
}

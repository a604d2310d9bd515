"""Developer tools that are not part of the site build: the synthetic corpus and the benchmark."""

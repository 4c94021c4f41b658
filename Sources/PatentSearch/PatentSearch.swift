// The patent query language and the positional inverted index (issue 6). Placeholder until the first real file lands.

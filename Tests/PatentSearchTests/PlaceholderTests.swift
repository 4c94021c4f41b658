// Replaced by the query-language and index tests.

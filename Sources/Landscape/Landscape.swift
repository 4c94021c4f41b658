// Landscapes: taxonomies, corpus analytics and reports (issue 6). Placeholder until the first real file lands.

// TextAnalysis module.

// PatentClassification module.
